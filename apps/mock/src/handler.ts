// Answers one request: reads its body within the limits, gets the spec's answer from Prism, and sends every failure as
// the spec's ErrorResponse.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IHttpRequest, ProblemJsonError } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { unauthorized } from './credentials.js';
import { matchTestInput } from './documented-inputs.js';
import { MockError } from './errors.js';
import { decodeForm, type FormFields, formMediaType } from './form.js';
import { parseJsonBody } from './json-body.js';
import type { MockLimits } from './limits.js';
import { declaredTakes, isJsonMediaType, isMediaType, mediaTypeOf } from './media-types.js';
import { notRouted } from './not-routed.js';
import { askedPreferences } from './prefer.js';
import { prismAnswer, securityViolations } from './prism.js';
import type { LoadedSpec, ServedOperation } from './reload.js';
import { errorSeverity, type PrismViolation, violationsHeader, violationToError } from './violations.js';

/** The readiness endpoint; not part of the API, so no spec path can collide with it. */
export const healthPath = '/__health';

function headerValues(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );
}

function queryValues(searchParams: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

/**
 * Reads the body up to the size limit and within the time limit, counted from the end of the head. A refused body is
 * not destroyed (that would reset the connection under the answer): `lingerThenClose` drains it.
 */
function readBody(request: IncomingMessage, limits: MockLimits): Promise<Buffer> {
  const tooLarge = () => new MockError('PAYLOAD_TOO_LARGE', `The body is over the limit of ${limits.bodyBytes} bytes.`);
  if (Number(request.headers['content-length']) > limits.bodyBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = (error: MockError) => {
      clearTimeout(deadline);
      // Stryker disable next-line StringLiteral: once the promise is settled, a late chunk or end changes nothing
      request.off('data', onData).off('end', onEnd).off('close', onClose);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.bodyBytes) stop(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => {
      clearTimeout(deadline);
      request.off('close', onClose);
      resolve(Buffer.concat(chunks));
    };
    // An idle timeout would let a client that trickles one byte at a time hold the connection forever; this is a deadline.
    const deadline = setTimeout(
      () => stop(new MockError('REQUEST_TIMEOUT', `The body was not received within ${limits.timeoutMs} ms.`)),
      limits.timeoutMs,
    );
    // A client that goes away mid-body gets no answer; the deadline need not wait for it.
    const onClose = () => {
      if (!request.complete)
        stop(new MockError('BAD_REQUEST', 'The client closed the connection before its body arrived.'));
    };
    request.on('data', onData).on('end', onEnd).once('close', onClose);
  });
}

/**
 * Closes the connection of a refused or stalled body once its answer is out, as nginx's lingering close does: the
 * answer is flushed and the sending side shut, then what the client still sends is read and dropped for at most
 * `lingerMs`. Closing at once would drop those unread bytes with a TCP reset, which can reach the client before the
 * answer does.
 */
function lingerThenClose(request: IncomingMessage, lingerMs: number): void {
  const { socket } = request;
  // Node calls destroySoon() on the socket once an answer with `connection: close` is written.
  socket.destroySoon = () => {
    socket.end();
    const lingering = setTimeout(() => socket.destroy(), lingerMs);
    // Stryker disable next-line StringLiteral,ArrowFunction: destroying a closed socket again does nothing
    socket.once('close', () => clearTimeout(lingering));
  };
  request.resume();
}

/** Sends an answer; without a body (a 204, a response the spec gives no content) it has no Content-Type either. */
function send(
  response: ServerResponse,
  status: number,
  body: string | undefined,
  headers: Record<string, unknown> = {},
): void {
  // Prism spells its headers as the spec does (`Content-type`) and may leave some unset: merge them by lowercase name.
  const given = Object.entries(headers)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => [name.toLowerCase(), String(value)]);
  if (body === undefined || status === 204 || status === 304) {
    const { 'content-type': _none, ...withoutType } = Object.fromEntries(given);
    // RFC 9110 §8.6: a 204 or a 304 carries no Content-Length (a 304's would be the resource's).
    response.writeHead(
      status,
      status === 204 || status === 304 ? withoutType : { ...withoutType, 'content-length': 0 },
    );
    response.end();
    return;
  }
  response.writeHead(status, {
    'content-type': 'application/json',
    ...Object.fromEntries(given),
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** The request target as a URL: origin-form (`/path?query`, where `//x` stays a path) or absolute-form; else a 400. */
function requestUrl(target: string | undefined): URL {
  try {
    // Stryker disable next-line OptionalChaining: Node's server always sets request.url, the only target this is given
    if (target?.startsWith('/')) return new URL(`http://mock.invalid${target}`);
    if (target && /^https?:\/\//i.test(target)) return new URL(target);
  } catch {
    // falls through to the refusal below
  }
  throw new MockError('BAD_REQUEST', 'The request target is not a valid path.');
}

/** The error each answer carried, for its log line. */
const errorsSent = new WeakMap<ServerResponse, MockError>();

function sendError(response: ServerResponse, error: MockError, headers: Record<string, string> = {}): void {
  errorsSent.set(response, error);
  send(response, error.status, JSON.stringify(error.toBody()), { ...error.headers, ...headers });
}

/** `POST /v2/mobile/phone/confirm 400 VALIDATION field=number 1.3ms`: never a body, never a query string. */
export function logLine(request: IncomingMessage, response: ServerResponse, started: number): string {
  const error = errorsSent.get(response);
  const cause = error ? ` ${error.kind}${error.field === undefined ? '' : ` field=${error.field}`}` : '';
  const elapsed = (performance.now() - started).toFixed(1);
  // Stryker disable next-line OptionalChaining: Node's server always sets request.url
  return `${request.method} ${request.url?.split('?')[0]} ${response.statusCode}${cause} ${elapsed}ms`;
}

/**
 * The body as Prism's own server hands it to the validator (JSON parsed, any other media type as text) and the form's
 * fields, once it is of a media type the operation takes; JSON and forms are decoded strictly, naming what is wrong.
 */
function decodeBody(
  operation: IHttpOperation,
  body: Buffer,
  mediaType: string | undefined,
  formKeys: ReadonlySet<string> | undefined,
): { value?: unknown; form: FormFields } {
  if (body.length === 0) return { form: {} };
  const declared = operation.request?.body?.contents?.map((content) => content.mediaType) ?? [];
  if (declared.length > 0 && (mediaType === undefined || !declared.some((type) => declaredTakes(type, mediaType)))) {
    throw new MockError('VALIDATION', `Content-Type must be ${declared.join(' or ')}.`, {
      field: 'Content-Type',
      originalMessage: `Unsupported media type: ${mediaType ?? 'none'}`,
    });
  }
  const refuse = (field: string, reason: string) => new MockError('VALIDATION', `${field} ${reason}.`, { field });
  if (isJsonMediaType(mediaType)) {
    const parsed = parseJsonBody(body);
    if (!parsed.ok) throw refuse(parsed.field, parsed.reason);
    return { value: parsed.value, form: {} };
  }
  if (mediaType === formMediaType) {
    const decoded = decodeForm(body, formKeys);
    if (!decoded.ok) throw refuse(decoded.field, decoded.reason);
    return { value: body.toString('utf8'), form: decoded.fields };
  }
  return { value: body.toString('utf8'), form: {} };
}

export interface HandlerOptions {
  /** The spec as last loaded (`serveSpec`); read once per request. */
  loaded: () => LoadedSpec;
  limits: MockLimits;
  /** Hears of internal errors, with their stack. */
  log?: ((line: string) => void) | undefined;
}

/** The request handler: it answers every request, a failure included, and never rejects. */
export function createHandler({ loaded, limits, log }: HandlerOptions) {
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { operations, routes, served } = loaded(); // one spec for the whole request, even if a reload lands meanwhile
    // Stryker disable next-line StringLiteral: Node's server always sets request.method, so the default is never read
    const method = (request.method ?? 'GET').toLowerCase();
    const url = requestUrl(request.url);
    if (url.pathname === healthPath && (method === 'get' || method === 'head')) {
      send(response, 200, JSON.stringify({ status: 'ok', operations: operations.length }));
      return;
    }
    const body = await readBody(request, limits);
    const mediaType = mediaTypeOf(request.headers['content-type']);
    const routing = routes.route(method, url.pathname);
    if (routing.kind !== 'found') {
      throw notRouted(routing, operations, { method, path: url.pathname, mediaType, body: body.toString('utf8') });
    }
    const { operation, testInputs, formKeys } = served.get(routing.operation) as ServedOperation;
    const requestHeaders = headerValues(request);
    // Prism parses a Content-Type even where there is no body, and throws on one that is no media type.
    if (requestHeaders['content-type'] !== undefined && !isMediaType(mediaType)) {
      if (body.length > 0) {
        throw new MockError('VALIDATION', 'Content-Type must be a media type, such as application/json.', {
          field: 'Content-Type',
          originalMessage: `Not a media type: ${requestHeaders['content-type']}`,
        });
      }
      delete requestHeaders['content-type'];
    }
    const head: IHttpRequest = {
      method: method as IHttpRequest['method'],
      url: { path: url.pathname, query: queryValues(url.searchParams) },
      headers: requestHeaders,
    };
    // Credentials come before the parameters and the body, as for a real API: a request without them learns nothing of
    // what else is wrong with it.
    const unmet = securityViolations(operation, head).filter((violation) => violation.severity === errorSeverity);
    if (unmet.length > 0) throw unauthorized(operation, violationsHeader(unmet as PrismViolation[]));
    const { value, form } = decodeBody(operation, body, mediaType, formKeys);
    // Stryker disable next-line ConditionalExpression: Prism reads a body that is undefined as one that is not there
    const input: IHttpRequest = { ...head, ...(value === undefined ? {} : { body: value }) };
    const testInput = matchTestInput(testInputs, form);

    const asked = askedPreferences(operation, input);
    const chosen =
      Object.keys(asked).length > 0 || !testInput ? asked : { code: testInput.status, exampleKey: testInput.example };
    const answered = prismAnswer(operation, input, { dynamic: false, ...chosen });
    if (!answered.ok) {
      const { status, message, detail } = answered.error as ProblemJsonError;
      throw new MockError(status < 500 ? 'BAD_REQUEST' : 'INTERNAL', `${message}.`, {
        originalMessage: detail || message,
      });
    }

    const violations = answered.violations as PrismViolation[];
    const firstError = violations.find((violation) => violation.severity === errorSeverity);
    if (firstError) {
      sendError(response, violationToError(firstError, operation, form, mediaType), {
        'sl-violations': violationsHeader(violations),
      });
      return;
    }
    const { statusCode, headers = {}, body: responseBody } = answered.output;
    const text =
      responseBody === undefined || typeof responseBody === 'string' ? responseBody : JSON.stringify(responseBody);
    send(response, statusCode, text, headers);
  }

  return (request: IncomingMessage, response: ServerResponse): void => {
    answer(request, response).catch((error: unknown) => {
      if (!(error instanceof MockError))
        log?.(`Internal error: ${error instanceof Error ? error.stack : String(error)}`);
      // Stryker disable next-line ConditionalExpression,LogicalOperator: reached only when an answer fails midway or the client left, which no test request can time
      if (response.headersSent || request.socket.destroyed) return;
      const mockError =
        error instanceof MockError ? error : new MockError('INTERNAL', 'The mock failed to answer this request.');
      try {
        // After a refused or stalled body the rest of it may still be arriving: close, once it had time to stop.
        if (mockError.kind === 'PAYLOAD_TOO_LARGE' || mockError.kind === 'REQUEST_TIMEOUT') {
          lingerThenClose(request, limits.timeoutMs);
          sendError(response, mockError, { connection: 'close' });
        } else {
          sendError(response, mockError);
        }
      } catch (unsendable) {
        // A header Node refuses to write (a spec's name that no header can carry): no answer is left to give.
        log?.(`Internal error: ${unsendable instanceof Error ? unsendable.stack : String(unsendable)}`);
        response.destroy();
      }
    });
  };
}
