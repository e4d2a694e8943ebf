import { mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledSpecJson } from '@vault/spec';
import { operations } from '@vault/spec/document';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningMock, startMock } from './index.js';
import { plural } from './reload.js';
import { formHeaders, validForm } from './testing/vault-spec.js';

let specFile: string;
let mock: RunningMock;
const logged: string[] = [];

beforeAll(async () => {
  specFile = join(await mkdtemp(join(tmpdir(), 'vault-mock-watch-')), 'openapi.json');
  await writeFile(specFile, await readFile(bundledSpecJson));
  mock = await startMock({ spec: specFile, watch: true, log: (line) => logged.push(line) });
});
afterAll(() => mock.close());

async function servedToken(): Promise<Record<string, unknown>> {
  const response = await fetch(`${mock.url}/v2/mobile/phone/confirm`, {
    method: 'POST',
    headers: formHeaders,
    body: validForm,
  });
  return response.json();
}

describe('startMock({ watch: true })', () => {
  it('serves the spec as it is after its file changes', async () => {
    const spec = JSON.parse(await readFile(specFile, 'utf8'));
    spec.components.examples.Token.value.access_token = 'reloaded-token';
    await writeFile(specFile, JSON.stringify(spec));
    await vi.waitFor(async () => expect(await servedToken()).toMatchObject({ access_token: 'reloaded-token' }), {
      timeout: 10_000,
      interval: 100,
    });
    expect(logged).toContain(`Reloaded ${specFile} (${plural(operations(spec).length, 'operation')})`);
  });

  it('serves the spec as it is after an editor renames a new file over it', async () => {
    const spec = JSON.parse(await readFile(specFile, 'utf8'));
    spec.components.examples.Token.value.access_token = 'renamed-over-token';
    await writeFile(`${specFile}.tmp`, JSON.stringify(spec));
    await rename(`${specFile}.tmp`, specFile);
    await vi.waitFor(async () => expect(await servedToken()).toMatchObject({ access_token: 'renamed-over-token' }), {
      timeout: 10_000,
      interval: 100,
    });
  });

  it('keeps serving the last good spec when the file stops being one', async () => {
    await writeFile(specFile, '{ "openapi": ');
    await vi.waitFor(() => expect(logged.join('\n')).toContain('Still serving the last good spec'), {
      timeout: 10_000,
    });
    expect(await servedToken()).toMatchObject({ access_token: 'renamed-over-token' });
  });
});

describe('plural', () => {
  it.each([
    [1, '1 operation'],
    [2, '2 operations'],
    [0, '0 operations'],
  ])('counts %i as %s', (count, words) => {
    expect(plural(count, 'operation')).toBe(words);
  });
});
