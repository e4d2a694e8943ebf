import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecChange } from './diff/change.js';
import { UnreadableSpecError } from './diff.js';
import { type GateResult, missingChangesetMessage, runGate } from './gate.js';
import { type Bump, judgeRelease, releasedPackageDirs } from './release.js';
import { fixture, type Spec, token } from './testing/documents.js';
import { versionPackages } from './version.js';

const run = promisify(execFile);
const changesetConfig = fileURLToPath(new URL('../../../.changeset/config.json', import.meta.url));
const breakingMessage = 'response field "token_type" removed';
const tokenField = 'POST /v2/mobile/phone/confirm 200 application/json';

// Inside the package (.work/ is ignored by git), so that `changeset version` finds the changelog module Changesets'
// config names, as it does in the repository.
const scratch = fileURLToPath(new URL('../.work/gate/', import.meta.url));
beforeAll(() => mkdir(scratch, { recursive: true }));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const version = String((fixture.info as { version: string }).version);
/** The fixture as spec/openapi.yaml: info a block (which withInfoVersion edits), the rest in YAML's JSON form. */
const specYaml = Object.entries(fixture)
  .map(([key, value]) =>
    key === 'info' ? `info:\n  title: Gate fixture\n  version: ${version}` : `${key}: ${JSON.stringify(value)}`,
  )
  .join('\n');

/**
 * A repository of its own, as the gate reads one: the fixture as spec/openapi.yaml, the released packages at its
 * version, and the repository's Changesets config; committed, and tagged with each of `tags`.
 */
async function repository(tags: string[] = []) {
  const repo = await mkdtemp(scratch);
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'root', private: true }),
    'pnpm-workspace.yaml': `packages:\n${Object.values(releasedPackageDirs)
      .map((dir) => `  - ${dir}\n`)
      .join('')}`,
    '.changeset/config.json': await readFile(changesetConfig, 'utf8'),
    'spec/openapi.yaml': `${specYaml}\n`,
    ...Object.fromEntries(
      Object.entries(releasedPackageDirs).map(([name, dir]) => [
        `${dir}/package.json`,
        JSON.stringify({ name, version }),
      ]),
    ),
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(repo, file)), { recursive: true });
    await writeFile(join(repo, file), text);
  }
  const git = (...args: string[]) =>
    run('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args]);
  await git('init', '-q');
  await git('add', '.');
  await git('commit', '-q', '-m', 'spec');
  for (const tag of tags) await git('tag', tag);
  return { repo, git };
}

/** The fixture changed by `edit`, written as a bundled head document. */
async function head(name: string, edit: (spec: Spec) => void): Promise<string> {
  const spec = structuredClone(fixture);
  edit(spec);
  const file = join(scratch, `${name}.json`);
  await writeFile(file, JSON.stringify(spec));
  return file;
}

/** The fixture without Token's token_type, a breaking change, at `version`. */
const withoutTokenType = (version: string) => (spec: Spec) => {
  delete token(spec).properties.token_type;
  spec.info.version = version;
};

