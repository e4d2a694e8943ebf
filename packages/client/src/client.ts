import createClient, {
  type Client,
  defaultBodySerializer,
  type Middleware,
  type PathBasedClient,
  wrapAsPathBasedClient,
} from 'openapi-fetch';
import { VaultInputError } from './errors.js';
import { type OperationMethods, operationDescriptors } from './generated/operations.js';
import { defaultMerchantId, merchantIdHeader, phoneNumberPattern, serverUrl } from './generated/spec-values.js';
import { isObjectArgument, isTokenResponse } from './guards.js';
import {
  type AccessTokenSource,
  type CallSettings,
  callOperation,
  checkedMaxRetries,
  checkedTimeoutMs,
  formContentType,
  formEncoded,
  isFormMediaType,
} from './operation-call.js';
import type { MethodOptions, OperationDescriptor } from './operation-types.js';
import { defaultMaxRetries, defaultRetryTiming, type RetryTiming } from './retry.js';
import type { PhoneConfirmationRequest, PhoneCredentials, TokenResponse, VaultPaths } from './types.js';

const grantType: PhoneConfirmationRequest['grant_type'] = 'mobile_phone';

// The spec's `format: uuid` for X-Merchant-ID.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface VaultClientOptions {
  /** Where the API is served; the spec's sandbox server by default. */
  baseUrl?: string;
  /** The `X-Merchant-ID` header of every call that sets none; the spec's default value by default. */
  merchantId?: string;
  /** What sends the requests (openapi-fetch calls it with a `Request`); `globalThis.fetch` by default. */
  fetch?: (request: Request) => Promise<Response>;
  /** A method call with no answer after this many milliseconds, retries included, fails with `VaultTimeoutError`; no limit by default. */
  timeoutMs?: number;
  /** Headers added to every request; the client's own (`Content-Type`, `X-Merchant-ID`) take precedence over them. */
  headers?: HeadersInit;
  /**
   * Where the bearer token comes from (`createTokenSession` makes one): sent to every operation whose security asks for
   * it, renewed once after a 401, never asked for by an operation with `security: []`.
   */
  session?: AccessTokenSource;
  /** How many times a method call that is safe to retry is retried after a network error, 408, 429, 502, 503 or 504. 2 by default. */
  maxRetries?: number;
  /** The clock and random source of the retries' waits; for tests. */
  retryTiming?: RetryTiming;
}

/** The options of one `confirmPhoneNumber` call. */
export interface CallOptions {
  /** Aborts the call, which then fails with `VaultAbortError`. */
  signal?: AbortSignal;
  /** The `X-Merchant-ID` header of this call, instead of the client's. */
  merchantId?: string;
}

/** What every client has, whatever its operations. */
export interface ClientCore {
  /**
   * The openapi-fetch client, typed for every path of the spec, with this client's base URL, fetch and headers. It
   * sends the client's `X-Merchant-ID` unless a call sets one, and form-encodes the body of an operation that the spec
   * says takes a form, unless the call chooses its own `bodySerializer` or a `Content-Type` other than JSON.
   */
  readonly api: Client<VaultPaths>;
  /**
   * The same client by path: `paths['/v2/mobile/phone/confirm'].POST(...)`. TypeScript checks each `api.POST(path)`
   * against every path of the spec, which grows with the square of the spec's size; the methods and `paths` do not.
   */
  readonly paths: PathBasedClient<VaultPaths>;
}

/**
 * The Vault client: a method per operation of the spec, named by its `operationId`, with the client's guarantees
 * (typed errors, timeouts, the token, retries, idempotency keys, request ids); `api` and `paths` for openapi-fetch's own
 * calls; and `confirmPhoneNumber` with the signature it has always had.
 */
export type VaultClient = Omit<OperationMethods, 'confirmPhoneNumber'> &
  ClientCore & {
    /**
     * Exchanges a phone number and password for an access token. The body is form-encoded and `grant_type` added here.
     * Rejects only with a `VaultError` (see `VaultClientError` for the kinds), none of which holds the password. Never
     * retried: the exchange has no idempotency key.
     */
    confirmPhoneNumber(credentials: PhoneCredentials, options?: CallOptions): Promise<TokenResponse>;
  };

