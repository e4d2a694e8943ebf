import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freshCopy, removeCopy, startIn } from '@vault/dev-tools/repo-copy';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postDocumentedRequest } from './documented-request.js';

let copy: string;
let dev: ReturnType<typeof startIn>;
let mockUrl: string;
let docsUrl: string;

const slow = { timeout: 120_000, interval: 500 };

async function servedToken(): Promise<Record<string, unknown>> {
  const response = await postDocumentedRequest(mockUrl, join(copy, 'spec'));
  return response.json();
}

beforeAll(async () => {
  copy = await freshCopy('vault-dev-loop');
  dev = startIn(copy, { PORT: '0', DOCS_PORT: '0' }, 'dev');
  await vi.waitFor(() => {
    mockUrl = /Vault mock listening on (\S+)/.exec(dev.output())?.[1] as string;
    docsUrl = /Vault docs at (\S+?)\/? /.exec(dev.output())?.[1] as string;
    expect({ mockUrl, docsUrl }).toEqual({ mockUrl: expect.any(String), docsUrl: expect.any(String) });
  }, slow);
});
afterAll(async () => {
  await dev?.stop();
  if (copy) await removeCopy(copy);
});

describe('pnpm dev', () => {
  it('serves the new field from the mock and shows it in the docs once the spec has it', async () => {
    const schema = join(copy, 'spec/components/schemas/TokenResponse.yaml');
    await appendFile(schema, '  session_id:\n    type: string\n    description: The session the token belongs to.\n');
    const example = join(copy, 'spec/components/examples/Token.yaml');
    await appendFile(example, '  session_id: dev-loop-session\n');

    await vi.waitFor(async () => expect(await servedToken()).toMatchObject({ session_id: 'dev-loop-session' }), slow);
    await vi.waitFor(async () => expect(await (await fetch(`${docsUrl}/`)).text()).toContain('session_id'), slow);
    // Each file is reported once written, alone or with others changed at the same time; the two files above can come
    // in either order, and a change seen while a build runs is reported when it ends.
    await vi.waitFor(
      () => expect(dev.output()).toMatch(/\[spec\] changed: .*components\/schemas\/TokenResponse\.yaml/),
      slow,
    );
  });

  it('reports a lint error, keeps running, and the mock keeps the last good spec', async () => {
    const schema = join(copy, 'spec/components/schemas/TokenResponse.yaml');
    const good = await readFile(schema, 'utf8');
    const bundlesSoFar = () => dev.output().match(/\[spec\] done/g)?.length ?? 0;
    await writeFile(schema, `${good}  undocumented:\n    type: string\n`);

    await vi.waitFor(() => expect(dev.output()).toMatch(/\[spec\] failed/), slow);
    expect(dev.output()).toContain('Property "undocumented" has no description');
    expect(await servedToken()).toMatchObject({ session_id: 'dev-loop-session' });

    const beforeRecovery = bundlesSoFar();
    await writeFile(schema, good); // and it recovers
    await vi.waitFor(() => expect(bundlesSoFar()).toBeGreaterThan(beforeRecovery), slow);
  });
});
