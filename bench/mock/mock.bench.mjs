// Compares the `vault-mock` CLI with the plain `prism mock` CLI (its default options) on the synthetic spec at 1, 100
// and 1,000 operations, one after the other in one run: time from spawn to the first 200, then throughput and latency
// at 20 connections (autocannon). Then, with both watching the spec file (`vault-mock --watch`; `prism mock` always
// watches), the time from saving a change to serving it, and the requests that failed meanwhile. Prints a table and
// saves ratios; asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Provisional: bench/pipeline's generator, imported across packages until it has a shared home.
import { syntheticSpec } from '@vault/bench-pipeline/synthetic-spec';
import { documentedHeaders, operations, readBundledSpec } from '@vault/spec/document';
import autocannon from 'autocannon';
import { saveResults } from '../results.mjs';

const require = createRequire(import.meta.url);
const prismBin = require.resolve('@stoplight/prism-cli/dist/index.js');
const vaultMockBin = join(dirname(fileURLToPath(import.meta.resolve('@vault/mock'))), 'cli.js');

const sizes = [1, 100, 1000];
const watchedSizes = [1, 1000];
const startRuns = 5;
const watchRounds = 3;
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 20;
const form = 'grant_type=mobile_phone&number=%2B447871239999&password=1234Qwerty';

/** Each server's command line; `watch` asks it to reload the spec on change, which `prism mock` always does. */
const candidates = [
  {
    name: 'vault-mock',
    args: (spec, port, watch) => [vaultMockBin, '--spec', spec, '--port', String(port), ...(watch ? ['--watch'] : [])],
  },
  { name: 'prism mock', args: (spec, port) => [prismBin, 'mock', spec, '--port', String(port)] },
];

