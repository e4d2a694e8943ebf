// Measures @vault/client against baselines run side by side, after `pnpm --filter @vault/client build`:
//  1. its bundle (dist/index.js with openapi-fetch, minified by esbuild for browsers, gzipped) against a 6 kB budget;
//  2. the time per confirmPhoneNumber call against raw fetch + URLSearchParams to the same local node:http server,
//     interleaved in one run after a warmup, the server on its own thread; and, to tell the client's own share of the
//     difference from openapi-fetch's, against a bare openapi-fetch POST of the same form.
// Prints a table of ratios; asserts nothing. Run with `pnpm --filter @vault/bench-client bench`.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { saveResults } from '../results.mjs';

const clientDir = new URL('../../packages/client/', import.meta.url);
const token = {
  access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2lnbmF0dXJl',
  token_type: 'bearer',
  refresh_token: '_aUCain3dCLOF4NzSvQbXchMuns',
  expires_in: 86399,
  scope: 'read write',
};
const credentials = { number: '+447871239999', password: '1234Qwerty' };
const bundleBudgetBytes = 6 * 1024;
const callTarget = 1.25;
const warmupCalls = 500;
const measuredCalls = Number(process.argv[2] ?? 3000); // `pnpm run bench 10000` for more

/** The token endpoint: reads the whole form, then answers the token. */
function serveTokens() {
  const body = JSON.stringify(token);
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
}

/** Gzipped size of a minified browser bundle of `entry` (an esbuild entry point or stdin module). */
async function bundledBytes(esbuild, entry) {
  const { outputFiles } = await esbuild.build({
    ...entry,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  return gzipSync(outputFiles[0].contents, { level: 9 }).byteLength;
}

// esbuild and openapi-fetch are the client package's dependencies: resolve them from there, not from this file.
const requireFromClient = createRequire(new URL('package.json', clientDir));

async function measureBundle() {
  const esbuild = requireFromClient('esbuild');
  const client = await bundledBytes(esbuild, { entryPoints: [new URL('dist/index.js', clientDir).pathname] });
  const openapiFetch = await bundledBytes(esbuild, {
    stdin: { contents: "export { default } from 'openapi-fetch';", resolveDir: clientDir.pathname },
  });
  return { client, openapiFetch };
}

async function startServer() {
  const worker = new Worker(new URL(import.meta.url));
  const port = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => worker.terminate() };
}

function median(sorted) {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summary(durations) {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    median: median(sorted),
    p90: sorted[Math.floor(sorted.length * 0.9)],
    mean: durations.reduce((sum, duration) => sum + duration, 0) / durations.length,
  };
}

async function measureCalls() {
  const { createVaultClient, defaultMerchantId } = await import(new URL('dist/index.js', clientDir).href);
  const server = await startServer();
  const { default: createClient } = requireFromClient('openapi-fetch');
  const client = createVaultClient({ baseUrl: server.baseUrl });
  const openapiFetch = createClient({ baseUrl: server.baseUrl });
  const path = '/v2/mobile/phone/confirm';
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Merchant-ID': defaultMerchantId };
  const form = () => ({ grant_type: 'mobile_phone', ...credentials });
  const candidates = {
    client: () => client.confirmPhoneNumber(credentials),
    raw: async () => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(form()),
      });
      return response.json();
    },
    openapiFetch: async () => (await openapiFetch.POST(path, { headers, body: form() })).data,
  };
  const names = Object.keys(candidates);
  const durations = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (let call = 0; call < warmupCalls + measuredCalls; call++) {
      // Alternate the order, so that none always runs on a connection another just warmed.
      const order = call % 2 ? names : names.toReversed();
      for (const name of order) {
        const started = performance.now();
        await candidates[name]();
        if (call >= warmupCalls) durations[name].push(performance.now() - started);
      }
    }
  } finally {
    await server.stop();
  }
  return Object.fromEntries(names.map((name) => [name, summary(durations[name])]));
}

function printTable(rows) {
  const header = ['measure', '@vault/client', 'baseline', 'ratio', 'target'];
  const cells = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  for (const row of cells) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
}

if (isMainThread) {
  const bundle = await measureBundle();
  const calls = await measureCalls();
  const microseconds = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  const ratio = (value, baseline) => (value / baseline).toFixed(2);
  const rows = [
    [
      'bundle, min+gzip',
      `${bundle.client} B`,
      `${bundleBudgetBytes} B (budget)`,
      ratio(bundle.client, bundleBudgetBytes),
      '≤ 1.00',
    ],
    ['  of which openapi-fetch', `${bundle.openapiFetch} B`, '', '', ''],
    ...['median', 'p90', 'mean'].map((statistic) => [
      `per call, ${statistic}`,
      microseconds(calls.client[statistic]),
      `${microseconds(calls.raw[statistic])} (raw fetch)`,
      ratio(calls.client[statistic], calls.raw[statistic]),
      statistic === 'median' ? `≤ ${callTarget.toFixed(2)}` : '',
    ]),
    [
      'per call, median',
      microseconds(calls.client.median),
      `${microseconds(calls.openapiFetch.median)} (bare openapi-fetch)`,
      ratio(calls.client.median, calls.openapiFetch.median),
      '',
    ],
  ];
  printTable(rows);
  const note = `${measuredCalls} calls each, after ${warmupCalls} warmup calls, interleaved; Node ${process.version}.`;
  console.log(`\n${note}`);
  saveResults(
    'client',
    rows.map(([measure, value, baseline, ratio, target]) => ({ measure, value, baseline, ratio, target })),
    note,
  );
} else {
  serveTokens();
}
