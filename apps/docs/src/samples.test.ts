import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { type RunningMock, startMock } from '@vault/mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const run = promisify(execFile);
const builtSpec = JSON.parse(readFileSync(new URL('../dist/openapi.json', import.meta.url), 'utf8'));
const operation = builtSpec.paths['/v2/mobile/phone/confirm'].post;
const sample = (label: string): string => {
  const found = operation['x-codeSamples']?.find((codeSample: { label: string }) => codeSample.label === label);
  if (!found) throw new Error(`the built docs have no ${label} sample`);
  return found.source;
};
const server = builtSpec.servers[0].url as string;
const tokenExample = builtSpec.components.examples.Token.value;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

describe('the samples on the docs page work as written', () => {
  it('the cURL sample gets a token from the mock', async () => {
    const curl = sample('cURL');
    expect(curl).toContain(server);
    const { stdout } = await run('bash', [
      '-c',
      `${curl.replace(server, mock.url)} --silent --show-error --fail-with-body`,
    ]);
    expect(JSON.parse(stdout)).toEqual(tokenExample);
  });

  it('the cURL sample encodes the + of the number, which a plain --data would turn into a space', () => {
    expect(sample('cURL')).toContain("--data-urlencode 'number=+447871239999'");
    expect(sample('cURL')).not.toMatch(/--data '/);
  });

  it('the TypeScript sample is the file the typecheck task compiles, and gets a token from the mock', async () => {
    expect(sample('TypeScript')).toBe(
      readFileSync(new URL('../samples/confirmPhoneNumber.ts', import.meta.url), 'utf8').trimEnd(),
    );
    // The sample calls the documented server; its requests are sent to the mock instead.
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: Request) => realFetch(new Request(input.url.replace(server, mock.url), input)));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import('../samples/confirmPhoneNumber.js');
      expect(log).toHaveBeenCalledWith(`Bearer ${tokenExample.access_token}, valid for ${tokenExample.expires_in} s`);
    } finally {
      vi.unstubAllGlobals();
      log.mockRestore();
    }
  });
});
