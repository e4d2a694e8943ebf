import { type FSWatcher, watch } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { basename, dirname } from 'node:path';
import type { IHttpConfig, IHttpRequest, ProblemJsonError } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { bundledSpecYaml } from '@vault/spec';
import { MockError } from './errors.js';
import { decodeForm, type FormFields, formMediaType, formSchemaOf } from './form.js';
import { notRouted } from './not-routed.js';
import { checkPreferences, unreadablePrefer } from './prefer.js';
import { createLogger, getHttpConfigFromRequest, prismHttp, route } from './prism.js';
import { matchTestInput, readTestInputs, type TestInput } from './test-inputs.js';
import { errorSeverity, type PrismViolation, violationsHeader, violationToError } from './violations.js';

/** The readiness endpoint; not part of the API, so no spec path can collide with it. */
export const healthPath = '/__health';

/** What the mock accepts before it answers 4xx instead of waiting or buffering further. */
export interface MockLimits {
  /** Largest request body, in bytes (413 above it). */
  bodyBytes: number;
  /** Largest request head (request line and headers), in bytes (431 above it). */
  headerBytes: number;
  /** Time allowed for the request head, then for the body, in milliseconds (408 after it). */
  timeoutMs: number;
}

export const defaultLimits: MockLimits = { bodyBytes: 16 * 1024, headerBytes: 16 * 1024, timeoutMs: 10_000 };

export interface MockOptions {
  port?: number;
  host?: string;
  /** Path of the OpenAPI document to serve; the bundled `@vault/spec` by default. */
  spec?: string;
  limits?: Partial<MockLimits>;
  /** Receives one line per request (method, path, status, time) and each reload; nothing by default. */
  log?: (line: string) => void;
  /** Reloads the spec when its file changes; a spec that fails to load leaves the last good one served. */
  watch?: boolean;
}

export interface RunningMock {
  url: string;
  close(): Promise<void>;
}

const prismConfig: IHttpConfig = {
  mock: { dynamic: false },
  validateRequest: true,
  validateResponse: true,
  checkSecurity: true,
  errors: false,
  isProxy: false,
  upstreamProxy: undefined,
};

interface ServedOperation {
  operation: IHttpOperation;
  testInputs: TestInput[];
  formKeys: ReadonlySet<string> | undefined;
}

/** The media type's essence: `Application/JSON; charset=utf-8` is `application/json`. */
function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** The form's field names, when its schema forbids others (which Prism's form decoder does not enforce). */
function closedFormKeys(operation: IHttpOperation): ReadonlySet<string> | undefined {
  const schema = formSchemaOf(operation);
  if (schema?.additionalProperties !== false) return undefined;
  return new Set(Object.keys(schema.properties ?? {}));
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Loads a spec: Prism's operations, and what the mock adds to each. */
async function loadSpec(spec: string) {
  const operations = await prismHttp.getHttpOperationsFromSpec(spec).catch((error: Error) => {
    // Prism says "Error parsing FILE:" twice and ends a YAML error with the colon that introduced an excerpt.
    const reason = error.message.replaceAll(/Error parsing [^:]*: /g, '').replace(/:\s*$/, '');
    throw new Error(`${spec}: ${reason}`, { cause: error });
  });
  return { operations, served: prepare(operations) };
}

/** Calls `onChange` once a file has settled after a change (writers save in several steps). */
function watchFile(file: string, onChange: () => void): FSWatcher {
  let settling: NodeJS.Timeout | undefined;
  // The folder, not the file: a writer that replaces the file would leave a watcher of the file blind.
  return watch(dirname(file), (_event, name) => {
    if (name !== basename(file)) return;
    clearTimeout(settling);
    settling = setTimeout(onChange, 150);
  });
}

function prepare(operations: IHttpOperation[]): Map<IHttpOperation, ServedOperation> {
  return new Map(
    operations.map((operation) => [
      operation,
      { operation, testInputs: readTestInputs(operation), formKeys: closedFormKeys(operation) },
    ]),
  );
}

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

/** Reads the body up to the size limit and within the time limit, counted from the end of the head. */
async function readBody(request: IncomingMessage, limits: MockLimits): Promise<Buffer> {
  const tooLarge = () => new MockError('PAYLOAD_TOO_LARGE', `The body is over the limit of ${limits.bodyBytes} bytes.`);
  if (Number(request.headers['content-length']) > limits.bodyBytes) throw tooLarge();
  const reading = (async () => {
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > limits.bodyBytes) throw tooLarge();
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  })();
  // An idle timeout would let a client that trickles one byte at a time hold the connection forever; this is a deadline.
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    deadline = setTimeout(
      () => reject(new MockError('REQUEST_TIMEOUT', `The body was not received within ${limits.timeoutMs} ms.`)),
      limits.timeoutMs,
    );
  });
  reading.catch(() => {}); // once timed out, the read fails as the connection closes: nothing is waiting for it
  try {
    return await Promise.race([reading, timedOut]);
  } finally {
    clearTimeout(deadline);
  }
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, unknown> = {}): void {
  // Prism spells its headers as the spec does (`Content-type`) and may leave some unset: merge them by lowercase name.
  const given = Object.entries(headers)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => [name.toLowerCase(), String(value)]);
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
    if (target?.startsWith('/')) return new URL(`http://mock.invalid${target}`);
    if (target && /^https?:\/\//i.test(target)) return new URL(target);
  } catch {
    // falls through to the refusal below
  }
  throw new MockError('BAD_REQUEST', 'The request target is not a valid path.');
}

