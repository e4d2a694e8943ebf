import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as viaPackageName from '@vault/client';
import { beforeAll, describe, expect, it } from 'vitest';
import * as source from './src/index.js';

const packageDir = fileURLToPath(new URL('.', import.meta.url));

/** Runs a dev dependency's command in the package directory; resolves with its exit code and all its output. */
function runBin(name: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(`node_modules/.bin/${name}`, args, { cwd: packageDir }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), output: `${stdout}${stderr}` });
    });
  });
}

describe('the package', () => {
  it('resolves to its TypeScript source in the workspace, through the @vault/source condition', () => {
    expect(viaPackageName.createVaultClient).toBe(source.createVaultClient);
  });
});

// Each test runs a packaging tool in a child process: seconds alone, more under a full parallel test run.
describe('the built package', { timeout: 60_000 }, () => {
  beforeAll(() => {
    if (!existsSync(new URL('dist/index.js', import.meta.url))) {
      throw new Error('dist/ is missing: run `pnpm run build` (turbo runs it before `test`)');
    }
  });

  it('passes publint --strict', async () => {
    const { code, output } = await runBin('publint', ['--strict']);

    expect(code, output).toBe(0);
  });

  it('has types that resolve for ESM consumers (attw --pack)', async () => {
    const { code, output } = await runBin('attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii']);

    expect(code, output).toBe(0);
  }, 30_000);
});
