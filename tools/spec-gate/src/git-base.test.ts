import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSpecAt, lastReleaseTag } from './git-base.js';

const run = promisify(execFile);
const repoDir = fileURLToPath(new URL('../../../', import.meta.url));

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'spec-gate-git-base-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A repository of its own with one empty commit, and git to run in it. */
async function emptyRepository() {
  const repo = await mkdtemp(join(scratch, 'repo-'));
  const git = (...args: string[]) =>
    run('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args]);
  await git('init', '-q');
  await git('commit', '-q', '--allow-empty', '-m', 'first');
  return { repo, git };
}

describe('bundleSpecAt', () => {
  it('bundles spec/ as it is at a commit', async () => {
    const output = join(scratch, 'at-head.json');
    await expect(bundleSpecAt(repoDir, 'HEAD', output)).resolves.toBe(true);
    const bundle = JSON.parse(await readFile(output, 'utf8'));
    expect(Object.keys(bundle.paths)).toContain('/v2/mobile/phone/confirm');
  });

  it('leaves no checkout behind in its scratch folder, whether spec/ was there or not', async () => {
    const { repo } = await emptyRepository();
    // The test's own folder, which no other process writes in (see gate.test.ts).
    const scratchRoot = await mkdtemp(join(scratch, 'tmp-'));

    await expect(bundleSpecAt(repoDir, 'HEAD', join(scratch, 'kept.json'), scratchRoot)).resolves.toBe(true);
    await expect(bundleSpecAt(repo, 'HEAD', join(scratch, 'skipped.json'), scratchRoot)).resolves.toBe(false);

    expect(await readdir(scratchRoot)).toEqual([]);
  });

  it('is false at a commit without spec/, and writes nothing', async () => {
    const { repo } = await emptyRepository();
    const output = join(scratch, 'none.json');

    await expect(bundleSpecAt(repo, 'HEAD', output)).resolves.toBe(false);
    await expect(readFile(output)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('lastReleaseTag', () => {
  it('is none without tags', async () => {
    const { repo } = await emptyRepository();

    await expect(lastReleaseTag(repo)).resolves.toBeUndefined();
  });

  it("is the newest @vault/spec tag by version, not by name, of those that are a release's", async () => {
    const { repo, git } = await emptyRepository();
    const tags = [
      '@vault/spec@2.0.0',
      '@vault/spec@10.0.0',
      '@vault/spec@9.1.0',
      '@vault/client@11.0.0',
      '@vault/spec@12.0.0-rc.1',
      '@vault/spec@v13.0.0',
    ];
    for (const tag of tags) await git('tag', tag);

    await expect(lastReleaseTag(repo)).resolves.toBe('@vault/spec@10.0.0');
  });
});
