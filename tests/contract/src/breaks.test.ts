// The checks are only worth something if they fail when the contract is broken: each test here breaks one side on
// purpose and expects the failure.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMock } from '@vault/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJourneys } from './arazzo.js';
import { type ClientCase, checkClientCase, checkRawCase, clientCases, confirmPath, rawCases } from './contract.js';
import { startValidatingProxy } from './validating-proxy.js';

const success = clientCases[0] as ClientCase;

/** A server that answers every request with the same 200 JSON body and headers. */
async function serverAnswering(
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let wrongServer: Awaited<ReturnType<typeof serverAnswering>>;
beforeAll(async () => {
  wrongServer = await serverAnswering({ access_token: 42, token_type: 'bearer' }); // no expires_in, a number as token
});
afterAll(() => new Promise((resolve) => wrongServer.server.close(resolve)));

describe('a server whose answer breaks the spec', () => {
  it('fails the contract suite', async () => {
    const violations = await checkClientCase(wrongServer.url, success);
    expect(violations).toEqual(
      expect.arrayContaining([
        "body must have required property 'expires_in'",
        'body/access_token must be string',
        'header Cache-Control is missing',
        'header Pragma is missing',
      ]),
    );
  });

  it('fails the contract suite when the token may be cached', async () => {
    const token = { access_token: 'a.b.c', token_type: 'bearer', expires_in: 60 };
    const caching = await serverAnswering(token, { 'cache-control': 'max-age=60', pragma: 'no-cache' });
    try {
      expect(await checkClientCase(caching.url, success)).toEqual([
        'header Cache-Control "max-age=60" must be equal to constant',
      ]);
    } finally {
      await new Promise((resolve) => caching.server.close(resolve));
    }
  });

  it("fails through Prism's validating proxy, as a real server named by VAULT_BASE_URL would", async () => {
    const proxy = await startValidatingProxy(wrongServer.url);
    try {
      const response = await fetch(`${proxy.url}${confirmPath}`, { method: 'POST' });
      expect({ status: response.status, body: await response.json() }).toMatchObject({
        status: 500,
        body: { type: expect.stringMatching(/VIOLATIONS$/) },
      });
      expect(await checkClientCase(proxy.url, success)).toContain('status 500, expected 200');
    } finally {
      await proxy.close();
    }
  });

  it('fails the Arazzo journeys', async () => {
    const { code, output } = await runJourneys(wrongServer.url);
    expect(code).not.toBe(0);
    expect(output).toMatch(/Workflows: (\d+ passed, )?[1-9]\d* failed/);
  });
});

describe('a client that stops encoding + as %2B', () => {
  it('fails the contract suite against the mock, which reads the + as a space', async () => {
    const mock = await startMock();
    const unencodingFetch = async (request: Request) =>
      fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: (await request.text()).replaceAll('%2B', '+'),
      });
    try {
      expect(await checkClientCase(mock.url, success, unencodingFetch)).toContain('status 400, expected 200');
    } finally {
      await mock.close();
    }
  });
});

describe("Prism's validating proxy in front of a server that keeps the contract", () => {
  it('passes every case, so that VAULT_BASE_URL mode fails only on real violations', async () => {
    const mock = await startMock();
    const proxy = await startValidatingProxy(mock.url);
    try {
      const violations = [
        ...(await Promise.all(clientCases.map((testCase) => checkClientCase(proxy.url, testCase)))),
        ...(await Promise.all(rawCases.map((testCase) => checkRawCase(proxy.url, testCase)))),
      ];
      expect(violations.flat()).toEqual([]);
    } finally {
      await proxy.close();
      await mock.close();
    }
  });
});
