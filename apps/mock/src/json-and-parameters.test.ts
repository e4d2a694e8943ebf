// The fixture spec's operations of the kinds every API grows (JSON bodies, parameters, credentials, text, binary and
// multipart bodies): each fault named by its place, in the spec's words, and hostile JSON refused without harm.
import { connect } from 'node:net';
import { type ExampleRequest, exampleRequests, multiOperationSpec, readSpecFile } from '@vault/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from './index.js';
import { maxJsonDepth } from './json-body.js';
import { errorResponseViolations } from './testing/vault-spec.js';

const limits = { bodyBytes: 1024 * 1024, headerBytes: 16 * 1024, timeoutMs: 2000 };
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ spec: multiOperationSpec, limits });
});
afterAll(() => mock.close());

const examples = new Map(exampleRequests(readSpecFile(multiOperationSpec)).map((request) => [request.name, request]));
const example = (name: string) => examples.get(name) as ExampleRequest;
const payment = JSON.parse(example('createPayment').body ?? '{}');
const accountPath = example('getAccount').target.split('?')[0] as string;

interface Change {
  target?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
}

async function send(name: string, change: Change = {}) {
  const request = example(name);
  const headers = Object.fromEntries(
    Object.entries({ ...request.headers, ...change.headers }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const body = change.body ?? request.body;
  const response = await fetch(`${mock.url}${change.target ?? request.target}`, {
    method: request.method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

const withPayment = (change: (body: typeof payment) => void) => {
  const body = structuredClone(payment);
  change(body);
  return JSON.stringify(body);
};

describe('the mock names each fault of a request by its place, in the spec’s words', () => {
  it.each<[string, { given: [string, Change]; want: { field: string; message: string } }]>([
    [
      'a nested body field that fails its pattern, with what the spec expects',
      {
        given: ['createPayment', { body: withPayment((body) => Object.assign(body.beneficiary, { iban: 'gb 33' })) }],
        want: {
          field: 'beneficiary.iban',
          message: 'beneficiary.iban must be an IBAN in capitals without spaces, such as GB33BUKB20201555555555.',
        },
      },
    ],
    [
      'a missing nested field',
      {
        given: ['createPayment', { body: withPayment((body) => delete body.beneficiary.iban) }],
        want: { field: 'beneficiary.iban', message: 'beneficiary.iban is required.' },
      },
    ],
    [
      'an item of a body array by its index',
      {
        given: [
          'createPayment',
          { body: withPayment((body) => Object.assign(body, { references: ['r'.repeat(36)] })) },
        ],
        want: { field: 'references[0]', message: 'references[0] must NOT have more than 35 characters.' },
      },
    ],
    [
      'a field the schema does not allow',
      {
        given: ['createPayment', { body: withPayment((body) => Object.assign(body, { admin: true })) }],
        want: { field: 'body', message: "body must NOT have additional properties; found 'admin'." },
      },
    ],
    [
      'a field the schema does not allow, whose name no header could carry as it is',
      {
        given: ['createPayment', { body: withPayment((body) => Object.assign(body, { '🔑': true })) }],
        want: { field: 'body', message: "body must NOT have additional properties; found '🔑'." },
      },
    ],
    [
      'a body of the wrong type',
      { given: ['createPayment', { body: '[]' }], want: { field: 'body', message: 'body must be object.' } },
    ],
    [
      'malformed JSON, with where it breaks',
      {
        given: ['createPayment', { body: '{"accountId": }' }],
        want: {
          field: 'body',
          message: "body is not valid JSON: expected a value but found '}' at line 1, column 15.",
        },
      },
    ],
    [
      'a path parameter by its declared name',
      {
        given: ['getAccount', { target: '/v2/accounts/not-a-uuid' }],
        want: { field: 'accountId', message: 'accountId must match format "uuid".' },
      },
    ],
    [
      'a query parameter outside its enum',
      {
        given: ['getAccount', { target: `${accountPath}?include=bogus` }],
        want: {
          field: 'include',
          message: 'include must be equal to one of the allowed values: balances, owners.',
        },
      },
    ],
    [
      'a query parameter over its bound',
      {
        given: ['listAccounts', { target: '/v2/accounts?limit=101' }],
        want: { field: 'limit', message: 'limit must be <= 100.' },
      },
    ],
    [
      'a header parameter that fails its format',
      {
        given: ['createPayment', { headers: { 'Idempotency-Key': 'again' } }],
        want: { field: 'Idempotency-Key', message: 'Idempotency-Key must match format "uuid".' },
      },
    ],
    [
      'an item of an array header',
      {
        given: ['getAccount', { headers: { 'X-Trace': 'web-1,Not Valid' } }],
        want: { field: 'X-Trace', message: 'X-Trace must match pattern "^[a-z0-9-]+$".' },
      },
    ],
    [
      'a body of a media type the operation does not take, with the one it does',
      {
        given: ['replaceAccountNote', { headers: { 'Content-Type': 'application/json' }, body: '"note"' }],
        want: { field: 'Content-Type', message: 'Content-Type must be text/plain.' },
      },
    ],
    [
      'a Content-Type that is no media type',
      {
        given: ['createPayment', { headers: { 'Content-Type': 'garbage' } }],
        want: { field: 'Content-Type', message: 'Content-Type must be a media type, such as application/json.' },
      },
    ],
    [
      'a text body over its length',
      {
        given: ['replaceAccountNote', { body: 'n'.repeat(501) }],
        want: { field: 'body', message: 'body must NOT have more than 500 characters.' },
      },
    ],
    [
      'a multipart field outside its enum',
      {
        given: ['uploadDocument', { body: (example('uploadDocument').body ?? '').replace('passport', 'library-card') }],
        want: { field: 'kind', message: 'kind must be equal to one of the allowed values: passport, driving_licence.' },
      },
    ],
  ])('%s', async (_name, { given: [name, change], want }) => {
    const { status, body } = await send(name, change);
    expect({ status, error: body.error, field: body.field, message: body.message }).toEqual({
      status: 400,
      error: 'VALIDATION',
      ...want,
    });
    expect(errorResponseViolations(body)).toEqual([]);
  });

  it('reads a text body as text, however much it looks like a broken form', async () => {
    expect((await send('replaceAccountNote', { body: '100%&&=%ZZ' })).status).toBe(204);
  });

  it('answers a request without a body whatever its Content-Type says', async () => {
    expect((await send('listAccounts', { headers: { 'Content-Type': 'garbage' } })).status).toBe(200);
  });

  it('answers a request that leaves out an optional array header', async () => {
    expect((await send('getAccount', { headers: { 'X-Trace': undefined } })).status).toBe(200);
  });

  it('asks for credentials before it looks at anything else', async () => {
    const { status, body } = await send('createPayment', { headers: { Authorization: undefined }, body: '{' });
    expect({ status, error: body.error, field: body.field }).toEqual({
      status: 401,
      error: 'UNAUTHORIZED',
      field: 'Authorization',
    });
  });

  it('takes an API key where the operation takes one instead of a token', async () => {
    const { status } = await send('cancelPayment', { headers: { Authorization: undefined, 'X-API-Key': 'k' } });
    expect(status).toBe(204);
  });

  it('answers a 201 with its example and its documented Location', async () => {
    const { status, headers, body } = await send('createPayment');
    expect({ status, location: headers.get('location'), id: body.id }).toEqual({
      status: 201,
      location: '/v2/payments/0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      id: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
    });
  });
});

describe('the mock refuses hostile JSON with a 400 that names it, and goes on serving', () => {
  it.each<[string, { given: string; want: { field: string; message: RegExp } }]>([
    [
      'nesting 100,000 deep',
      {
        given: `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
        want: { field: 'body', message: /^body nests deeper than 64 levels/ },
      },
    ],
    [
      `nesting one level over ${maxJsonDepth}`,
      {
        given: `${'['.repeat(maxJsonDepth + 1)}${']'.repeat(maxJsonDepth + 1)}`,
        want: { field: 'body', message: /^body nests deeper/ },
      },
    ],
    [
      '16 KiB of digits',
      {
        given: withPayment((body) => Object.assign(body, { accountId: 0 })).replace('0', '9'.repeat(16 * 1024)),
        want: { field: 'accountId', message: /^accountId holds a number too large/ },
      },
    ],
    [
      'a key given twice',
      {
        given: '{"accountId":"a","accountId":"b"}',
        want: { field: 'accountId', message: /^accountId is given more than once\.$/ },
      },
    ],
    [
      'a __proto__ key',
      {
        given: withPayment(() => {}).replace('{', '{"__proto__":{"polluted":true},'),
        want: { field: '__proto__', message: /^__proto__ is a name no body may use\.$/ },
      },
    ],
    [
      'a constructor.prototype key, as a field the schema does not allow',
      {
        given: withPayment(() => {}).replace('{', '{"constructor":{"prototype":{"polluted":true}},'),
        want: { field: 'body', message: /additional properties; found 'constructor'/ },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { status, body } = await send('createPayment', { body: given });
    expect({ status, error: body.error, field: body.field, message: body.message }).toEqual({
      status: 400,
      error: 'VALIDATION',
      field: want.field,
      message: expect.stringMatching(want.message),
    });
  });

  it('keeps the Content-Type it could not read in its refusal, for the caller to see', async () => {
    const { body } = await send('createPayment', { headers: { 'Content-Type': 'garbage' } });
    expect(body.originalMessage).toBe('Not a media type: garbage');
  });

  it('leaves no prototype polluted, and still answers a valid request', async () => {
    expect([Object.hasOwn(Object.prototype, 'polluted'), ({} as { polluted?: unknown }).polluted]).toEqual([
      false,
      undefined,
    ]);
    expect((await send('createPayment')).status).toBe(201);
  });
});

/**
 * Sends a head and a body of `bodyBytes` in pieces of `pieceBytes`, `pauseMs` apart, and reads the answer only once
 * it has sent it all (as many clients do), so that a server which closes with body bytes still arriving (a TCP reset)
 * makes the answer be lost. Resolves with the answer's status line, or with the error that came instead.
 */
function sendLarge(
  url: string,
  { bodyBytes, pieceBytes, pauseMs }: { bodyBytes: number; pieceBytes: number; pauseMs: number },
) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.pause();
  const received: Buffer[] = [];
  let failure = '';
  socket.on('data', (chunk) => received.push(chunk));
  socket.on('error', (error: NodeJS.ErrnoException) => {
    failure ||= String(error.code);
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const request = example('replaceAccountNote');
  socket.write(
    `PUT ${request.target} HTTP/1.1\r\nhost: mock\r\nauthorization: ${request.headers.Authorization}\r\n` +
      `content-type: text/plain\r\ncontent-length: ${bodyBytes}\r\n\r\n`,
  );
  const drained = () =>
    new Promise<void>((resolve) => {
      // A server that stopped reading never drains: stop sending after a while, as a client would.
      const givingUp = setTimeout(resolve, 2000);
      socket.once('drain', () => {
        clearTimeout(givingUp);
        resolve();
      });
    });
  return (async () => {
    for (let sent = 0; sent < bodyBytes && !socket.destroyed; sent += pieceBytes) {
      if (!socket.write(Buffer.alloc(Math.min(pieceBytes, bodyBytes - sent), 'n'))) await drained();
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    socket.resume();
    await closed;
    return failure || Buffer.concat(received).toString('utf8').split('\r\n')[0];
  })();
}

describe('a body over the limit gets its 413 while the client is still sending it', () => {
  // The body's deadline is not what is tested here; a long one leaves a loaded machine's slow client time to finish.
  const small = { bodyBytes: 1024, headerBytes: 16 * 1024, timeoutMs: 5000 };
  let limited: RunningMock;
  beforeAll(async () => {
    limited = await startMock({ spec: multiOperationSpec, limits: small });
  });
  afterAll(() => limited.close());

  it('closes on a client that goes on sending long after its answer', async () => {
    const { hostname, port } = new URL(limited.url);
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => {});
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now())));
    const request = example('replaceAccountNote');
    socket.write(
      `PUT ${request.target} HTTP/1.1\r\nhost: mock\r\nauthorization: ${request.headers.Authorization}\r\n` +
        `content-type: text/plain\r\ncontent-length: ${100 * 1024 * 1024}\r\n\r\n`,
    );
    const sending = setInterval(() => socket.write(Buffer.alloc(1024, 'n')), 20);
    const started = performance.now();
    try {
      const closedAt = await Promise.race([
        closed,
        new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 20_000)),
      ]);
      expect({
        head: Buffer.concat(received).toString('utf8').split('\r\n')[0],
        closedWithin: closedAt - started < 15_000,
      }).toEqual({ head: 'HTTP/1.1 413 Payload Too Large', closedWithin: true });
    } finally {
      clearInterval(sending);
      socket.destroy();
    }
  }, 30_000);

  it.each([
    ['a fast client sending 2 MiB at once', { bodyBytes: 2 * 1024 * 1024, pieceBytes: 64 * 1024, pauseMs: 0 }],
    ['a slow client sending 64 KiB in pieces', { bodyBytes: 64 * 1024, pieceBytes: 4 * 1024, pauseMs: 20 }],
  ])('%s', async (_name, given) => {
    const runs = await Promise.all(Array.from({ length: 4 }, () => sendLarge(limited.url, given)));
    expect(runs).toEqual(Array(4).fill('HTTP/1.1 413 Payload Too Large'));
  });
});
