// The release path end to end: the project's own `pnpm release` publishes to a real registry (Verdaccio on loopback),
// and a project outside the repository installs the packages with plain npm and uses them. Then a breaking spec change
// goes through the gate, its changeset and a second release, while consumers of the first major keep it.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyEnv, freshCopy, removeCopy } from '@vault/dev-tools/repo-copy';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { documentedRequest, postDocumentedRequest } from './documented-request.js';
import { freePort, type LocalRegistry, startLocalRegistry } from './local-registry.js';

const consumerFiles = fileURLToPath(new URL('../consumer/', import.meta.url));
const released = ['@vault/spec', '@vault/client', '@vault/mock'];

/** A partner's shell: none of the npm or pnpm settings this test runs under. */
const plainEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_/i.test(name)));

/**
 * A command's own limit, under the pipeline project's 300 s for a test or hook: a command that hangs is stopped and
 * named, with what it printed, instead of the whole hook timing out with no word of which step it was in.
 */
const commandTimeoutMs = 240_000;

/** Runs a command; resolves with its exit code and all its output, whatever the code. */
function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = plainEnv) {
  const started = performance.now();
  return new Promise<{ code: number; output: string }>((resolve) => {
    const options = {
      cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
      timeout: commandTimeoutMs,
      killSignal: 'SIGKILL' as const,
    };
    execFile(command, args, options, (error, stdout, stderr) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const stopped = error?.killed
        ? `\n[stopped after ${seconds} s: \`${[command, ...args].join(' ')}\` in ${cwd}]`
        : '';
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}${stopped}` });
    });
  });
}

/**
 * `npm install <args>` as a partner types it. npm logs each request it makes, with its status and time, so that an
 * install that hangs shows what it was waiting for.
 */
const npmInstall = (args: string[], cwd: string) =>
  sh('npm', ['install', ...args], cwd, { ...plainEnv, npm_config_loglevel: 'http' });

let registry: LocalRegistry;
let copy: string;
let consumer: string;
const scratch: string[] = [];

/** `pnpm <args>` in the copy, releasing to `registryUrl`. */
const pnpmInCopy = (args: string[], registryUrl = registry.url) =>
  sh('pnpm', args, copy, {
    ...copyEnv,
    npm_config_registry: registryUrl,
    NPM_CONFIG_USERCONFIG: registry.userConfig,
  });

async function newFolder(name: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), `${name}-`));
  scratch.push(folder);
  return folder;
}

/** A new project outside the repository whose npm takes @vault/* from the local registry and all else as usual. */
async function newConsumer(): Promise<string> {
  const folder = await newFolder('vault-consumer');
  expect((await sh('npm', ['init', '-y'], folder)).code).toBe(0);
  await writeFile(join(folder, '.npmrc'), `@vault:registry=${registry.url}\n`);
  return folder;
}

const versionsOf = async (name: string) =>
  JSON.parse((await sh('npm', ['view', name, 'versions', '--json', '--registry', registry.url], tmpdir())).output);

const tags = async () => (await sh('git', ['tag', '--list'], copy)).output.split('\n').filter(Boolean).sort();

beforeAll(async () => {
  registry = await startLocalRegistry();
  copy = await freshCopy('vault-release');
  // changeset publish tags each release with `git tag -m`, which wants an identity; a new machine may have none.
  await sh('sh', ['-c', 'git config user.name release-test && git config user.email release-test@localhost'], copy);
});
afterAll(async () => {
  await registry?.stop();
  if (copy) await removeCopy(copy);
  await Promise.all(scratch.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('pnpm release', () => {
  it('refuses a registry that does not answer, and publishes nothing', async () => {
    const { code, output } = await pnpmInCopy(['release'], `http://127.0.0.1:${await freePort()}/`);
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /the registry http:\/\/127\.0\.0\.1:(\d+)\/ does not answer \(connect ECONNREFUSED 127\.0\.0\.1:\1\); nothing was published/,
    );
    expect(await tags()).toEqual([]);
  });

  it('publishes the three packages at one version, and tags them', async () => {
    const { code, output } = await pnpmInCopy(['release']);
    expect(code, output).toBe(0);
    for (const name of released) expect(await versionsOf(name)).toEqual(['2.0.0']);
    expect(await tags()).toEqual(['@vault/client@2.0.0', '@vault/mock@2.0.0', '@vault/spec@2.0.0']);
  });

  it('says there is nothing to publish when the versions are in the registry already, and changes nothing', async () => {
    const { code, output } = await pnpmInCopy(['release']);
    expect(code, output).toBe(0);
    expect(output).toContain('nothing to publish: @vault/spec@2.0.0, @vault/client@2.0.0, @vault/mock@2.0.0');
    expect(await versionsOf('@vault/client')).toEqual(['2.0.0']);
  });
});

