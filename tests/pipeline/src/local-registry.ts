// A real npm registry for the release test: Verdaccio on a free loopback port, its storage in a temporary folder, and
// no uplinks, so that @vault/* can only come from what a release published there.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const verdaccioBin = join(dirname(require.resolve('verdaccio/package.json')), 'bin/verdaccio');

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface LocalRegistry {
  url: string;
  /** An npm user config that holds a token for the registry: anonymous publish still wants one. */
  userConfig: string;
  stop(): Promise<void>;
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const folder = await mkdtemp(join(tmpdir(), 'vault-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(folder, 'config.yaml');
  await writeFile(
    config,
    [
      `storage: ${join(folder, 'storage')}`,
      'uplinks: {}',
      'packages:',
      "  '@vault/*': { access: $all, publish: $anonymous }",
      "  '**': { access: $all }",
      'web: { enable: false }',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const userConfig = join(folder, 'npmrc');
  await writeFile(userConfig, `//127.0.0.1:${port}/:_authToken=release-test\n`);
  const server: ChildProcess = spawn(
    process.execPath,
    [verdaccioBin, '--config', config, '--listen', `127.0.0.1:${port}`],
    {
      stdio: 'ignore',
    },
  );
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await exited;
    }
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await waitForPing(url, server);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, userConfig, stop };
}

async function waitForPing(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Verdaccio exited with ${server.exitCode} before it answered`);
    const answered = await fetch(`${url}-/ping`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Verdaccio did not answer ${url}-/ping within 60 s`);
}
