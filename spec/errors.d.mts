/** The extension, at the document's root, that lists every error code. */
export declare const errorsExtension = 'x-vault-errors';

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

/**
 * Reads the extension's value, refusing a missing or malformed one so that a spec mistake is loud, not ignored:
 * every entry needs every field, and no two share an `error` or an `errorId`. `where` names the document in the error.
 */
export declare function parseErrorCatalogue(declared: unknown, where: string): ErrorCode[];

/** The catalogue of a bundled document (`readBundledSpec()`, or any other), refused when missing or malformed. */
export declare function errorCatalogue(document: unknown): ErrorCode[];
