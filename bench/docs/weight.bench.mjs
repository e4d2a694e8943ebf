// What a reader downloads of the docs page, as the page grows with the spec: the page built (apps/docs/scripts/
// build-page.mjs, as `pnpm build` builds it) from synthetic specs of 1 and 100 operations (bench/pipeline's copies of
// the real one), raw and in the precompressed copies the docs server sends (gzip, brotli). The baseline of each size is
// its raw page; 100 operations are compared with 1. Prints a table; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledSpecJson } from '@vault/spec';
import { syntheticSpec } from '../pipeline/synthetic-spec.mjs';
import { saveResults } from '../results.mjs';

const buildPage = fileURLToPath(new URL('../../apps/docs/scripts/build-page.mjs', import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? '1,100').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'vault-docs-weight-'));
const real = JSON.parse(readFileSync(bundledSpecJson, 'utf8'));
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

const weights = {};
try {
  for (const size of sizes) {
    const spec = join(work, `spec-${size}.json`);
    const out = join(work, `page-${size}`);
    writeFileSync(spec, JSON.stringify(syntheticSpec(real, size)));
    execFileSync(process.execPath, [buildPage, '--spec', spec, '--out', out], { stdio: 'ignore' });
    const bytes = (file) => statSync(join(out, file)).size;
    // The page and the one file it loads (Redocly's badge), as a browser fetches them.
    weights[size] = Object.fromEntries(
      ['', '.gz', '.br'].map((suffix) => [suffix, bytes(`index.html${suffix}`) + bytes(`redocly-logo.svg${suffix}`)]),
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const rows = [];
for (const size of sizes) {
  const weight = weights[size];
  for (const [suffix, name] of [
    ['.gz', 'gzip'],
    ['.br', 'brotli'],
  ]) {
    rows.push({
      measure: `page, ${size} operation${size === 1 ? '' : 's'}, ${name}`,
      value: kib(weight[suffix]),
      baseline: `${kib(weight[''])} (raw)`,
      ratio: (weight[suffix] / weight['']).toFixed(2),
      target: '',
    });
  }
}
const [first, last] = [sizes[0], sizes.at(-1)];
if (last !== first) {
  const perOperation = (weights[last]['.br'] - weights[first]['.br']) / (last - first);
  rows.push({
    measure: `brotli, each further operation`,
    value: `${(perOperation / 1024).toFixed(1)} KiB`,
    baseline: `${kib(weights[first]['.br'])} (${first} operation${first === 1 ? '' : 's'})`,
    ratio: (weights[last]['.br'] / weights[first]['.br']).toFixed(2),
    target: '',
  });
}
console.log('| measure | value | baseline | ratio |\n|---|---|---|---|');
for (const row of rows) console.log(`| ${row.measure} | ${row.value} | ${row.baseline} | ${row.ratio} |`);
const note =
  'The page and the badge it loads, built by apps/docs/scripts/build-page.mjs from synthetic specs of copies of the ' +
  'real operation; gzip -9 and brotli at its highest quality, the copies `pnpm docs:serve` sends to a browser that ' +
  `asks for them. Node ${process.version}.`;
console.log(`\n${note}`);
saveResults('docs-weight', rows, note);
