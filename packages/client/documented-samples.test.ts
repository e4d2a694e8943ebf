// Type-checks every ```ts block of the README against the package's source, as a reader's own module: each block is
// written to .work/readme/ (ignored by git) under the README line it starts on, and one tsc run checks them all.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => ({
  line: readme.slice(0, match.index).split('\n').length,
  code: match[1] as string,
}));
const folder = fileURLToPath(new URL('./.work/readme/', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the README's TypeScript samples", () => {
  it('are there to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it('compile against the source, each as a module of its own', async () => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    for (const { line, code } of blocks) writeFileSync(`${folder}README.md-line-${line}.ts`, code);
    // The package's own settings (strict, its export condition for @vault/client); only the files differ.
    writeFileSync(`${folder}tsconfig.json`, JSON.stringify({ extends: '../../tsconfig.json', include: ['*.ts'] }));

    const output = await promisify(execFile)(process.execPath, [tsc, '-p', folder]).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );

    expect(output).toBe('');
  }, 60_000);
});
