// Serves the built docs page (dist/) for people and for the browser test: sirv answers GET and HEAD with the files
// under dist/, and anything else with 405.
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

const usage = `Usage: pnpm docs:serve [--port N] [--host ADDRESS]

Serves the built docs page (apps/docs/dist) on http://127.0.0.1:8080. DOCS_PORT and DOCS_HOST set the defaults;
--port 0 takes any free port.`;

/** Why the server cannot listen, by the error's code, in the reader's terms rather than the system call's. */
const listenFailures: Record<string, string> = {
  EADDRINUSE: 'something else is listening there; choose another port with --port or DOCS_PORT',
  EACCES: 'not allowed to listen there (ports below 1024 need root)',
  EADDRNOTAVAIL: 'this machine has no such address; choose another with --host or DOCS_HOST',
};

export type DocsServer = { url: string; close: () => Promise<void> };

/**
 * Starts the server; resolves once it listens. Rejects, saying why in one sentence, when `root` has no page to serve
 * or the address cannot be listened on.
 */
export async function startDocsServer({
  root = distDir,
  port = 8080,
  host = '127.0.0.1',
}: {
  root?: string;
  port?: number;
  host?: string;
} = {}): Promise<DocsServer> {
  const page = join(root, 'index.html');
  if (!(await stat(page).catch(() => undefined))?.isFile())
    throw new Error(`no docs page at ${page}; build first: pnpm build`);
  // `dev` looks each file up when it is asked for: `pnpm dev` rebuilds dist/ under the running server, and sirv's
  // default is a list of the files, with their sizes, made once at start.
  const files = sirv(root, {
    dev: true,
    etag: true,
    // The build writes a .br and a .gz beside each text file: a browser that takes them gets a tenth of the bytes.
    brotli: true,
    gzip: true,
    setHeaders: (response) => response.setHeader('X-Content-Type-Options', 'nosniff'),
  });
  const server = createServer((request, response) => {
    if (request.method === 'GET' || request.method === 'HEAD') return files(request, response);
    response
      .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Only GET and HEAD are served.\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = listenFailures[error.code ?? ''] ?? error.message;
      reject(new Error(`cannot listen on ${host}:${port}: ${reason}`, { cause: error }));
    });
    server.listen(port, host, resolve); // throws ERR_SOCKET_BAD_PORT for a port that is not one
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Says in one line why the command cannot run, and exits with `code`. */
function fail(message: string, code: number): never {
  console.error(`vault-docs: ${message}`);
  process.exit(code);
}

/**
 * Where to listen: --port and --host, else DOCS_PORT and DOCS_HOST, else 127.0.0.1:8080, with where the port came
 * from. Prints the usage and exits on --help; exits with a usage error on an argument it does not know.
 */
function listenAddress() {
  try {
    const { values } = parseArgs({
      options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const portText = values.port ?? process.env.DOCS_PORT ?? '8080';
    return {
      portText,
      portSource: values.port === undefined ? 'DOCS_PORT' : '--port',
      // listen refuses any port but a whole number from 0 to 65535. Number('') is 0, a random port: blank is refused.
      port: portText.trim() === '' ? Number.NaN : Number(portText),
      host: values.host ?? process.env.DOCS_HOST ?? '127.0.0.1',
    };
  } catch (error) {
    // Node's message goes on to explain `--`, for positional arguments, which this command does not take.
    return fail(`${(error as Error).message.split('. ')[0]} (see --help)`, 2);
  }
}

/** Starts the server where the command line says; when it cannot, says why in one line and exits. */
export function startFromCommandLine(): Promise<DocsServer> {
  const { portText, portSource, ...address } = listenAddress();
  return startDocsServer(address).catch((error: NodeJS.ErrnoException) =>
    error.code === 'ERR_SOCKET_BAD_PORT'
      ? fail(`${portSource} must be a number from 0 to 65535, not "${portText}"`, 2)
      : fail(error.message, 1),
  );
}

/** Closes the server on SIGINT and SIGTERM, then exits. */
export function closeOnSignals(server: DocsServer) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => server.close().then(() => process.exit(0)));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const docs = await startFromCommandLine();
  console.log(`Vault docs at ${docs.url}/`);
  closeOnSignals(docs);
}
