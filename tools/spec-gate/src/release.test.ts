import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecChange } from './diff/change.js';
import {
  apiChangesSummary,
  type Bump,
  bumpBetween,
  changesetText,
  judgeRelease,
  pendingBumps,
  releasedPackageDirs,
  requiredBump,
} from './release.js';

const change = (kind: SpecChange['kind'], breaking: boolean): SpecChange => ({
  kind,
  breaking,
  location: 'POST /v2/mobile/phone/confirm',
  message: `${kind} here`,
  pointer: '/paths/~1v2~1mobile~1phone~1confirm/post',
});

describe('requiredBump', () => {
  it.each<[string, { given: SpecChange[]; want: Bump }]>([
    ['nothing for no change', { given: [], want: 'none' }],
    ['a patch for prose alone', { given: [change('description-changed', false)], want: 'patch' }],
    ['a minor for an addition', { given: [change('response-field-added', false)], want: 'minor' }],
    ['a minor for a change it does not classify', { given: [change('other-change', false)], want: 'minor' }],
    ['nothing for a new info.version alone', { given: [change('version-changed', false)], want: 'none' }],
    [
      'a patch for prose with a new info.version',
      { given: [change('version-changed', false), change('description-changed', false)], want: 'patch' },
    ],
    [
      'a major for any break among safe changes',
      { given: [change('description-changed', false), change('response-field-removed', true)], want: 'major' },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(requiredBump(given)).toBe(want);
  });
});

describe('bumpBetween', () => {
  it.each<[string, { given: [string, string]; want: Bump }]>([
    ['same version', { given: ['2.0.0', '2.0.0'], want: 'none' }],
    ['patch', { given: ['2.0.0', '2.0.1'], want: 'patch' }],
    ['minor, whatever the patch', { given: ['2.0.3', '2.1.0'], want: 'minor' }],
    ['major', { given: ['2.4.1', '3.0.0'], want: 'major' }],
    ['an older version is no bump', { given: ['3.0.0', '2.9.9'], want: 'none' }],
    ['an older minor is no bump', { given: ['2.5.0', '2.4.9'], want: 'none' }],
    ['major, in two digits', { given: ['9.0.0', '10.0.0'], want: 'major' }],
    ['minor, in two digits', { given: ['2.9.0', '2.10.0'], want: 'minor' }],
    ['patch, in two digits', { given: ['2.0.9', '2.0.10'], want: 'patch' }],
  ])('%s', (_name, { given, want }) => {
    expect(bumpBetween(...given)).toBe(want);
  });

  it.each(['2.0', 'v2.0.0'])('refuses %s, which is not semver, naming it', (version) => {
    expect(() => bumpBetween(version, '3.0.0')).toThrow(`"${version}" is not a semver version`);
  });
});

describe('judgeRelease', () => {
  const breaking = [change('response-field-removed', true)];
  const prose = change('description-changed', false);
  const addition = change('response-field-added', false);
  const bumps = (bump: Bump, names = Object.keys(releasedPackageDirs)) => new Map(names.map((name) => [name, bump]));

  it.each<[string, { given: { versionBump: Bump; changesets: Map<string, Bump> }; want: boolean }]>([
    ['refuses a break with no changeset', { given: { versionBump: 'none', changesets: new Map() }, want: false }],
    [
      'refuses a break with a minor changeset',
      { given: { versionBump: 'none', changesets: bumps('minor') }, want: false },
    ],
    [
      'passes a break with a major changeset',
      { given: { versionBump: 'none', changesets: bumps('major') }, want: true },
    ],
    [
      'refuses a break when one package lacks the major',
      { given: { versionBump: 'none', changesets: bumps('major', ['@vault/spec', '@vault/client']) }, want: false },
    ],
    [
      'passes a break whose major version is applied',
      { given: { versionBump: 'major', changesets: new Map() }, want: true },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(judgeRelease(breaking, given.versionBump, given.changesets).passes).toBe(want);
  });

  it.each<[string, { given: { changes: SpecChange[]; changesets: Map<string, Bump> }; want: boolean }]>([
    ['refuses prose with no changeset', { given: { changes: [prose], changesets: new Map() }, want: false }],
    ['passes prose with a patch changeset', { given: { changes: [prose], changesets: bumps('patch') }, want: true }],
    [
      'refuses an addition with a patch changeset',
      { given: { changes: [addition], changesets: bumps('patch') }, want: false },
    ],
    [
      'passes an addition with a minor changeset',
      { given: { changes: [addition], changesets: bumps('minor') }, want: true },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(judgeRelease(given.changes, 'none', given.changesets).passes).toBe(want);
  });

  it('names each package that plans too little, with its bump', () => {
    const verdict = judgeRelease(breaking, 'none', bumps('major', ['@vault/spec']));
    expect(verdict.short).toEqual([
      { name: '@vault/client', bump: 'none' },
      { name: '@vault/mock', bump: 'none' },
    ]);
  });
});

describe('changeset text', () => {
  it('bumps every released package and carries the summary', () => {
    expect(changesetText('major', 'Breaking: a field removed.')).toBe(
      '---\n"@vault/spec": major\n"@vault/client": major\n"@vault/mock": major\n---\n\nBreaking: a field removed.\n',
    );
  });

  it('lists the API changes for the CHANGELOG, breaking first', () => {
    const summary = apiChangesSummary(
      [change('response-field-added', false), change('response-field-removed', true)],
      '@vault/spec 2.0.0',
    );
    expect(summary.split('\n')).toEqual([
      'API changes since @vault/spec 2.0.0:',
      '',
      '- **Breaking:** `POST /v2/mobile/phone/confirm`: response-field-removed here',
      '- `POST /v2/mobile/phone/confirm`: response-field-added here',
    ]);
  });
});

describe('pendingBumps reads the changesets with the project config', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'spec-gate-changesets-'));
    const write = async (file: string, text: string) => {
      await mkdir(dirname(join(repo, file)), { recursive: true });
      await writeFile(join(repo, file), text);
    };
    await write('package.json', JSON.stringify({ name: 'root', private: true }));
    await write('pnpm-workspace.yaml', 'packages:\n  - spec\n  - packages/*\n  - apps/*\n');
    for (const [name, dir] of Object.entries(releasedPackageDirs)) {
      await write(`${dir}/package.json`, JSON.stringify({ name, version: '2.0.0' }));
    }
    const config = fileURLToPath(new URL('../../../.changeset/config.json', import.meta.url));
    await mkdir(join(repo, '.changeset'));
    await copyFile(config, join(repo, '.changeset/config.json'));
    await write('.changeset/break.md', '---\n"@vault/spec": major\n---\n\nA break.\n');
  });
  afterAll(() => rm(repo, { recursive: true, force: true }));

  it('gives a major bump to all three when one is bumped, since they are one fixed group', async () => {
    const bumps = await pendingBumps(repo);
    expect(Object.keys(releasedPackageDirs).map((name) => bumps.get(name))).toEqual(['major', 'major', 'major']);
  });
});
