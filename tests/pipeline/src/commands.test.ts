// Every command in the README's "Everyday commands" table, run as written in a fresh copy of the repository, does what
// its row says. A row without a check here fails the first test, so the table and this file cannot drift apart.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { copyEnv, freshCopy, pnpmIn, removeCopy, repoRoot, startIn } from '@vault/dev-tools/repo-copy';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postDocumentedRequest } from './documented-request.js';
import { freePort } from './local-registry.js';

let copy: string;
beforeAll(async () => {
  copy = await freshCopy('vault-commands');
});
afterAll(async () => {
  if (copy) await removeCopy(copy);
});

const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
const table = readme.slice(readme.indexOf('## Everyday commands'), readme.indexOf('## Contract checks'));
const commands = [...table.matchAll(/^\| `(pnpm [^`]+)`/gm)].map(([, command]) => command as string);

const slow = { timeout: 120_000, interval: 500 };

/** Runs a long-running command until it prints the URLs `patterns` find, checks them with `use`, then stops it. */
async function whileServing(
  env: Record<string, string>,
  args: string[],
  patterns: RegExp[],
  use: (...urls: string[]) => Promise<void>,
) {
  const running = startIn(copy, env, ...args);
  try {
    const urls = await vi.waitFor(() => {
      const found = patterns.map((pattern) => pattern.exec(running.output())?.[1]);
      expect(found.every(Boolean), running.output()).toBe(true);
      return found as string[];
    }, slow);
    await use(...urls);
  } finally {
    await running.stop();
  }
}

const mockListening = /Vault mock listening on (\S+)/;
const docsServed = /Vault docs at (http:\/\/[^/\s]+)/;

async function expectToken(mockUrl: string) {
  const response = await postDocumentedRequest(mockUrl, join(copy, 'spec'));
  expect(response.status).toBe(200);
}

async function expectDocsPage(docsUrl: string) {
  const response = await fetch(`${docsUrl}/`);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('Vault API');
}

const run = (command: string) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    execFile('sh', ['-c', command], { cwd: copy, env: copyEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });

const checks: Record<string, () => Promise<void>> = {
  'pnpm build': async () => {
    const { code, output } = await run('pnpm build');
    expect(code, output).toBe(0);
    for (const built of [
      'spec/dist/openapi.json',
      'packages/client/src/generated/schema.ts',
      'packages/client/dist/index.js',
      'apps/mock/dist/cli.js',
      'apps/docs/dist/index.html',
    ]) {
      expect(existsSync(join(copy, built)), built).toBe(true);
    }
  },
  'pnpm dev': () =>
    // What a change does under dev is dev-loop.test.ts's subject; here, that it builds and serves both.
    whileServing({ PORT: '0', DOCS_PORT: '0' }, ['dev'], [mockListening, docsServed], async (mock, docs) => {
      await expectToken(mock as string);
      await expectDocsPage(docs as string);
    }),
  'pnpm start': () =>
    whileServing({ PORT: '0', DOCS_PORT: '0' }, ['start'], [mockListening, docsServed], async (mock, docs) => {
      await expectToken(mock as string);
      await expectDocsPage(docs as string);
    }),
  'pnpm mock': async () => {
    const port = await freePort();
    await whileServing({}, ['mock', '--port', String(port)], [mockListening], async (mock) => {
      expect(mock).toBe(`http://127.0.0.1:${port}`);
      await expectToken(mock as string);
    });
  },
  'pnpm docs:serve': async () => {
    const port = await freePort();
    await whileServing({}, ['docs:serve', '--port', String(port)], [docsServed], async (docs) => {
      expect(docs).toBe(`http://127.0.0.1:${port}`);
      await expectDocsPage(docs as string);
    });
  },
  'pnpm lint': async () => {
    const { code, output } = await run('pnpm lint');
    expect(code, output).toBe(0);
    expect(output).toMatch(/Your API descriptions are valid/);
  },
  'pnpm typecheck': async () => {
    const { code, output } = await run('pnpm typecheck');
    expect(code, output).toBe(0);
  },
  'pnpm test': async () => {
    // The suite cannot run itself from inside; CI runs this very command (.ci/run), and every package's tests are in
    // the task graph it starts.
    const ci = await readFile(join(copy, '.ci/run'), 'utf8');
    expect(ci).toContain('pnpm install --frozen-lockfile && pnpm test');
    const planned = JSON.parse(await pnpmIn(copy, ['exec', 'turbo', 'run', 'lint', 'typecheck', 'test', '--dry=json']));
    const withTests = await packagesWithScript('test');
    expect(scheduled(planned, 'test')).toEqual(withTests);
  },
  'pnpm test:mutation': async () => {
    // Minutes to half an hour of Stryker: CI runs this very command after the tests (.ci/run); here, its graph is
    // checked: the three packages the README names, each with its own Stryker run.
    const ci = await readFile(join(copy, '.ci/run'), 'utf8');
    expect(ci).toMatch(/\) pnpm test:mutation ;;$/m);
    const planned = JSON.parse(await pnpmIn(copy, ['exec', 'turbo', 'run', 'test:mutation', '--dry=json']));
    expect(scheduled(planned, 'test:mutation')).toEqual(['@vault/client', '@vault/mock', '@vault/spec-gate']);
    expect(await packagesWithScript('test:mutation')).toEqual(['@vault/client', '@vault/mock', '@vault/spec-gate']);
  },
  'pnpm test:mutation:full': async () => {
    // The same run with every mutant tested again: CI's scheduled and pre-release command (.ci/run mutation:full).
    const ci = await readFile(join(copy, '.ci/run'), 'utf8');
    expect(ci).toMatch(/\) pnpm test:mutation:full ;;$/m);
    const manifest = JSON.parse(await readFile(join(copy, 'package.json'), 'utf8'));
    expect(manifest.scripts['test:mutation:full']).toBe('VAULT_MUTATION_FULL=1 pnpm test:mutation');
  },
  'pnpm bench': async () => {
    // Minutes of load: the benchmarks are not run here, but every one of them is in the graph `pnpm bench` runs.
    const planned = JSON.parse(await pnpmIn(copy, ['exec', 'turbo', 'run', 'bench', '--dry=json']));
    expect(scheduled(planned, 'bench')).toEqual(await packagesWithScript('bench'));
  },
};

