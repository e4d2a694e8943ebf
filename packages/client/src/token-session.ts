import type { Middleware } from 'openapi-fetch';
import type { VaultClient } from './client.js';
import { VaultInputError } from './errors.js';
import { operationDescriptors } from './generated/operations.js';
import { isObjectArgument } from './guards.js';
import type { OperationDescriptor } from './operation-types.js';

export interface TokenSessionOptions {
  /** The client that obtains the tokens. */
  client: Pick<VaultClient, 'confirmPhoneNumber'>;
  number: string;
  password: string;
  /** A token counts as expired this many seconds before its `expires_in` says, so none expires in flight. 30 by default. */
  skewSeconds?: number;
  /** The clock, in milliseconds since the epoch; `Date.now` by default. */
  now?: () => number;
}

export interface TokenSession {
  /**
   * A valid access token: the one kept, or a new one from `confirmPhoneNumber` once it has expired. Concurrent callers
   * share one request; a failed request rejects them all with its `VaultError` and is not kept.
   */
  getAccessToken(): Promise<string>;
  /** A new token, after a resource refused `refused`: dropped unless another call already replaced it. */
  renewAccessToken(refused: string): Promise<string>;
  /**
   * openapi-fetch middleware for the clients of protected Vault resources: it sends `Authorization: Bearer <token>`,
   * and when a resource answers 401 it gets a new token and retries the request once. Register it after any middleware
   * that replaces the Request, so that the retry is the request as sent.
   */
  readonly middleware: Middleware;
}

const defaultSkewSeconds = 30;

/** The operations of `descriptors` that ask for no token, as `METHOD /path`. */
export function publicOperationsOf(descriptors: Record<string, OperationDescriptor>): ReadonlySet<string> {
  return new Set(
    Object.values(descriptors)
      .filter(({ bearer }) => bearer !== true)
      .map(({ method, path }) => `${method} ${path}`),
  );
}

/** The Vault spec's: the token operation is one. */
const publicOperations = publicOperationsOf(operationDescriptors);

export function createTokenSession(options: TokenSessionOptions): TokenSession {
  if (!isObjectArgument(options)) {
    throw new VaultInputError('options', 'createTokenSession takes an options object: { client, number, password }');
  }
  const { client, number, password, skewSeconds = defaultSkewSeconds, now = Date.now } = options;
  // Checked now: later, a call on what is not a client would reject with a TypeError, not a VaultError.
  if (typeof client?.confirmPhoneNumber !== 'function') {
    throw new VaultInputError('client', 'client must be a Vault client, such as createVaultClient()');
  }
  if (!(skewSeconds >= 0 && Number.isFinite(skewSeconds))) {
    throw new VaultInputError('skewSeconds', 'skewSeconds must be a finite number of seconds, 0 or more');
  }
  if (typeof now !== 'function') {
    throw new VaultInputError('now', 'now must be a function that returns milliseconds since the epoch');
  }
  let kept: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function requestToken(): Promise<string> {
    // The lifetime counts from the request, not the answer: the token may be older than it looks.
    const requestedAt = now();
    const { access_token, expires_in } = await client.confirmPhoneNumber({ number, password });
    // A token that lives less than twice the skew is kept for half its life, or every call would fetch a new one.
    const margin = Math.min(skewSeconds, expires_in / 2);
    kept = { token: access_token, expiresAt: requestedAt + (expires_in - margin) * 1000 };
    return access_token;
  }

  function getAccessToken(): Promise<string> {
    if (kept !== undefined && now() < kept.expiresAt) return Promise.resolve(kept.token);
    pending ??= requestToken().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  /** Drops the token a resource refused, unless another request already replaced it, and gets a valid one. */
  function renewAccessToken(refused: string): Promise<string> {
    if (kept?.token === refused) kept = undefined;
    return getAccessToken();
  }

  // fetch() consumes a Request's body, so the retry needs a copy made before sending.
  const unsentCopies = new WeakMap<Request, { copy: Request; token: string }>();

  const middleware: Middleware = {
    async onRequest({ request, schemaPath }) {
      // The token call is public; authorizing it would wait on itself if this middleware is on the Vault client.
      if (publicOperations.has(`${request.method} ${schemaPath}`)) return undefined;
      const token = await getAccessToken();
      request.headers.set('Authorization', `Bearer ${token}`);
      unsentCopies.set(request, { copy: request.clone(), token });
      return request;
    },
    async onResponse({ request, response, options: { fetch } }) {
      const unsent = unsentCopies.get(request);
      if (response.status !== 401 || unsent === undefined) return undefined;
      // The refused answer is replaced: release its connection.
      await response.body?.cancel();
      const token = await renewAccessToken(unsent.token);
      unsent.copy.headers.set('Authorization', `Bearer ${token}`);
      return fetch(unsent.copy);
    },
  };

  return { getAccessToken, renewAccessToken, middleware };
}