describe('the published packages', () => {
  const bin = (name: string) => join(copy, 'tests/pipeline/node_modules/.bin', name);
  const packages = [
    [
      '@vault/spec',
      {
        dir: 'spec',
        holds: ['dist/openapi.json', 'dist/openapi.yaml', 'dist/test-inputs.js', 'dist/test-inputs.d.ts'],
        // A YAML file is data for tools, not a module that TypeScript could resolve.
        attwArgs: ['--exclude-entrypoints', './openapi.yaml', './arazzo.yaml'],
      },
    ],
    ['@vault/client', { dir: 'packages/client', holds: ['dist/index.js', 'dist/index.d.ts'], attwArgs: [] }],
    ['@vault/mock', { dir: 'apps/mock', holds: ['dist/index.js', 'dist/cli.js'], attwArgs: [] }],
  ] as const;

  it.each(packages)(
    '%s, packed as the release packs it, passes publint --strict and attw',
    async (_name, { dir, attwArgs }) => {
      // pnpm's pack, as `changeset publish` runs it: it applies publishConfig (the client's leaves out a workspace-only
      // export), which the npm pack of `attw --pack` would not.
      const destination = await mkdtemp(join(tmpdir(), 'vault-packed-'));
      const packed = await sh('pnpm', ['pack', '--pack-destination', destination], join(copy, dir), copyEnv);
      expect(packed.code, packed.output).toBe(0);
      const tarball = join(destination, (await readdir(destination)).find((name) => name.endsWith('.tgz')) ?? '');
      const publint = await sh(bin('publint'), ['--strict', tarball], join(copy, dir), copyEnv);
      expect(publint.code, publint.output).toBe(0);
      const attw = await sh(
        bin('attw'),
        [tarball, '--profile', 'esm-only', '--format', 'ascii', ...attwArgs],
        join(copy, dir),
        copyEnv,
      );
      expect(attw.code, attw.output).toBe(0);
      await rm(destination, { recursive: true, force: true });
    },
  );

  it.each(packages)(
    '%s, as the registry serves it, holds its files and no test or dev-only file',
    async (name, { holds }) => {
      const folder = await newFolder('vault-tarball');
      const { code, output } = await sh('npm', ['pack', `${name}@2.0.0`, '--json', '--registry', registry.url], folder);
      expect(code, output).toBe(0);
      const [tarball] = JSON.parse(output) as { files: { path: string }[] }[];
      const files = (tarball?.files ?? []).map(({ path }) => path);
      expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', ...holds]));
      const devOnly = files.filter((path) =>
        /\.test\.|\.test-d\.|(^|\/)(test|tests|testing|fixtures|test-results|coverage)\/|\.tsbuildinfo$/.test(path),
      );
      expect(devOnly).toEqual([]);
    },
  );
});

