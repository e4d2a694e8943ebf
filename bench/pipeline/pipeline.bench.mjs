// The pipeline's speed, in three parts, each against a baseline measured in the same run:
//  1. cold against warm `pnpm build` and `pnpm test` in a fresh copy of the repository;
//  2. what a change rebuilds, read from turbo's --summarize output (cache misses per task), not from timing;
//  3. growth with the spec: lint, bundle, type generation, client typecheck and docs build on synthetic specs of
//     10, 100 and 1,000 operations of the real shape; each size's time against the size ten times smaller.
// Prints tables and saves them for RESULTS.md; asserts nothing.
import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freshCopy, pnpmIn, removeCopy } from '@vault/dev-tools/repo-copy';
import { latestRunSummary } from '@vault/dev-tools/turbo-runs';
import { bundledSpecJson } from '@vault/spec';
import { saveResults } from '../results.mjs';
import { clientUsage, syntheticSpec } from './synthetic-spec.mjs';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const redocly = require.resolve('@redocly/cli/bin/cli.js');
// openapi-typescript exports no path to its command line: find it beside this package's copy of it.
const openapiTypescript = join(here, '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
const tsc = require.resolve('typescript/bin/tsc');
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
  TURBO_TELEMETRY_DISABLED: '1',
};
const sizes = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);