/** The packages whose `task` a turbo dry run would run (turbo lists the others with no command). */
function scheduled(planned: { tasks: { task: string; package: string; command: string }[] }, task: string): string[] {
  return planned.tasks
    .filter((entry) => entry.task === task && entry.command !== '<NONEXISTENT>')
    .map((entry) => entry.package)
    .sort();
}

/** The workspace packages (not the root, whose scripts start turbo) that define `script`, by name. */
async function packagesWithScript(script: string): Promise<string[]> {
  const listed = JSON.parse(await pnpmIn(copy, ['ls', '-r', '--depth', '-1', '--json'])) as {
    name: string;
    path: string;
  }[];
  const names: string[] = [];
  for (const { name, path } of listed.filter((entry) => entry.path !== copy)) {
    const manifest = JSON.parse(await readFile(join(path, 'package.json'), 'utf8'));
    if (manifest.scripts?.[script]) names.push(name);
  }
  return names.sort();
}

describe('one package, built alone from a fresh clone', () => {
  it.each([
    ['pnpm run build', 'src/generated/ is missing'],
    ['pnpm run generate', 'spec/dist/openapi.json is missing (@vault/spec is not built)'],
  ])('`cd packages/client && %s` names, in one line, the command that works', async (command, reason) => {
    const { code, output } = await run(`cd packages/client && ${command}`);
    expect(code).not.toBe(0);
    expect(output).toContain(reason);
    expect(output).toContain("run `pnpm build --filter @vault/client...` from the repository's root");
    expect(output).not.toMatch(/\n\s+at |TS2307/);
  });

  it('`pnpm build --filter @vault/client...` at the root, the command named, builds it', async () => {
    const { code, output } = await run('pnpm build --filter @vault/client...');
    expect(code, output).toBe(0);
    expect(existsSync(join(copy, 'packages/client/dist/index.js'))).toBe(true);
  });
});

describe("the README's everyday commands", () => {
  it('each have a check here', () => {
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.sort()).toEqual(Object.keys(checks).sort());
  });

  // Build first: the others start from a built copy, as they would after the README's first command.
  it.each(commands.sort((a, b) => Number(b === 'pnpm build') - Number(a === 'pnpm build')))(
    '`%s` does what its row says',
    async (command) => {
      await (checks[command] as () => Promise<void>)();
    },
  );
});

describe('a spec that fails lint', () => {
  const operationFile = () => join(copy, 'spec/paths/v2_mobile_phone_confirm.yaml');
  let good: string;
  beforeAll(async () => {
    good = await readFile(operationFile(), 'utf8');
    await writeFile(operationFile(), good.replace(/^ {2}description: \|\n(?: {4}.*\n|\n)*/m, ''));
  });
  afterAll(() => writeFile(operationFile(), good));

  it.each(['start', 'dev'])(
    'is refused by `pnpm %s`, with the rule and the file:line, and nothing served',
    async (command) => {
      const { code, output: coloured } = await run(`PORT=0 DOCS_PORT=0 timeout 120 pnpm ${command}`);
      const output = stripVTControlCharacters(coloured); // Redocly colours its report even without a terminal
      expect(code, output).not.toBe(0);
      expect(code, 'it stopped by itself, not at the timeout').not.toBe(124);
      expect(output).toContain('paths/v2_mobile_phone_confirm.yaml:2:3 at #/post/description');
      expect(output).toContain('rule/operation-documented');
      expect(output).not.toMatch(/Vault mock listening|Vault docs at/);
    },
  );
});
