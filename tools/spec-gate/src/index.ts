export type { JsonObject } from '@vault/spec/document';
export { changelog } from './changelog.js';
export type { ChangeKind, SpecChange } from './diff/change.js';
export { diffSpecs, UnreadableSpecError } from './diff.js';
export { type GateResult, missingChangesetMessage, runGate } from './gate.js';
export { bundleSpecAt, lastReleaseTag } from './git-base.js';
export { publishRelease, releaseRegistry } from './publish.js';
// The release module is public as a whole: what a release bumps, and why.
export * from './release.js';
export { syncInfoVersion, versionPackages, withInfoVersion } from './version.js';
