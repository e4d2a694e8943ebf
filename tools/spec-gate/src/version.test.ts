import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syncInfoVersion, withInfoVersion } from './version.js';

describe('withInfoVersion', () => {
  it.each<[string, { given: string; want: string }]>([
    [
      'in a block between others',
      {
        given: 'openapi: 3.1.0\ninfo:\n  title: Vault API\n  version: 2.0.0\n  summary: x\nservers:\n  - url: y\n',
        want: 'openapi: 3.1.0\ninfo:\n  title: Vault API\n  version: 3.0.0\n  summary: x\nservers:\n  - url: y\n',
      },
    ],
    [
      'in the last block',
      { given: 'openapi: 3.1.0\ninfo:\n  version: 2.0.0\n', want: 'openapi: 3.1.0\ninfo:\n  version: 3.0.0\n' },
    ],
    [
      'and not the version of a block before it',
      {
        given: 'x-meta:\n  version: 9\ninfo:\n  version: 2.0.0\n',
        want: 'x-meta:\n  version: 9\ninfo:\n  version: 3.0.0\n',
      },
    ],
    [
      'and not a version nested deeper in it',
      {
        given: 'info:\n  x-api:\n    version: 9\n  version: 2.0.0\n',
        want: 'info:\n  x-api:\n    version: 9\n  version: 3.0.0\n',
      },
    ],
  ])('sets info.version %s, and nothing else', (_name, { given, want }) => {
    expect(withInfoVersion(given, '3.0.0')).toBe(want);
  });

  it.each<[string, string]>([
    ['no version in its info block', 'openapi: 3.1.0\ninfo:\n  title: Vault API\nservers:\n  - version: 1\n'],
    ['no version in its info block, but one in the next block', 'info:\n  title: Vault API\nx-other:\n  version: 1\n'],
    ['no info block', 'openapi: 3.1.0\nservers:\n  - url: y\n'],
    ['no info block, but a version line under none', '  version: 1\nopenapi: 3.1.0\n'],
  ])('refuses a document with %s', (_name, given) => {
    expect(() => withInfoVersion(given, '3.0.0')).toThrow(
      'spec/openapi.yaml has no `info:` block with a `version:` line',
    );
  });
});

describe('syncInfoVersion', () => {
  let repo: string;
  afterAll(() => rm(repo, { recursive: true, force: true }));

  it("sets spec/openapi.yaml's info.version to the version of @vault/spec, and returns it", async () => {
    repo = await mkdtemp(join(tmpdir(), 'spec-gate-version-'));
    await mkdir(join(repo, 'spec'));
    await writeFile(join(repo, 'spec/package.json'), JSON.stringify({ name: '@vault/spec', version: '3.1.0' }));
    await writeFile(join(repo, 'spec/openapi.yaml'), 'openapi: 3.1.0\ninfo:\n  title: Vault API\n  version: 2.0.0\n');

    await expect(syncInfoVersion(repo)).resolves.toBe('3.1.0');
    await expect(readFile(join(repo, 'spec/openapi.yaml'), 'utf8')).resolves.toBe(
      'openapi: 3.1.0\ninfo:\n  title: Vault API\n  version: 3.1.0\n',
    );
  });
});
