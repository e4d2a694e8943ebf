// The last screen of `pnpm test:mutation`: each package's mutation score beside the first one measured, its target,
// the score under which its run fails, and how long the run took (from turbo's run summary). The same rows are saved
// for bench/RESULTS.md (`node bench/write-results.mjs`).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { latestRunSummary } from '@vault/dev-tools/turbo-runs';
import { saveResults } from '../results.mjs';

// The scores first measured, before tests were written to kill the survivors: each ratio's baseline. The client's is
// issue #15's; the mock's and the gate's were measured with this setup on the tests of 2026-11-26 (commit 581e205).
const firstMeasured = {
  '@vault/client': { score: 86.1, minutes: 4.9 },
  '@vault/mock': { score: 63.66, minutes: 14.0 },
  '@vault/spec-gate': { score: 70.86, minutes: 14.3 },
};
const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);

/** Stryker's mutation score: detected mutants among those that compiled and ran, in percent. */
function score(mutants) {
  const valid = mutants.filter(({ status }) => detected.has(status) || undetected.has(status));
  const killed = valid.filter(({ status }) => detected.has(status)).length;
  return { killed, valid: valid.length, percent: valid.length === 0 ? 100 : (100 * killed) / valid.length };
}

const root = process.cwd(); // run by the root's `test:mutation` script, from the repository root
const run = latestRunSummary(root);
const tasks = (run?.tasks ?? []).filter((task) => task.task === 'test:mutation' && task.execution !== undefined);
if (tasks.length === 0) {
  console.error('mutation summary: no test:mutation task in turbo run summary (.turbo/runs); run `pnpm test:mutation`');
  process.exit(1);
}

const percent = (value) => `${value.toFixed(2)} %`;
// `pnpm test:mutation:full` tests every mutant again; `pnpm test:mutation` only those whose code or tests changed.
const mode = process.env.VAULT_MUTATION_FULL === '1' ? 'every mutant' : 'incremental';
const rows = [];
console.log('\nMutation scores:');
for (const task of tasks.sort((a, b) => a.package.localeCompare(b.package))) {
  const reportFile = join(root, task.directory, 'reports', 'mutation', 'mutation.json');
  const minutes = (task.execution.endTime - task.execution.startTime) / 60_000;
  const outcome = task.execution.exitCode === 0 ? 'ok' : `FAILED (exit ${task.execution.exitCode})`;
  // A report older than the run is the last run's: this one stopped before writing its own (a config Stryker refused).
  if (!existsSync(reportFile) || statSync(reportFile).mtimeMs < task.execution.startTime) {
    console.log(`  ${task.package}: ${outcome}, no report from this run (${reportFile})`);
    continue;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const total = score(Object.values(report.files).flatMap((file) => file.mutants));
  const first = firstMeasured[task.package];
  console.log(
    `  ${task.package}: ${percent(total.percent)} (${total.killed} of ${total.valid} mutants detected), ` +
      `first measured ${first === undefined ? '–' : percent(first.score)}, target ≥ ${report.thresholds.high} %, ` +
      `fails below ${report.thresholds.break} %, ${minutes.toFixed(1)} min (${mode}), ${outcome}`,
  );
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const { killed, valid, percent: filePercent } = score(mutants);
    console.log(`    ${percent(filePercent).padStart(8)}  ${`${killed}/${valid}`.padEnd(9)} ${file}`);
  }
  rows.push({
    measure: `${task.package} score`,
    value: `${percent(total.percent)} (${total.killed}/${total.valid})`,
    baseline: first === undefined ? '' : `${percent(first.score)} (first measured)`,
    ratio: first === undefined ? '' : (total.percent / first.score).toFixed(2),
    target: `≥ ${report.thresholds.high} %, fails < ${report.thresholds.break} %`,
  });
  rows.push({
    measure: `${task.package} run time`,
    value: `${minutes.toFixed(1)} min (${mode})`,
    baseline: first === undefined ? '' : `${first.minutes.toFixed(1)} min (first measured, every mutant)`,
    ratio: first === undefined ? '' : (minutes / first.minutes).toFixed(2),
  });
}
saveResults(
  'mutation',
  rows,
  `pnpm test:mutation: Stryker 9.4.0 with its vitest runner, per-test coverage, one test runner; the packages one after ` +
    `the other. Score = killed and timed-out mutants / all that ran (survived and uncovered count against it).`,
);
