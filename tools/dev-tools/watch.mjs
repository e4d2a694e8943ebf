// The dev loop's one watcher: runs a command whenever files under the given paths change, prints what changed, and
// keeps watching when the command fails. `pnpm dev` runs one per package through the `vault-watch` bin.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { watch } from 'chokidar';

/**
 * Calls `onChange(changedFiles)` after files under `paths` change, at most one call at a time; changes made during a
 * call are batched into the next. A path may be a file or a folder (watched with its subfolders, new ones included).
 * Resolves, once every path is watched, with the function that stops watching.
 *
 * chokidar sees every way an editor saves a file in a folder it watches (truncate and write, rename over, delete and
 * create) and reports a change once the file has stayed the same for 150 ms: editors and Redocly write a file in several
 * steps. A file is watched through its folder: a watcher of the file itself goes blind once another file is renamed
 * over it.
 * @param {string[]} paths
 * @param {(changed: string[]) => Promise<void>} onChange
 * @returns {Promise<() => Promise<void>>}
 */
export async function watchPaths(paths, onChange) {
  /** @type {Set<string>} */
  const pending = new Set();
  let running = false;
  const flush = async () => {
    if (running || pending.size === 0) return;
    running = true;
    const changed = [...pending];
    pending.clear();
    try {
      await onChange(changed);
    } finally {
      running = false;
      void flush();
    }
  };
  const watchers = paths.map((path) => {
    const absolute = resolve(path);
    if (isFolder(absolute)) return watch(absolute, settled);
    const folder = dirname(absolute);
    return watch(folder, { ...settled, depth: 0, ignored: (file) => file !== folder && file !== absolute });
  });
  for (const watcher of watchers) {
    watcher.on('all', (event, file) => {
      if (event === 'addDir' || event === 'unlinkDir') return;
      pending.add(relative(process.cwd(), file));
      void flush();
    });
  }
  await Promise.all(watchers.map((watcher) => new Promise((ready) => watcher.once('ready', () => ready(undefined)))));
  return async () => {
    await Promise.all(watchers.map((watcher) => watcher.close()));
  };
}

/** chokidar's options for a watcher whose events come once the file is written. */
const settled = { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 25 } };

/** @param {string} path */
function isFolder(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // not there (yet): watched as a file
  }
}

/**
 * Runs a shell command, streaming its output; resolves with its exit code.
 * @param {string} command
 */
export function runCommand(command) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, { shell: true, stdio: 'inherit' });
    child.on('exit', (code) => resolvePromise(code ?? 1));
  });
}
