import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleSpecAt, resolveBaseRef } from './git-base.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const baseFixture = fileURLToPath(new URL('../fixtures/base.json', import.meta.url));
const repoDir = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the built CLI; resolves with its exit code and output whatever the code. */
async function gate(...args: string[]) {
  return run(process.execPath, [cli, ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (failed: { code: number; stdout: string; stderr: string }) => ({
      code: failed.code,
      output: failed.stdout + failed.stderr,
    }),
  );
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'spec-gate-test-'));
});

async function headWith(version: string): Promise<string> {
  const spec = JSON.parse(await readFile(baseFixture, 'utf8'));
  delete spec.components.schemas.Token.properties.token_type;
  spec.info.version = version;
  const file = join(scratch, `head-${version}.json`);
  await writeFile(file, JSON.stringify(spec));
  return file;
}

describe('spec-gate', () => {
  it('fails a breaking change without a major bump, and says why', async () => {
    const { code, output } = await gate('--base', baseFixture, '--head', await headWith('2.3.1'));
    expect(code).toBe(1);
    expect(output).toContain('BREAKING  POST /v2/mobile/phone/confirm 200 application/json.token_type');
    expect(output).toContain('no major bump (2.3.0 to 2.3.1)');
  });

  it('passes the same change announced by a major bump', async () => {
    const { code, output } = await gate('--base', baseFixture, '--head', await headWith('3.0.0'));
    expect(code).toBe(0);
    expect(output).toContain('announced by the major version 3.0.0');
  });

  it('refuses an unknown flag with its usage', async () => {
    const { code, output } = await gate('--basis', baseFixture);
    expect(code).toBe(2);
    expect(output).toContain('Usage: spec-gate');
  });
});

describe('the base version from git', () => {
  it('bundles spec/ as it is at a commit', async () => {
    const output = join(scratch, 'at-head.json');
    await expect(bundleSpecAt(repoDir, 'HEAD', output)).resolves.toBe(true);
    const bundle = JSON.parse(await readFile(output, 'utf8'));
    expect(Object.keys(bundle.paths)).toContain('/v2/mobile/phone/confirm');
  });

  it('refuses a SPEC_BASE_REF that is no commit', async () => {
    await expect(resolveBaseRef(repoDir, 'no-such-ref')).rejects.toThrow('SPEC_BASE_REF=no-such-ref is not a commit');
  });
});
