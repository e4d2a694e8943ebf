// `pnpm version-packages`: the gate first, then the API's changelog as a changeset, then Changesets' own version step,
// then the spec's info.version set to the version it gave @vault/spec.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { missingChangesetMessage, runGate } from './gate.js';
import { apiChangesSummary, bumpBetween, changesetText } from './release.js';

const run = promisify(execFile);
export const changesetCli = createRequire(import.meta.url).resolve('@changesets/cli/bin.js');

/** The changeset that carries the gate's changelog into every released package's CHANGELOG. */
export const apiChangesetFile = '.changeset/vault-api-changes.md';

/** Returns the YAML text with `info.version` set; throws when the document has no `info.version` line of its own. */
export function withInfoVersion(yaml: string, version: string): string {
  const lines = yaml.split('\n');
  const info = lines.indexOf('info:');
  const end = lines.findIndex((line, index) => index > info && /^\S/.test(line));
  const at = lines.findIndex(
    (line, index) => index > info && (end === -1 || index < end) && /^ {2}version:/.test(line),
  );
  if (info === -1 || at === -1) throw new Error('spec/openapi.yaml has no `info:` block with a `version:` line');
  lines[at] = `  version: ${version}`;
  return lines.join('\n');
}

/** Makes the spec's info.version the version of @vault/spec, so that both say one number. */
export async function syncInfoVersion(repoDir: string): Promise<string> {
  const { version } = JSON.parse(await readFile(join(repoDir, 'spec/package.json'), 'utf8')) as { version: string };
  const root = join(repoDir, 'spec/openapi.yaml');
  await writeFile(root, withInfoVersion(await readFile(root, 'utf8'), version));
  return version;
}

export async function versionPackages(repoDir: string, headFile: string): Promise<string> {
  const result = await runGate({ repoDir, headFile });
  if (result.judged && !result.verdict.passes) throw new Error(missingChangesetMessage(result));
  // Once a version is applied since the release, its changelog was written then.
  if (result.judged && result.changes.length > 0 && bumpBetween(result.baseVersion, result.headVersion) === 'none') {
    const bump = result.verdict.required as 'major' | 'minor' | 'patch';
    const summary = apiChangesSummary(result.changes, `@vault/spec ${result.baseVersion}`);
    await writeFile(join(repoDir, apiChangesetFile), changesetText(bump, summary));
  }
  // Stryker disable next-line ObjectLiteral: without it, changeset would version the repository around the sandbox
  const { stdout, stderr } = await run(process.execPath, [changesetCli, 'version'], { cwd: repoDir });
  process.stdout.write(stdout + stderr);
  return syncInfoVersion(repoDir);
}
