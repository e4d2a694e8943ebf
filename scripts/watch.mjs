// The dev loop's one watcher: runs a command whenever files under the given paths change, prints what changed, and
// keeps watching when the command fails. `pnpm dev` runs one per package (see each package's `dev` script).
//
//   node scripts/watch.mjs <label> "<command>" <path>...
import { spawn } from 'node:child_process';
import { statSync, watch } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const settleMs = 150; // editors and Redocly write a file in several steps: wait for them to finish

/**
 * Calls `onChange(changedFiles)` after files under `paths` change, at most one call at a time; changes made during a
 * call are batched into the next. A path may be a file or a folder (watched recursively); it must exist.
 * @param {string[]} paths
 * @param {(changed: string[]) => Promise<void>} onChange
 * @returns {() => void} stops watching
 */
export function watchPaths(paths, onChange) {
  /** @type {Set<string>} */
  const pending = new Set();
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
  const watchers = paths.map((path) => {
    const absolute = resolve(path);
    // A file is watched through its folder: a writer that replaces the file would leave a file watcher blind.
    const isFolder = statSync(absolute).isDirectory();
    const folder = isFolder ? absolute : dirname(absolute);
    return watch(folder, { recursive: isFolder }, (_event, name) => {
      const file = resolve(folder, String(name ?? ''));
      if (!isFolder && file !== absolute) return;
      pending.add(relative(process.cwd(), file));
      clearTimeout(timer);
      timer = setTimeout(flush, settleMs);
    });
  });
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
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

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [label, command, ...paths] = process.argv.slice(2);
  if (!label || !command || paths.length === 0) {
    console.error('Usage: node scripts/watch.mjs <label> "<command>" <path>...');
    process.exit(2);
  }
  console.log(`[${label}] watching ${paths.join(', ')}`);
  watchPaths(paths, async (changed) => {
    console.log(`[${label}] changed: ${changed.join(', ')}`);
    const code = await runCommand(command);
    console.log(code === 0 ? `[${label}] done` : `[${label}] failed (exit ${code}); still watching`);
  });
}