describe('runGate', () => {
  it('judges nothing when no release of the spec is tagged', async () => {
    const { repo } = await repository();

    await expect(runGate({ repoDir: repo, headFile: await head('untagged', () => {}) })).resolves.toEqual({
      judged: false,
      reason:
        'no release of @vault/spec to compare with (no @vault/spec@* tag; `git fetch --tags` if one was published)',
    });
  });

  it('compares the head with the spec of the newest release tag, and refuses a break that nothing announces', async () => {
    const { repo } = await repository(['@vault/spec@2.3.0', '@vault/client@2.3.0']);
    const headFile = await head('break', withoutTokenType('2.3.0'));

    const result = await runGate({ repoDir: repo, headFile });

    expect(result).toMatchObject({
      judged: true,
      baseName: '@vault/spec@2.3.0',
      baseVersion: '2.3.0',
      headVersion: '2.3.0',
      changes: [expect.objectContaining({ breaking: true, message: breakingMessage })],
      verdict: { required: 'major', passes: false },
    });
  });

  it("leaves nothing behind in its scratch folder once it has read the release's spec", async () => {
    const { repo } = await repository(['@vault/spec@2.3.0']);
    const headFile = await head('tidy', () => {});
    // A folder of this test's own, which only the gate writes in: the system's temporary folder is shared with every
    // child process (Node 22 keeps its module compile cache there).
    const scratchRoot = await mkdtemp(join(scratch, 'tmp-'));

    await expect(runGate({ repoDir: repo, headFile, scratchRoot })).resolves.toMatchObject({
      judged: true,
      changes: [],
    });

    expect(await readdir(scratchRoot)).toEqual([]);
  });

  it('passes the same break once a pending changeset announces a major release', async () => {
    const { repo } = await repository(['@vault/spec@2.3.0']);
    await writeFile(join(repo, '.changeset/break.md'), '---\n"@vault/spec": major\n---\n\nA break.\n');

    const result = await runGate({ repoDir: repo, headFile: await head('announced', withoutTokenType('2.3.0')) });

    expect(result).toMatchObject({ judged: true, verdict: { required: 'major', passes: true } });
  });

  it('passes the same break once its major version is applied, and reads both versions', async () => {
    const { repo } = await repository(['@vault/spec@2.3.0']);

    const result = await runGate({ repoDir: repo, headFile: await head('applied', withoutTokenType('3.0.0')) });

    expect(result).toMatchObject({
      judged: true,
      baseVersion: '2.3.0',
      headVersion: '3.0.0',
      verdict: { required: 'major', passes: true },
    });
  });

  it('refuses a release tag whose commit has no spec/openapi.yaml, naming the tag', async () => {
    const { repo, git } = await repository(['@vault/spec@2.3.0']);
    await git('rm', '-q', '-r', 'spec');
    await git('commit', '-q', '-m', 'no spec');
    await git('tag', '@vault/spec@2.4.0');

    await expect(runGate({ repoDir: repo, headFile: await head('same', () => {}) })).rejects.toThrow(
      'the release tag @vault/spec@2.4.0 has no spec/openapi.yaml',
    );
  });

  it('compares with a base file instead, named by its path, with no release tagged', async () => {
    const { repo } = await repository();
    const baseFile = await head('base', () => {});

    const result = await runGate({
      repoDir: repo,
      baseFile,
      headFile: await head('file-break', withoutTokenType('2.3.0')),
    });

    expect(result).toMatchObject({ judged: true, baseName: baseFile, verdict: { passes: false } });
  });

  it('refuses a head it cannot compare with an UnreadableSpecError that names both files', async () => {
    const { repo } = await repository();
    const baseFile = await head('base', () => {});
    const headFile = await head('dangling', (spec) => {
      delete spec.components.schemas.Token;
    });

    const refusal = runGate({ repoDir: repo, baseFile, headFile });

    await expect(refusal).rejects.toBeInstanceOf(UnreadableSpecError);
    await expect(refusal).rejects.toThrow(
      `${baseFile} against ${headFile}: the head document cannot be compared: ` +
        '$ref #/components/schemas/Token points at nothing',
    );
  });
});