/**
 * CORS as Prism's own server has it by default, so that a page in a browser can call the mock: every answer allows
 * the caller's origin, and a preflight gets a 204. Returns true when the request was a preflight, now answered.
 */
function answerCors(request: IncomingMessage, response: ServerResponse): boolean {
  const {
    origin,
    'access-control-request-method': preflightMethod,
    'access-control-request-headers': asked,
  } = request.headers;
  response.setHeader('access-control-allow-origin', origin ?? '*');
  response.setHeader('access-control-allow-headers', asked ?? '*');
  response.setHeader('access-control-allow-credentials', 'true');
  response.setHeader('access-control-expose-headers', '*');
  if (request.method !== 'OPTIONS' || !origin || !preflightMethod) return false;
  response.setHeader('access-control-allow-methods', preflightMethod);
  response.setHeader('vary', 'origin');
  response.writeHead(204, { 'content-length': 0 }).end();
  return true;
}

/** The error each answer carried, for its log line. */
const errorsSent = new WeakMap<ServerResponse, MockError>();

function sendError(response: ServerResponse, error: MockError, headers: Record<string, string> = {}): void {
  errorsSent.set(response, error);
  send(response, error.status, JSON.stringify(error.toBody()), { ...error.headers, ...headers });
}

/** `POST /v2/mobile/phone/confirm 400 VALIDATION field=number 1.3ms`: never a body, never a query string. */
function logLine(request: IncomingMessage, response: ServerResponse, started: number): string {
  const error = errorsSent.get(response);
  const cause = error ? ` ${error.kind}${error.field === undefined ? '' : ` field=${error.field}`}` : '';
  const elapsed = (performance.now() - started).toFixed(1);
  return `${request.method} ${request.url?.split('?')[0]} ${response.statusCode}${cause} ${elapsed}ms`;
}

