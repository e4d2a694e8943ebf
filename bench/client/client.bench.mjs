// Measures @vault/client against baselines run side by side, after `pnpm --filter @vault/client build`:
//  1. its bundle (dist/index.js with openapi-fetch, minified by esbuild for browsers, gzipped) against a 6.5 kB budget,
//     and what each further operation adds: the client's source bundled with the operations generated from synthetic
//     specs of 5 and 100 operations (bench/pipeline's copies of the real one), against 150 B an operation;
//  2. the time per call against raw fetch + URLSearchParams to the same local node:http server, interleaved in one run
//     after a warmup, the server on its own thread; and, to tell the client's own share of the difference from
//     openapi-fetch's, a method against a bare openapi-fetch call of the same request: confirmPhoneNumber's form POST,
//     and a generated method's JSON GET.
// Prints a table of ratios; asserts nothing. Run with `pnpm --filter @vault/bench bench:client`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { bundledSpecJson } from '@vault/spec';
import { multiOperationSpec, readSpecFile } from '@vault/test-fixtures';
import { syntheticSpec } from '../pipeline/synthetic-spec.mjs';
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
const bundleBudgetBytes = 6.5 * 1024;
const perOperationBudgetBytes = 150;
const callTargetOverOpenapiFetch = 1.05;
const callTarget = 1.25;
const warmupCalls = 500;
const measuredCalls = Number(process.argv[2] ?? 3000); // `node bench/client/client.bench.mjs 10000` for more

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

/** An esbuild plugin that hands the client the operations generated from `spec` instead of its own. */
async function operationsOf(spec) {
  const { operationMethods } = await import(new URL('scripts/operation-methods.mjs', clientDir));
  const contents = operationMethods(spec, { schema: './schema.js', operationTypes: '../operation-types.js' });
  return {
    name: 'synthetic-operations',
    setup(build) {
      build.onLoad({ filter: /[/\\]src[/\\]generated[/\\]operations\.ts$/ }, () => ({ contents, loader: 'ts' }));
    },
  };
}

async function measureBundle() {
  const esbuild = requireFromClient('esbuild');
  const client = await bundledBytes(esbuild, { entryPoints: [new URL('dist/index.js', clientDir).pathname] });
  const openapiFetch = await bundledBytes(esbuild, {
    stdin: { contents: "export { default } from 'openapi-fetch';", resolveDir: clientDir.pathname },
  });
  const real = JSON.parse(readFileSync(bundledSpecJson, 'utf8'));
  const bySize = {};
  for (const size of [5, 100]) {
    bySize[size] = await bundledBytes(esbuild, {
      entryPoints: [new URL('src/index.ts', clientDir).pathname],
      plugins: [await operationsOf(syntheticSpec(real, size))],
    });
  }
  // Copies of one operation compress better than an API's own: the fixture's varied ones, against the real spec's one.
  const varied = readSpecFile(multiOperationSpec);
  const variedBytes = await bundledBytes(esbuild, {
    entryPoints: [new URL('src/index.ts', clientDir).pathname],
    plugins: [await operationsOf(varied)],
  });
  const variedCount = Object.values(varied.paths).flatMap((item) => Object.keys(item)).length;
  return {
    client,
    openapiFetch,
    bySize,
    perOperation: (bySize[100] - bySize[5]) / 95,
    perVariedOperation: (variedBytes - client) / (variedCount - 1),
  };
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
  // Not exported from the package: how the client makes a method from any operation's descriptor.
  const { createClientFor } = await import(new URL('dist/client.js', clientDir).href);
  const server = await startServer();
  const { default: createClient } = requireFromClient('openapi-fetch');
  const client = createVaultClient({ baseUrl: server.baseUrl });
  const openapiFetch = createClient({ baseUrl: server.baseUrl });
  const path = '/v2/mobile/phone/confirm';
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Merchant-ID': defaultMerchantId };
  const form = () => ({ grant_type: 'mobile_phone', ...credentials });
  // A JSON GET with a path parameter, behind the bearer token: the shape of most operations an API adds.
  const getPath = '/v2/accounts/{accountId}';
  const accountId = '7d9f2c1e-5b8a-4c3d-9e6f-1a2b3c4d5e6f';
  const session = { getAccessToken: async () => token.access_token, renewAccessToken: async () => token.access_token };
  const methods = createClientFor(
    { getAccount: { method: 'GET', path: getPath, bearer: true } },
    { baseUrl: server.baseUrl, session },
  );
  const bearer = { Authorization: `Bearer ${token.access_token}`, 'X-Merchant-ID': defaultMerchantId };
  const candidates = {
    client: () => client.confirmPhoneNumber(credentials),
    method: () => methods.getAccount({ params: { path: { accountId } } }),
    openapiFetchGet: async () =>
      (await openapiFetch.GET(getPath, { params: { path: { accountId } }, headers: bearer })).data,
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
    ['bundle, 5 operations', `${bundle.bySize[5]} B`, '', '', ''],
    ['bundle, 100 operations', `${bundle.bySize[100]} B`, '', '', ''],
    [
      'bundle, each further operation (copies)',
      `${bundle.perOperation.toFixed(0)} B`,
      `${perOperationBudgetBytes} B (budget)`,
      ratio(bundle.perOperation, perOperationBudgetBytes),
      '≤ 1.00',
    ],
    [
      "bundle, each further operation (the fixture spec's varied ones)",
      `${bundle.perVariedOperation.toFixed(0)} B`,
      `${perOperationBudgetBytes} B (budget)`,
      ratio(bundle.perVariedOperation, perOperationBudgetBytes),
      '≤ 1.00',
    ],
    ...['median', 'p90', 'mean'].map((statistic) => [
      `per call, ${statistic}`,
      microseconds(calls.client[statistic]),
      `${microseconds(calls.raw[statistic])} (raw fetch)`,
      ratio(calls.client[statistic], calls.raw[statistic]),
      statistic === 'median' ? `≤ ${callTarget.toFixed(2)}` : '',
    ]),
    [
      'per call, median: confirmPhoneNumber',
      microseconds(calls.client.median),
      `${microseconds(calls.openapiFetch.median)} (bare openapi-fetch POST)`,
      ratio(calls.client.median, calls.openapiFetch.median),
      `≤ ${callTargetOverOpenapiFetch.toFixed(2)}`,
    ],
    [
      'per call, median: a generated GET method',
      microseconds(calls.method.median),
      `${microseconds(calls.openapiFetchGet.median)} (bare openapi-fetch GET)`,
      ratio(calls.method.median, calls.openapiFetchGet.median),
      `≤ ${callTargetOverOpenapiFetch.toFixed(2)}`,
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
