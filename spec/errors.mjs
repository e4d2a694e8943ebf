// The error catalogue: every `error` code an ErrorResponse can carry, as the spec lists it in an extension at its root.
// One reader for every package that uses it: the docs list it, the mock takes its errorIds from it.

/** The extension, at the document's root, that lists every error code. */
export const errorsExtension = 'x-vault-errors';

const fields = ['error', 'errorId', 'status', 'meaning', 'nextStep', 'mockOnly'];

/** Each field's rule, as the sentence that says what it must be. */
const rules = {
  error: [(value) => typeof value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(value), 'a code in UPPER_SNAKE_CASE'],
  errorId: [(value) => Number.isInteger(value) && value >= 0, 'a whole number, 0 or more'],
  status: [(value) => Number.isInteger(value) && value >= 400 && value <= 599, 'an HTTP error status, 400 to 599'],
  meaning: [(value) => typeof value === 'string' && value.trim() !== '', 'a sentence'],
  nextStep: [(value) => typeof value === 'string' && value.trim() !== '', 'a sentence'],
  mockOnly: [(value) => typeof value === 'boolean', 'true or false'],
};

/**
 * Reads the extension's value, refusing a missing or malformed one so that a spec mistake is loud, not ignored:
 * every entry needs every field, and no two share an `error` or an `errorId`. `where` names the document in the error.
 */
export function parseErrorCatalogue(declared, where) {
  if (!Array.isArray(declared)) throw new Error(`${where}: ${errorsExtension} is not a list`);
  const firstIndex = { error: new Map(), errorId: new Map() };
  return declared.map((entry, index) => {
    const at = `${where}: ${errorsExtension}[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error(`${at} is not an object`);
    const unknown = Object.keys(entry).filter((key) => !fields.includes(key));
    if (unknown.length > 0) throw new Error(`${at} has unknown fields: ${unknown.join(', ')}`);
    for (const field of fields) {
      const [holds, what] = rules[field];
      if (!holds(entry[field])) throw new Error(`${at}.${field} must be ${what}, not ${JSON.stringify(entry[field])}`);
    }
    for (const [key, seen] of Object.entries(firstIndex)) {
      if (seen.has(entry[key]))
        throw new Error(`${at}.${key} ${entry[key]} is already ${errorsExtension}[${seen.get(entry[key])}]'s`);
      seen.set(entry[key], index);
    }
    const { error, errorId, status, meaning, nextStep, mockOnly } = entry;
    return { error, errorId, status, meaning, nextStep, mockOnly };
  });
}

/** The catalogue of a bundled document (`readBundledSpec()`, or any other), refused when missing or malformed. */
export const errorCatalogue = (document) => parseErrorCatalogue(document?.[errorsExtension], 'the OpenAPI document');
