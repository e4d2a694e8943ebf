import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { IHttpOperation } from '@stoplight/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readTestInputs } from './documented-inputs.js';
import { closedFormKeys, formMediaType } from './form.js';
import { createHandler, healthPath } from './handler.js';
import { mockErrors, type RunningMock, startMock } from './index.js';
import type { LoadedSpec } from './reload.js';
import { createRouteIndex } from './route-index.js';
import { formHeaders, validForm } from './testing/vault-spec.js';

const confirmPath = '/v2/mobile/phone/confirm';

interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One request over a kept-alive connection, so that a `connection: close` in the answer is the mock's own choice. */
function exchange(
  base: string,
  {
    method = 'POST',
    path = confirmPath,
    headers = {},
    body,
  }: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      `${base}${path}`,
      { method, headers: { connection: 'keep-alive', ...headers }, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Sends a raw request target, which fetch and http.request would normalise. */
async function rawTarget(
  base: string,
  target: string,
): Promise<{ status: number; body: { error: string; message: string } }> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  const received: Buffer[] = [];
  socket.on('data', (chunk) => received.push(chunk));
  socket.on('error', () => {});
  const closed = new Promise((resolve) => socket.on('close', resolve));
  socket.write(`GET ${target} HTTP/1.1\r\nhost: mock\r\nconnection: close\r\n\r\n`);
  await closed;
  const [head = '', body = ''] = Buffer.concat(received).toString('utf8').split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) };
}

