#!/usr/bin/env node
// @ts-check
// Serves the built docs page (dist/) for people and for the browser test. Only GET and HEAD, only files under dist/.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

const usage = `Usage: pnpm docs:serve [--port N] [--host ADDRESS]

Serves the built docs page (apps/docs/dist) on http://127.0.0.1:8080. DOCS_PORT and DOCS_HOST set the defaults;
--port 0 takes any free port.`;

/**
 * Why the server cannot listen, by the error's code, in the reader's terms rather than the system call's.
 * @type {Record<string, string>}
 */
const listenFailures = {
  EADDRINUSE: 'something else is listening there; choose another port with --port or DOCS_PORT',
  EACCES: 'not allowed to listen there (ports below 1024 need root)',
  EADDRNOTAVAIL: 'this machine has no such address; choose another with --host or DOCS_HOST',
};

/** @type {Record<string, string>} */
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {string} message
 */
function sendText(response, status, message) {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(message),
  });
  response.end(message);
}

/**
 * The file under `root` that a decoded URL path names (a folder names its index.html), or undefined when it names
 * none or would leave `root`.
 * @param {string} root
 * @param {string} decodedPath
 */
async function fileFor(root, decodedPath) {
  if (decodedPath.includes('\0')) return undefined;
  const candidate = normalize(join(root, decodedPath));
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  const found = await stat(candidate).catch(() => undefined);
  if (found?.isDirectory()) return fileFor(root, join(decodedPath, 'index.html'));
  return found?.isFile() ? { path: candidate, size: found.size } : undefined;
}

/**
 * The decoded path of a request target, or undefined when it is not an origin-form path of valid UTF-8.
 * @param {string | undefined} target
 */
function decodedPathOf(target) {
  if (!target?.startsWith('/')) return undefined;
  try {
    return decodeURIComponent(new URL(`http://docs.invalid${target}`).pathname);
  } catch {
    return undefined;
  }
}

/**
 * Starts the server; resolves once it listens. Rejects, saying why in one sentence, when `root` has no page to serve
 * or the address cannot be listened on.
 * @param {{ root?: string, port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startDocsServer({ root = distDir, port = 8080, host = '127.0.0.1' } = {}) {
  const page = join(root, 'index.html');
  if (!(await stat(page).catch(() => undefined))?.isFile())
    throw new Error(`no docs page at ${page}; build first: pnpm build`);
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return sendText(response, 405, 'Only GET and HEAD are served.');
    }
    const decodedPath = decodedPathOf(request.url);
    if (decodedPath === undefined)
      return sendText(response, 400, 'The path is not a valid percent-encoded UTF-8 path.');
    const file = await fileFor(normalize(root), decodedPath).catch(() => undefined);
    if (!file) return sendText(response, 404, `Not found: ${decodedPath}`);
    response.writeHead(200, {
      'content-type': contentTypes[extname(file.path)] ?? 'application/octet-stream',
      'content-length': file.size,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (request.method === 'HEAD') return response.end();
    createReadStream(file.path)
      .on('error', () => response.destroy())
      .pipe(response);
  });
  await new Promise((resolve, reject) => {
    server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      const reason = listenFailures[error.code ?? ''] ?? error.message;
      reject(new Error(`cannot listen on ${host}:${port}: ${reason}`, { cause: error }));
    });
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${address.address}:${address.port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Says in one line why the command cannot run, and exits with `code`.
 * @param {string} message
 * @param {number} code
 * @returns {never}
 */
function fail(message, code) {
  console.error(`vault-docs: ${message}`);
  process.exit(code);
}

/**
 * Where to listen: --port and --host, else DOCS_PORT and DOCS_HOST, else 127.0.0.1:8080. Prints the usage and exits
 * on --help; exits with a usage error on an argument it does not know or a port that is not one.
 */
export function listenAddress() {
  /** @type {{ port?: string, host?: string, help?: boolean }} */
  let values;
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    // Node's message goes on to explain `--`, for positional arguments, which this command does not take.
    return fail(`${/** @type {Error} */ (error).message.split('. ')[0]} (see --help)`, 2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const portText = values.port ?? process.env.DOCS_PORT ?? '8080';
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) {
    const source = values.port === undefined ? 'DOCS_PORT' : '--port';
    return fail(`${source} must be a number from 0 to 65535, not "${portText}"`, 2);
  }
  return { port: Number(portText), host: values.host ?? process.env.DOCS_HOST ?? '127.0.0.1' };
}

/** Starts the server where the command line says; when it cannot, says why in one line and exits with 1. */
export function startFromCommandLine() {
  return startDocsServer(listenAddress()).catch((/** @type {Error} */ error) => fail(error.message, 1));
}

/**
 * Closes the server on SIGINT and SIGTERM, then exits.
 * @param {{ close: () => Promise<void> }} server
 */
export function closeOnSignals(server) {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => server.close().then(() => process.exit(0)));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const docs = await startFromCommandLine();
  console.log(`Vault docs at ${docs.url}/`);
  closeOnSignals(docs);
}
