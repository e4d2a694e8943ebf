// The dev loop's watcher sees every save, however the editor writes the file, one after the other on the same file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { watchPaths } from '@vault/dev-tools/watch';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'vault-watch-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Saves by shell, as editors and people do; `$f` is the file. */
const saves: [string, string][] = [
  ['truncate and write (echo >f)', 'echo one >"$f"'],
  ['write a new file and rename it over (sed -i)', 'sed -i s/one/two/ "$f"'],
  ['truncate and write again after a rename', 'echo three >"$f"'],
  ['copy over (cp)', 'echo four >"$f.src" && cp "$f.src" "$f" && rm "$f.src"'],
  ['delete and create', 'rm "$f" && echo five >"$f"'],
  [
    "JetBrains' safe write",
    'echo six >"$f.___jb_tmp___" && mv "$f" "$f.___jb_old___" && mv "$f.___jb_tmp___" "$f" && rm "$f.___jb_old___"',
  ],
  ['truncate and write once more', 'echo seven >"$f"'],
];

let stop: (() => Promise<void>) | undefined;
afterEach(() => stop?.());

/** Watches `paths`, then makes each save to `file` in turn and expects each one to be reported. */
async function expectEverySaveSeen(paths: string[], file: string) {
  const seen: string[][] = [];
  stop = await watchPaths(paths, async (changed: string[]) => {
    seen.push(changed.map((path) => resolve(path)));
  });
  for (const [name, command] of saves) {
    const before = seen.length;
    execFileSync('sh', ['-c', command], { env: { ...process.env, f: file } });
    await vi.waitFor(() => expect(seen.slice(before).flat(), name).toContain(file), { timeout: 3000, interval: 50 });
  }
}

describe('watchPaths', () => {
  it('sees every kind of save of a file it watches by name', async () => {
    const file = join(scratch, 'openapi.yaml');
    writeFileSync(file, 'zero\n');
    await expectEverySaveSeen([file], file);
  });

  it('sees every kind of save of a file in a subfolder of a folder it watches', async () => {
    const folder = join(scratch, 'components');
    mkdirSync(join(folder, 'schemas'), { recursive: true });
    const file = join(folder, 'schemas', 'TokenResponse.yaml');
    writeFileSync(file, 'zero\n');
    await expectEverySaveSeen([folder], file);
  });

  it('sees saves in a subfolder created after it started', async () => {
    const folder = join(scratch, 'paths');
    mkdirSync(folder);
    const seen: string[] = [];
    stop = await watchPaths([folder], async (changed: string[]) => {
      seen.push(...changed.map((path) => resolve(path)));
    });
    mkdirSync(join(folder, 'v3'));
    const file = join(folder, 'v3', 'confirm.yaml');
    writeFileSync(file, 'new\n');
    await vi.waitFor(() => expect(seen).toContain(file), { timeout: 3000, interval: 50 });
  });

  it('ignores files next to a file it watches by name', async () => {
    const file = join(scratch, 'redocly.yaml');
    writeFileSync(file, 'zero\n');
    const seen: string[] = [];
    stop = await watchPaths([file], async (changed: string[]) => {
      seen.push(...changed.map((path) => resolve(path)));
    });
    writeFileSync(join(scratch, 'unrelated.txt'), 'x\n');
    writeFileSync(file, 'one\n');
    await vi.waitFor(() => expect(seen).toContain(file), { timeout: 3000, interval: 50 });
    expect(seen).not.toContain(join(scratch, 'unrelated.txt'));
  });
});
