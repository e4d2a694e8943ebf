// Each benchmark prints its table and saves the same rows here, for `pnpm bench` to gather into RESULTS.md.
import { writeFileSync } from 'node:fs';

/**
 * @typedef {{ measure: string, value: string, baseline: string, ratio: string, target?: string }} ResultRow
 * @param {string} benchmark the folder name under bench/
 * @param {ResultRow[]} rows
 * @param {string} note how it was measured
 */
export function saveResults(benchmark, rows, note) {
  const file = new URL(`./${benchmark}/results.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify({ benchmark, note, rows }, null, 2)}\n`);
}
