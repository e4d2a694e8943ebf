// Finds the version of spec/ that a change is judged against, and bundles it as the build would.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const redoclyCli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

async function git(repoDir: string, ...args: string[]): Promise<string | undefined> {
  try {
    return (await run('git', ['-C', repoDir, ...args])).stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * The commit to compare with: `SPEC_BASE_REF` when set; else the merge base with main (origin/main first); on main
 * itself, the parent commit, so that the change being landed is what is judged. Undefined when there is no history.
 */
export async function resolveBaseRef(
  repoDir: string,
  baseRef = process.env.SPEC_BASE_REF,
): Promise<string | undefined> {
  if (baseRef) {
    const commit = await git(repoDir, 'rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`);
    if (!commit) throw new Error(`SPEC_BASE_REF=${baseRef} is not a commit of this repository`);
    return commit;
  }
  const head = await git(repoDir, 'rev-parse', 'HEAD');
  for (const main of ['origin/main', 'main']) {
    const mergeBase = await git(repoDir, 'merge-base', 'HEAD', main);
    if (mergeBase && mergeBase !== head) return mergeBase;
  }
  return git(repoDir, 'rev-parse', '--verify', '--quiet', 'HEAD^');
}

/** Bundles spec/ as it was at `ref` into `outputFile` (JSON); false when spec/ did not exist then. */
export async function bundleSpecAt(repoDir: string, ref: string, outputFile: string): Promise<boolean> {
  const checkout = await mkdtemp(join(tmpdir(), 'vault-spec-base-'));
  try {
    const archive = `git -C "${repoDir}" archive --format=tar "${ref}" spec redocly.yaml | tar -x -C "${checkout}"`;
    await run('sh', ['-c', archive]).catch(() => undefined);
    const root = join(checkout, 'spec', 'openapi.yaml');
    if (!existsSync(root)) return false;
    await run(
      process.execPath,
      [redoclyCli, 'bundle', root, '--config', join(checkout, 'redocly.yaml'), '--output', outputFile],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
      },
    );
    return true;
  } finally {
    await rm(checkout, { recursive: true, force: true });
  }
}
