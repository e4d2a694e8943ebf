// One call of one operation, with the client's guarantees: the bearer token where the spec asks for it (renewed once
// after a 401), an idempotency key, retries of what is safe to retry, a deadline, and only `VaultError`s, none of which
// holds a secret of the request.
import type { Client } from 'openapi-fetch';
import {
  type AttemptDetails,
  VaultAbortError,
  VaultApiError,
  VaultError,
  VaultInputError,
  VaultNetworkError,
  VaultResponseError,
  VaultTimeoutError,
} from './errors.js';
import { isErrorResponse, isObjectArgument } from './guards.js';
import type { MethodOptions, OperationDescriptor } from './operation-types.js';
import { redactErrorResponse, redactedCopy, redactedText, redactorOfAll } from './redaction.js';
import { isRetriedStatus, isRetryable, maxMaxRetries, type RetryTiming, retryDelayMs } from './retry.js';

/** Where the client gets the bearer token: `createTokenSession` makes one; `{ getAccessToken }` alone is a fixed token. */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
  /** A new token, once a resource has refused `refused`; without it, a 401 is the answer. */
  renewAccessToken?(refused: string): Promise<string>;
}

/** What every call of a client shares. */
export interface CallSettings {
  /** The openapi-fetch client, with the client's base URL, headers and fetch. */
  api: Client<Record<string, never>>;
  /** The client's fetch, the same as the openapi-fetch client's. */
  fetch: (request: Request) => Promise<Response>;
  baseUrl: string;
  session: AccessTokenSource | undefined;
  timeoutMs: number | undefined;
  maxRetries: number;
  timing: RetryTiming;
}

/** A call's input, as openapi-fetch takes it. */
export interface CallInput {
  params?: { path?: object; query?: object; header?: object; cookie?: object };
  body?: unknown;
}

/** A check of a successful body, and the name of what it checks for the error that a failed check becomes. */
export interface SuccessCheck<Body> {
  name: string;
  test(body: unknown): body is Body;
}

// Exactly this value: openapi-fetch (and many servers) take `...; charset=UTF-8` for another media type.
export const formContentType = 'application/x-www-form-urlencoded';

// Timers fire at once above this delay (with a warning), so a larger timeout would abort every call.
const maxTimeoutMs = 2 ** 31 - 1;

const defaultRequestIdHeader = 'X-Request-Id';

/** A form from an object: an array field once per item (OpenAPI's `form` style, exploded), an undefined one left out. */
export function formEncoded(body: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [name, value] of fieldsOf(body))
    form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  return form.toString();
}

/** Each field of an object body as [name, value], an array's once per item, undefined ones left out. */
function fieldsOf(body: Record<string, unknown>): [string, unknown][] {
  return Object.entries(body).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value])
      .filter((item) => item !== undefined)
      .map((item): [string, unknown] => [name, item]),
  );
}

/** Whether a media type is a form's, with or without parameters. */
export const isFormMediaType = (mediaType: string): boolean => mediaType.toLowerCase().startsWith(formContentType);

/** `timeoutMs` of the client or a call, or a VaultInputError. */
export function checkedTimeoutMs(timeoutMs: unknown): number | undefined {
  if (timeoutMs === undefined || (typeof timeoutMs === 'number' && timeoutMs >= 1 && timeoutMs <= maxTimeoutMs)) {
    return timeoutMs;
  }
  throw new VaultInputError('timeoutMs', `timeoutMs must be a number of milliseconds from 1 to ${maxTimeoutMs}`);
}

/** `maxRetries` of the client or a call, or a VaultInputError. */
export function checkedMaxRetries(maxRetries: unknown): number {
  if (Number.isInteger(maxRetries) && (maxRetries as number) >= 0 && (maxRetries as number) <= maxMaxRetries) {
    return maxRetries as number;
  }
  throw new VaultInputError('maxRetries', `maxRetries must be a whole number from 0 to ${maxMaxRetries}`);
}

