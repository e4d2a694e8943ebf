import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDocsServer } from './serve.mjs';

let docs: Awaited<ReturnType<typeof startDocsServer>>;

beforeAll(async () => {
  const parent = await mkdtemp(join(tmpdir(), 'vault-docs-'));
  const root = join(parent, 'dist');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Vault API</title>');
  await writeFile(join(root, 'openapi.json'), '{}');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(parent, 'secret.txt'), 'outside the served folder');
  docs = await startDocsServer({ root, port: 0 });
});
afterAll(() => docs.close());

describe('the docs server', () => {
  it.each<[string, { given: { path: string; method?: string }; want: { status: number; type?: string } }]>([
    ['serves the page at /', { given: { path: '/' }, want: { status: 200, type: 'text/html; charset=utf-8' } }],
    [
      'serves the page by name',
      { given: { path: '/index.html' }, want: { status: 200, type: 'text/html; charset=utf-8' } },
    ],
    [
      'serves JSON as JSON',
      { given: { path: '/openapi.json' }, want: { status: 200, type: 'application/json; charset=utf-8' } },
    ],
    ['serves SVG as SVG', { given: { path: '/assets/logo.svg' }, want: { status: 200, type: 'image/svg+xml' } }],
    ['answers HEAD', { given: { path: '/', method: 'HEAD' }, want: { status: 200, type: 'text/html; charset=utf-8' } }],
    ['answers a missing file with 404', { given: { path: '/missing.html' }, want: { status: 404 } }],
    ['does not leave its folder by an encoded slash', { given: { path: '/..%2fsecret.txt' }, want: { status: 404 } }],
    ['refuses broken percent-encoding', { given: { path: '/%ZZ' }, want: { status: 400 } }],
    ['refuses a NUL byte', { given: { path: '/index.html%00' }, want: { status: 404 } }],
    ['refuses other methods', { given: { path: '/', method: 'POST' }, want: { status: 405 } }],
  ])('%s', async (_name, { given, want }) => {
    const response = await fetch(`${docs.url}${given.path}`, { method: given.method ?? 'GET' });
    expect(response.status).toBe(want.status);
    if (want.type) expect(response.headers.get('content-type')).toBe(want.type);
  });
});

/** Sends a request line as written (fetch would normalize `..` away) and returns the status the server answers. */
async function rawStatus(requestLine: string): Promise<number> {
  const { hostname, port } = new URL(docs.url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk;
  });
  socket.write(`${requestLine}\r\nhost: docs\r\nconnection: close\r\n\r\n`); // the server closes after answering
  await new Promise((resolve) => socket.on('close', resolve));
  return Number(received.split(' ')[1]);
}

describe('the docs server, given request lines a browser would not send', () => {
  it.each([
    ['a plain ..', 'GET /../secret.txt HTTP/1.1', 404],
    ['an encoded ..', 'GET /%2e%2e/secret.txt HTTP/1.1', 404],
    ['a target that is no URL', 'GET http://[/ HTTP/1.1', 400],
    ['a target that is not a path', 'GET * HTTP/1.1', 400],
  ])('refuses %s, and keeps serving', async (_name, requestLine, status) => {
    expect(await rawStatus(requestLine)).toBe(status);
    expect((await fetch(`${docs.url}/`)).status).toBe(200);
  });
});
