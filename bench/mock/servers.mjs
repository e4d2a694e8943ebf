// The two servers every mock benchmark compares, one after the other in one run: the `vault-mock` CLI and the plain
// `prism mock` CLI, each with its default options.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const prismBin = require.resolve('@stoplight/prism-cli/dist/index.js');
const vaultMockBin = join(dirname(fileURLToPath(import.meta.resolve('@vault/mock'))), 'cli.js');

/** Each server's command line; `watch` asks it to reload the spec on change, which `prism mock` always does. */
export const candidates = [
  {
    name: 'vault-mock',
    args: (spec, port, watch) => [vaultMockBin, '--spec', spec, '--port', String(port), ...(watch ? ['--watch'] : [])],
  },
  { name: 'prism mock', args: (spec, port) => [prismBin, 'mock', spec, '--port', String(port)] },
];

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
let nextPort = 4400;
/** Longer than any server takes to load the largest document here (Prism: about 10 s for GitHub's). */
const startupLimitMs = 120_000;

/**
 * Spawns a server and resolves once `request` gets an answer that `ready` accepts (any answer by default), with the
 * time that took; an answer `ready` refuses is an error.
 */
export async function spawnUntilServing(candidate, spec, request, { watch = false, ready = () => true } = {}) {
  const port = ++nextPort;
  const started = performance.now();
  const child = spawn(process.execPath, candidate.args(spec, port, watch), { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const giveUp = started + startupLimitMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${candidate.name} exited with ${child.exitCode} on ${spec}`);
    const status = await fetch(`${url}${request.path}`, request).then(
      (response) => response.status,
      () => 0,
    );
    if (status !== 0 && ready(status)) return { child, url, startupMs: performance.now() - started };
    if (status !== 0 || performance.now() > giveUp) {
      await stop(child);
      throw new Error(
        `${candidate.name} ${status === 0 ? `did not answer within ${startupLimitMs} ms` : `answered ${status}`} on ${spec}`,
      );
    }
    await sleep(10);
  }
}

export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
