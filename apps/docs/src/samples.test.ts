import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { healthPath } from '@vault/mock';
import { readBundledSpec } from '@vault/spec/document';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const run = promisify(execFile);
const docsDir = new URL('..', import.meta.url);
const decorated = JSON.parse(readFileSync(new URL('dist/openapi.decorated.json', docsDir), 'utf8'));
const operation = decorated.paths['/v2/mobile/phone/confirm'].post;
const sample = (label: string): string => {
  const found = operation['x-codeSamples']?.find((codeSample: { label: string }) => codeSample.label === label);
  if (!found) throw new Error(`the built docs have no ${label} sample`);
  return found.source;
};
const section = (name: string): string => {
  const found = decorated.tags.find((tag: { name: string }) => tag.name === name);
  if (!found) throw new Error(`the built docs have no ${name} section`);
  return found.description;
};
const sampleFile = (name: string) => readFileSync(new URL(`samples/${name}.ts`, docsDir), 'utf8').trimEnd();
const [sandbox, localMock] = decorated.servers.map((server: { url: string }) => server.url) as [string, string];
const servers = [
  ['sandbox', sandbox],
  ['local mock', localMock],
] as const;
const tokenExample = decorated.components.examples.Token.value;

/** A port nothing listens on now, so that the mock the page's command starts does not meet another one. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// The mock as the page tells a reader to start it, `npx vault-mock`, on a port of its own.
let mockUrl: string;
let mock: ChildProcess;
beforeAll(async () => {
  mockUrl = `http://127.0.0.1:${await freePort()}`;
  mock = spawn('npx', ['vault-mock', '--port', new URL(mockUrl).port], {
    cwd: docsDir,
    detached: true,
    stdio: 'ignore',
  });
  await vi.waitFor(
    async () => {
      const health = await fetch(`${mockUrl}${healthPath}`);
      if (!health.ok) throw new Error(`npx vault-mock answers ${health.status} at ${healthPath}`);
    },
    { timeout: 30_000, interval: 200 },
  );
});
afterAll(() => {
  if (mock?.pid) process.kill(-mock.pid, 'SIGTERM'); // npx and the mock it started
});

/** Sends the requests of a sample to the mock the test started, and any for `elsewhere` to its handler. */
function fetchThroughMock(elsewhere: (request: Request) => Response = () => Response.error()) {
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const server = [sandbox, localMock].find((url) => request.url.startsWith(url));
    return server ? realFetch(new Request(request.url.replace(server, mockUrl), request)) : elsewhere(request);
  });
}

describe('the servers the page offers', () => {
  it("are the spec's own and the local mock at the address `npx vault-mock` serves by default", async () => {
    expect(decorated.servers.map(({ url }: { url: string }) => url)).toEqual([
      ...(readBundledSpec().servers as { url: string }[]).map(({ url }) => url),
      'http://127.0.0.1:4010',
    ]);
    const { stdout } = await run('npx', ['vault-mock', '--help'], { cwd: docsDir });
    expect(stdout).toContain(`(default ${localMock})`);
  });

  it('tell a reader outside this repository how to start the mock', () => {
    expect(operation.description).toContain(
      `listens on \`${localMock}\`.\n\n\`\`\`sh\nnpm install --save-dev @vault/mock\nnpx vault-mock\n\`\`\``,
    );
  });
});

describe('the samples on the docs page work as written', () => {
  it.each(servers)('the cURL (%s) sample gets a token from the mock', async (name, server) => {
    const curl = sample(`cURL (${name})`);
    expect(curl).toContain(`--url '${server}/v2/mobile/phone/confirm'`);
    const { stdout } = await run('bash', [
      '-c',
      `${curl.replace(server, mockUrl)} --silent --show-error --fail-with-body`,
    ]);
    expect(JSON.parse(stdout)).toEqual(tokenExample);
  });

  it.each(servers)('the cURL (%s) sample encodes the + of the number, which --data would send as a space', (name) => {
    expect(sample(`cURL (${name})`)).toContain("--data-urlencode 'number=+447871239999'");
    expect(sample(`cURL (${name})`)).not.toMatch(/--data '/);
  });

  it.each(servers)(
    'the TypeScript (%s) sample is the file the typecheck task compiles, with its baseUrl',
    (name, server) => {
      expect(sample(`TypeScript (${name})`)).toBe(
        sampleFile('confirmPhoneNumber').replace(`baseUrl: '${sandbox}'`, `baseUrl: '${server}'`),
      );
    },
  );

  it('the TypeScript sample gets a token from the mock', async () => {
    fetchThroughMock();
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

describe('the guide to using the token', () => {
  it.each(servers)('shows the token session sample for the %s', (name, server) => {
    const source = sampleFile('usingTheToken').replace(`baseUrl: '${sandbox}'`, `baseUrl: '${server}'`);
    expect(section('Using the token')).toContain(`With the ${name}:\n\n\`\`\`ts\n${source}\n\`\`\``);
  });

  it("whose sample sends the mock's token to a resource as Authorization: Bearer", async () => {
    const authorizations: (string | null)[] = [];
    fetchThroughMock((request) => {
      authorizations.push(request.headers.get('Authorization'));
      return new Response(null, { status: 204 });
    });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import('../samples/usingTheToken.js');
      expect(authorizations).toEqual([`Bearer ${tokenExample.access_token}`]);
      expect(log).toHaveBeenCalledWith(204);
    } finally {
      vi.unstubAllGlobals();
      log.mockRestore();
    }
  });
});
