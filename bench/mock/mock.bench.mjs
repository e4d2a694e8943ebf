// Compares startMock() with the plain `prism mock` CLI (its default options) on the same spec, one after the other in
// one run: time from spawn to first answered request, then throughput and latency at 20 connections (autocannon).
// Prints ratios; asserts nothing.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundledSpecYaml } from '@vault/spec';
import { documentedHeaders, operations, readBundledSpec } from '@vault/spec/document';
import autocannon from 'autocannon';
import { saveResults } from '../results.mjs';

const require = createRequire(import.meta.url);
const spec = bundledSpecYaml;
const prismBin = require.resolve('@stoplight/prism-cli/dist/index.js');
const startMockRunner = fileURLToPath(new URL('serve-start-mock.mjs', import.meta.url));

const startRuns = 5;
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const bundle = readBundledSpec();
const [confirm] = operations(bundle);
const request = {
  method: 'POST',
  path: confirm.path,
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...documentedHeaders(bundle, confirm.operation) },
  body: 'grant_type=mobile_phone&number=%2B447871239999&password=1234Qwerty',
};

const candidates = [
  { name: 'startMock()', args: (port) => [startMockRunner, String(port)] },
  { name: 'prism mock (CLI defaults)', args: (port) => [prismBin, 'mock', spec, '--port', String(port)] },
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spawns a server and resolves once it answers the request with 200, with the time that took. */
async function spawnUntilServing(candidate, port) {
  const started = performance.now();
  const child = spawn(process.execPath, candidate.args(port), { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}${request.path}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${candidate.name} exited with ${child.exitCode}`);
    const status = await fetch(url, request).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return { child, startupMs: performance.now() - started };
    if (status !== 0) throw new Error(`${candidate.name} answered ${status}`);
    await sleep(10);
  }
}

async function stop(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const results = [];
let port = 4400;
for (const candidate of candidates) {
  const startups = [];
  for (let run = 0; run < startRuns; run++) {
    const { child, startupMs } = await spawnUntilServing(candidate, ++port);
    startups.push(startupMs);
    await stop(child);
  }
  const { child } = await spawnUntilServing(candidate, ++port);
  const load = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 20,
    duration: loadSeconds,
    requests: [request],
  });
  await stop(child);
  if (load.non2xx > 0 || load.errors > 0)
    throw new Error(`${candidate.name}: ${load.non2xx} non-2xx, ${load.errors} errors`);
  results.push({
    name: candidate.name,
    startupMs: median(startups),
    requestsPerSecond: load.requests.average,
    p50Ms: load.latency.p50,
    p99Ms: load.latency.p99,
  });
}

const [ours, baseline] = results;
const format = (value, digits = 0) => value.toFixed(digits);
console.log(`\nMock benchmark: ${startRuns} start-ups each (median), ${loadSeconds} s of load at 20 connections\n`);
console.log('| server | start to first 200 (ms) | requests/s | p50 (ms) | p99 (ms) |');
console.log('|---|---|---|---|---|');
for (const result of results) {
  console.log(
    `| ${result.name} | ${format(result.startupMs)} | ${format(result.requestsPerSecond)} | ${result.p50Ms} | ${result.p99Ms} |`,
  );
}
console.log(
  `\nstart-up: startMock() is ${format(baseline.startupMs / ours.startupMs, 2)}x faster than the CLI (target >= 2x)`,
);
console.log(
  `throughput: startMock() serves ${format(ours.requestsPerSecond / baseline.requestsPerSecond, 2)}x the CLI (target >= 1.5x)`,
);
saveResults(
  'mock',
  [
    {
      measure: 'start to first 200',
      value: `${format(ours.startupMs)} ms`,
      baseline: `${format(baseline.startupMs)} ms (prism mock CLI)`,
      ratio: format(ours.startupMs / baseline.startupMs, 2),
      target: '≤ 0.50 (2x faster)',
    },
    {
      measure: 'throughput, 20 connections',
      value: `${format(ours.requestsPerSecond)} req/s`,
      baseline: `${format(baseline.requestsPerSecond)} req/s (prism mock CLI)`,
      ratio: format(ours.requestsPerSecond / baseline.requestsPerSecond, 2),
      target: '≥ 1.50',
    },
    {
      measure: 'latency p50 / p99',
      value: `${ours.p50Ms} / ${ours.p99Ms} ms`,
      baseline: `${baseline.p50Ms} / ${baseline.p99Ms} ms (prism mock CLI)`,
      ratio: `${format(ours.p50Ms / baseline.p50Ms, 2)} / ${format(ours.p99Ms / baseline.p99Ms, 2)}`,
    },
  ],
  `median of ${startRuns} start-ups each; ${loadSeconds} s of autocannon load each; one after the other in one run`,
);
