#!/usr/bin/env node
// vault-watch <label> "<command>" <path>...: runs the command after each change under the paths (see watch.mjs).
import { runCommand, watchPaths } from './watch.mjs';

const [label, command, ...paths] = process.argv.slice(2);
if (!label || !command || paths.length === 0) {
  console.error('Usage: vault-watch <label> "<command>" <path>...');
  process.exit(2);
}
console.log(`[${label}] watching ${paths.join(', ')}`);
const stop = await watchPaths(paths, async (changed) => {
  console.log(`[${label}] changed: ${changed.join(', ')}`);
  const code = await runCommand(command);
  console.log(code === 0 ? `[${label}] done` : `[${label}] failed (exit ${code}); still watching`);
});
// Ctrl-C stops the whole dev loop: a clean exit, so that pnpm and turbo report no failure.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.once(signal, () => void stop());
