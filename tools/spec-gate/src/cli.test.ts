import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const baseFixture = fileURLToPath(new URL('../fixtures/base.json', import.meta.url));

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

describe('spec-gate check', () => {
  it('fails a break that no changeset announces, naming the change and the changeset to add', async () => {
    const { code, output } = await gate('check', '--base', baseFixture, '--head', await headWith('2.3.0'));
    expect(code).toBe(1);
    expect(output).toContain('BREAKING  POST /v2/mobile/phone/confirm 200 application/json.token_type');
    expect(output).toContain('needs a major release of @vault/spec, @vault/client, @vault/mock');
    // Whatever the repository's own pending changesets plan, it is less than the major this break needs.
    expect(output).toMatch(
      /the pending changesets plan (?:none|patch|minor) for @vault\/spec, (?:none|patch|minor) for @vault\/client/,
    );
    expect(output).toContain('---\n"@vault/spec": major\n"@vault/client": major\n"@vault/mock": major\n---');
  });

  it('fails the same break with only a minor version applied', async () => {
    const { code } = await gate('--base', baseFixture, '--head', await headWith('2.4.0'));
    expect(code).toBe(1);
  });

  it('passes the same break once its major version is applied', async () => {
    const { code, output } = await gate('--base', baseFixture, '--head', await headWith('3.0.0'));
    expect(code, output).toBe(0);
    expect(output).toContain('the release plans enough (needs major');
  });

  it('passes a prose change once its patch version is applied (the new info.version asks for nothing)', async () => {
    const spec = JSON.parse(await readFile(baseFixture, 'utf8'));
    spec.paths['/v2/mobile/phone/confirm'].post.summary = 'Get an access token';
    spec.info.version = '2.3.1';
    const head = join(scratch, 'patch.json');
    await writeFile(head, JSON.stringify(spec));
    const { code, output } = await gate('--base', baseFixture, '--head', head);
    expect(code, output).toBe(0);
    expect(output).toContain('the release plans enough (needs patch');
  });

  it('refuses a document with a $ref to nothing, naming both files and the $ref, and judges nothing', async () => {
    const spec = JSON.parse(await readFile(baseFixture, 'utf8'));
    delete spec.components.schemas.Token;
    const head = join(scratch, 'dangling.json');
    await writeFile(head, JSON.stringify(spec));
    const { code, output } = await gate('check', '--base', baseFixture, '--head', head);
    expect(code).toBe(1);
    expect(output).toBe(
      `spec-gate check: ${baseFixture} against ${head}: the head document cannot be compared: ` +
        '$ref #/components/schemas/Token points at nothing\n',
    );
  });

  it('refuses an unknown flag or command with its usage', async () => {
    for (const args of [['--basis', baseFixture], ['publsh']]) {
      const { code, output } = await gate(...args);
      expect(code).toBe(2);
      expect(output).toContain('Usage: spec-gate');
    }
  });
});
