// @ts-check
// A fresh copy of the repository as it is in the working tree (tracked files and new ones git does not ignore),
// installed from the local pnpm store, as a new clone on a developer's machine would be. Used by the pipeline tests
// and by bench/pipeline.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Environment for commands in a copy: quiet tools and no colour codes in the output that tests read. */
export const copyEnv = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
  FORCE_COLOR: '0',
};

/**
 * Copies the working tree into a new folder under a temporary parent named after `parentName`, installs it, and
 * returns its path.
 * @param {string} parentName
 */
export async function freshCopy(parentName) {
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
    await cp(join(repoRoot, file), join(copy, file)).catch((/** @type {NodeJS.ErrnoException} */ error) => {
      if (error.code !== 'ENOENT') throw error; // deleted in the working tree but not yet in git
    });
  }
  // One commit, as a fresh clone has: tools that read git history (turbo, the spec gate) see a normal repository.
  await run(
    'sh',
    ['-c', 'git init -q && git add -A && git -c user.name=copy -c user.email=copy@localhost commit -qm copy'],
    {
      cwd: copy,
    },
  );
  // The store this repository installed from: pnpm keeps one per filesystem, and the temporary folder may be on another.
  const { stdout: store } = await run('pnpm', ['store', 'path'], { cwd: repoRoot, env: copyEnv });
  await run('pnpm', ['install', '--frozen-lockfile', '--offline', '--reporter=silent', '--store-dir', store.trim()], {
    cwd: copy,
    env: copyEnv,
  });
  return copy;
}

/**
 * Deletes a copy made by freshCopy.
 * @param {string} copy
 */
export async function removeCopy(copy) {
  await rm(dirname(copy), { recursive: true, force: true });
}

/**
 * Runs `pnpm <args>` in a copy, with `env` added to its environment; resolves with its output, rejects with it on
 * failure.
 * @param {string} copy
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
export async function pnpmIn(copy, args, env = {}) {
  const options = { cwd: copy, env: { ...copyEnv, ...env }, maxBuffer: 64 * 1024 * 1024 };
  const { stdout, stderr } = await run('pnpm', args, options);
  return stdout + stderr;
}

/**
 * Starts a long-running `pnpm <args>` in its own process group, so that stopping it stops everything it started.
 * @param {string} copy
 * @param {Record<string, string>} env
 * @param {...string} args
 */
export function startIn(copy, env, ...args) {
  const child = spawn('pnpm', args, { cwd: copy, env: { ...copyEnv, ...env }, detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    output: () => output,
    /** Stops the whole process group, and waits for it: SIGTERM, then SIGKILL after 10 s. */
    stop: async () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      const group = -child.pid;
      process.kill(group, 'SIGTERM');
      const killLater = setTimeout(() => process.kill(group, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(killLater);
    },
  };
}
