// The error catalogue: every `error` code an ErrorResponse can carry, as the spec lists it in an extension at its root.
// One reader for every package that uses it: the docs list it, the mock takes its errorIds from it.

/** The extension, at the document's root, that lists every error code. */
export const errorsExtension = 'x-vault-errors';

/** One `error` code of an ErrorResponse: what it means, what the caller does next, and who sends it. */
export interface ErrorCode {
  /** The ErrorResponse's `error`, such as `VALIDATION`. */
  error: string;
  /** The ErrorResponse's `errorId`: one number per code. */
  errorId: number;
  /** The HTTP status it comes with. */
  status: number;
  /** What went wrong, in a sentence. */
  meaning: string;
  /** What the caller should do about it, in a sentence. */
  nextStep: string;
  /** Only the mock sends it, about a request the API would answer otherwise or never see; the API sends the rest. */
  mockOnly: boolean;
}

const fields = ['error', 'errorId', 'status', 'meaning', 'nextStep', 'mockOnly'] as const;

/** Each field's rule, as the sentence that says what it must be. */
const rules: Record<keyof ErrorCode, [holds: (value: unknown) => boolean, what: string]> = {
  error: [(value) => typeof value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(value), 'a code in UPPER_SNAKE_CASE'],
  errorId: [(value) => Number.isInteger(value) && (value as number) >= 0, 'a whole number, 0 or more'],
  status: [
    (value) => Number.isInteger(value) && (value as number) >= 400 && (value as number) <= 599,
    'an HTTP error status, 400 to 599',
  ],
  meaning: [(value) => typeof value === 'string' && value.trim() !== '', 'a sentence'],
  nextStep: [(value) => typeof value === 'string' && value.trim() !== '', 'a sentence'],
  mockOnly: [(value) => typeof value === 'boolean', 'true or false'],
};

/**
 * Reads the extension's value, refusing a missing or malformed one so that a spec mistake is loud, not ignored:
 * every entry needs every field, and no two share an `error` or an `errorId`. `where` names the document in the error.
 */
export function parseErrorCatalogue(declared: unknown, where: string): ErrorCode[] {
  if (!Array.isArray(declared)) throw new Error(`${where}: ${errorsExtension} is not a list`);
  const firstIndex = { error: new Map<unknown, number>(), errorId: new Map<unknown, number>() };
  return declared.map((entry: unknown, index) => {
    const at = `${where}: ${errorsExtension}[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error(`${at} is not an object`);
    const record = entry as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !(fields as readonly string[]).includes(key));
    if (unknown.length > 0) throw new Error(`${at} has unknown fields: ${unknown.join(', ')}`);
    for (const field of fields) {
      const [holds, what] = rules[field];
      if (!holds(record[field]))
        throw new Error(`${at}.${field} must be ${what}, not ${JSON.stringify(record[field])}`);
    }
    for (const [key, seen] of Object.entries(firstIndex)) {
      if (seen.has(record[key]))
        throw new Error(`${at}.${key} ${record[key]} is already ${errorsExtension}[${seen.get(record[key])}]'s`);
      seen.set(record[key], index);
    }
    const { error, errorId, status, meaning, nextStep, mockOnly } = record as unknown as ErrorCode;
    return { error, errorId, status, meaning, nextStep, mockOnly };
  });
}

/** The catalogue of a bundled document (`readBundledSpec()`, or any other), refused when missing or malformed. */
export const errorCatalogue = (document: unknown): ErrorCode[] =>
  parseErrorCatalogue((document as Record<string, unknown> | undefined)?.[errorsExtension], 'the OpenAPI document');
