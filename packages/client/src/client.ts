import createClient, { type Client, type PathBasedClient, wrapAsPathBasedClient } from 'openapi-fetch';
import {
  redactedCopy,
  redactJson,
  redactorOf,
  VaultAbortError,
  VaultApiError,
  VaultInputError,
  VaultNetworkError,
  VaultResponseError,
  VaultTimeoutError,
} from './errors.js';
import type { paths } from './generated/schema.js';
import { defaultMerchantId, phoneNumberPattern, serverUrl } from './generated/spec-values.js';
import { isErrorResponse, isTokenResponse } from './guards.js';
import type { PhoneConfirmationRequest, PhoneCredentials, TokenResponse } from './types.js';

/** The token operation's path. It is public: it needs no bearer token. */
export const confirmPhoneNumberPath = '/v2/mobile/phone/confirm' satisfies keyof paths;

const grantType: PhoneConfirmationRequest['grant_type'] = 'mobile_phone';

// Exactly this value: openapi-fetch (and many servers) take `...; charset=UTF-8` for another media type.
const formContentType = 'application/x-www-form-urlencoded';

// The spec's `format: uuid` for X-Merchant-ID.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Timers fire at once above this delay (with a warning), so a larger timeout would abort every call.
const maxTimeoutMs = 2 ** 31 - 1;

export interface VaultClientOptions {
  /** Where the API is served; the spec's sandbox server by default. */
  baseUrl?: string;
  /** The `X-Merchant-ID` header of every call; the spec's default value by default. */
  merchantId?: string;
  /** What sends the requests (openapi-fetch calls it with a `Request`); `globalThis.fetch` by default. */
  fetch?: (request: Request) => Promise<Response>;
  /** A high-level call with no answer after this many milliseconds fails with `VaultTimeoutError`; no limit by default. */
  timeoutMs?: number;
  /** Headers added to every request; the client's own (`Content-Type`, `X-Merchant-ID`) take precedence over them. */
  headers?: HeadersInit;
}

export interface CallOptions {
  /** Aborts the call, which then fails with `VaultAbortError`. */
  signal?: AbortSignal;
  /** The `X-Merchant-ID` header of this call, instead of the client's. */
  merchantId?: string;
}

export interface VaultClient {
  /** The openapi-fetch client, typed for every path of the spec, with this client's base URL, fetch and headers. */
  readonly api: Client<paths>;
  /**
   * The same client by path: `paths['/v2/mobile/phone/confirm'].POST(...)`. Prefer it in code that calls many
   * operations: TypeScript checks each `api.POST(path)` against every path of the spec, which grows with the square of
   * the spec's size (bench/pipeline: 90 s for 1,000 calls on a 1,000-operation spec, against 4 s by path).
   */
  readonly paths: PathBasedClient<paths>;
  /**
   * Exchanges a phone number and password for an access token. The body is form-encoded and `grant_type` added here.
   * Rejects only with a `VaultError` (see `VaultClientError` for the kinds), none of which holds the password.
   */
  confirmPhoneNumber(credentials: PhoneCredentials, options?: CallOptions): Promise<TokenResponse>;
}

export function createVaultClient(options: VaultClientOptions = {}): VaultClient {
  const baseUrl = options.baseUrl ?? serverUrl;
  if (!URL.canParse(baseUrl)) {
    throw new VaultInputError('baseUrl', `baseUrl must be an absolute URL, such as ${serverUrl}`);
  }
  const { username, password } = new URL(baseUrl);
  if (username !== '' || password !== '') {
    // fetch refuses such URLs, and its error would repeat the credentials.
    throw new VaultInputError('baseUrl', 'baseUrl must not contain a user name or password');
  }
  const merchantId = checkedMerchantId(options.merchantId ?? defaultMerchantId);
  const { timeoutMs } = options;
  if (timeoutMs !== undefined && !(timeoutMs >= 1 && timeoutMs <= maxTimeoutMs)) {
    throw new VaultInputError('timeoutMs', `timeoutMs must be a number of milliseconds from 1 to ${maxTimeoutMs}`);
  }
  const api = createClient<paths>({
    baseUrl,
    fetch: options.fetch ?? globalThis.fetch,
    headers: checkedHeaders(options.headers),
  });

  async function confirmPhoneNumber(
    { number, password }: PhoneCredentials,
    { signal: callerSignal, merchantId: callMerchantId }: CallOptions = {},
  ): Promise<TokenResponse> {
    if (!phoneNumberPattern.test(number)) {
      throw new VaultInputError('number', 'number must be in E.164 format: a + and up to 15 digits, nothing else');
    }
    if (typeof password !== 'string' || password === '') {
      throw new VaultInputError('password', 'password must be a non-empty string');
    }
    const merchantIdHeader = callMerchantId === undefined ? merchantId : checkedMerchantId(callMerchantId);
    if (callerSignal?.aborted) throw new VaultAbortError();
    const timeout = timeoutMs === undefined ? undefined : { ms: timeoutMs, signal: AbortSignal.timeout(timeoutMs) };
    const signals = [callerSignal, timeout?.signal].filter((signal) => signal !== undefined);

    const { data, error, response } = await api
      .POST(confirmPhoneNumberPath, {
        params: { header: { 'X-Merchant-ID': merchantIdHeader } },
        headers: { 'Content-Type': formContentType },
        body: { grant_type: grantType, number, password },
        // Explicit, rather than openapi-fetch's default that form-encodes only on an exact Content-Type match.
        bodySerializer: (body) => new URLSearchParams(body).toString(),
        // Parsed here, so that a body that is not JSON becomes a VaultResponseError with its status.
        parseAs: 'text',
        // Combined only when there are two: a Request that follows a signal costs ~10 µs more to build on Node 20.
        signal: signals.length > 1 ? AbortSignal.any(signals) : (signals[0] ?? null),
      })
      .catch((thrown: unknown) => {
        if (callerSignal?.aborted) throw new VaultAbortError();
        if (timeout?.signal.aborted) throw new VaultTimeoutError(timeout.ms);
        throw new VaultNetworkError(`${baseUrl}${confirmPhoneNumberPath}`, redactedCopy(thrown, redactorOf(password)));
      });
    if (response.ok) {
      const token = parseJson(data);
      if (isTokenResponse(token)) return token;
      throw new VaultResponseError(response.status, 'TokenResponse');
    }
    if (isErrorResponse(error)) throw new VaultApiError(response.status, redactJson(error, redactorOf(password)));
    throw new VaultResponseError(response.status, 'ErrorResponse');
  }

  return { api, paths: wrapAsPathBasedClient(api), confirmPhoneNumber };
}

function checkedMerchantId(merchantId: string): string {
  if (!uuidPattern.test(merchantId)) {
    throw new VaultInputError('merchantId', `merchantId must be a UUID, such as ${defaultMerchantId}`);
  }
  return merchantId;
}

// openapi-fetch reads a plain object or a Headers, but not the [name, value][] form of HeadersInit.
function checkedHeaders(headers: HeadersInit | undefined): Headers {
  try {
    return new Headers(headers);
  } catch {
    // Not the runtime's message: it quotes the offending value, which may be a credential.
    throw new VaultInputError('headers', 'headers must be valid HTTP header names and values');
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