/** Calls the operation that `descriptor` describes; resolves with its success body, or rejects with a `VaultError`. */
export async function callOperation<Body = unknown>(
  settings: CallSettings,
  descriptor: OperationDescriptor,
  input: CallInput = {},
  options: MethodOptions = {},
  check?: SuccessCheck<Body>,
): Promise<Body> {
  if (!isObjectArgument(input) || (input.params !== undefined && !isObjectArgument(input.params))) {
    throw new VaultInputError('input', 'input must be an object such as { params: { path, query, header }, body }');
  }
  if (!isObjectArgument(options)) {
    throw new VaultInputError('options', 'options must be an object, such as { signal, timeoutMs }, or left out');
  }
  const { signal: callerSignal } = options;
  if (callerSignal !== undefined && !(callerSignal instanceof AbortSignal)) {
    throw new VaultInputError('signal', 'signal must be an AbortSignal, such as AbortSignal.timeout(5000)');
  }
  const timeoutMs = checkedTimeoutMs(options.timeoutMs ?? settings.timeoutMs);
  const maxRetries = checkedMaxRetries(options.maxRetries ?? settings.maxRetries);
  const bearer = descriptor.bearer === true ? settings.session : undefined;
  if (callerSignal?.aborted) throw new VaultAbortError();

  const secrets = secretsOf(input, descriptor.secrets);
  // Made only for an error: its regular expressions cost more than a whole successful call's parsing. The token is
  // one of the secrets: a server may echo it.
  const redactor = () => redactorOfAll(token === undefined ? secrets : [...secrets, token]);
  // For errors only: where the call went (a secret path parameter removed).
  const url = () => redactor().everywhere(requestUrl(settings.baseUrl, descriptor.path, input.params?.path));
  const header = headerParameters(input.params, descriptor.idempotencyHeader);
  const retryable = isRetryable(descriptor.method, hasHeader(header, 'Idempotency-Key'));
  const timeout = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [callerSignal, timeout].filter((signal) => signal !== undefined);
  // Combined only when there are two: a Request that follows a signal costs ~10 µs more to build on Node 20.
  // Stryker disable next-line EqualityOperator,ConditionalExpression: a signal combined with none or nothing aborts as it
  // would alone, and a signal that never aborts as none.
  const signal = signals.length > 1 ? AbortSignal.any(signals) : (signals[0] ?? null);
  const stopped = (attempts: number) => {
    if (callerSignal?.aborted) return new VaultAbortError();
    if (timeout?.aborted) return new VaultTimeoutError(timeoutMs as number, attempts);
    return undefined;
  };

  const { mediaType } = descriptor;
  // Built once: only the Authorization header changes between attempts.
  const init: Record<string, unknown> = {
    params: { ...input.params, header },
    body: input.body,
    // Read here, by its Content-Type, so that a body that is not what it says becomes a VaultResponseError.
    parseAs: 'stream',
    signal,
  };
  // Explicit: openapi-fetch's default sends JSON, and a form only on an exact Content-Type match.
  if (mediaType !== undefined) init.bodySerializer = bodySerializerOf(mediaType);

  /** One attempt: its answer, or what fetch threw, or (thrown before fetch) why no request could be made. */
  async function send() {
    const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
    // Multipart's Content-Type names the boundary that fetch makes up, so fetch sets it.
    if (mediaType !== undefined && !isMultipart(mediaType)) headers['Content-Type'] = sentContentType(mediaType);
    let fetched = false;
    const fetch = (request: Request) => {
      fetched = true;
      return settings.fetch(request);
    };
    try {
      const answer = await settings.api.request(
        descriptor.method as 'get',
        descriptor.path as never,
        {
          ...init,
          headers,
          fetch,
        } as never,
      );
      return answer as { error: unknown; response: Response };
    } catch (thrown) {
      if (fetched) return { thrown };
      // Nothing was sent: the input cannot be serialized (a BigInt, a stream), or a middleware refused it.
      const reason = redactedCopy(thrown, redactor().everywhere).message;
      throw new VaultInputError('input', `no request could be made from the input: ${reason}`);
    }
  }

  /** The session's token, or the error that ends the call: an abort or the timeout win over a token still coming. */
  async function tokenFrom(getting: Promise<string>, attempts: number): Promise<string> {
    try {
      if (signal === null) return await getting;
      // A renewal may start after the timeout fired, when no abort event is still to come.
      if (signal.aborted) throw stopped(attempts);
      let onAbort = () => {};
      const aborted = new Promise<never>((_resolve, reject) => {
        onAbort = () => reject(stopped(attempts));
      });
      signal.addEventListener('abort', onAbort);
      try {
        return await Promise.race([getting, aborted]);
      } finally {
        // The caller's signal may outlive many calls: each leaves no listener on it.
        signal.removeEventListener('abort', onAbort);
      }
    } catch (thrown) {
      if (thrown instanceof VaultError) throw thrown;
      const reason = thrown instanceof Error ? thrown.message : String(thrown);
      throw new VaultInputError('session', `the session gave no token: ${reason}`);
    }
  }

  /** The body of a final answer, or the error it is. */
  async function answerOf(
    { error, response }: { error: unknown; response: Response },
    attempts: number,
  ): Promise<Body> {
    const details = (): AttemptDetails => ({
      attempts,
      requestId: response.headers.get(descriptor.requestIdHeader ?? defaultRequestIdHeader) ?? undefined,
    });
    const context = (body: string) => ({
      method: descriptor.method,
      url: url(),
      contentType: response.headers.get('Content-Type') ?? undefined,
      body,
    });
    if (!response.ok) {
      if (isErrorResponse(error)) {
        throw new VaultApiError(response.status, redactErrorResponse(error, redactor()), details());
      }
      const body = redactedText(error, redactor().everywhere);
      throw new VaultResponseError(response.status, 'ErrorResponse', context(body), details());
    }
    const body = await successBody(response).catch((thrown: unknown) => {
      throw stopped(attempts) ?? new VaultNetworkError(url(), redactedCopy(thrown, redactor().everywhere), attempts);
    });
    if (body !== unparsable && (check === undefined || check.test(body))) return body as Body;
    // Stryker disable next-line StringLiteral: a 2xx body is never quoted (it may hold a token), whatever is given.
    throw new VaultResponseError(response.status, check?.name ?? 'body', context(''), details());
  }

  let token = bearer === undefined ? undefined : await tokenFrom(bearer.getAccessToken(), 1);
  let renewed = false;
  let retries = 0;
  for (let attempts = 1; ; attempts++) {
    const sent = await send();
    const retry = retryable && retries < maxRetries;
    if ('thrown' in sent) {
      const stop = stopped(attempts);
      if (stop !== undefined) throw stop;
      if (!retry) throw new VaultNetworkError(url(), redactedCopy(sent.thrown, redactor().everywhere), attempts);
    } else if (sent.response.status === 401 && bearer?.renewAccessToken !== undefined && !renewed) {
      renewed = true;
      // A session is asked for a token before the first attempt, so there is one to renew.
      token = await tokenFrom(bearer.renewAccessToken(token as string), attempts);
      continue;
    } else if (!(retry && isRetriedStatus(sent.response.status))) {
      return answerOf(sent, attempts);
    }
    retries++;
    const retryAfter = 'thrown' in sent ? null : sent.response.headers.get('Retry-After');
    try {
      await settings.timing.sleep(retryDelayMs(retries, retryAfter, settings.timing), signal);
    } catch (thrown) {
      throw stopped(attempts) ?? thrown;
    }
  }
}