async function timed(action) {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// 1 and 2: a fresh copy of the repository.
const copy = await freshCopy('vault-bench-pipeline');
const coldBuild = await timed(() => pnpmIn(copy, ['build']));
const warmBuild = await timed(() => pnpmIn(copy, ['build']));
const coldTest = await timed(() => pnpmIn(copy, ['test']));
const warmTest = await timed(() => pnpmIn(copy, ['test']));

/** Applies `edit` in the copy, runs a summarized build, and returns the tasks that were not cache hits. */
async function rebuiltBy(file, line) {
  const path = join(copy, file);
  const before = readFileSync(path, 'utf8');
  appendFileSync(path, line);
  try {
    await run('pnpm', ['exec', 'turbo', 'run', 'build', '--summarize'], { cwd: copy, env });
  } finally {
    writeFileSync(path, before);
  }
  return latestRunSummary(copy)
    .tasks.filter((task) => task.cache.status !== 'HIT')
    .map((task) => task.taskId);
}

const changes = [
  ['the docs theme', 'apps/docs/redocly.yaml', '# a theme change\n'],
  ['the client', 'packages/client/src/index.ts', '// a client change\n'],
  ['the mock', 'apps/mock/src/index.ts', '// a mock change\n'],
  ['the spec', 'spec/components/schemas/TokenResponse.yaml', '  added:\n    type: string\n    description: New.\n'],
];
await pnpmIn(copy, ['build']); // everything cached again after the test runs
const rebuilt = [];
for (const [name, file, line] of changes) rebuilt.push([name, await rebuiltBy(file, line)]);
await removeCopy(copy);

// 3: growth with the size of the spec.
const work = mkdtempSync(join(tmpdir(), 'vault-bench-growth-'));
const clientDir = join(here, '.work'); // inside the repository, so that openapi-fetch and typescript resolve
const real = JSON.parse(readFileSync(bundledSpecJson, 'utf8'));
// Each step gets the synthetic spec's file and its parsed content.
const steps = {
  lint: ({ file }) =>
    run(process.execPath, [redocly, 'lint', file, '--config', join(repoRoot, 'spec', 'redocly.yaml')], { env }),
  bundle: ({ file }) =>
    run(process.execPath, [redocly, 'bundle', file, '--output', join(work, 'bundle.json')], { env }),
  'type generation': ({ file }) =>
    run(process.execPath, [openapiTypescript, file, '--output', join(clientDir, 'schema.ts')], { env }),
  'client typecheck': ({ spec }) => typecheckCalls(spec, 'by path'),
  'docs build': ({ file }) =>
    run(process.execPath, [redocly, 'build-docs', file, '--inlineBundle', '--output', join(work, 'docs.html')], {
      env,
    }),
};
mkdirSync(clientDir, { recursive: true });
writeFileSync(
  join(clientDir, 'tsconfig.json'),
  JSON.stringify({
    extends: '../../../tsconfig.base.json',
    compilerOptions: { noEmit: true, skipLibCheck: true, lib: ['ES2023', 'DOM'] },
    include: ['*.ts'],
  }),
);
/** Type-checks a file that calls every operation of `spec` through openapi-fetch in the given style. */
function typecheckCalls(spec, style) {
  writeFileSync(join(clientDir, 'usage.ts'), clientUsage(spec, style));
  return run(process.execPath, [tsc, '-p', clientDir], { env });
}
// Not part of the pipeline: the call style whose typecheck grows with the square of the spec, for contrast.
const contrast = { 'client typecheck, calls by method': ({ spec }) => typecheckCalls(spec, 'by method') };
const growth = {};
for (const size of sizes) {
  const spec = syntheticSpec(real, size);
  const file = join(work, `spec-${size}.json`);
  writeFileSync(file, JSON.stringify(spec));
  growth[size] = {};
  for (const [step, action] of Object.entries(steps)) growth[size][step] = await timed(() => action({ file, spec }));
  growth[size].total = Object.values(growth[size]).reduce((sum, ms) => sum + ms, 0);
  for (const [step, action] of Object.entries(contrast)) growth[size][step] = await timed(() => action({ file, spec }));
}
rmSync(work, { recursive: true, force: true });
rmSync(clientDir, { recursive: true, force: true });

// Report.
const rows = [
  {
    measure: 'pnpm build, warm',
    value: seconds(warmBuild),
    baseline: `${seconds(coldBuild)} (cold)`,
    ratio: (warmBuild / coldBuild).toFixed(2),
  },
  {
    measure: 'pnpm test, warm',
    value: seconds(warmTest),
    baseline: `${seconds(coldTest)} (cold)`,
    ratio: (warmTest / coldTest).toFixed(2),
  },
];
for (const [name, tasks] of rebuilt) {
  rows.push({ measure: `a change to ${name} rebuilds`, value: tasks.join(', ') || 'nothing', baseline: '', ratio: '' });
}
const stepNames = [...Object.keys(steps), 'total', ...Object.keys(contrast)];
for (const step of stepNames) {
  sizes.forEach((size, index) => {
    const previous = sizes[index - 1];
    const ms = growth[size][step];
    rows.push({
      measure: `${step}, ${size} operations`,
      value: seconds(ms),
      baseline: previous ? `${seconds(growth[previous][step])} (${previous} operations)` : '',
      ratio: previous ? (ms / growth[previous][step]).toFixed(2) : '',
      target: previous ? `≤ ${(size / previous).toFixed(0)} (linear)` : '',
    });
  });
}
const largest = sizes.at(-1);
const slowest = Object.entries(growth[largest])
  .filter(([step]) => step in steps)
  .sort((a, b) => b[1] - a[1])[0];
const note =
  `cold = a fresh copy with an empty turbo cache; warm = the same command again. Growth: one run of each step per size. ` +
  `At ${largest} operations the whole pipeline took ${seconds(growth[largest].total)} (target < 60 s); ` +
  `the slowest step was ${slowest[0]} (${seconds(slowest[1])}). The client typecheck calls every operation by path, ` +
  `as @vault/client's \`paths\` does; calls by method (\`api.POST(path)\`) are checked against every path of the ` +
  `spec each, which grows with its square: shown for contrast, outside the total.`;
console.log('\n| measure | value | baseline | ratio | target |\n|---|---|---|---|---|');
for (const row of rows)
  console.log(`| ${row.measure} | ${row.value} | ${row.baseline} | ${row.ratio} | ${row.target ?? ''} |`);
console.log(`\n${note}`);
saveResults('pipeline', rows, note);
