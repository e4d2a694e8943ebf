import type { ErrorResponse } from './types.js';

export type VaultErrorKind = VaultClientError['kind'];

/**
 * The base of every error the client throws: catch it, then switch on `kind` (or test `instanceof` a subclass).
 * No error holds the password, in its message, its properties or its `cause` chain.
 */
export abstract class VaultError extends Error {
  abstract readonly kind: string;
}

/** What a call went through before it failed: how many requests it sent, and the server's id of the last answer. */
export interface AttemptDetails {
  /** The requests sent, retries included. */
  attempts: number;
  /** The last answer's request id (`X-Request-Id`, or the header the spec documents), to quote to the API's support. */
  requestId?: string | undefined;
}

const firstAttempt: AttemptDetails = { attempts: 1 };

/** ` (request id abc; 3 attempts)`, or nothing for one attempt without a request id. */
function detailsText({ attempts, requestId }: AttemptDetails): string {
  const parts = [requestId === undefined ? '' : `request id ${requestId}`, attempts > 1 ? `${attempts} attempts` : '']
    .filter((part) => part !== '')
    .join('; ');
  return parts === '' ? '' : ` (${parts})`;
}

/** The API answered 4xx/5xx with a documented `ErrorResponse`. */
export class VaultApiError extends VaultError {
  override readonly name = 'VaultApiError';
  readonly kind = 'api';
  readonly attempts: number;
  readonly requestId: string | undefined;

  constructor(
    readonly status: number,
    readonly body: ErrorResponse,
    details: AttemptDetails = firstAttempt,
  ) {
    super(
      `Vault API answered ${status} ${body.error} (errorId ${body.errorId}): ${body.message}${detailsText(details)}`,
    );
    this.attempts = details.attempts;
    this.requestId = details.requestId;
  }
}

/** Where a `VaultResponseError` came from, and what it got: enough to tell a wrong `baseUrl` or a proxy's page. */
export interface ResponseContext {
  method: string;
  url: string;
  /** The answer's `Content-Type`; undefined when it had none. */
  contentType: string | undefined;
  /** The body as text, with the secrets already removed. */
  body: string;
}

const excerptLength = 200;

/** The API answered, but its body is not JSON or not the documented shape for its status. */
export class VaultResponseError extends VaultError {
  override readonly name = 'VaultResponseError';
  readonly kind = 'invalid-response';
  readonly method: string;
  readonly url: string;
  readonly contentType: string | undefined;
  /**
   * The body's first 200 characters, password removed. Undefined for a 2xx: a body there may be a token in a shape
   * the client does not read, and an error message is no place for a token.
   */
  readonly bodyExcerpt: string | undefined;
  readonly attempts: number;
  readonly requestId: string | undefined;

  constructor(
    readonly status: number,
    /** What the body should have been: `ErrorResponse`, `TokenResponse`, or `body` for any other documented success. */
    readonly expected: string,
    { method, url, contentType, body }: ResponseContext,
    details: AttemptDetails = firstAttempt,
  ) {
    const bodyExcerpt = status >= 200 && status < 300 ? undefined : body.slice(0, excerptLength);
    const quoted =
      bodyExcerpt === undefined
        ? 'not quoted, as a 2xx body may hold a token'
        : `${JSON.stringify(bodyExcerpt)}${body.length > excerptLength ? '…' : ''}`;
    super(
      `Vault API answered ${status} to ${method} ${url} with a body that is not a JSON ${expected} ` +
        `(${contentType ?? 'no Content-Type'}): ${quoted}${detailsText(details)}`,
    );
    this.attempts = details.attempts;
    this.requestId = details.requestId;
    this.method = method;
    this.url = url;
    this.contentType = contentType;
    this.bodyExcerpt = bodyExcerpt;
  }
}

/** The request did not get an answer: DNS, connection, TLS, or a body cut short. `cause` is a redacted copy. */
export class VaultNetworkError extends VaultError {
  override readonly name = 'VaultNetworkError';
  readonly kind = 'network';

  constructor(
    readonly url: string,
    cause: Error,
    readonly attempts = 1,
  ) {
    super(`Could not reach the Vault API at ${url}: ${messagesOf(cause).join(': ')}${detailsText({ attempts })}`, {
      cause,
    });
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

  constructor(
    readonly timeoutMs: number,
    readonly attempts = 1,
  ) {
    super(`The Vault API did not answer within ${timeoutMs} ms${detailsText({ attempts })}`);
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
  | 'credentials'
  | 'number'
  | 'password'
  | 'options'
  | 'signal'
  | 'merchantId'
  | 'baseUrl'
  | 'timeoutMs'
  | 'headers'
  | 'fetch'
  | 'client'
  | 'skewSeconds'
  | 'now'
  | 'session'
  | 'maxRetries'
  | 'retryTiming'
  | 'input';

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
