import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs `node src/serve.mjs` in `cwd` until it exits (10 s at most, so that a server that starts fails the test). */
async function runServe(
  args: string[],
  { cwd = packageDir, env = {} }: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const child = spawn(process.execPath, ['src/serve.mjs', ...args], {
    cwd,
    env: { ...process.env, ...env },
    timeout: 10_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'close');
  return { code, stdout, stderr };
}

describe('node src/serve.mjs', () => {
  const busy = createServer();
  let busyPort: number;
  let unbuilt: string;
  beforeAll(async () => {
    busy.listen(0, '127.0.0.1');
    await once(busy, 'listening');
    busyPort = (busy.address() as AddressInfo).port;
    // The script alone, in a folder with no dist/ beside it: a checkout nobody has built yet.
    unbuilt = await mkdtemp(join(tmpdir(), 'vault-docs-unbuilt-'));
    await mkdir(join(unbuilt, 'src'));
    await copyFile(join(packageDir, 'src/serve.mjs'), join(unbuilt, 'src/serve.mjs'));
  });
  afterAll(() => busy.close());

  it.each<[string, () => ReturnType<typeof runServe>, { code: number; line: RegExp }]>([
    [
      'a port in use',
      () => runServe(['--port', String(busyPort)]),
      {
        code: 1,
        line: /^vault-docs: cannot listen on 127\.0\.0\.1:\d+: something else is listening there; choose another port with --port or DOCS_PORT$/,
      },
    ],
    [
      'no built page',
      () => runServe(['--port', '0'], { cwd: unbuilt }),
      { code: 1, line: /^vault-docs: no docs page at \S+index\.html; build first: pnpm build$/ },
    ],
    [
      'an option it does not know',
      () => runServe(['--verbose']),
      { code: 2, line: /^vault-docs: Unknown option '--verbose' \(see --help\)$/ },
    ],
    [
      'a port that is not a number',
      () => runServe(['--port', 'http']),
      { code: 2, line: /^vault-docs: --port must be a number from 0 to 65535, not "http"$/ },
    ],
    [
      'a DOCS_PORT that is not a number, by its name',
      () => runServe([], { env: { DOCS_PORT: 'abc' } }),
      { code: 2, line: /^vault-docs: DOCS_PORT must be a number from 0 to 65535, not "abc"$/ },
    ],
  ])('refuses %s in one line, with no stack trace, and a failing exit code', async (_name, run, want) => {
    const { code, stdout, stderr } = await run();
    expect({ code, stdout }).toEqual({ code: want.code, stdout: '' });
    expect(stderr.split('\n')).toEqual([expect.stringMatching(want.line), '']); // one line, and nothing after it
    expect(stderr).not.toContain('    at ');
  });

  it('prints its usage on --help and exits 0', async () => {
    const { code, stdout, stderr } = await runServe(['--help']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Usage: pnpm docs:serve \[--port N\] \[--host ADDRESS\]$/m);
    expect(stdout).not.toContain('    at ');
  });
});
