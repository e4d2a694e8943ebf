// Gathers what each benchmark saved (bench/*/results.json) into bench/RESULTS.md, each section with the machine and
// the date it was measured on. A benchmark that was not run this time keeps its last section, so that running one
// benchmark alone (`pnpm --filter @vault/bench bench:packages && node bench/write-results.mjs`) updates only its own.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';

const benchDir = new URL('./', import.meta.url);
const resultsFile = new URL('RESULTS.md', benchDir);
const order = [
  'client',
  'client-types',
  'mock',
  'mock-differential',
  'docs',
  'docs-weight',
  'pipeline',
  'packages',
  'mutation',
];
const fresh = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((folder) =>
    readdirSync(new URL(`${folder.name}/`, benchDir))
      .filter((name) => /(?:^|\.)results\.json$/.test(name))
      .map((name) => new URL(`${folder.name}/${name}`, benchDir)),
  )
  // Dated by when the benchmark saved it, so that an older results.json keeps its day.
  .map((file) => ({ ...JSON.parse(readFileSync(file, 'utf8')), savedOn: statSync(file).mtime }));
if (fresh.length === 0) {
  console.error('write-results: no bench/*/results.json: run the benchmarks first (pnpm bench)');
  process.exit(1);
}

/** The sections RESULTS.md has now, by benchmark name, as written. */
function previousSections() {
  if (!existsSync(resultsFile)) return new Map();
  const text = readFileSync(resultsFile, 'utf8');
  return new Map(
    text
      .split(/^(?=## )/m)
      .slice(1)
      .map((section) => [/^## (\S+)/.exec(section)?.[1], section.trimEnd()]),
  );
}

const cell = (text = '') => String(text).replaceAll('|', '\\|');
const measuredOn = (day) =>
  `Measured ${day.toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${type()} ${release()}, Node.js ${process.version}.`;

const sections = previousSections();
for (const { benchmark, note, rows, savedOn } of fresh) {
  const lines = [
    `## ${benchmark}`,
    '',
    measuredOn(savedOn),
    '',
    note,
    '',
    '| measure | value | baseline | ratio | target |',
  ];
  lines.push('| --- | --- | --- | --- | --- |');
  for (const row of rows) {
    lines.push(`| ${[row.measure, row.value, row.baseline, row.ratio, row.target].map(cell).join(' | ')} |`);
  }
  sections.set(benchmark, lines.join('\n'));
}
const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length);
const ordered = [...sections.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([, section]) => section);
const header = [
  '# Benchmark results',
  [
    'Written by `pnpm bench` (`bench/write-results.mjs`), and the mutation section by `pnpm test:mutation`. Every',
    'benchmark figure stands beside its baseline, measured in the same run; each mutation score stands beside the first',
    'one measured. Ratios are value / baseline. Machines are noisy: compare ratios, not seconds.',
  ].join('\n'),
];
writeFileSync(resultsFile, `${[...header, ...ordered].join('\n\n')}\n`);
console.log(`bench/RESULTS.md: ${fresh.map((result) => result.benchmark).join(', ')} updated`);