describe('a project outside the repository, with plain npm', () => {
  let mockUrl: string;
  let vaultMock: ReturnType<typeof spawn>;

  beforeAll(async () => {
    consumer = await newConsumer();
    const install = await npmInstall(['@vault/client', '@vault/mock'], consumer);
    expect(install.code, install.output).toBe(0);
  });
  afterAll(() => {
    // npx runs the mock as its child: stop the whole process group, or the mock outlives the test.
    if (vaultMock?.pid === undefined) return;
    try {
      process.kill(-vaultMock.pid, 'SIGTERM');
    } catch {
      // the group is gone already
    }
  });

  it('installs both packages, and the mock with the Prism parts it pins', async () => {
    const manifest = JSON.parse(await readFile(join(consumer, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({ '@vault/client': '^2.0.0', '@vault/mock': '^2.0.0' });
    const version = async (name: string) =>
      JSON.parse(await readFile(join(consumer, 'node_modules', name, 'package.json'), 'utf8')).version;
    expect(await version('@stoplight/prism-core')).toBe('5.8.0');
    expect(await version('@stoplight/prism-http-server')).toBe('5.12.2');
  });

  it('runs `npx vault-mock`: the example gets a 200, the source document cURL a 400 naming the field', async () => {
    const port = await freePort();
    vaultMock = spawn('npx', ['vault-mock', '--port', String(port)], { cwd: consumer, env: plainEnv, detached: true });
    let output = '';
    vaultMock.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    await vi.waitFor(() => expect(output).toContain('Vault mock listening on'), { timeout: 30_000, interval: 200 });
    mockUrl = `http://127.0.0.1:${port}`;

    // The installed @vault/spec documents the request: a partner's copy of the spec, not this repository's.
    const installedSpec = join(consumer, 'node_modules', '@vault', 'spec');
    const ok = await postDocumentedRequest(mockUrl, installedSpec);
    expect(ok.status).toBe(200);

    const { path, headers } = await documentedRequest(installedSpec);
    const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['--header', `${name}: ${value}`]);

    // The source document's own sample, with its path fixed: the values swapped and the + unencoded.
    const seed = await sh(
      'curl',
      [
        '--silent',
        '--request',
        'POST',
        '--url',
        `${mockUrl}${path}`,
        '--header',
        'Accept: application/json',
        '--header',
        'Content-Type: application/x-www-form-urlencoded',
        ...headerArgs,
        '--data',
        'password=+447871239999',
        '--data',
        'number=1234Qwerty',
        '--data',
        'grant_type=mobile_phone',
        '--write-out',
        '\n%{http_code}',
      ],
      consumer,
    );
    const [answer, status] = seed.output.split('\n');
    expect(status).toBe('400');
    expect(JSON.parse(answer as string)).toMatchObject({ error: 'VALIDATION', field: 'number' });
  });

  it('gets a token with createVaultClient({ baseUrl }) from a plain ESM script', async () => {
    await cp(join(consumerFiles, 'token.mjs'), join(consumer, 'token.mjs'));
    const { code, output } = await sh('node', ['token.mjs', mockUrl], consumer);
    expect(code, output).toBe(0);
    expect(JSON.parse(output)).toEqual({ token_type: 'bearer', expires_in: 86399 });
  });

  it('compiles against the published types under moduleResolution node16 and bundler', async () => {
    await cp(consumerFiles, consumer, { recursive: true });
    const tools = await npmInstall(
      ['--save-dev', 'typescript@5.9.3', '@types/node@20.19.43', 'vitest@4.1.12'],
      consumer,
    );
    expect(tools.code, tools.output).toBe(0);
    expect((await sh('npm', ['pkg', 'set', 'type=module'], consumer)).code).toBe(0);
    for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
      const { code, output } = await sh('npx', ['tsc', '-p', config], consumer);
      expect(code, `${config}: ${output}`).toBe(0);
    }
  });

  it("runs startMock() on port 0 in the consumer's own vitest", async () => {
    const { code, output } = await sh('npx', ['vitest', 'run', 'mock.test.ts'], consumer);
    expect(code, output).toBe(0);
    expect(output).toMatch(/1 passed/);
  });

  it.each([['README.md'], ['apps/mock/README.md']])('is the test that %s shows consumers', async (file) => {
    const readme = await readFile(new URL(`../../../${file}`, import.meta.url), 'utf8');
    const shown = /```ts\n(import { createVaultClient } [\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBe(await readFile(join(consumerFiles, 'mock.test.ts'), 'utf8'));
  });

  it("finds the spec's JSON as the README says, byte for byte the release's bundle", async () => {
    expect((await npmInstall(['@vault/spec'], consumer)).code).toBe(0);
    const command = "console.log(import.meta.resolve('@vault/spec/openapi.json'))";
    const { code, output } = await sh('node', ['--input-type=module', '-e', command], consumer);
    expect(code, output).toBe(0);
    const file = fileURLToPath(output.trim());
    expect(file).toBe(join(consumer, 'node_modules/@vault/spec/dist/openapi.json'));
    expect(await readFile(file, 'utf8')).toBe(await readFile(join(copy, 'spec/dist/openapi.json'), 'utf8'));
  });

  it('fails clearly to install a version that does not exist, and leaves the project as it was', async () => {
    const before = await readFile(join(consumer, 'package.json'), 'utf8');
    const { code, output } = await npmInstall(['@vault/client@9.9.9'], consumer);
    expect(code).not.toBe(0);
    expect(output).toContain('No matching version found for @vault/client@9.9.9');
    expect(await readFile(join(consumer, 'package.json'), 'utf8')).toBe(before);
  });
});

describe('a breaking spec change', () => {
  const numberSchema = () => join(copy, 'spec/components/schemas/PhoneConfirmationRequest.yaml');

  it('fails the gate without a major changeset, naming the change and the changeset to add', async () => {
    const schema = await readFile(numberSchema(), 'utf8');
    await writeFile(numberSchema(), schema.replace('[0-9]{1,14}$', '[0-9]{6,14}$'));
    const { code, output } = await pnpmInCopy(['exec', 'turbo', 'run', 'gate']);
    expect(code, output).not.toBe(0);
    expect(output).toMatch(/BREAKING {2}POST \/v2\/mobile\/phone\/confirm .*number.*pattern/);
    expect(output).toContain('needs a major release of @vault/spec, @vault/client, @vault/mock');

    // The changeset the message names, as the message gives it (turbo prefixes each line with the task).
    const message = output.replaceAll(/^@vault\/spec-gate:gate: ?/gm, '');
    const suggested = /Add this changeset as (\S+) .*:\n\n(---[\s\S]*?---\n\n.*\n)/.exec(message);
    expect(suggested).not.toBeNull();
    const [, file, text] = suggested as RegExpExecArray;
    await writeFile(join(copy, file as string), text as string);
    const again = await pnpmInCopy(['exec', 'turbo', 'run', 'gate']);
    expect(again.code, again.output).toBe(0);
  });

  it('versions all three to 3.0.0, with the API change in each CHANGELOG and in info.version', async () => {
    const { code, output } = await pnpmInCopy(['version-packages']);
    expect(code, output).toBe(0);
    for (const dir of ['spec', 'packages/client', 'apps/mock']) {
      expect(JSON.parse(await readFile(join(copy, dir, 'package.json'), 'utf8')).version).toBe('3.0.0');
      const changelog = await readFile(join(copy, dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain('## 3.0.0');
      expect(changelog).toMatch(/\*\*Breaking:\*\* `POST \/v2\/mobile\/phone\/confirm .*number`: .*pattern/);
    }
    expect(await readFile(join(copy, 'spec/openapi.yaml'), 'utf8')).toContain('\n  version: 3.0.0\n');
  });

  it('releases 3.0.0 beside 2.0.0, and a consumer of ^2.0.0 keeps getting 2.0.0', async () => {
    const commit = await sh('sh', ['-c', 'git add -A && git commit -qm "Version packages"'], copy);
    expect(commit.code, commit.output).toBe(0);
    const { code, output } = await pnpmInCopy(['release']);
    expect(code, output).toBe(0);
    expect(await versionsOf('@vault/client')).toEqual(['2.0.0', '3.0.0']);

    const pinned = await newConsumer();
    expect((await npmInstall(['@vault/client@^2.0.0'], pinned)).code).toBe(0);
    const installed = JSON.parse(await readFile(join(pinned, 'node_modules/@vault/client/package.json'), 'utf8'));
    expect(installed.version).toBe('2.0.0');
  });
});
