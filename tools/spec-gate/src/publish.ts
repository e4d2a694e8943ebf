// `pnpm release` after the build: publishes what `pnpm version-packages` versioned, to the registry that npm's
// configuration names (npm_config_registry, or @vault:registry, from the environment or .npmrc). It checks first that
// the registry answers and what it already holds, so that a bad target fails before anything is published.
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { releasedPackageDirs, releasedPackages } from './release.js';
import { changesetCli } from './version.js';

const run = promisify(execFile);

/** npm as the repository's root sees it: its .npmrc, the user's, and the environment. */
const npmAt =
  (repoDir: string) =>
  async (...args: string[]): Promise<string> =>
    (await run('npm', args, { cwd: repoDir, timeout: 30_000 })).stdout.trim();

/** The registry that @vault packages go to: the scope's own, else the default one. */
export async function releaseRegistry(repoDir: string): Promise<string> {
  const npm = npmAt(repoDir);
  const scoped = await npm('config', 'get', '@vault:registry');
  return scoped && scoped !== 'undefined' ? scoped : npm('config', 'get', 'registry');
}

/** Whether `name@version` is in the registry already. */
async function isPublished(repoDir: string, registry: string, name: string, version: string): Promise<boolean> {
  try {
    return (await npmAt(repoDir)('view', `${name}@${version}`, 'version', '--registry', registry)) !== '';
  } catch (error) {
    if (/E404/.test(String((error as { stderr?: string }).stderr))) return false;
    throw error;
  }
}

export async function publishRelease(repoDir: string): Promise<void> {
  const registry = await releaseRegistry(repoDir);
  // No retries: npm's default backoff would keep a dead registry's answer waiting for a minute.
  await npmAt(repoDir)('ping', '--registry', registry, '--fetch-retries=0', '--fetch-timeout=10000').catch(
    (error: { stderr?: string }) => {
      // npm's own reason, such as `reason: connect ECONNREFUSED 127.0.0.1:9`, else its error code.
      const stderr = String(error.stderr ?? error);
      const reason = /reason: (.+)$/m.exec(stderr)?.[1] ?? /npm (?:ERR!|error) code (\S+)/.exec(stderr)?.[1];
      throw new Error(
        `the registry ${registry} does not answer (${reason ?? 'npm ping failed'}); nothing was published`,
      );
    },
  );
  const versions = await Promise.all(
    releasedPackages.map(async (name) => {
      const manifest = join(repoDir, releasedPackageDirs[name], 'package.json');
      const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
      return { name, version, published: await isPublished(repoDir, registry, name, version) };
    }),
  );
  const list = versions.map(({ name, version }) => `${name}@${version}`).join(', ');
  if (versions.every(({ published }) => published)) {
    console.log(
      `release: nothing to publish: ${list} are already in ${registry}. Version first: pnpm version-packages`,
    );
    return;
  }
  console.log(`release: publishing to ${registry}: ${list}`);
  const code = await new Promise<number | null>((resolve) => {
    spawn(process.execPath, [changesetCli, 'publish'], {
      cwd: repoDir,
      stdio: 'inherit',
      env: { ...process.env, npm_config_registry: registry },
    }).once('close', resolve);
  });
  if (code !== 0) throw new Error(`changeset publish failed (exit ${code}); see its output above`);
}
