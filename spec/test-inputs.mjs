// The operations' documented test inputs (Stripe-style magic values), as the spec lists them in an extension. One
// reader for every package that uses them: the mock answers them, the docs list them.

/** The extension that lists an operation's test inputs. */
export const testInputsExtension = 'x-vault-test-inputs';

const isStringRecord = (value) =>
  typeof value === 'object' && value !== null && Object.values(value).every((item) => typeof item === 'string');

/**
 * Reads the extension's value (undefined when the operation has none), refusing a malformed one so that a spec mistake
 * is loud, not ignored. `where` names the operation in the error.
 */
export function parseTestInputs(declared, where) {
  if (declared === undefined) return [];
  if (!Array.isArray(declared)) throw new Error(`${where}: ${testInputsExtension} is not a list`);
  return declared.map((entry, index) => {
    const { description, given, status, example } = entry ?? {};
    const code = Number(status);
    if (
      typeof description !== 'string' ||
      !isStringRecord(given) ||
      !Number.isInteger(code) ||
      typeof example !== 'string'
    ) {
      throw new Error(`${where}: ${testInputsExtension}[${index}] needs description, given, status and example`);
    }
    return { description, given, status: code, example };
  });
}
