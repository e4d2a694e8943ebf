// Compares the `vault-mock` CLI with the plain `prism mock` CLI (its default options) on the synthetic spec at 1, 100
// and 1,000 operations, one after the other in one run: time from spawn to the first 200, then throughput and latency
// at 20 connections (autocannon). Then, with both watching the spec file (`vault-mock --watch`; `prism mock` always
// watches), the time from saving a change to serving it, and the requests that failed meanwhile. Prints a table and
// saves ratios; asserts nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentedHeaders, operations, readBundledSpec } from '@vault/spec/document';
import { exampleRequest, multiOperationSpec, readSpecFile } from '@vault/test-fixtures';
import autocannon from 'autocannon';
import { syntheticSpec } from '../pipeline/synthetic-spec.mjs';
import { saveResults } from '../results.mjs';
import { candidates, median, sleep, spawnUntilServing, stop } from './servers.mjs';

const sizes = [1, 100, 1000];
const jsonSizes = [1, 1000];
const watchedSizes = [1, 1000];
const startRuns = 5;
const watchRounds = 3;
const loadSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 20;
const form = 'grant_type=mobile_phone&number=%2B447871239999&password=1234Qwerty';

const real = readBundledSpec();
const workDir = mkdtempSync(join(tmpdir(), 'vault-bench-mock-'));
const ready200 = { ready: (status) => status === 200 };

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

/**
 * The fixture's JSON operation (`createPayment`: a nested body, a required header, bearer security, a 201) copied to
 * `size` operations, and its example request to the first, middle and last of them.
 */
function jsonSpecOfSize(size) {
  const fixture = readSpecFile(multiOperationSpec);
  const spec = syntheticSpec({ ...fixture, paths: { '/v2/payments': fixture.paths['/v2/payments'] } }, size);
  const all = operations(spec);
  const picked = [...new Set([0, Math.floor(size / 2), size - 1])].map((index) => all[index]);
  const requests = picked.map((entry) => {
    const { method, target, headers, body } = exampleRequest(spec, entry);
    return { method, path: target, headers, body };
  });
  return { spec, requests };
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
  const { child, url } = await spawnUntilServing(candidate, file, request, { watch: true, ...ready200 });
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

/** Start-up and load figures of each server on the spec of each size that `specOf` builds, all answering `status`. */
async function measureLoad(kind, sizesOf, specOf, status) {
  const bySizes = new Map(); // size -> candidate name -> figures
  for (const size of sizesOf) {
    const { spec, requests } = specOf(size);
    const file = join(workDir, `${kind}-${size}.json`);
    writeFileSync(file, JSON.stringify(spec));
    const bySize = new Map();
    bySizes.set(size, bySize);
    const ready = { ready: (answered) => answered === status };
    for (const candidate of candidates) {
      const startups = [];
      for (let run = 0; run < startRuns; run++) {
        const { child, startupMs } = await spawnUntilServing(candidate, file, requests[0], ready);
        startups.push(startupMs);
        await stop(child);
      }
      const { child, url } = await spawnUntilServing(candidate, file, requests[0], ready);
      const load = await autocannon({ url, connections, duration: loadSeconds, requests });
      await stop(child);
      if (load.non2xx > 0 || load.errors > 0) {
        throw new Error(
          `${candidate.name}, ${kind} at ${size} operations: ${load.non2xx} non-2xx, ${load.errors} errors`,
        );
      }
      bySize.set(candidate.name, {
        startupMs: median(startups),
        requestsPerSecond: load.requests.average,
        p50Ms: load.latency.p50,
        p99Ms: load.latency.p99,
      });
    }
  }
  return bySizes;
}

const results = await measureLoad('form', sizes, specOfSize, 200);
const jsonResults = await measureLoad('json', jsonSizes, jsonSpecOfSize, 201);
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
console.log('| request | spec | server | start to first answer (ms) | requests/s | p50 (ms) | p99 (ms) |');
console.log('|---|---|---|---|---|---|---|');
for (const [kind, bySizes] of [
  ['form POST', results],
  ['JSON POST', jsonResults],
]) {
  for (const [size, bySize] of bySizes) {
    for (const [name, figures] of bySize) {
      console.log(
        `| ${kind} | ${operationsText(size)} | ${name} | ${format(figures.startupMs)} | ${format(figures.requestsPerSecond)} | ${figures.p50Ms} | ${figures.p99Ms} |`,
      );
    }
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
/** Throughput, latency and start-up of `kind` requests at each size, against the baseline. */
function loadRows(kind, bySizes, withStartup) {
  for (const [size, bySize] of bySizes) {
    const [a, b] = [bySize.get(ours), bySize.get(baseline)];
    const against = `(${baseline})`;
    rows.push(
      {
        measure: `${kind} throughput, ${operationsText(size)}`,
        value: `${format(a.requestsPerSecond)} req/s`,
        baseline: `${format(b.requestsPerSecond)} req/s ${against}`,
        ratio: ratio(a.requestsPerSecond, b.requestsPerSecond),
        target: '≥ 3.00',
      },
      {
        measure: `${kind} latency p50 / p99, ${operationsText(size)}`,
        value: `${a.p50Ms} / ${a.p99Ms} ms`,
        baseline: `${b.p50Ms} / ${b.p99Ms} ms ${against}`,
        ratio: `${ratio(a.p50Ms, b.p50Ms)} / ${ratio(a.p99Ms, b.p99Ms)}`,
        target: 'p99 ≤ 0.50',
      },
    );
    if (withStartup) {
      rows.push({
        measure: `start to first answer, ${operationsText(size)}`,
        value: `${format(a.startupMs)} ms`,
        baseline: `${format(b.startupMs)} ms ${against}`,
        ratio: ratio(a.startupMs, b.startupMs),
        target: '≤ 0.50',
      });
    }
  }
}
loadRows('form POST', results, true);
loadRows('JSON POST', jsonResults, false);
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
  `Synthetic specs (bench/pipeline/synthetic-spec.mjs): the Vault form operation at ${sizes.map(operationsText).join(', ')}, ` +
    `and the fixture's JSON operation (createPayment: nested body, required header, bearer token, 201) at ` +
    `${jsonSizes.map(operationsText).join(' and ')}; the valid example request to the first, middle and last operation; both CLIs with their default options, and vault-mock ` +
    `with --watch for the reload. Median of ${startRuns} start-ups each; ${loadSeconds} s of autocannon load at ${connections} ` +
    `connections each; save to serving: median of ${watchRounds} saves with two request loops running throughout. ` +
    'One after the other in one run.',
);
