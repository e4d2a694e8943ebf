import createClient, {
  type Client,
  defaultBodySerializer,
  type Middleware,
  type PathBasedClient,
  wrapAsPathBasedClient,
} from 'openapi-fetch';
import {
  VaultAbortError,
  VaultApiError,
  VaultInputError,
  VaultNetworkError,
  VaultResponseError,
  VaultTimeoutError,
} from './errors.js';
import type { paths } from './generated/schema.js';
import {
  defaultMerchantId,
  formOperations,
  merchantIdHeader,
  phoneNumberPattern,
  serverUrl,
} from './generated/spec-values.js';
import { isErrorResponse, isObjectArgument, isTokenResponse } from './guards.js';
import { redactErrorResponse, redactedCopy, redactedText, redactorOf } from './redaction.js';
import type { PhoneConfirmationRequest, PhoneCredentials, TokenResponse, VaultPaths } from './types.js';

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
  /** The `X-Merchant-ID` header of every call that sets none; the spec's default value by default. */
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
  /**
   * The openapi-fetch client, typed for every path of the spec, with this client's base URL, fetch and headers. It
   * sends the client's `X-Merchant-ID` unless a call sets one, and form-encodes the body of an operation that the spec
   * says takes a form, unless the call chooses its own `bodySerializer` or a `Content-Type` other than JSON.
   */
  readonly api: Client<VaultPaths>;
  /**
   * The same client by path: `paths['/v2/mobile/phone/confirm'].POST(...)`. Prefer it in code that calls many
   * operations: TypeScript checks each `api.POST(path)` against every path of the spec, which grows with the square of
   * the spec's size (bench/pipeline: 90 s for 1,000 calls on a 1,000-operation spec, against 4 s by path).
   */
  readonly paths: PathBasedClient<VaultPaths>;
  /**
   * Exchanges a phone number and password for an access token. The body is form-encoded and `grant_type` added here.
   * Rejects only with a `VaultError` (see `VaultClientError` for the kinds), none of which holds the password.
   */
  confirmPhoneNumber(credentials: PhoneCredentials, options?: CallOptions): Promise<TokenResponse>;
}

