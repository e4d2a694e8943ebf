import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
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
    ['does not leave its folder by ..', { given: { path: '/%2e%2e/secret.txt' }, want: { status: 404 } }],
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
