// The docs build (decorators, inlined Redoc, local assets) against the baseline of a plain `redocly build-docs` of the
// same bundle, which loads Redoc from the CDN: build time (median of several runs, alternating) and page size.
// Prints ratios; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundledSpecJson } from '@vault/spec';
import { saveResults } from '../results.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const docsDir = fileURLToPath(new URL('../../apps/docs/', import.meta.url));
const spec = bundledSpecJson;
const baselinePage = join(mkdtempSync(join(tmpdir(), 'vault-docs-bench-')), 'index.html');
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' };

const candidates = [
  {
    name: 'docs build (samples, inlined Redoc, offline)',
    page: join(docsDir, 'dist/index.html'),
    build: () => execFileSync('pnpm', ['run', 'build:page'], { cwd: docsDir, env, stdio: 'ignore' }),
  },
  {
    name: 'plain redocly build-docs (CDN Redoc)',
    page: baselinePage,
    build: () =>
      execFileSync('pnpm', ['exec', 'redocly', 'build-docs', spec, '--output', baselinePage], {
        cwd: docsDir,
        env,
        stdio: 'ignore',
      }),
  },
];

const timings = new Map(candidates.map((candidate) => [candidate, []]));
for (let run = 0; run < runs; run++) {
  for (const candidate of candidates) {
    const started = performance.now();
    candidate.build();
    timings.get(candidate).push(performance.now() - started);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kib = (bytes) => (bytes / 1024).toFixed(0);
const results = candidates.map((candidate) => ({
  name: candidate.name,
  buildMs: median(timings.get(candidate)),
  pageBytes: statSync(candidate.page).size,
  gzipBytes: gzipSync(readFileSync(candidate.page)).length,
}));

const [ours, baseline] = results;
console.log(`\nDocs benchmark: median of ${runs} builds each, alternating\n`);
console.log('| build | time (ms) | page (KiB) | gzipped (KiB) |');
console.log('|---|---|---|---|');
for (const result of results) {
  console.log(
    `| ${result.name} | ${result.buildMs.toFixed(0)} | ${kib(result.pageBytes)} | ${kib(result.gzipBytes)} |`,
  );
}
console.log(`\nbuild time: ${(ours.buildMs / baseline.buildMs).toFixed(2)}x the plain build`);
console.log(
  `page size: ${(ours.gzipBytes / baseline.gzipBytes).toFixed(2)}x gzipped (Redoc inlined instead of fetched)`,
);
saveResults(
  'docs',
  [
    {
      measure: 'build time',
      value: `${ours.buildMs.toFixed(0)} ms`,
      baseline: `${baseline.buildMs.toFixed(0)} ms (plain build-docs)`,
      ratio: (ours.buildMs / baseline.buildMs).toFixed(2),
    },
    {
      measure: 'page size, gzipped',
      value: `${kib(ours.gzipBytes)} KiB (${kib(ours.pageBytes)} KiB raw)`,
      baseline: `${kib(baseline.gzipBytes)} KiB (plain build-docs, Redoc from the CDN)`,
      ratio: (ours.gzipBytes / baseline.gzipBytes).toFixed(2),
    },
  ],
  `median of ${runs} builds each, alternating`,
);
