// The check that `pnpm test` runs: the spec's changes since the last release, against the bump the pending changesets
// (or a version already applied) announce.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '@vault/spec/document';
import type { SpecChange } from './diff/change.js';
import { diffSpecs, UnreadableSpecError } from './diff.js';
import { bundleSpecAt, lastReleaseTag } from './git-base.js';
import {
  type Bump,
  bumpBetween,
  changesetText,
  isApiChange,
  judgeRelease,
  pendingBumps,
  type ReleaseVerdict,
  releasedPackages,
} from './release.js';

export interface GateInput {
  repoDir: string;
  /** The bundled spec being judged. */
  headFile: string;
  /** A bundled spec to compare with instead of the last release. */
  baseFile?: string | undefined;
  /** Where the release's spec is checked out and bundled, then removed: the system's temporary folder by default. */
  scratchRoot?: string | undefined;
}

export type GateResult =
  | { judged: false; reason: string }
  | {
      judged: true;
      /** What the head is compared with: a release tag or a file. */
      baseName: string;
      baseVersion: string;
      headVersion: string;
      changes: SpecChange[];
      verdict: ReleaseVerdict;
    };

async function readJson(file: string): Promise<JsonObject> {
  return JSON.parse(await readFile(file, 'utf8'));
}

const versionOf = (document: JsonObject) => String((document.info as { version?: string } | undefined)?.version);

/** The last released spec, bundled; undefined when nothing has been released. */
async function releasedSpec(
  repoDir: string,
  scratchRoot: string,
): Promise<{ name: string; document: JsonObject } | undefined> {
  const tag = await lastReleaseTag(repoDir);
  if (tag === undefined) return undefined;
  const scratch = await mkdtemp(join(scratchRoot, 'vault-spec-gate-'));
  try {
    const bundled = await bundleSpecAt(repoDir, `refs/tags/${tag}`, join(scratch, 'base.json'), scratchRoot);
    if (!bundled) throw new Error(`the release tag ${tag} has no spec/openapi.yaml`);
    return { name: tag, document: await readJson(join(scratch, 'base.json')) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The changes between two documents; an error that says which files when one cannot be compared. */
function compare(base: { name: string; document: JsonObject }, head: { name: string; document: JsonObject }) {
  try {
    return diffSpecs(base.document, head.document);
  } catch (error) {
    if (!(error instanceof UnreadableSpecError)) throw error;
    throw new UnreadableSpecError(`${base.name} against ${head.name}: ${error.message}`);
  }
}

export async function runGate({ repoDir, headFile, baseFile, scratchRoot = tmpdir() }: GateInput): Promise<GateResult> {
  const base = baseFile
    ? { name: baseFile, document: await readJson(baseFile) }
    : await releasedSpec(repoDir, scratchRoot);
  if (base === undefined) {
    return {
      judged: false,
      reason:
        'no release of @vault/spec to compare with (no @vault/spec@* tag; `git fetch --tags` if one was published)',
    };
  }
  const head = await readJson(headFile);
  const [baseVersion, headVersion] = [versionOf(base.document), versionOf(head)];
  const changes = compare(base, { name: headFile, document: head });
  const verdict = judgeRelease(changes, bumpBetween(baseVersion, headVersion), await pendingBumps(repoDir));
  return { judged: true, baseName: base.name, baseVersion, headVersion, changes, verdict };
}

/** What to tell someone whose changesets announce too little: each package short of the bump, and the fix. */
export function missingChangesetMessage(result: Extract<GateResult, { judged: true }>): string {
  const { verdict } = result;
  const changes = result.changes.filter(isApiChange);
  const required = verdict.required as Exclude<Bump, 'none'>;
  const first = changes.find((change) => change.breaking) ?? changes[0];
  const summary = `${required === 'major' ? 'Breaking: ' : ''}${first?.message ?? 'API change'}${
    changes.length > 1 ? ` (and ${changes.length - 1} more API change(s))` : ''
  }.`;
  return [
    `spec-gate: the API has ${required === 'major' ? 'a breaking change' : 'changed'} since ${result.baseName}, ` +
      `which needs a ${required} release of ${releasedPackages.join(', ')}; the pending changesets plan ` +
      verdict.short.map(({ name, bump }) => `${bump} for ${name}`).join(', '),
    `Add this changeset as .changeset/api-${required}-change.md (or run \`pnpm changeset\` and pick ${required}):`,
    '',
    changesetText(required, summary),
  ].join('\n');
}
