// How long TypeScript takes to check calls of every operation of a synthetic spec (bench/pipeline's, of the real
// operation's shape), in the client's three styles, side by side at each size: a generated method per operation
// (`vault.confirmPhoneNumber7(init)`), by path (`vault.paths[path].POST(init)`, the baseline) and by method
// (`vault.api.POST(path, init)`, which grows with the square of the spec). Prints a table; asserts nothing.
// Run with `pnpm --filter @vault/bench bench:types` after `pnpm build`.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { bundledSpecJson } from '@vault/spec';
import openapiTS, { astToString } from 'openapi-typescript';
import { clientUsage, syntheticSpec } from '../pipeline/synthetic-spec.mjs';
import { saveResults } from '../results.mjs';

const run = promisify(execFile);
const clientDir = fileURLToPath(new URL('../../packages/client/', import.meta.url));
// Inside the client package, so that openapi-fetch and the client's own types resolve as they do for its users.
const workDir = join(clientDir, '.work', 'types-bench');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const { operationMethods } = await import(pathToFileURL(join(clientDir, 'scripts', 'operation-methods.mjs')));
const sizes = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
const methodTarget = 1.5;

async function typecheckMs(usage) {
  writeFileSync(join(workDir, 'usage.ts'), usage);
  const started = performance.now();
  await run(process.execPath, [tsc, '-p', workDir]);
  return performance.now() - started;
}

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
writeFileSync(
  join(workDir, 'tsconfig.json'),
  JSON.stringify({
    extends: relative(workDir, join(clientDir, '..', '..', 'tsconfig.base.json')),
    compilerOptions: { noEmit: true, lib: ['ES2023', 'DOM'] },
    include: ['*.ts'],
  }),
);
const real = JSON.parse(readFileSync(bundledSpecJson, 'utf8'));
const rows = [];
try {
  for (const size of sizes) {
    const spec = syntheticSpec(real, size);
    const specFile = join(workDir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const types = astToString(await openapiTS(pathToFileURL(specFile), { silent: true, emptyObjectsUnknown: true }));
    writeFileSync(join(workDir, 'schema.ts'), types);
    const operationTypes = `${relative(workDir, join(clientDir, 'src', 'operation-types.js'))}`;
    writeFileSync(join(workDir, 'operations.ts'), operationMethods(spec, { schema: './schema.js', operationTypes }));
    // Alternated, twice each, and the faster run kept: the first tsc of a size warms the file cache for the others.
    const times = { method: [], path: [], api: [] };
    for (let round = 0; round < 2; round++) {
      times.method.push(await typecheckMs(clientUsage(spec, 'by generated method')));
      times.path.push(await typecheckMs(clientUsage(spec, 'by path')));
      if (size <= 1000) times.api.push(await typecheckMs(clientUsage(spec, 'by method')));
    }
    const best = (list) => Math.min(...list);
    const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
    rows.push({
      measure: `${size} calls by generated method, ${size} operations`,
      value: seconds(best(times.method)),
      baseline: `${seconds(best(times.path))} (by path)`,
      ratio: (best(times.method) / best(times.path)).toFixed(2),
      target: `≤ ${methodTarget}`,
    });
    if (times.api.length > 0) {
      rows.push({
        measure: `${size} calls by generated method, ${size} operations`,
        value: seconds(best(times.method)),
        baseline: `${seconds(best(times.api))} (api.POST(path))`,
        ratio: (best(times.method) / best(times.api)).toFixed(2),
        target: '',
      });
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
console.log('| measure | value | baseline | ratio | target |\n|---|---|---|---|---|');
for (const row of rows)
  console.log(`| ${row.measure} | ${row.value} | ${row.baseline} | ${row.ratio} | ${row.target} |`);
const note =
  'tsc --noEmit of one file that calls every operation once, in each style, on a synthetic spec of copies of the ' +
  `real operation; the faster of two alternated runs; Node ${process.version}.`;
console.log(`\n${note}`);
saveResults('client-types', rows, note);
