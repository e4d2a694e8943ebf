import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { freshCopy, pnpmIn, removeCopy } from '@vault/dev-tools/repo-copy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What the build writes: every package's dist/ and the client's generated types. */
const outputFolders = [
  'spec/dist',
  'packages/client/dist',
  'packages/client/src/generated',
  'apps/mock/dist',
  'apps/docs/dist',
  'tools/spec-gate/dist',
];

/** A digest of every file under the output folders of a copy, by path relative to the copy. */
async function outputDigests(copy: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const folder of outputFolders) {
    for (const entry of await readdir(join(copy, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = join(entry.parentPath, entry.name);
      digests[relative(copy, file)] = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
    }
  }
  return digests;
}

let first: string;
let second: string;
beforeAll(async () => {
  // Different parent folders, names and lengths: an absolute path in any output would differ between them.
  first = await freshCopy('vault-build-a');
  second = await freshCopy('vault-reproducible-build-bb');
  // And different time zones: a date written into an output would differ even in the same minute.
  await pnpmIn(first, ['build'], { TZ: 'Pacific/Kiritimati' });
  await pnpmIn(second, ['build'], { TZ: 'America/Adak' });
});
afterAll(async () => {
  await Promise.all([first, second].filter(Boolean).map(removeCopy));
});

describe('pnpm build', () => {
  it('writes byte-identical outputs in two clean copies in different folders, so a shared cache can serve a team', async () => {
    const [a, b] = await Promise.all([outputDigests(first), outputDigests(second)]);
    expect(Object.keys(a).length).toBeGreaterThan(10);
    expect(b).toEqual(a);
  });

  it('leaves no absolute path of the copy in any output', async () => {
    const leaks: string[] = [];
    for (const file of Object.keys(await outputDigests(first))) {
      if ((await readFile(join(first, file), 'utf8')).includes(first)) leaks.push(file);
    }
    expect(leaks).toEqual([]);
  });
});