const real = readBundledSpec();
const workDir = mkdtempSync(join(tmpdir(), 'vault-bench-mock-'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
let nextPort = 4400;

/** The synthetic spec of `size` operations, and the valid example request to its first, middle and last operation. */
function specOfSize(size) {
  const spec = syntheticSpec(real, size);
  const all = operations(spec);
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    ...documentedHeaders(spec, all[0].operation),
  };
  const picked = [...new Set([0, Math.floor(size / 2), size - 1])].map((index) => all[index]);
  return { spec, requests: picked.map(({ path }) => ({ method: 'POST', path, headers, body: form })) };
}

/** Spawns a server and resolves once it answers `request` with 200, with the time that took. */
async function spawnUntilServing(candidate, spec, request, watch = false) {
  const port = ++nextPort;
  const started = performance.now();
  const child = spawn(process.execPath, candidate.args(spec, port, watch), { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${candidate.name} exited with ${child.exitCode}`);
    const status = await fetch(`${url}${request.path}`, request).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return { child, url, startupMs: performance.now() - started };
    if (status !== 0) throw new Error(`${candidate.name} answered ${status}`);
    await sleep(10);
  }
}

async function stop(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Requests `request` over and over from two loops, counting failures and noting when a body first holds a marker. */
function steadyTraffic(url, request) {
  let running = true;
  let requests = 0;
  let failures = 0;
  let maxLatencyMs = 0;
  const waiting = new Map();
  const loop = async () => {
    while (running) {
      const sent = performance.now();
      const text = await fetch(`${url}${request.path}`, request).then(
        (response) => (response.status === 200 ? response.text() : undefined),
        () => undefined,
      );
      const arrived = performance.now();
      requests++;
      maxLatencyMs = Math.max(maxLatencyMs, arrived - sent);
      if (text === undefined) {
        failures++;
        await sleep(5); // a server that is down refuses at once: do not spin
        continue;
      }
      for (const [marker, resolve] of waiting) {
        if (text.includes(marker)) {
          waiting.delete(marker);
          resolve(arrived);
        }
      }
    }
  };
  const loops = [loop(), loop()];
  return {
    servedAt: (marker) => new Promise((resolve) => waiting.set(marker, resolve)),
    async stop() {
      running = false;
      await Promise.all(loops);
      return { requests, failures, maxLatencyMs };
    },
  };
}

/** Median time from saving a changed token example to the first answer that carries it, with traffic throughout. */
async function saveToServing(candidate, size) {
  const { spec, requests } = specOfSize(size);
  const request = requests.at(-1);
  const file = join(workDir, `watched-${size}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const { child, url } = await spawnUntilServing(candidate, file, request, true);
  await sleep(1000); // Prism's file watcher gets ready after its server does
  const traffic = steadyTraffic(url, request);
  const times = [];
  for (let round = 1; round <= watchRounds; round++) {
    const marker = `reloaded-${round}-${Date.now()}`;
    spec.components.examples[`Token${size}`].value.access_token = marker;
    const served = traffic.servedAt(marker);
    const saved = performance.now();
    writeFileSync(file, JSON.stringify(spec));
    const timeout = sleep(60_000).then(() => {
      throw new Error(`${candidate.name} did not serve a change to its ${size}-operation spec within 60 s`);
    });
    times.push((await Promise.race([served, timeout])) - saved);
    await sleep(1000);
  }
  const { requests: sent, failures, maxLatencyMs } = await traffic.stop();
  await stop(child);
  return { ms: median(times), sent, failures, maxLatencyMs };
}

const results = new Map(); // size -> candidate name -> figures
for (const size of sizes) {
  const { spec, requests } = specOfSize(size);
  const file = join(workDir, `spec-${size}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const bySize = new Map();
  results.set(size, bySize);
  for (const candidate of candidates) {
    const startups = [];
    for (let run = 0; run < startRuns; run++) {
      const { child, startupMs } = await spawnUntilServing(candidate, file, requests[0]);
      startups.push(startupMs);
      await stop(child);
    }
    const { child, url } = await spawnUntilServing(candidate, file, requests[0]);
    const load = await autocannon({ url, connections, duration: loadSeconds, requests });
    await stop(child);
    if (load.non2xx > 0 || load.errors > 0) {
      throw new Error(`${candidate.name} at ${size} operations: ${load.non2xx} non-2xx, ${load.errors} errors`);
    }
    bySize.set(candidate.name, {
      startupMs: median(startups),
      requestsPerSecond: load.requests.average,
      p50Ms: load.latency.p50,
      p99Ms: load.latency.p99,
    });
  }
}
const watched = new Map();
for (const size of watchedSizes) {
  const bySize = new Map();
  watched.set(size, bySize);
  for (const candidate of candidates) bySize.set(candidate.name, await saveToServing(candidate, size));
}
rmSync(workDir, { recursive: true, force: true });

const [ours, baseline] = candidates.map((candidate) => candidate.name);
const format = (value, digits = 0) => value.toFixed(digits);
const ratio = (value, base) => (base > 0 ? format(value / base, 2) : 'n/a');
const operationsText = (size) => `${size.toLocaleString('en-GB')} operation${size === 1 ? '' : 's'}`;

console.log(
  `\nMock benchmark: median of ${startRuns} start-ups each, ${loadSeconds} s of load at ${connections} connections\n`,
);
console.log('| spec | server | start to first 200 (ms) | requests/s | p50 (ms) | p99 (ms) |');
console.log('|---|---|---|---|---|---|');
for (const [size, bySize] of results) {
  for (const [name, figures] of bySize) {
    console.log(
      `| ${operationsText(size)} | ${name} | ${format(figures.startupMs)} | ${format(figures.requestsPerSecond)} | ${figures.p50Ms} | ${figures.p99Ms} |`,
    );
  }
}
console.log('\n| spec | server | save to serving (ms) | requests failed meanwhile | slowest answer meanwhile (ms) |');
console.log('|---|---|---|---|---|');
for (const [size, bySize] of watched) {
  for (const [name, figures] of bySize) {
    console.log(
      `| ${operationsText(size)} | ${name} | ${format(figures.ms)} | ${figures.failures} of ${figures.sent} | ${format(figures.maxLatencyMs)} |`,
    );
  }
}

const rows = [];
for (const [size, bySize] of results) {
  const [a, b] = [bySize.get(ours), bySize.get(baseline)];
  const against = `(${baseline})`;
  rows.push(
    {
      measure: `throughput, ${operationsText(size)}`,
      value: `${format(a.requestsPerSecond)} req/s`,
      baseline: `${format(b.requestsPerSecond)} req/s ${against}`,
      ratio: ratio(a.requestsPerSecond, b.requestsPerSecond),
      target: '≥ 3.00',
    },
    {
      measure: `latency p50 / p99, ${operationsText(size)}`,
      value: `${a.p50Ms} / ${a.p99Ms} ms`,
      baseline: `${b.p50Ms} / ${b.p99Ms} ms ${against}`,
      ratio: `${ratio(a.p50Ms, b.p50Ms)} / ${ratio(a.p99Ms, b.p99Ms)}`,
      target: 'p99 ≤ 0.50',
    },
    {
      measure: `start to first 200, ${operationsText(size)}`,
      value: `${format(a.startupMs)} ms`,
      baseline: `${format(b.startupMs)} ms ${against}`,
      ratio: ratio(a.startupMs, b.startupMs),
      target: '≤ 0.50',
    },
  );
}
const [smallest, largest] = [sizes[0], sizes.at(-1)];
const [flatFrom, flatTo] = [results.get(smallest).get(ours), results.get(largest).get(ours)];
rows.push({
  measure: `throughput at ${operationsText(largest)} against ${operationsText(smallest)}`,
  value: `${format(flatTo.requestsPerSecond)} req/s`,
  baseline: `${format(flatFrom.requestsPerSecond)} req/s (${ours}, ${operationsText(smallest)})`,
  ratio: ratio(flatTo.requestsPerSecond, flatFrom.requestsPerSecond),
  target: '≥ 0.80',
});
for (const [size, bySize] of watched) {
  const [a, b] = [bySize.get(ours), bySize.get(baseline)];
  rows.push({
    measure: `save to serving the change, ${operationsText(size)}; requests failed meanwhile`,
    value: `${format(a.ms)} ms; ${a.failures} of ${a.sent}`,
    baseline: `${format(b.ms)} ms; ${b.failures} of ${b.sent} (${baseline}, which restarts)`,
    ratio: ratio(a.ms, b.ms),
    target: `≤ ${size === smallest ? 1 : 3} s; none failed`,
  });
}
saveResults(
  'mock',
  rows,
  `Synthetic spec (bench/pipeline/synthetic-spec.mjs) at ${sizes.map(operationsText).join(', ')}; the valid ` +
    `example request to the first, middle and last operation; both CLIs with their default options, and vault-mock ` +
    `with --watch for the reload. Median of ${startRuns} start-ups each; ${loadSeconds} s of autocannon load at ${connections} ` +
    `connections each; save to serving: median of ${watchRounds} saves with two request loops running throughout. ` +
    'One after the other in one run.',
);
