// Finds the last released spec, and bundles spec/ as it was then, as the build would.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';

const run = promisify(execFile);
const redoclyCli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

/** `changeset publish` tags every release it publishes `<name>@<version>`. */
const specTagPrefix = '@vault/spec@';

/**
 * The newest released version of @vault/spec, from the tags that releases leave; undefined when there is none (no
 * release yet, or a clone made without tags).
 */
export async function lastReleaseTag(repoDir: string): Promise<string | undefined> {
  const { stdout } = await run('git', ['-C', repoDir, 'tag', '--list', `${specTagPrefix}*`]);
  const versions = stdout
    .split('\n')
    .map((tag) => tag.trim().slice(specTagPrefix.length))
    .filter((version) => /^\d+\.\d+\.\d+$/.test(version));
  const [newest] = semver.rsort(versions);
  return newest === undefined ? undefined : `${specTagPrefix}${newest}`;
}

/**
 * Bundles spec/ as it is at `ref` into `outputFile` (JSON); false when spec/ did not exist then. The checkout is made in
 * `scratchRoot` and removed.
 */
export async function bundleSpecAt(
  repoDir: string,
  ref: string,
  outputFile: string,
  scratchRoot = tmpdir(),
): Promise<boolean> {
  const checkout = await mkdtemp(join(scratchRoot, 'vault-spec-base-'));
  try {
    await extractAt(repoDir, ref, checkout, ['spec']);
    const specDir = join(checkout, 'spec');
    if (!existsSync(join(specDir, 'openapi.yaml'))) return false;
    // Run in spec/, as its own build does, so that Redocly finds the spec's redocly.yaml of that time.
    await run(process.execPath, [redoclyCli, 'bundle', 'openapi.yaml', '--output', resolve(outputFile)], {
      cwd: specDir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
    });
    return true;
  } finally {
    await rm(checkout, { recursive: true, force: true });
  }
}

/** `git archive REF PATHS | tar -x`, each with its own argument list; paths missing at `ref` are skipped. */
function extractAt(repoDir: string, ref: string, into: string, paths: string[]): Promise<void> {
  return new Promise((resolve) => {
    const archive = spawn('git', ['-C', repoDir, 'archive', '--format=tar', ref, ...paths], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const extract = spawn('tar', ['-x', '-C', into], { stdio: ['pipe', 'ignore', 'ignore'] });
    archive.stdout.pipe(extract.stdin);
    extract.once('close', () => resolve());
  });
}