const isMultipart = (mediaType: string) => mediaType.toLowerCase().startsWith('multipart/form-data');

/** The declared media type, or, for a range such as `*\/*` or `image/*`, what a body of bytes is sent as. */
const sentContentType = (mediaType: string) => (mediaType.includes('*') ? 'application/octet-stream' : mediaType);

/** How a body of `mediaType` goes out: a form encoded, multipart as FormData, anything else as the caller gave it. */
function bodySerializerOf(mediaType: string): (body: never) => unknown {
  if (isFormMediaType(mediaType)) return formEncoded;
  if (isMultipart(mediaType)) return multipart;
  if (/json/i.test(mediaType)) return JSON.stringify; // `application/merge-patch+json`, sent as declared
  return (body) => body;
}

/** A multipart body from an object: a Blob as a file, a string as it is, any other value as JSON; an array part by part. */
function multipart(body: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [name, part] of fieldsOf(body)) {
    data.append(name, part instanceof Blob ? part : typeof part === 'string' ? part : JSON.stringify(part));
  }
  return data;
}

/** What `successBody` gives for JSON that does not parse. */
const unparsable = Symbol('unparsable');

/** A success body by its Content-Type: JSON (or none said) parsed, text as text, anything else a Blob; none is undefined. */
async function successBody(response: Response): Promise<unknown> {
  // A 204's or a HEAD's: no body at all.
  if (response.body === null) return undefined;
  const essence = (response.headers.get('Content-Type') ?? '').replace(/;.*/s, '').trim().toLowerCase();
  if (essence.startsWith('text/')) return response.text();
  if (essence !== '' && essence !== 'application/json' && !essence.endsWith('+json')) return response.blob();
  const text = await response.text();
  // An empty body with no Content-Length (chunked, HTTP/2), which openapi-fetch does not tell from one with content.
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return unparsable;
  }
}

