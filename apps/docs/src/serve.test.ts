import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { createServer, get } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDocsServer } from './serve.js';

let docs: Awaited<ReturnType<typeof startDocsServer>>;
let root: string;
const page = '<!doctype html><title>Vault API</title>';

beforeAll(async () => {
  const parent = await mkdtemp(join(tmpdir(), 'vault-docs-'));
  root = join(parent, 'dist');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), page);
  // As the build writes them beside each text file.
  await writeFile(join(root, 'index.html.br'), brotliCompressSync(page));
  await writeFile(join(root, 'index.html.gz'), gzipSync(page));
  await writeFile(join(root, 'openapi.json'), '{}');
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(parent, 'secret.txt'), 'outside the served folder');
  docs = await startDocsServer({ root, port: 0 });
});
afterAll(() => docs.close());

describe('the docs server', () => {
  // The types are sirv's (mrmime's): HTML with its charset, JSON without one, since JSON is always UTF-8.
  const served = (type: string) => ({
    status: 200,
    headers: { 'content-type': type, 'x-content-type-options': 'nosniff' },
  });
  it.each<[string, { given: { path: string; method?: string }; want: { status: number; headers?: object } }]>([
    ['serves the page at /', { given: { path: '/' }, want: served('text/html;charset=utf-8') }],
    ['serves the page by name', { given: { path: '/index.html' }, want: served('text/html;charset=utf-8') }],
    ['serves JSON as JSON', { given: { path: '/openapi.json' }, want: served('application/json') }],
    ['serves SVG as SVG', { given: { path: '/assets/logo.svg' }, want: served('image/svg+xml') }],
    ['answers HEAD', { given: { path: '/', method: 'HEAD' }, want: served('text/html;charset=utf-8') }],
    ['answers a missing file with 404', { given: { path: '/missing.html' }, want: { status: 404 } }],
    ['does not leave its folder by an encoded slash', { given: { path: '/..%2fsecret.txt' }, want: { status: 404 } }],
    ['finds no file by broken percent-encoding', { given: { path: '/%ZZ' }, want: { status: 404 } }],
    ['refuses a NUL byte', { given: { path: '/index.html%00' }, want: { status: 404 } }],
    [
      'refuses other methods, and names the ones it serves',
      { given: { path: '/', method: 'POST' }, want: { status: 405, headers: { allow: 'GET, HEAD' } } },
    ],
  ])('%s', async (_name, { given, want }) => {
    const response = await fetch(`${docs.url}${given.path}`, { method: given.method ?? 'GET' });
    expect(response.status).toBe(want.status);
    if (want.headers) expect(Object.fromEntries(response.headers)).toMatchObject(want.headers);
  });

  it.each<
    [string, { given: string | undefined; want: { encoding: string | undefined; decode: (body: Buffer) => Buffer } }]
  >([
    [
      'the brotli copy to a browser that takes brotli',
      { given: 'gzip, deflate, br', want: { encoding: 'br', decode: brotliDecompressSync } },
    ],
    ['the gzip copy to one that takes only gzip', { given: 'gzip', want: { encoding: 'gzip', decode: gunzipSync } }],
    [
      'the page itself to one that takes neither',
      { given: undefined, want: { encoding: undefined, decode: (body) => body } },
    ],
  ])('sends %s', async (_name, { given, want }) => {
    const headers = given === undefined ? {} : { 'accept-encoding': given };
    const [response] = await once(get(`${docs.url}/`, { headers }), 'response');
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk);

    expect(response.headers['content-encoding']).toBe(want.encoding);
    expect(response.headers['content-type']).toBe('text/html;charset=utf-8');
    expect(want.decode(Buffer.concat(chunks)).toString()).toBe(page);
  });

  it('serves what dist/ holds now, as `pnpm dev` rebuilds it, not what it held at the start', async () => {
    await writeFile(join(root, 'rebuilt.json'), '{"rebuilt":true}');
    expect(await (await fetch(`${docs.url}/rebuilt.json`)).json()).toEqual({ rebuilt: true });
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
    ['a target that is no URL', 'GET http://[/ HTTP/1.1', 404],
    ['a target that is not a path', 'GET * HTTP/1.1', 404],
  ])('refuses %s, and keeps serving', async (_name, requestLine, status) => {
    expect(await rawStatus(requestLine)).toBe(status);
    expect((await fetch(`${docs.url}/`)).status).toBe(200);
  });
});

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs `node lib/serve.js`, the built server, in `cwd` until it exits (10 s at most: a server that starts fails). */
async function runServe(
  args: string[],
  { cwd = packageDir, env = {} }: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const child = spawn(process.execPath, ['lib/serve.js', ...args], {
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

describe('node lib/serve.js', () => {
  const busy = createServer();
  let busyPort: number;
  let unbuilt: string;
  beforeAll(async () => {
    busy.listen(0, '127.0.0.1');
    await once(busy, 'listening');
    busyPort = (busy.address() as AddressInfo).port;
    // The server and its dependencies, in a folder with no dist/ beside it: a checkout whose page was never built.
    unbuilt = await mkdtemp(join(tmpdir(), 'vault-docs-unbuilt-'));
    await mkdir(join(unbuilt, 'lib'));
    await copyFile(join(packageDir, 'lib/serve.js'), join(unbuilt, 'lib/serve.js'));
    await symlink(join(packageDir, 'node_modules'), join(unbuilt, 'node_modules'));
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
  ])('refuses %s in one line, with no stack trace, and a failing exit code', async (_name, run, want) => {
    const { code, stdout, stderr } = await run();
    expect({ code, stdout }).toEqual({ code: want.code, stdout: '' });
    expect(stderr.split('\n')).toEqual([expect.stringMatching(want.line), '']); // one line, and nothing after it
    expect(stderr).not.toContain('    at ');
  });

  // Node's listen decides what a port is; the command names the flag or variable that gave the bad one, and its value.
  it.each<[string, { args?: string[]; env?: NodeJS.ProcessEnv }, { source: string; value: string }]>([
    ['a --port that is not a number', { args: ['--port', 'http'] }, { source: '--port', value: 'http' }],
    ['a negative --port', { args: ['--port=-1'] }, { source: '--port', value: '-1' }],
    ['a --port that is not whole', { args: ['--port', '1.5'] }, { source: '--port', value: '1.5' }],
    ['a --port above 65535', { args: ['--port', '70000'] }, { source: '--port', value: '70000' }],
    ['a DOCS_PORT that is not a number', { env: { DOCS_PORT: 'abc' } }, { source: 'DOCS_PORT', value: 'abc' }],
    // Number(' ') is 0, which listen takes for "any free port".
    ['a blank DOCS_PORT', { env: { DOCS_PORT: ' ' } }, { source: 'DOCS_PORT', value: ' ' }],
  ])('refuses %s in one line that names it, with exit code 2', async (_name, given, { source, value }) => {
    const { code, stdout, stderr } = await runServe(given.args ?? [], { env: given.env ?? {} });
    const line = `vault-docs: ${source} must be a number from 0 to 65535, not "${value}"\n`;
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: line });
  });

  it('prints its usage on --help and exits 0', async () => {
    const { code, stdout, stderr } = await runServe(['--help']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Usage: pnpm docs:serve \[--port N\] \[--host ADDRESS\]$/m);
    expect(stdout).not.toContain('    at ');
  });
});
