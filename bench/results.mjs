// Each benchmark prints its table and saves the same rows here, for `pnpm bench` to gather into RESULTS.md.
import { writeFileSync } from 'node:fs';

/**
 * @typedef {{ measure: string, value: string, baseline: string, ratio: string, target?: string }} ResultRow
 * @param {string} benchmark its section in RESULTS.md: the folder name under bench/, or `<folder>-<name>` for a second
 *   benchmark of that folder (`mock-differential`), saved as `<folder>/<name>.results.json`
 * @param {ResultRow[]} rows
 * @param {string} note how it was measured
 */
export function saveResults(benchmark, rows, note) {
  const [folder, name] = benchmark.split(/-(.*)/);
  const file = new URL(`./${folder}/${name ? `${name}.` : ''}results.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify({ benchmark, note, rows }, null, 2)}\n`);
}