describe('missingChangesetMessage', () => {
  const change = (kind: SpecChange['kind'], breaking: boolean, message: string): SpecChange => ({
    kind,
    breaking,
    message,
    location: 'POST /v2/mobile/phone/confirm',
    pointer: '/paths/~1v2~1mobile~1phone~1confirm/post',
  });
  const versionChanged = change('version-changed', false, '"2.3.0" became "2.3.1"');
  const fieldAdded = change('response-field-added', false, 'response field "scope" added');
  const fieldRemoved = change('response-field-removed', true, breakingMessage);
  const result = (changes: SpecChange[], planned: Bump): Extract<GateResult, { judged: true }> => ({
    judged: true,
    baseName: '@vault/spec@2.3.0',
    baseVersion: '2.3.0',
    headVersion: '2.3.1',
    changes,
    verdict: judgeRelease(changes, 'none', new Map([['@vault/spec', planned]])),
  });

  it.each<[string, { given: Extract<GateResult, { judged: true }>; want: string }]>([
    [
      'a break, summed up by the breaking change, with the count of the others but info.version',
      {
        given: result([versionChanged, fieldAdded, fieldRemoved], 'none'),
        want: [
          'spec-gate: the API has a breaking change since @vault/spec@2.3.0, which needs a major release of ' +
            '@vault/spec, @vault/client, @vault/mock; the pending changesets plan none for @vault/spec, none for ' +
            '@vault/client, none for @vault/mock',
          'Add this changeset as .changeset/api-major-change.md (or run `pnpm changeset` and pick major):',
          '',
          '---\n"@vault/spec": major\n"@vault/client": major\n"@vault/mock": major\n---\n',
          `Breaking: ${breakingMessage} (and 1 more API change(s)).\n`,
        ].join('\n'),
      },
    ],
    [
      'an addition, with each package that plans too little',
      {
        given: result([versionChanged, fieldAdded], 'patch'),
        want: [
          'spec-gate: the API has changed since @vault/spec@2.3.0, which needs a minor release of @vault/spec, ' +
            '@vault/client, @vault/mock; the pending changesets plan patch for @vault/spec, none for ' +
            '@vault/client, none for @vault/mock',
          'Add this changeset as .changeset/api-minor-change.md (or run `pnpm changeset` and pick minor):',
          '',
          '---\n"@vault/spec": minor\n"@vault/client": minor\n"@vault/mock": minor\n---\n',
          'response field "scope" added.\n',
        ].join('\n'),
      },
    ],
  ])('tells %s', (_name, { given, want }) => {
    expect(missingChangesetMessage(given)).toBe(want);
  });
});

describe('versionPackages: the gate, then the API changelog as a changeset, then the versions', () => {
  const readIn = (repo: string, file: string) => readFile(join(repo, file), 'utf8');
  const majorChangeset = '---\n"@vault/spec": major\n---\n\nA break.\n';

  it("refuses with the gate's message when the changesets announce too little, and versions nothing", async () => {
    const { repo } = await repository([`@vault/spec@${version}`]);

    await expect(versionPackages(repo, await head('unannounced', withoutTokenType(version)))).rejects.toThrow(
      `spec-gate: the API has a breaking change since @vault/spec@${version}`,
    );
    expect(JSON.parse(await readIn(repo, 'spec/package.json'))).toMatchObject({ version });
    await expect(readIn(repo, '.changeset/vault-api-changes.md')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("versions every released package, writes the API's changes into their changelogs, and sets info.version", async () => {
    const { repo } = await repository([`@vault/spec@${version}`]);
    await writeFile(join(repo, '.changeset/break.md'), majorChangeset);

    await expect(versionPackages(repo, await head('to-version', withoutTokenType(version)))).resolves.toBe('3.0.0');

    for (const dir of Object.values(releasedPackageDirs)) {
      expect(JSON.parse(await readIn(repo, `${dir}/package.json`))).toMatchObject({ version: '3.0.0' });
    }
    const changelog = await readIn(repo, 'packages/client/CHANGELOG.md');
    expect(changelog).toContain(`API changes since @vault/spec ${version}:`);
    expect(changelog).toContain(`- **Breaking:** \`${tokenField}.token_type\`: ${breakingMessage}`);
    expect(await readIn(repo, 'spec/openapi.yaml')).toContain('\ninfo:\n  title: Gate fixture\n  version: 3.0.0\n');
  });

  it('writes no API changeset once the version is applied: its changelog was written then', async () => {
    const { repo } = await repository([`@vault/spec@${version}`]);

    await expect(versionPackages(repo, await head('applied', withoutTokenType('3.0.0')))).resolves.toBe(version);

    await expect(readIn(repo, 'packages/client/CHANGELOG.md')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
