// The mock's HTTP server: its limits, CORS, the answer to requests Node refuses itself, and listen/close. Each request
// goes to the handler, with the spec that the reload module keeps loaded.
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { bundledSpecYaml } from '@vault/spec';
import { MockError } from './errors.js';
import { createHandler, logLine } from './handler.js';
import { defaultLimits, type MockLimits } from './limits.js';
import { serveSpec } from './reload.js';

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

/** Starts the mock; resolves once it accepts connections. */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const { port = 0, host = '127.0.0.1', spec = bundledSpecYaml, log } = options;
  const limits = { ...defaultLimits, ...options.limits };
  const served = await serveSpec(spec, { watch: options.watch ?? false, log });
  const handle = createHandler({ loaded: served.current, limits, log });
  const server = createServer(
    {
      maxHeaderSize: limits.headerBytes,
      headersTimeout: limits.timeoutMs,
      requestTimeout: 0, // the body has its own deadline (the handler's), which answers with JSON
      connectionsCheckingInterval: Math.min(1000, limits.timeoutMs), // how often Node enforces headersTimeout
    },
    (request, response) => {
      const started = performance.now();
      response.on('finish', () => log?.(logLine(request, response, started)));
      if (answerCors(request, response)) return;
      handle(request, response);
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
  // listen refuses a bad port (ERR_SOCKET_BAD_PORT) or a taken one: stop watching the spec then, or it never ends.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  }).catch((error: unknown) => {
    served.close();
    throw error;
  });
  const { address, port: boundPort } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${boundPort}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        served.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
