import type { ErrorResponse } from './types.js';

export type VaultErrorKind = VaultClientError['kind'];

/**
 * The base of every error the client throws: catch it, then switch on `kind` (or test `instanceof` a subclass).
 * No error holds the password, in its message, its properties or its `cause` chain.
 */
export abstract class VaultError extends Error {
  abstract readonly kind: string;
}

/** The API answered 4xx/5xx with a documented `ErrorResponse`. */
export class VaultApiError extends VaultError {
  override readonly name = 'VaultApiError';
  readonly kind = 'api';

  constructor(
    readonly status: number,
    readonly body: ErrorResponse,
  ) {
    super(`Vault API answered ${status} ${body.error} (errorId ${body.errorId}): ${body.message}`);
  }
}

/** The API answered, but its body is not JSON or not the documented shape for its status. */
export class VaultResponseError extends VaultError {
  override readonly name = 'VaultResponseError';
  readonly kind = 'invalid-response';

  constructor(
    readonly status: number,
    readonly expected: 'TokenResponse' | 'ErrorResponse',
  ) {
    super(`Vault API answered ${status} with a body that is not a JSON ${expected}`);
  }
}

/** The request did not get an answer: DNS, connection, TLS, or a body cut short. `cause` is a redacted copy. */
export class VaultNetworkError extends VaultError {
  override readonly name = 'VaultNetworkError';
  readonly kind = 'network';

  constructor(
    readonly url: string,
    cause: Error,
  ) {
    super(`Could not reach the Vault API at ${url}: ${messagesOf(cause).join(': ')}`, { cause });
  }
}

// `fetch failed` alone does not say why: the reason (`connect ECONNREFUSED ...`) is in its cause.
function messagesOf(error: Error): string[] {
  return error.cause instanceof Error ? [error.message, ...messagesOf(error.cause)] : [error.message];
}

/** No answer within the client's `timeoutMs`. */
export class VaultTimeoutError extends VaultError {
  override readonly name = 'VaultTimeoutError';
  readonly kind = 'timeout';

  constructor(readonly timeoutMs: number) {
    super(`The Vault API did not answer within ${timeoutMs} ms`);
  }
}

/** The caller's `signal` aborted the call. */
export class VaultAbortError extends VaultError {
  override readonly name = 'VaultAbortError';
  readonly kind = 'aborted';

  constructor() {
    super('The call to the Vault API was aborted by its caller');
  }
}

/** The option or argument that `VaultInputError` rejects. */
export type VaultInputField =
  | 'number'
  | 'password'
  | 'merchantId'
  | 'baseUrl'
  | 'timeoutMs'
  | 'headers'
  | 'skewSeconds';

/** What the caller passed cannot make a valid request; nothing was sent. */
export class VaultInputError extends VaultError {
  override readonly name = 'VaultInputError';
  readonly kind = 'invalid-input';

  constructor(
    readonly field: VaultInputField,
    message: string,
  ) {
    super(message);
  }
}

/** Every error the client throws, discriminated by `kind`. */
export type VaultClientError =
  | VaultApiError
  | VaultResponseError
  | VaultNetworkError
  | VaultTimeoutError
  | VaultAbortError
  | VaultInputError;

/** Narrows a caught value to the client's errors, for a `switch (error.kind)`. */
export function isVaultError(error: unknown): error is VaultClientError {
  return error instanceof VaultError;
}

/** Removes a (non-empty) secret from text, in each form it travels in: as is, percent-encoded and form-encoded. */
export type Redact = (text: string) => string;

export function redactorOf(secret: string): Redact {
  const forms = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]);
  return (text) => {
    let redacted = text;
    for (const form of forms) redacted = redacted.replaceAll(form, '[REDACTED]');
    return redacted;
  };
}

/** A copy of a parsed JSON value with the secret removed from every string in it (a server may echo what it got). */
export function redactJson<T>(value: T, redact: Redact): T {
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
    typeof item === 'string' ? redact(item) : item,
  ) as T;
}

const maxCauseDepth = 4;

/**
 * A copy of a thrown value that keeps what helps debugging (name, message, code, stack, cause) with the secret removed.
 * The original is not kept: a fetch error may hold the Request, and with it the form body, in its properties.
 */
export function redactedCopy(thrown: unknown, redact: Redact, depth = 0): Error {
  if (!(thrown instanceof Error)) return new Error(redact(String(thrown)));
  const cause =
    thrown.cause !== undefined && depth < maxCauseDepth ? redactedCopy(thrown.cause, redact, depth + 1) : undefined;
  const copy = new Error(redact(thrown.message), cause === undefined ? undefined : { cause });
  copy.name = thrown.name;
  copy.stack = redact(thrown.stack ?? `${thrown.name}: ${thrown.message}`);
  const { code } = thrown as { code?: unknown };
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}