export function createVaultClient(options: VaultClientOptions = {}): VaultClient {
  if (!isObjectArgument(options)) {
    throw new VaultInputError('options', 'createVaultClient takes an options object, or none');
  }
  const baseUrl = checkedBaseUrl(options.baseUrl ?? serverUrl);
  const merchantId = checkedMerchantId(options.merchantId ?? defaultMerchantId);
  const { timeoutMs } = options;
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs >= 1 && timeoutMs <= maxTimeoutMs)) {
    throw new VaultInputError('timeoutMs', `timeoutMs must be a number of milliseconds from 1 to ${maxTimeoutMs}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new VaultInputError('fetch', 'fetch must be a function that takes a Request, such as globalThis.fetch');
  }
  const headers = checkedHeaders(options.headers);
  headers.set(merchantIdHeader, merchantId);
  const api = createClient<VaultPaths>({ baseUrl, fetch: options.fetch ?? globalThis.fetch, headers });
  api.use(formEncoding);
  // As openapi-fetch joins them, for the errors to say where the call went.
  const confirmUrl = `${baseUrl.replace(/\/$/, '')}${confirmPhoneNumberPath}`;

  async function confirmPhoneNumber(
    credentials: PhoneCredentials,
    callOptions: CallOptions = {},
  ): Promise<TokenResponse> {
    if (!isObjectArgument(credentials)) {
      throw new VaultInputError('credentials', 'credentials must be an object: { number, password }');
    }
    if (!isObjectArgument(callOptions)) {
      throw new VaultInputError('options', 'options must be an object, such as { signal, merchantId }, or left out');
    }
    const { number, password } = credentials;
    const { signal: callerSignal, merchantId: callMerchantId } = callOptions;
    if (typeof number !== 'string' || !phoneNumberPattern.test(number)) {
      throw new VaultInputError('number', 'number must be in E.164 format: a + and up to 15 digits, nothing else');
    }
    if (typeof password !== 'string' || password === '') {
      throw new VaultInputError('password', 'password must be a non-empty string');
    }
    if (callerSignal !== undefined && !(callerSignal instanceof AbortSignal)) {
      throw new VaultInputError('signal', 'signal must be an AbortSignal, such as AbortSignal.timeout(5000)');
    }
    const sentMerchantId = callMerchantId === undefined ? merchantId : checkedMerchantId(callMerchantId);
    if (callerSignal?.aborted) throw new VaultAbortError();
    const timeout = timeoutMs === undefined ? undefined : { ms: timeoutMs, signal: AbortSignal.timeout(timeoutMs) };
    const signals = [callerSignal, timeout?.signal].filter((signal) => signal !== undefined);

    const { data, error, response } = await api
      .POST(confirmPhoneNumberPath, {
        params: { header: { [merchantIdHeader]: sentMerchantId } },
        headers: { 'Content-Type': formContentType },
        body: { grant_type: grantType, number, password },
        // Explicit, rather than openapi-fetch's default that form-encodes only on an exact Content-Type match.
        bodySerializer: formEncoded,
        // Parsed here, so that a body that is not JSON becomes a VaultResponseError with its status.
        parseAs: 'text',
        // Combined only when there are two: a Request that follows a signal costs ~10 µs more to build on Node 20.
        signal: signals.length > 1 ? AbortSignal.any(signals) : (signals[0] ?? null),
      })
      .catch((thrown: unknown) => {
        if (callerSignal?.aborted) throw new VaultAbortError();
        if (timeout?.signal.aborted) throw new VaultTimeoutError(timeout.ms);
        throw new VaultNetworkError(confirmUrl, redactedCopy(thrown, redactorOf(password).everywhere));
      });
    if (response.ok) {
      const token = parseJson(data);
      if (isTokenResponse(token)) return token;
    }
    const redactor = redactorOf(password);
    if (!response.ok && isErrorResponse(error)) {
      throw new VaultApiError(response.status, redactErrorResponse(error, redactor));
    }
    throw new VaultResponseError(response.status, response.ok ? 'TokenResponse' : 'ErrorResponse', {
      method: 'POST',
      url: confirmUrl,
      contentType: response.headers.get('Content-Type') ?? undefined,
      body: redactedText(response.ok ? data : error, redactor.everywhere),
    });
  }

  return { api, paths: wrapAsPathBasedClient(api), confirmPhoneNumber };
}

function formEncoded(body: Record<string, string>): string {
  return new URLSearchParams(body).toString();
}

/**
 * openapi-fetch sends a body as JSON unless the call says otherwise. For an operation that the spec says takes a form,
 * and no JSON, a body that went out so is form-encoded instead. A call with its own `bodySerializer`, or another
 * `Content-Type`, is left as it is. (A JSON one set by the call looks the same as openapi-fetch's default, and is
 * form-encoded too: the operation takes no JSON.)
 */
const formEncoding: Middleware = {
  async onRequest({ request, schemaPath, options }) {
    if (
      !formOperations.has(`${request.method} ${schemaPath}`) ||
      options.bodySerializer !== defaultBodySerializer ||
      request.headers.get('Content-Type') !== 'application/json'
    ) {
      return undefined;
    }
    const headers = new Headers(request.headers);
    headers.set('Content-Type', formContentType);
    return new Request(request, { headers, body: formEncoded(JSON.parse(await request.text())) });
  },
};

function checkedBaseUrl(baseUrl: string): string {
  const url = typeof baseUrl === 'string' && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  // URL.canParse takes `localhost:4211` for a URL of the scheme `localhost:`, which fetch cannot send.
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new VaultInputError(
      'baseUrl',
      `baseUrl must be an absolute http: or https: URL, such as ${suggestedBaseUrl(baseUrl)}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    // fetch refuses such URLs, and its error would repeat the credentials.
    throw new VaultInputError('baseUrl', 'baseUrl must not contain a user name or password');
  }
  return baseUrl;
}

/** `http://localhost:4211` for `localhost:4211`: what was written, with the scheme it lacks; else the spec's server. */
function suggestedBaseUrl(baseUrl: unknown): string {
  const withScheme = `http://${String(baseUrl)}`;
  if (typeof baseUrl !== 'string' || baseUrl.includes('://') || !URL.canParse(withScheme)) return serverUrl;
  const { username, password } = new URL(withScheme);
  // Not the caller's credentials, back in a message that may be logged.
  return username === '' && password === '' ? withScheme : serverUrl;
}

function checkedMerchantId(merchantId: string): string {
  if (typeof merchantId !== 'string' || !uuidPattern.test(merchantId)) {
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
