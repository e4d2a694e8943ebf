// The dev loop's one watcher: runs a command whenever files under the given paths change, prints what changed, and
// keeps watching when the command fails. `pnpm dev` runs one per package through the `vault-watch` bin.
import { spawn } from 'node:child_process';
import { readdirSync, statSync, watch } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const settleMs = 150; // editors and Redocly write a file in several steps: wait for them to finish

/**
 * Calls `onChange(changedFiles)` after files under `paths` change, at most one call at a time; changes made during a
 * call are batched into the next. A path may be a file or a folder (watched with its subfolders); it must exist.
 *
 * Only folders are watched, each on its own, never a file and never with `recursive`: a file watcher (and Node 20's
 * recursive watcher on Linux, which keeps one per file) follows the file's inode, so it goes blind once an editor
 * saves by writing a new file and renaming it over the old one. A folder sees every way of saving: truncate and write,
 * rename over, delete and create.
 * @param {string[]} paths
 * @param {(changed: string[]) => Promise<void>} onChange
 * @returns {() => void} stops watching
 */
export function watchPaths(paths, onChange) {
  /** @type {Set<string>} */
  const pending = new Set();
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
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
      if (pending.size > 0) timer = setTimeout(flush, settleMs);
    }
  };
  /** @param {string} file */
  const changed = (file) => {
    pending.add(relative(process.cwd(), file));
    clearTimeout(timer);
    timer = setTimeout(flush, settleMs);
  };
  /** Each watched folder, with what it watches for: every file below it, or named files in it. */
  /** @type {Map<string, { watcher: import('node:fs').FSWatcher, wants: ((file: string) => boolean)[] }>} */
  const folders = new Map();
  /**
   * Watches `folder` for the files `wants` accepts; `deep` also watches every folder below it, now and once created.
   * @param {string} folder
   * @param {(file: string) => boolean} wants
   * @param {boolean} deep
   */
  const watchFolder = (folder, wants, deep) => {
    const known = folders.get(folder);
    if (known) {
      known.wants.push(wants);
      return;
    }
    const watcher = watch(folder, (_event, name) => {
      const file = join(folder, String(name ?? ''));
      if (deep && isFolder(file) && !folders.has(file)) watchFolder(file, () => true, true);
      if (entry.wants.some((want) => want(file))) changed(file);
    });
    const entry = { watcher, wants: [wants] };
    watcher.on('error', () => {
      watcher.close(); // the folder was removed
      folders.delete(folder);
    });
    folders.set(folder, entry);
    if (deep) {
      for (const child of readdirSync(folder, { withFileTypes: true })) {
        if (child.isDirectory()) watchFolder(join(folder, child.name), () => true, true);
      }
    }
  };
  for (const path of paths) {
    const absolute = resolve(path);
    if (isFolder(absolute)) watchFolder(absolute, () => true, true);
    else watchFolder(dirname(absolute), (file) => file === absolute, false);
  }
  return () => {
    clearTimeout(timer);
    for (const { watcher } of folders.values()) watcher.close();
  };
}

/** @param {string} path */
function isFolder(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // gone already, or never a folder
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
