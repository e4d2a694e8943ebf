// Gathers what each benchmark saved (bench/*/results.json) into bench/RESULTS.md, with the machine and the date.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';

const benchDir = new URL('./', import.meta.url);
const order = ['client', 'mock', 'docs', 'pipeline', 'packages'];
const results = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/results.json`, benchDir)))
  .map((entry) => JSON.parse(readFileSync(new URL(`${entry.name}/results.json`, benchDir), 'utf8')))
  .sort((a, b) => order.indexOf(a.benchmark) - order.indexOf(b.benchmark));
if (results.length === 0) {
  console.error('write-results: no bench/*/results.json: run the benchmarks first (pnpm bench)');
  process.exit(1);
}

const cell = (text = '') => String(text).replaceAll('|', '\\|');
const lines = [
  '# Benchmark results',
  '',
  'Written by `pnpm bench` (`bench/write-results.mjs`). Every figure stands beside its baseline, measured in the same',
  'run; ratios are value / baseline. Machines are noisy: compare ratios, not seconds.',
  '',
  `- Date: ${new Date().toISOString().slice(0, 10)}`,
  `- Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${type()} ${release()}`,
  `- Node.js ${process.version}`,
];
for (const { benchmark, note, rows } of results) {
  lines.push(
    '',
    `## ${benchmark}`,
    '',
    note,
    '',
    '| measure | value | baseline | ratio | target |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const row of rows) {
    lines.push(`| ${[row.measure, row.value, row.baseline, row.ratio, row.target].map(cell).join(' | ')} |`);
  }
}
writeFileSync(new URL('RESULTS.md', benchDir), `${lines.join('\n')}\n`);
console.log(`bench/RESULTS.md: ${results.map((result) => result.benchmark).join(', ')}`);
