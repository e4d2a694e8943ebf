// What a release must announce. The spec's changes since the last release decide the smallest bump; the version
// already applied since then and the pending changesets say what is planned; the gate compares the two.
import getReleasePlan from '@changesets/get-release-plan';
import semver from 'semver';
import { breakingFirst } from './changelog.js';
import type { SpecChange } from './diff/change.js';

/** The packages released together, with one version (the spec's `info.version`), and their folders. */
export const releasedPackageDirs = {
  '@vault/spec': 'spec',
  '@vault/client': 'packages/client',
  '@vault/mock': 'apps/mock',
};
export const releasedPackages = Object.keys(releasedPackageDirs) as (keyof typeof releasedPackageDirs)[];

export type Bump = 'none' | 'patch' | 'minor' | 'major';
const bumpOrder: readonly Bump[] = ['none', 'patch', 'minor', 'major'];
const rank = (bump: Bump) => bumpOrder.indexOf(bump);
const larger = (a: Bump, b: Bump): Bump => (rank(a) >= rank(b) ? a : b);

/** Every change but that of `info.version`, which is the release's own number and asks for no release. */
export const isApiChange = (change: SpecChange) => change.kind !== 'version-changed';

/** A break needs a major release; anything else a consumer can send or receive, a minor; prose alone, a patch. */
export function requiredBump(changes: readonly SpecChange[]): Bump {
  const apiChanges = changes.filter(isApiChange);
  if (apiChanges.some((change) => change.breaking)) return 'major';
  if (apiChanges.some((change) => change.kind !== 'description-changed')) return 'minor';
  return apiChanges.length > 0 ? 'patch' : 'none';
}

/** The version as given, refused unless it is plain semver (`2.0.0`, not `v2.0.0` or `2.0`). */
const checked = (version: string) => {
  if (semver.valid(version) !== version) throw new Error(`"${version}" is not a semver version`);
  return version;
};

/** The bump that leads from one version to a later one; none when `to` is not later. */
export function bumpBetween(from: string, to: string): Bump {
  const [a, b] = [checked(from), checked(to)];
  if (!semver.gt(b, a)) return 'none';
  if (semver.major(b) !== semver.major(a)) return 'major';
  return semver.minor(b) !== semver.minor(a) ? 'minor' : 'patch';
}

/** The bump each released package gets from the pending changesets (`.changeset/*.md`) of the repository. */
export async function pendingBumps(repoDir: string): Promise<Map<string, Bump>> {
  const plan = await getReleasePlan(repoDir);
  return new Map(plan.releases.map((release) => [release.name, release.type]));
}

export interface ReleaseVerdict {
  required: Bump;
  /** Each released package with the bump planned for it: the version applied since the release, or a changeset. */
  planned: { name: string; bump: Bump }[];
  /** The packages whose planned bump is smaller than the required one. */
  short: { name: string; bump: Bump }[];
  passes: boolean;
}

/** Every released package must plan at least the bump that the spec's changes require. */
export function judgeRelease(
  changes: readonly SpecChange[],
  versionBump: Bump,
  changesetBumps: ReadonlyMap<string, Bump>,
): ReleaseVerdict {
  const required = requiredBump(changes);
  const planned = releasedPackages.map((name) => ({
    name,
    bump: larger(versionBump, changesetBumps.get(name) ?? 'none'),
  }));
  const short = planned.filter(({ bump }) => rank(bump) < rank(required));
  return { required, planned, short, passes: short.length === 0 };
}

/** A changeset file's text: the bump for every released package, then the summary for their CHANGELOGs. */
export function changesetText(bump: Exclude<Bump, 'none'>, summary: string): string {
  const releases = releasedPackages.map((name) => `"${name}": ${bump}`);
  return ['---', ...releases, '---', '', summary, ''].join('\n');
}

/** The CHANGELOG entry of a release, in API terms: one line per change, breaking first. */
export function apiChangesSummary(changes: readonly SpecChange[], since: string): string {
  const line = (change: SpecChange) =>
    `- ${change.breaking ? '**Breaking:** ' : ''}\`${change.location}\`: ${change.message}`;
  return [`API changes since ${since}:`, '', ...breakingFirst(changes).map(line)].join('\n');
}
