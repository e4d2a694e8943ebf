// A fresh copy of the repository as it is in the working tree (tracked files and new ones git does not ignore),
// installed from the local pnpm store, as a new clone on a developer's machine would be.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Environment for commands in a copy: quiet tools, and none of this run's turbo or CI-specific state. */
export const copyEnv = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
  FORCE_COLOR: '0',
};

/** Copies the working tree into a new folder under `parentName`, installs it, and returns its path. */
export async function freshCopy(parentName: string): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), `${parentName}-`));
  const copy = join(parent, 'vault');
  const { stdout } = await run(
    'git',
    ['-C', repoRoot, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  for (const file of stdout.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(copy, file)), { recursive: true });
    await cp(join(repoRoot, file), join(copy, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // deleted in the working tree but not yet in git
    });
  }
  await run('git', ['init', '-q'], { cwd: copy });
  await run('pnpm', ['install', '--frozen-lockfile', '--offline', '--reporter=silent'], { cwd: copy, env: copyEnv });
  return copy;
}

/** Deletes a copy made by freshCopy. */
export async function removeCopy(copy: string): Promise<void> {
  await rm(dirname(copy), { recursive: true, force: true });
}

/** Runs `pnpm <args>` in a copy; resolves with its output, rejects with it on failure. */
export async function pnpmIn(copy: string, ...args: string[]): Promise<string> {
  const { stdout, stderr } = await run('pnpm', args, { cwd: copy, env: copyEnv, maxBuffer: 64 * 1024 * 1024 });
  return stdout + stderr;
}

/** Starts a long-running `pnpm <args>` in its own process group, so that stopping it stops everything it started. */
export function startIn(copy: string, env: Record<string, string>, ...args: string[]) {
  const child = spawn('pnpm', args, { cwd: copy, env: { ...copyEnv, ...env }, detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return {
    output: () => output,
    stop: () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    },
  };
}
