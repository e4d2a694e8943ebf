import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from './index.js';
import { errorResponseViolations, formHeaders, validForm } from './testing/vault-spec.js';

const limits = { bodyBytes: 1024, headerBytes: 4096, timeoutMs: 300 };
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ limits });
});
afterAll(() => mock.close());

/** Sends raw bytes (optionally in timed pieces) and returns the status and JSON body the mock answers with. */
async function rawExchange(pieces: (string | Buffer)[], pauseMs = 0): Promise<{ status: number; body: unknown }> {
  const { hostname, port } = new URL(mock.url);
  const socket = connect(Number(port), hostname);
  const received: Buffer[] = [];
  socket.on('data', (chunk) => received.push(chunk));
  socket.on('error', () => {}); // the mock may close first; what it sent before is what counts
  const closed = new Promise((resolve) => socket.on('close', resolve));
  for (const piece of pieces) {
    if (socket.destroyed) break;
    socket.write(piece);
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  await closed;
  const text = Buffer.concat(received).toString('utf8');
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) };
}

const requestHead = (extraHeaders: string, bodyLength: number) =>
  `POST /v2/mobile/phone/confirm HTTP/1.1\r\nhost: mock\r\ncontent-type: ${formHeaders['content-type']}\r\n` +
  `x-merchant-id: ${formHeaders['x-merchant-id']}\r\ncontent-length: ${bodyLength}\r\nconnection: close\r\n${extraHeaders}\r\n`;

describe('the mock refuses abuse with a JSON 4xx, never a 5xx, a crash or a hang', () => {
  it.each<
    [string, { given: () => Promise<{ status: number; body: unknown }>; want: { status: number; error: string } }]
  >([
    [
      'a body over the limit, declared up front',
      {
        given: () => rawExchange([requestHead('', 5000), 'x'.repeat(5000)]),
        want: { status: 413, error: 'PAYLOAD_TOO_LARGE' },
      },
    ],
    [
      'a chunked body that grows over the limit',
      {
        given: () =>
          rawExchange([
            requestHead('transfer-encoding: chunked\r\n', 0).replace('content-length: 0\r\n', ''),
            ...Array.from({ length: 3 }, () => `400\r\n${'a'.repeat(1024)}\r\n`),
            '0\r\n\r\n',
          ]),
        want: { status: 413, error: 'PAYLOAD_TOO_LARGE' },
      },
    ],
    [
      'a huge header',
      {
        given: () => rawExchange([requestHead(`x-padding: ${'p'.repeat(8000)}\r\n`, 0)]),
        want: { status: 431, error: 'HEADERS_TOO_LARGE' },
      },
    ],
    [
      'a body that stalls',
      {
        given: () => rawExchange([requestHead('', validForm.length), validForm.slice(0, 10)]),
        want: { status: 408, error: 'REQUEST_TIMEOUT' },
      },
    ],
    [
      'a body sent one byte at a time, slower than the timeout allows',
      {
        given: () => rawExchange([requestHead('', validForm.length), ...validForm.split('')], 50),
        want: { status: 408, error: 'REQUEST_TIMEOUT' },
      },
    ],
    [
      'a head that stalls',
      {
        given: () => rawExchange(['POST /v2/mobile/phone/confirm HTTP/1.1\r\nhost: mock\r\n']),
        want: { status: 408, error: 'REQUEST_TIMEOUT' },
      },
    ],
    [
      'raw bytes that are not UTF-8',
      {
        given: () => rawExchange([requestHead('', 4), Buffer.from([0x6e, 0x3d, 0xc3, 0x28])]),
        want: { status: 400, error: 'VALIDATION' },
      },
    ],
    [
      'a request target that is no URL',
      {
        given: () => rawExchange(['GET http://[/ HTTP/1.1\r\nhost: mock\r\nconnection: close\r\n\r\n']),
        want: { status: 400, error: 'BAD_REQUEST' },
      },
    ],
    [
      'a path that starts with // (a path, not a host)',
      {
        given: () => rawExchange(['GET //v2/mobile/phone/confirm HTTP/1.1\r\nhost: mock\r\nconnection: close\r\n\r\n']),
        want: { status: 404, error: 'NOT_FOUND' },
      },
    ],
    [
      'a request that is not HTTP',
      { given: () => rawExchange(['HELLO\r\n\r\n']), want: { status: 400, error: 'BAD_REQUEST' } },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { status, body } = await given();
    expect({ status, error: (body as { error?: string }).error }).toEqual(want);
    expect(errorResponseViolations(body)).toEqual([]);
  });

  it('still serves a valid request after all of it', async () => {
    const response = await fetch(`${mock.url}/v2/mobile/phone/confirm`, {
      method: 'POST',
      headers: formHeaders,
      body: validForm,
    });
    expect(response.status).toBe(200);
  });
});
