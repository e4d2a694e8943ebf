// The changelog of a comparison, for people: breaking changes first, each with its location.
import type { SpecChange } from './diff/change.js';

/** The changes, breaking ones first, each group in the order found. */
export const breakingFirst = (changes: readonly SpecChange[]): SpecChange[] => [
  ...changes.filter((change) => change.breaking),
  ...changes.filter((change) => !change.breaking),
];

/** A readable changelog: breaking changes first, each line with its location. */
export function changelog(changes: SpecChange[]): string {
  if (changes.length === 0) return 'No changes to the API.';
  const breaking = changes.filter((change) => change.breaking);
  const line = (change: SpecChange) =>
    `  ${change.breaking ? 'BREAKING' : 'safe    '}  ${change.location}: ${change.message}`;
  return [`${changes.length} change(s), ${breaking.length} breaking:`, ...breakingFirst(changes).map(line)].join('\n');
}