describe('the handler, with the bundled spec', () => {
  const limits = { bodyBytes: 1024, headerBytes: 4096, timeoutMs: 1000 };
  const logged: string[] = [];
  let mock: RunningMock;

  beforeAll(async () => {
    mock = await startMock({ limits, log: (line) => logged.push(line) });
  });
  afterAll(() => mock.close());

  /** The log line of the one request that `send` makes. */
  async function logLineOf(send: () => Promise<unknown>): Promise<string | undefined> {
    logged.length = 0;
    await send();
    await new Promise((resolve) => setTimeout(resolve, 10));
    return logged[0];
  }

  it.each<
    [
      string,
      { given: { method?: string; path?: string; body?: string; headers?: Record<string, string> }; want: RegExp },
    ]
  >([
    [
      'an answer',
      { given: { body: validForm, headers: formHeaders }, want: /^POST \/v2\/mobile\/phone\/confirm 200 \d+\.\dms$/ },
    ],
    [
      'a refusal, with its code and field',
      {
        given: { body: 'grant_type=mobile_phone&number=1&password=x', headers: formHeaders },
        want: /^POST \/v2\/mobile\/phone\/confirm 400 VALIDATION field=number \d+\.\dms$/,
      },
    ],
    [
      'a refusal without a field, with its code only, and no query string',
      {
        given: { method: 'PUT', path: `${confirmPath}?secret=1` },
        want: /^PUT \/v2\/mobile\/phone\/confirm 405 METHOD_NOT_ALLOWED \d+\.\dms$/,
      },
    ],
  ])('logs %s in one line', async (_name, { given, want }) => {
    expect(await logLineOf(() => exchange(mock.url, given))).toMatch(want);
  });

  it('logs the time the request took', async () => {
    const started = performance.now();
    const line = await logLineOf(() => exchange(mock.url, { body: validForm, headers: formHeaders }));
    const took = performance.now() - started;
    expect(Number(/ (\d+\.\d)ms$/.exec(line ?? '')?.[1])).toBeLessThanOrEqual(took + 0.1);
  });

  it.each<[string, { given: { method: string; path: string }; want: { status: number; error?: string } }]>([
    ['answers HEAD on the health path', { given: { method: 'HEAD', path: healthPath }, want: { status: 200 } }],
    [
      'routes a POST to the health path as any other',
      { given: { method: 'POST', path: healthPath }, want: { status: 404, error: 'NOT_FOUND' } },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { status, text } = await exchange(mock.url, given);
    expect({ status, error: text === '' ? undefined : JSON.parse(text).error }).toEqual(want);
  });

  it.each<
    [
      string,
      {
        given: { body?: string; headers: Record<string, string> };
        want: { status: number; error: string; message: string; connection: string };
      },
    ]
  >([
    [
      'refuses a body declared over the limit before it arrives, and closes',
      {
        given: { headers: { ...formHeaders, 'content-length': '1025' } },
        want: {
          status: 413,
          error: 'PAYLOAD_TOO_LARGE',
          message: 'The body is over the limit of 1024 bytes.',
          connection: 'close',
        },
      },
    ],
    [
      'reads a body of exactly the limit',
      {
        given: { body: `${validForm}&pad=${'p'.repeat(1024 - validForm.length - 5)}`, headers: formHeaders },
        want: { status: 400, error: 'VALIDATION', message: 'pad is not an accepted field.', connection: 'keep-alive' },
      },
    ],
    [
      'reads an unannounced body of exactly the limit',
      {
        given: {
          body: `${validForm}&pad=${'p'.repeat(1024 - validForm.length - 5)}`,
          headers: { ...formHeaders, 'transfer-encoding': 'chunked' },
        },
        want: { status: 400, error: 'VALIDATION', message: 'pad is not an accepted field.', connection: 'keep-alive' },
      },
    ],
    [
      'times out a body that does not arrive, and closes',
      {
        given: { headers: { ...formHeaders, 'content-length': '10' } },
        want: {
          status: 408,
          error: 'REQUEST_TIMEOUT',
          message: 'The body was not received within 1000 ms.',
          connection: 'close',
        },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { status, headers, text } = await exchange(mock.url, {
      ...given,
      ...(given.body === undefined ? { body: '' } : {}),
    });
    const body = JSON.parse(text);
    expect({ status, error: body.error, message: body.message, connection: headers.connection }).toEqual(want);
    expect(headers['content-type']).toBe('application/json');
  });

  it('clears the deadline of each body it has read, so that no timer outlives the request', async () => {
    const started = vi.spyOn(globalThis, 'setTimeout');
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    try {
      expect((await exchange(mock.url, { body: validForm, headers: formHeaders })).status).toBe(200);
      const deadlines = started.mock.results
        .filter((_, call) => started.mock.calls[call]?.[1] === limits.timeoutMs)
        .map((result) => result.value);
      expect(deadlines.length).toBeGreaterThan(0);
      expect(cleared.mock.calls.map(([timer]) => timer)).toEqual(expect.arrayContaining(deadlines));
    } finally {
      started.mockRestore();
      cleared.mockRestore();
    }
  });

  it('stops waiting for a body whose client went away, and answers nothing', async () => {
    const started = vi.spyOn(globalThis, 'setTimeout');
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    try {
      const { hostname, port } = new URL(mock.url);
      const socket = connect(Number(port), hostname);
      const received: Buffer[] = [];
      socket.on('data', (chunk) => received.push(chunk));
      socket.write(
        `POST ${confirmPath} HTTP/1.1\r\nhost: mock\r\ncontent-type: ${formMediaType}\r\ncontent-length: 100\r\n\r\nnumber=`,
      );
      await vi.waitFor(() => expect(started.mock.calls.some(([, ms]) => ms === limits.timeoutMs)).toBe(true));
      socket.destroy();
      const deadline = started.mock.results[started.mock.calls.findIndex(([, ms]) => ms === limits.timeoutMs)]?.value;
      await vi.waitFor(() => expect(cleared.mock.calls.map(([timer]) => timer)).toContain(deadline));
      expect(received).toEqual([]);
    } finally {
      started.mockRestore();
      cleared.mockRestore();
    }
  });

  it.each<[string, { given: { body: string; headers: Record<string, string> }; want: object }]>([
    [
      'a body of another media type, naming the one it takes',
      {
        given: { body: '{}', headers: { ...formHeaders, 'content-type': 'application/json' } },
        want: {
          field: 'Content-Type',
          message: 'Content-Type must be application/x-www-form-urlencoded.',
          originalMessage: 'Unsupported media type: application/json',
        },
      },
    ],
    [
      'a body without a media type',
      {
        given: { body: validForm, headers: { 'x-merchant-id': formHeaders['x-merchant-id'] } },
        want: {
          field: 'Content-Type',
          message: 'Content-Type must be application/x-www-form-urlencoded.',
          originalMessage: 'Unsupported media type: none',
        },
      },
    ],
    [
      'no body and no media type as a missing body',
      {
        given: { body: '', headers: { 'x-merchant-id': formHeaders['x-merchant-id'] } },
        want: { field: 'body', message: 'The request body is required.' },
      },
    ],
  ])('refuses %s', async (_name, { given, want }) => {
    const { status, text } = await exchange(mock.url, given);
    expect({ status, ...JSON.parse(text) }).toMatchObject({ status: 400, error: 'VALIDATION', ...want });
  });

  it('answers a Prefer header rather than the test input the form matches', async () => {
    const { status } = await exchange(mock.url, {
      body: 'grant_type=mobile_phone&number=%2B447700900400&password=x',
      headers: { ...formHeaders, prefer: 'code=200' },
    });
    expect(status).toBe(200);
  });

  it.each<[string, { given: string; want: { status: number; error: string; message?: string } }]>([
    [
      'routes an absolute-form http target by its path',
      { given: `http://mock${confirmPath}`, want: { status: 405, error: 'METHOD_NOT_ALLOWED' } },
    ],
    [
      'routes an absolute-form target in any case',
      { given: `HTTP://mock${confirmPath}`, want: { status: 405, error: 'METHOD_NOT_ALLOWED' } },
    ],
    [
      'refuses an absolute-form target of another scheme',
      {
        given: `ftp://mock${confirmPath}`,
        want: { status: 400, error: 'BAD_REQUEST', message: 'The request target is not a valid path.' },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { status, body } = await rawTarget(mock.url, given);
    expect({ status, ...body }).toMatchObject(want);
  });
});

/** Prism's own answer to an invalid request of an operation that documents no 400. */
const prismRefusal = {
  error: 'BAD_REQUEST',
  errorId: mockErrors.BAD_REQUEST.errorId,
  message: 'Invalid request.',
  systemId: 'vault-mock',
  originalMessage:
    'Your request is not valid and no HTTP validation response was found in the spec, so Prism is generating this error for you.',
};

const jsonContent = (example: unknown) => ({
  id: 'c',
  mediaType: 'application/json',
  examples: [{ id: 'e', key: 'one', value: example }],
});

/** Operations the bundled spec lacks: without a request, with a query, with two media types, answering text. */
const operations = [
  {
    id: 'bare',
    method: 'post',
    path: '/bare',
    responses: [{ id: 'r', code: '200', headers: [], contents: [jsonContent({ bare: true })] }],
  },
  {
    id: 'query',
    method: 'get',
    path: '/query',
    request: {
      query: [{ id: 'q', name: 'q', style: 'form', required: true, schema: { type: 'string', enum: ['x'] } }],
    },
    responses: [{ id: 'r', code: '200', headers: [], contents: [jsonContent({ query: true })] }],
  },
  {
    id: 'either',
    method: 'post',
    path: '/either',
    request: {
      body: {
        id: 'b',
        required: false,
        contents: [
          { id: 'j', mediaType: 'application/json', schema: {} },
          {
            id: 'f',
            mediaType: formMediaType,
            schema: {
              type: 'object',
              required: ['a'],
              properties: { a: { type: 'string' } },
              additionalProperties: false,
            },
          },
        ],
      },
    },
    responses: [{ id: 'r', code: '200', headers: [], contents: [jsonContent({ either: true })] }],
  },
  {
    id: 'text',
    method: 'get',
    path: '/text',
    responses: [
      {
        id: 'r',
        code: '200',
        headers: [{ id: 'h', name: 'X-Undocumented', style: 'simple' }],
        contents: [{ id: 'c', mediaType: 'text/plain', examples: [{ id: 'e', key: 'one', value: 'hello' }] }],
      },
    ],
  },
  { id: 'unanswered', method: 'get', path: '/unanswered', responses: [] },
  {
    // A scheme Prism does not know (a warning, not a refusal), a deprecated parameter (likewise), a body without
    // contents, and a success without content.
    id: 'quirks',
    method: 'post',
    path: '/quirks',
    security: [[{ id: 's', key: 'Negotiate', type: 'http', scheme: 'negotiate' }]],
    request: {
      query: [{ id: 'd', name: 'old', style: 'form', deprecated: true, schema: { type: 'string' } }],
      body: { id: 'b', required: false },
    },
    responses: [{ id: 'r', code: '200', headers: [] }],
  },
] as unknown as IHttpOperation[];

function loadedSpec(): LoadedSpec {
  return {
    operations,
    routes: createRouteIndex(operations),
    served: new Map(
      operations.map((operation) => [
        operation,
        { operation, testInputs: readTestInputs(operation), formKeys: closedFormKeys(operation) },
      ]),
    ),
  };
}

describe('the handler, with operations the bundled spec lacks', () => {
  const logged: string[] = [];
  let failing = false;
  const handle = createHandler({
    loaded: () => {
      if (failing) throw new TypeError('the spec is gone');
      return loadedSpec();
    },
    limits: { bodyBytes: 1024, headerBytes: 4096, timeoutMs: 1000 },
    log: (line) => logged.push(line),
  });
  const server = createServer(handle);
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  it.each<
    [
      string,
      {
        given: { method?: string; path: string; body?: string; headers?: Record<string, string> };
        want: { status: number; body: unknown };
      },
    ]
  >([
    [
      'answers an operation without a request',
      { given: { path: '/bare' }, want: { status: 200, body: { bare: true } } },
    ],
    [
      'ignores a body sent to an operation that takes none',
      {
        given: { path: '/bare', body: 'x=1', headers: { 'content-type': 'text/plain' } },
        want: { status: 200, body: { bare: true } },
      },
    ],
    [
      'answers an operation whose request has no body',
      { given: { method: 'GET', path: '/query?q=x' }, want: { status: 200, body: { query: true } } },
    ],
    [
      'gives Prism a repeated query parameter as a list',
      { given: { method: 'GET', path: '/query?q=x&q=x' }, want: { status: 400, body: prismRefusal } },
    ],
    [
      'takes no body where the body is optional',
      { given: { path: '/either' }, want: { status: 200, body: { either: true } } },
    ],
    [
      'refuses a body of a media type it does not take, naming each one it does',
      {
        given: { path: '/either', body: 'b=1', headers: { 'content-type': 'text/plain' } },
        want: {
          status: 400,
          body: expect.objectContaining({
            field: 'Content-Type',
            message: 'Content-Type must be application/json or application/x-www-form-urlencoded.',
          }),
        },
      },
    ],
    [
      'reads a JSON body as JSON where the form is one of the media types',
      {
        given: { path: '/either', body: '{"b":1}', headers: { 'content-type': 'application/json' } },
        want: { status: 200, body: { either: true } },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { status, text } = await exchange(base, given);
    expect({ status, body: JSON.parse(text) }).toEqual(want);
  });

  it('sends a text answer as it is, with its own media type and without headers Prism left unset', async () => {
    const { status, headers, text } = await exchange(base, { method: 'GET', path: '/text' });
    expect({ status, contentType: headers['content-type'], text, undocumented: headers['x-undocumented'] }).toEqual({
      status: 200,
      contentType: 'text/plain',
      text: 'hello',
      undocumented: undefined,
    });
  });

  it('answers a success without content with no body and no Content-Type, through warnings and a body without contents', async () => {
    const { status, headers, text } = await exchange(base, {
      path: '/quirks?old=1',
      headers: { 'content-type': 'text/plain' },
      body: 'anything',
    });
    expect({ status, length: headers['content-length'], type: headers['content-type'], text }).toEqual({
      status: 200,
      length: '0',
      type: undefined,
      text: '',
    });
  });

  it("answers Prism's own failure to answer as the mock's 500, in Prism's words", async () => {
    const { status, text } = await exchange(base, { method: 'GET', path: '/unanswered' });
    expect({ status, body: JSON.parse(text) }).toEqual({
      status: 500,
      body: {
        error: 'INTERNAL',
        errorId: mockErrors.INTERNAL.errorId,
        message: 'No response defined for the selected operation.',
        systemId: 'vault-mock',
        originalMessage: 'No response defined for the selected operation',
      },
    });
  });

  it('answers a failure of its own with a 500, and logs it', async () => {
    logged.length = 0;
    failing = true;
    try {
      const { status, text } = await exchange(base, { path: '/bare' });
      expect({ status, ...JSON.parse(text) }).toMatchObject({
        status: 500,
        error: 'INTERNAL',
        message: 'The mock failed to answer this request.',
      });
    } finally {
      failing = false;
    }
    expect(logged).toEqual([expect.stringMatching(/^Internal error: TypeError: the spec is gone\n {4}at /)]);
  });

  it('answers a failure of its own with a 500 when it has nowhere to log it', async () => {
    const silent = createServer(
      createHandler({
        loaded: () => {
          throw new TypeError('the spec is gone');
        },
        limits: { bodyBytes: 1024, headerBytes: 4096, timeoutMs: 1000 },
      }),
    );
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const address = silent.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      expect((await exchange(url, { path: '/bare' })).status).toBe(500);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('logs no refusal of its own', async () => {
    logged.length = 0;
    expect((await exchange(base, { method: 'GET', path: '/nowhere' })).status).toBe(404);
    expect(logged).toEqual([]);
  });
});
