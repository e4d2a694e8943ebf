// Turbo's run summaries (`--summarize` writes them under .turbo/runs/): the newest one, parsed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The newest run summary of the repository at `root`, or undefined when turbo has written none.
 * @param {string} root
 */
export function latestRunSummary(root) {
  const runsDir = join(root, '.turbo', 'runs');
  if (!existsSync(runsDir)) return undefined;
  const newest = readdirSync(runsDir)
    .map((name) => join(runsDir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  return newest === undefined ? undefined : JSON.parse(readFileSync(newest, 'utf8'));
}