/** Starts the mock; resolves once it accepts connections. */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const { port = 0, host = '127.0.0.1', spec = bundledSpecYaml, log } = options;
  const limits = { ...defaultLimits, ...options.limits };
  let loaded = await loadSpec(spec);
  const watcher = options.watch
    ? watchFile(spec, () => {
        loadSpec(spec).then(
          (reloaded) => {
            loaded = reloaded;
            log?.(`Reloaded ${spec} (${plural(reloaded.operations.length, 'operation')})`);
          },
          (error: Error) => log?.(`Still serving the last good spec: ${spec} failed to load: ${error.message}`),
        );
      })
    : undefined;
  const prism = prismHttp.createInstance(prismConfig, { logger: createLogger('vault-mock', { level: 'silent' }) });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { operations, served } = loaded; // one spec for the whole request, even if a reload lands meanwhile
    const method = (request.method ?? 'GET').toLowerCase();
    const url = requestUrl(request.url);
    if (url.pathname === healthPath && (method === 'get' || method === 'head')) {
      send(response, 200, JSON.stringify({ status: 'ok', operations: operations.length }));
      return;
    }
    const body = await readBody(request, limits);
    const input: IHttpRequest = {
      method: method as IHttpRequest['method'],
      url: { path: url.pathname, query: queryValues(url.searchParams) },
      headers: headerValues(request),
      ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
    };

    const mediaType = mediaTypeOf(request.headers['content-type']);
    const routed = route({ resources: operations, input });
    if (routed._tag === 'Left') throw notRouted(routed.left as ProblemJsonError, operations, input, mediaType);
    const { operation, testInputs, formKeys } = served.get(routed.right) as ServedOperation;

    let testInput: TestInput | undefined;
    let form: FormFields = {};
    const mediaTypes = operation.request?.body?.contents?.map((content) => content.mediaType) ?? [];
    if (body.length > 0 && mediaTypes.length > 0) {
      if (mediaType === undefined || !mediaTypes.includes(mediaType)) {
        throw new MockError('VALIDATION', `Content-Type must be ${mediaTypes.join(' or ')}.`, {
          field: 'Content-Type',
          originalMessage: `Unsupported media type: ${mediaType ?? 'none'}`,
        });
      }
      if (mediaType === formMediaType) {
        const decoded = decodeForm(body, formKeys);
        if (!decoded.ok)
          throw new MockError('VALIDATION', `${decoded.field} ${decoded.reason}.`, { field: decoded.field });
        form = decoded.fields;
        testInput = matchTestInput(testInputs, form);
      }
    }

    const preferences = getHttpConfigFromRequest(input);
    if (preferences._tag === 'Left') {
      throw unreadablePrefer(operation, preferences.left.detail || preferences.left.message);
    }
    checkPreferences(operation, preferences.right);
    const asked = Object.fromEntries(Object.entries(preferences.right).filter(([, value]) => value !== undefined));
    const chosen =
      Object.keys(asked).length > 0 || !testInput ? asked : { code: testInput.status, exampleKey: testInput.example };
    const result = await prism.request(input, operations, {
      ...prismConfig,
      mock: { ...prismConfig.mock, ...chosen },
    })();
    if (result._tag === 'Left') {
      const { status, message, detail } = result.left as ProblemJsonError;
      throw new MockError(status < 500 ? 'BAD_REQUEST' : 'INTERNAL', `${message}.`, {
        originalMessage: detail || message,
      });
    }

    const violations = result.right.validations.input as PrismViolation[];
    const firstError = violations.find((violation) => violation.severity === errorSeverity);
    if (firstError) {
      sendError(response, violationToError(firstError, operation, form), {
        'sl-violations': violationsHeader(violations),
      });
      return;
    }
    const { statusCode, headers = {}, body: responseBody } = result.right.output;
    const text = typeof responseBody === 'string' ? responseBody : JSON.stringify(responseBody ?? null);
    send(response, statusCode, text, headers);
  }

  const server = createServer(
    {
      maxHeaderSize: limits.headerBytes,
      headersTimeout: limits.timeoutMs,
      requestTimeout: 0, // the body has its own deadline (readBody), which answers with JSON
      connectionsCheckingInterval: Math.min(1000, limits.timeoutMs), // how often Node enforces headersTimeout
    },
    (request, response) => {
      const started = performance.now();
      response.on('finish', () => log?.(logLine(request, response, started)));
      if (answerCors(request, response)) return;
      answer(request, response).catch((error: unknown) => {
        if (!(error instanceof MockError))
          log?.(`Internal error: ${error instanceof Error ? error.stack : String(error)}`);
        if (response.headersSent) return;
        const mockError =
          error instanceof MockError ? error : new MockError('INTERNAL', 'The mock failed to answer this request.');
        // After a refused or stalled body the rest of it may still be arriving: close rather than read it.
        const unreadBody = mockError.kind === 'PAYLOAD_TOO_LARGE' || mockError.kind === 'REQUEST_TIMEOUT';
        sendError(response, mockError, unreadBody ? { connection: 'close' } : {});
      });
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { address, port: boundPort } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${boundPort}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        watcher?.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Requests Node refuses before they reach the handler (oversized head, slow head, broken HTTP) still get JSON. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const mockError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new MockError('HEADERS_TOO_LARGE', 'The request headers are too large.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new MockError('REQUEST_TIMEOUT', 'The request headers were not received in time.')
        : new MockError('BAD_REQUEST', 'The request is not valid HTTP/1.1.');
  const body = JSON.stringify(mockError.toBody());
  socket.end(
    `HTTP/1.1 ${mockError.status} ${STATUS_CODES[mockError.status]}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