/** The URL as openapi-fetch makes it, without the query: for errors to say where the call went. */
function requestUrl(baseUrl: string, path: string, pathValues: object | undefined): string {
  const values = (pathValues ?? {}) as Record<string, unknown>;
  const filled = path.replace(/\{([^}]+)\}/g, (template, name: string) =>
    values[name] === undefined ? template : encodeURIComponent(String(values[name])),
  );
  return `${baseUrl.replace(/\/$/, '')}${filled}`;
}

function hasHeader(header: object | undefined, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.entries(header ?? {}).some(([key, value]) => key.toLowerCase() === lower && value != null);
}

/**
 * The call's header parameters as they go out: an array in the `simple` style that OpenAPI gives headers (`a,b`, where
 * openapi-fetch would append `a, b`); the cookie parameters, which openapi-fetch does not send, as `Cookie` (`form`
 * style); and a new idempotency key when the operation declares one and the call gave none.
 */
function headerParameters(params: CallInput['params'], idempotencyHeader: string | undefined): object {
  const sent: Record<string, unknown> = Object.fromEntries(
    Object.entries(params?.header ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]),
  );
  const cookies = Object.entries(params?.cookie ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(Array.isArray(value) ? value.join(',') : String(value))}`);
  if (cookies.length > 0) sent.Cookie = cookies.join('; ');
  if (idempotencyHeader !== undefined && !hasHeader(sent, idempotencyHeader)) {
    sent[idempotencyHeader] = crypto.randomUUID();
  }
  return sent;
}

/** The string values of the request at the places `secrets` names (see `OperationDescriptor.secrets`). */
function secretsOf(input: CallInput, secrets: OperationDescriptor['secrets']): string[] {
  return (
    secrets?.flatMap(([place, ...names]) => {
      if (place === 'body') return valuesAt(input.body, names);
      const values = (input.params as Record<string, Record<string, unknown> | undefined> | undefined)?.[
        place as string
      ];
      // A header's name is matched as HTTP does, whatever its case.
      const key = (name: string) => (place === 'header' ? name.toLowerCase() : name);
      const [name = '', ...below] = names;
      return Object.entries(values ?? {})
        .filter(([given]) => key(given) === key(name))
        .flatMap(([, value]) => valuesAt(value, below));
    }) ?? noSecrets
  );
}

const noSecrets: string[] = [];

/**
 * The strings and numbers at `names` below `value` (`*` for each array item); where `names` ends on an object or a
 * list, every one in it, as a secret object is secret all through.
 */
function valuesAt(value: unknown, names: readonly string[]): string[] {
  if (typeof value === 'string' || typeof value === 'number') return names.length === 0 ? [String(value)] : noSecrets;
  if (typeof value !== 'object' || value === null) return noSecrets;
  const [name, ...rest] = names;
  if (name === undefined) return Object.values(value).flatMap((item) => valuesAt(item, names));
  const below = name === '*' ? (Array.isArray(value) ? value : noSecrets) : [(value as Record<string, unknown>)[name]];
  return below.flatMap((item) => valuesAt(item, rest));
}