/** A method per operation of `descriptors`, on the client made from `options`; the Vault client is one. */
export function createClientFor<Methods>(
  descriptors: Record<string, OperationDescriptor>,
  options: VaultClientOptions = {},
): ClientCore & Methods & { readonly settings: CallSettings } {
  if (!isObjectArgument(options)) {
    throw new VaultInputError('options', 'createVaultClient takes an options object, or none');
  }
  const baseUrl = checkedBaseUrl(options.baseUrl ?? serverUrl);
  const merchantId = checkedMerchantId(options.merchantId ?? defaultMerchantId);
  const { session, retryTiming = defaultRetryTiming } = options;
  const timeoutMs = checkedTimeoutMs(options.timeoutMs);
  const maxRetries = checkedMaxRetries(options.maxRetries ?? defaultMaxRetries);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new VaultInputError('fetch', 'fetch must be a function that takes a Request, such as globalThis.fetch');
  }
  if (session !== undefined && typeof session?.getAccessToken !== 'function') {
    throw new VaultInputError('session', 'session must be a token session, such as createTokenSession({ ... })');
  }
  if (
    !['now', 'random', 'sleep'].every(
      (name) => typeof (retryTiming as unknown as Record<string, unknown>)?.[name] === 'function',
    )
  ) {
    throw new VaultInputError('retryTiming', 'retryTiming must have the functions now, random and sleep');
  }
  const headers = checkedHeaders(options.headers);
  headers.set(merchantIdHeader, merchantId);
  const fetch = options.fetch ?? globalThis.fetch;
  const api = createClient<VaultPaths>({ baseUrl, fetch, headers });
  const formOperations = new Set(
    Object.values(descriptors)
      .filter(({ mediaType }) => mediaType !== undefined && isFormMediaType(mediaType))
      .map(({ method, path }) => `${method} ${path}`),
  );
  api.use(formEncodingOf(formOperations));
  const settings: CallSettings = {
    api: api as unknown as CallSettings['api'],
    fetch,
    baseUrl,
    session,
    timeoutMs,
    maxRetries,
    timing: retryTiming,
  };
  const methods = Object.fromEntries(
    Object.entries(descriptors).map(([operationId, descriptor]) => [
      operationId,
      (input?: object, callOptions?: MethodOptions) => callOperation(settings, descriptor, input, callOptions),
    ]),
  ) as Methods;
  return { ...methods, api, paths: wrapAsPathBasedClient(api), settings };
}

export function createVaultClient(options: VaultClientOptions = {}): VaultClient {
  const { settings, ...client } = createClientFor<OperationMethods>(operationDescriptors, options);

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
    const { signal, merchantId } = callOptions;
    if (typeof number !== 'string' || !phoneNumberPattern.test(number)) {
      throw new VaultInputError('number', 'number must be in E.164 format: a + and up to 15 digits, nothing else');
    }
    if (typeof password !== 'string' || password === '') {
      throw new VaultInputError('password', 'password must be a non-empty string');
    }
    const header = merchantId === undefined ? {} : { [merchantIdHeader]: checkedMerchantId(merchantId) };
    return callOperation(
      settings,
      operationDescriptors.confirmPhoneNumber,
      { params: { header }, body: { grant_type: grantType, number, password } },
      // No retries: without an idempotency key, a POST is not sent twice.
      { signal },
      { name: 'TokenResponse', test: isTokenResponse },
    );
  }

  return { ...client, confirmPhoneNumber };
}

/**
 * openapi-fetch sends a body as JSON unless the call says otherwise. For an operation that the spec says takes a form,
 * and no JSON, a body that went out so is form-encoded instead. A call with its own `bodySerializer`, or another
 * `Content-Type`, is left as it is. (A JSON one set by the call looks the same as openapi-fetch's default, and is
 * form-encoded too: the operation takes no JSON.)
 */
function formEncodingOf(formOperations: ReadonlySet<string>): Middleware {
  return {
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
}

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
