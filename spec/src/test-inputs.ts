// The operations' documented test inputs (Stripe-style magic values), as the spec lists them in an extension. One
// reader for every package that uses them: the mock answers them, the docs list them.

/** The extension that lists an operation's test inputs. */
export const testInputsExtension = 'x-vault-test-inputs';

/** One documented test input: a request whose fields equal `given` is answered with the named example. */
export interface TestInput {
  description: string;
  given: Record<string, string>;
  status: number;
  example: string;
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && Object.values(value).every((item) => typeof item === 'string');

/**
 * Reads the extension's value (undefined when the operation has none), refusing a malformed one so that a spec mistake
 * is loud, not ignored. `where` names the operation in the error.
 */
export function parseTestInputs(declared: unknown, where: string): TestInput[] {
  if (declared === undefined) return [];
  if (!Array.isArray(declared)) throw new Error(`${where}: ${testInputsExtension} is not a list`);
  return declared.map((entry: unknown, index) => {
    const { description, given, status, example } = (entry ?? {}) as Record<string, unknown>;
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
