#!/usr/bin/env node
// The last screen of `pnpm test`: what ran, from turbo's run summary and each package's vitest JSON report, and one
// closing line `Tests: N passed, N failed` for people and for CI.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { latestRunSummary } from './turbo-runs.mjs';

const root = process.cwd(); // run by the root's `test` script, from the repository root
const run = latestRunSummary(root);
if (!run) {
  console.error('test-summary: no turbo run summary found (.turbo/runs); was turbo run with --summarize?');
  process.exit(1);
}
const rows = [];
let passed = 0;
let failed = 0;
for (const task of run.tasks) {
  if (task.execution === undefined) continue; // not run: a dependency failed
  const report = join(root, task.directory, 'test-results', 'vitest.json');
  let tests = '';
  if (task.task === 'test' && existsSync(report)) {
    const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(report, 'utf8'));
    passed += numPassedTests;
    failed += numFailedTests;
    tests = `${numPassedTests} passed${numFailedTests ? `, ${numFailedTests} failed` : ''}`;
  }
  const seconds = ((task.execution.endTime - task.execution.startTime) / 1000).toFixed(1);
  const outcome = task.execution.exitCode === 0 ? 'ok' : `FAILED (exit ${task.execution.exitCode})`;
  rows.push([task.taskId, outcome, task.cache.status === 'HIT' ? 'cached' : `${seconds}s`, tests]);
}

const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
console.log('\nWhat ran:');
for (const row of rows.sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(`  ${row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell)).join('  ')}`.trimEnd());
}
const failedTasks = rows.filter((row) => row[1] !== 'ok').length;
console.log(`\n${rows.length} tasks, ${failedTasks} failed`);
console.log(`Tests: ${passed} passed, ${failed} failed`);
