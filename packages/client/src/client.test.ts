import { describe, expect, it } from 'vitest';
import { type CallOptions, createVaultClient, type VaultClient, type VaultClientOptions } from './client.js';
import {
  isVaultError,
  VaultAbortError,
  VaultApiError,
  type VaultError,
  VaultInputError,
  VaultNetworkError,
  VaultResponseError,
  VaultTimeoutError,
} from './errors.js';
import { defaultMerchantId, serverUrl } from './generated/spec-values.js';
import {
  type Answer,
  answerJson,
  answerNever,
  exampleCredentials,
  exampleToken,
  fakeFetch,
  type SentRequest,
} from './testing/fake-fetch.js';
import type { ErrorResponse } from './types.js';

const otherMerchantId = '0f6c2a4e-8d1b-4c3a-9e5f-7a2b1c0d9e8f';
const thirdMerchantId = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const formBody = 'grant_type=mobile_phone&number=%2B447871239999&password=1234Qwerty';
const commonError: ErrorResponse = {
  error: 'COMMON',
  errorId: 0,
  message: "Sorry for inconvenience. We're fixing the issue.",
  systemId: 'core',
};

describe('confirmPhoneNumber on the wire', () => {
  it.each<[string, { given: { client?: VaultClientOptions; call?: CallOptions }; want: SentRequest }]>([
    [
      'posts the form to the spec server with the default merchant id',
      {
        given: {},
        want: {
          method: 'POST',
          url: 'https://api.vault.sandbox.testessential.net/v2/mobile/phone/confirm',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-merchant-id': defaultMerchantId },
          body: formBody,
        },
      },
    ],
    [
      'sends the client merchantId instead of the default',
      {
        given: { client: { merchantId: otherMerchantId } },
        want: {
          method: 'POST',
          url: 'https://api.vault.sandbox.testessential.net/v2/mobile/phone/confirm',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-merchant-id': otherMerchantId },
          body: formBody,
        },
      },
    ],
    [
      "sends the call's merchantId instead of the client's",
      {
        given: { client: { merchantId: otherMerchantId }, call: { merchantId: thirdMerchantId } },
        want: {
          method: 'POST',
          url: 'https://api.vault.sandbox.testessential.net/v2/mobile/phone/confirm',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-merchant-id': thirdMerchantId },
          body: formBody,
        },
      },
    ],
    [
      'joins a baseUrl with a trailing slash to the path',
      {
        given: { client: { baseUrl: 'http://127.0.0.1:4010/' } },
        want: {
          method: 'POST',
          url: 'http://127.0.0.1:4010/v2/mobile/phone/confirm',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-merchant-id': defaultMerchantId },
          body: formBody,
        },
      },
    ],
    [
      'adds client headers, but keeps its own Content-Type and merchant id over theirs',
      {
        given: {
          client: {
            headers: [
              ['Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8'],
              ['X-Merchant-ID', otherMerchantId],
              ['X-Request-ID', 'trace-1'],
            ],
          },
        },
        want: {
          method: 'POST',
          url: 'https://api.vault.sandbox.testessential.net/v2/mobile/phone/confirm',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-merchant-id': defaultMerchantId,
            'x-request-id': 'trace-1',
          },
          body: formBody,
        },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { fetch, sent } = fakeFetch(answerJson(200, exampleToken));
    const client = createVaultClient({ ...given.client, fetch });

    await client.confirmPhoneNumber(exampleCredentials, given.call);

    expect(sent).toEqual([want]);
  });

  it('resolves to the token the API answered', async () => {
    const { fetch } = fakeFetch(answerJson(200, exampleToken));

    await expect(createVaultClient({ fetch }).confirmPhoneNumber(exampleCredentials)).resolves.toEqual(exampleToken);
  });

  it('shares its base URL, fetch and headers with the typed openapi-fetch client', async () => {
    const { fetch, sent } = fakeFetch(answerJson(200, exampleToken));
    const client = createVaultClient({
      baseUrl: 'http://127.0.0.1:4010',
      fetch,
      headers: { 'X-Request-ID': 'trace-2' },
    });

    const { data } = await client.api.POST('/v2/mobile/phone/confirm', {
      params: { header: { 'X-Merchant-ID': defaultMerchantId } },
      body: { grant_type: 'mobile_phone', ...exampleCredentials },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });

    expect(data).toEqual(exampleToken);
    expect(sent).toMatchObject([
      { url: 'http://127.0.0.1:4010/v2/mobile/phone/confirm', headers: { 'x-request-id': 'trace-2' }, body: formBody },
    ]);
  });
});

describe('the typed openapi-fetch client (api) sends what the spec declares', () => {
  const path = '/v2/mobile/phone/confirm';
  const body = { grant_type: 'mobile_phone', ...exampleCredentials } as const;
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'x-merchant-id': otherMerchantId };

  it.each<[string, { given: (vault: VaultClient) => Promise<unknown>; want: Pick<SentRequest, 'headers' | 'body'> }]>([
    [
      "a form with the client's merchant id, for a call with neither header nor serializer",
      { given: (vault) => vault.api.POST(path, { body }), want: { headers: formHeaders, body: formBody } },
    ],
    [
      'the same by path',
      { given: (vault) => vault.paths[path].POST({ body }), want: { headers: formHeaders, body: formBody } },
    ],
    [
      "a call's own merchant id instead of the client's",
      {
        given: (vault) => vault.api.POST(path, { params: { header: { 'X-Merchant-ID': thirdMerchantId } }, body }),
        want: { headers: { ...formHeaders, 'x-merchant-id': thirdMerchantId }, body: formBody },
      },
    ],
    [
      'a form for a call that names the form Content-Type itself',
      {
        given: (vault) =>
          vault.api.POST(path, { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
        want: { headers: formHeaders, body: formBody },
      },
    ],
    [
      'a form for a call that names JSON, which looks like the default and which the operation does not take',
      {
        given: (vault) => vault.api.POST(path, { body, headers: { 'Content-Type': 'application/json' } }),
        want: { headers: formHeaders, body: formBody },
      },
    ],
    [
      "a call's own serializer and Content-Type, as they are",
      {
        given: (vault) =>
          vault.api.POST(path, {
            body,
            headers: { 'Content-Type': 'text/plain' },
            bodySerializer: ({ number }) => `number ${number}`,
          }),
        want: { headers: { ...formHeaders, 'content-type': 'text/plain' }, body: 'number +447871239999' },
      },
    ],
    [
      'JSON for an operation that the spec does not declare a form for',
      {
        given: (vault) => untypedPost(vault)('/v2/notes', { body: { text: 'one' } }),
        want: { headers: { ...formHeaders, 'content-type': 'application/json' }, body: '{"text":"one"}' },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { fetch, sent } = fakeFetch(answerJson(200, exampleToken));

    await given(createVaultClient({ fetch, merchantId: otherMerchantId }));

    expect(sent).toMatchObject([want]);
    expect(sent[0]?.headers).toEqual(want.headers);
  });

  /** A POST to a path the spec does not have, as a client for more paths than it would send. */
  function untypedPost(vault: VaultClient) {
    return vault.api.POST as unknown as (path: string, init: { body: unknown }) => Promise<unknown>;
  }
});

/** Runs a call and returns what it rejected with, failing the test if it resolved. */
async function rejectionOf(call: () => Promise<unknown>): Promise<unknown> {
  return call().then(
    (value) => expect.unreachable(`resolved to ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

describe('the by-path view', () => {
  it('sends through the same client: its base URL, headers and fetch', async () => {
    const endpoint = fakeFetch(answerJson(200, exampleToken));
    const vault = createVaultClient({
      fetch: endpoint.fetch,
      baseUrl: 'http://127.0.0.1:4010',
      headers: { 'x-trace': 't-1' },
    });
    const { data } = await vault.paths['/v2/mobile/phone/confirm'].POST({
      params: { header: { 'X-Merchant-ID': defaultMerchantId } },
      body: { grant_type: 'mobile_phone', ...exampleCredentials },
      bodySerializer: (body) => new URLSearchParams(body).toString(),
    });
    expect(data).toEqual(exampleToken);
    expect(endpoint.sent[0]).toMatchObject({
      url: 'http://127.0.0.1:4010/v2/mobile/phone/confirm',
      headers: { 'x-trace': 't-1', 'x-merchant-id': defaultMerchantId },
    });
  });
});

describe('confirmPhoneNumber failures', () => {
  const connectionRefused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4010'), { code: 'ECONNREFUSED' });

  it.each<
    [
      string,
      {
        given: { answer: Answer; client?: VaultClientOptions };
        want: { type: abstract new (...args: never[]) => VaultError; fields: Record<string, unknown> };
      },
    ]
  >([
    [
      'a 400 with an ErrorResponse is a VaultApiError with the status and the parsed body',
      {
        given: { answer: answerJson(400, { ...commonError, field: 'number' }) },
        want: { type: VaultApiError, fields: { kind: 'api', status: 400, body: { ...commonError, field: 'number' } } },
      },
    ],
    [
      'a 503 with an ErrorResponse is a VaultApiError too',
      {
        given: { answer: answerJson(503, commonError) },
        want: { type: VaultApiError, fields: { kind: 'api', status: 503, body: commonError } },
      },
    ],
    [
      'a 502 with an HTML body is a VaultResponseError',
      {
        given: { answer: () => new Response('<html>Bad Gateway</html>', { status: 502 }) },
        want: {
          type: VaultResponseError,
          fields: { kind: 'invalid-response', status: 502, expected: 'ErrorResponse' },
        },
      },
    ],
    [
      'a 400 with JSON of another shape is a VaultResponseError',
      {
        given: { answer: answerJson(400, { type: 'about:blank', title: 'Bad Request', status: 400 }) },
        want: {
          type: VaultResponseError,
          fields: { kind: 'invalid-response', status: 400, expected: 'ErrorResponse' },
        },
      },
    ],
    [
      'a 200 with a body that is not JSON is a VaultResponseError',
      {
        given: { answer: () => new Response('access_token=abc', { status: 200 }) },
        want: {
          type: VaultResponseError,
          fields: { kind: 'invalid-response', status: 200, expected: 'TokenResponse' },
        },
      },
    ],
    [
      'a 200 whose token lacks expires_in is a VaultResponseError',
      {
        given: { answer: answerJson(200, { access_token: 'abc', token_type: 'bearer' }) },
        want: {
          type: VaultResponseError,
          fields: { kind: 'invalid-response', status: 200, expected: 'TokenResponse' },
        },
      },
    ],
    [
      'a 204 without a body is a VaultResponseError',
      {
        given: { answer: () => new Response(null, { status: 204 }) },
        want: {
          type: VaultResponseError,
          fields: { kind: 'invalid-response', status: 204, expected: 'TokenResponse' },
        },
      },
    ],
    [
      'a fetch TypeError is a VaultNetworkError that says why, with a copy of its cause chain',
      {
        given: { answer: () => Promise.reject(new TypeError('fetch failed', { cause: connectionRefused })) },
        want: {
          type: VaultNetworkError,
          fields: {
            kind: 'network',
            url: 'https://api.vault.sandbox.testessential.net/v2/mobile/phone/confirm',
            message:
              'Could not reach the Vault API at https://api.vault.sandbox.testessential.net/v2/mobile/phone/confirm: ' +
              'fetch failed: connect ECONNREFUSED 127.0.0.1:4010',
            cause: expect.objectContaining({
              name: 'TypeError',
              message: 'fetch failed',
              cause: expect.objectContaining({ message: connectionRefused.message, code: 'ECONNREFUSED' }),
            }),
          },
        },
      },
    ],
    [
      'no answer within timeoutMs is a VaultTimeoutError',
      {
        given: { answer: answerNever, client: { timeoutMs: 5 } },
        want: { type: VaultTimeoutError, fields: { kind: 'timeout', timeoutMs: 5 } },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { fetch } = fakeFetch(given.answer);
    const client = createVaultClient({ ...given.client, fetch });

    const error = await rejectionOf(() => client.confirmPhoneNumber(exampleCredentials));

    expect(error).toBeInstanceOf(want.type);
    expect(error).toMatchObject(want.fields);
  });

  it.each<[string, { given: unknown; want: boolean }]>([
    ['a VaultAbortError', { given: new VaultAbortError(), want: true }],
    ['a plain Error', { given: new Error('aborted'), want: false }],
    ['an object shaped like a VaultApiError', { given: { kind: 'api', status: 400 }, want: false }],
  ])('isVaultError tells %s', (_name, { given, want }) => {
    expect(isVaultError(given)).toBe(want);
  });

  it('an abort by the caller while waiting is a VaultAbortError, not a timeout', async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch((request) => {
      controller.abort();
      return answerNever(request);
    });
    const client = createVaultClient({ fetch, timeoutMs: 60_000 });

    const error = await rejectionOf(() => client.confirmPhoneNumber(exampleCredentials, { signal: controller.signal }));

    expect(error).toBeInstanceOf(VaultAbortError);
    expect(error).toMatchObject({ kind: 'aborted' });
  });

  it("times out when the caller's own signal is given too and never aborts", async () => {
    const { fetch } = fakeFetch(answerNever);
    const client = createVaultClient({ fetch, timeoutMs: 5 });

    const error = await rejectionOf(() =>
      client.confirmPhoneNumber(exampleCredentials, { signal: new AbortController().signal }),
    );

    expect(error).toBeInstanceOf(VaultTimeoutError);
  });

  it('a fetch that rejects with what is not an Error is a VaultNetworkError that quotes it, password removed', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(`socket hang up after ${exampleCredentials.password}`));
    const client = createVaultClient({ fetch });

    const error = await rejectionOf(() => client.confirmPhoneNumber(exampleCredentials));

    expect(error).toBeInstanceOf(VaultNetworkError);
    expect(error).toMatchObject({
      message:
        'Could not reach the Vault API at https://api.vault.sandbox.testessential.net/v2/mobile/phone/confirm: ' +
        'socket hang up after [REDACTED]',
    });
  });

  it('an already aborted signal is a VaultAbortError and sends nothing', async () => {
    const { fetch, sent } = fakeFetch(answerJson(200, exampleToken));
    const client = createVaultClient({ fetch });

    const error = await rejectionOf(() =>
      client.confirmPhoneNumber(exampleCredentials, { signal: AbortSignal.abort() }),
    );

    expect(error).toBeInstanceOf(VaultAbortError);
    expect(sent).toEqual([]);
  });
});

describe('a VaultResponseError says where it went and what came back', () => {
  const confirmAt = (baseUrl: string) => `${baseUrl}/v2/mobile/phone/confirm`;
  const docsPage = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Vault API</title>${'<style></style>'.repeat(20)}`;
  const proxyPage =
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
  const html = (status: number, body: string) => () =>
    new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });

  it.each<
    [
      string,
      {
        given: { answer: Answer; baseUrl?: string };
        want: Pick<VaultResponseError, 'message' | 'method' | 'url' | 'contentType' | 'bodyExcerpt'>;
      },
    ]
  >([
    [
      'the docs page that a baseUrl on the docs server gets, cut to its first 200 characters',
      {
        given: { answer: html(405, docsPage), baseUrl: 'http://127.0.0.1:8080/' },
        want: {
          message:
            `Vault API answered 405 to POST ${confirmAt('http://127.0.0.1:8080')} with a body that is not a JSON ` +
            `ErrorResponse (text/html; charset=utf-8): ${JSON.stringify(docsPage.slice(0, 200))}…`,
          method: 'POST',
          url: confirmAt('http://127.0.0.1:8080'),
          contentType: 'text/html; charset=utf-8',
          bodyExcerpt: docsPage.slice(0, 200),
        },
      },
    ],
    [
      "a proxy's 502 page, whole when it is short",
      {
        given: { answer: html(502, proxyPage) },
        want: {
          message:
            `Vault API answered 502 to POST ${confirmAt('https://api.vault.sandbox.testessential.net')} with a body ` +
            `that is not a JSON ErrorResponse (text/html; charset=utf-8): ${JSON.stringify(proxyPage)}`,
          method: 'POST',
          url: confirmAt('https://api.vault.sandbox.testessential.net'),
          contentType: 'text/html; charset=utf-8',
          bodyExcerpt: proxyPage,
        },
      },
    ],
    [
      'JSON of another shape',
      {
        given: {
          answer: () =>
            new Response('{"title":"Bad Request","status":400}', {
              status: 400,
              headers: { 'Content-Type': 'application/problem+json' },
            }),
          baseUrl: 'http://127.0.0.1:4010',
        },
        want: {
          message:
            `Vault API answered 400 to POST ${confirmAt('http://127.0.0.1:4010')} with a body that is not a JSON ` +
            `ErrorResponse (application/problem+json): ${JSON.stringify('{"title":"Bad Request","status":400}')}`,
          method: 'POST',
          url: confirmAt('http://127.0.0.1:4010'),
          contentType: 'application/problem+json',
          bodyExcerpt: '{"title":"Bad Request","status":400}',
        },
      },
    ],
    [
      'the body of a 2xx, which may be a token, not quoted',
      {
        given: { answer: answerJson(200, { ...exampleToken, expires_in: '86399' }), baseUrl: 'http://127.0.0.1:4010' },
        want: {
          message:
            `Vault API answered 200 to POST ${confirmAt('http://127.0.0.1:4010')} with a body that is not a JSON ` +
            'TokenResponse (application/json): not quoted, as a 2xx body may hold a token',
          method: 'POST',
          url: confirmAt('http://127.0.0.1:4010'),
          contentType: 'application/json',
          bodyExcerpt: undefined,
        },
      },
    ],
    [
      'an empty body, quoted as empty',
      {
        given: { answer: () => new Response(null, { status: 503, headers: { 'Content-Length': '0' } }) },
        want: {
          message:
            `Vault API answered 503 to POST ${confirmAt('https://api.vault.sandbox.testessential.net')} with a body ` +
            'that is not a JSON ErrorResponse (no Content-Type): ""',
          method: 'POST',
          url: confirmAt('https://api.vault.sandbox.testessential.net'),
          contentType: undefined,
          bodyExcerpt: '',
        },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { fetch } = fakeFetch(given.answer);
    const client = createVaultClient({ fetch, ...(given.baseUrl === undefined ? {} : { baseUrl: given.baseUrl }) });

    const error = await rejectionOf(() => client.confirmPhoneNumber(exampleCredentials));

    expect(error).toBeInstanceOf(VaultResponseError);
    expect(error).toMatchObject(want);
  });

  it('names no Content-Type when the answer has none', async () => {
    const answer = () => new Response(new Blob(['Bad Gateway']), { status: 502 });
    const client = createVaultClient({ fetch: fakeFetch(answer).fetch });

    const error = await rejectionOf(() => client.confirmPhoneNumber(exampleCredentials));

    expect(error).toMatchObject({
      contentType: undefined,
      message: expect.stringContaining('(no Content-Type): "Bad Gateway"'),
    });
  });

  it('quotes the body with the password removed, however the server echoed it', async () => {
    const password = 'pass word+1';
    const echo = `bad form: ${new URLSearchParams({ grant_type: 'mobile_phone', number: '+447871239999', password })}`;
    const client = createVaultClient({ fetch: fakeFetch(() => new Response(echo, { status: 400 })).fetch });

    const error = await rejectionOf(() => client.confirmPhoneNumber({ ...exampleCredentials, password }));

    expect(error).toMatchObject({
      bodyExcerpt: 'bad form: grant_type=mobile_phone&number=%2B447871239999&password=[REDACTED]',
    });
  });
});

describe('bad input from the caller', () => {
  const badHeaderName = { 'X Merchant': 'x' };

  /** The function as plain JS sees it: any arguments, which its types would refuse. */
  const untyped = <Result>(fn: (...args: never[]) => Result) => fn as (...args: unknown[]) => Result;

  type Fetch = NonNullable<VaultClientOptions['fetch']>;

  const messages = {
    number: 'number must be in E.164 format: a + and up to 15 digits, nothing else',
    password: 'password must be a non-empty string',
    merchantId: `merchantId must be a UUID, such as ${defaultMerchantId}`,
    baseUrlCredentials: 'baseUrl must not contain a user name or password',
    baseUrl: (suggested = serverUrl) => `baseUrl must be an absolute http: or https: URL, such as ${suggested}`,
    timeoutMs: 'timeoutMs must be a number of milliseconds from 1 to 2147483647',
    credentials: 'credentials must be an object: { number, password }',
  };

  it.each<[string, { given: (fetch: Fetch) => Promise<unknown>; want: { field: string; message: string } }]>([
    [
      'a number with spaces',
      {
        given: (fetch) => createVaultClient({ fetch }).confirmPhoneNumber({ number: '+44 7871 239999', password: 'x' }),
        want: { field: 'number', message: messages.number },
      },
    ],
    [
      'a number without its +',
      {
        given: (fetch) => createVaultClient({ fetch }).confirmPhoneNumber({ number: '447871239999', password: 'x' }),
        want: { field: 'number', message: messages.number },
      },
    ],
    [
      'a number of 16 digits',
      {
        given: (fetch) =>
          createVaultClient({ fetch }).confirmPhoneNumber({ number: '+4478712399991234', password: 'x' }),
        want: { field: 'number', message: messages.number },
      },
    ],
    [
      'an empty password',
      {
        given: (fetch) => createVaultClient({ fetch }).confirmPhoneNumber({ ...exampleCredentials, password: '' }),
        want: { field: 'password', message: messages.password },
      },
    ],
    [
      'a password that is not a string, from plain JS',
      {
        given: (fetch) =>
          untyped(createVaultClient({ fetch }).confirmPhoneNumber)({ ...exampleCredentials, password: 1234 }),
        want: { field: 'password', message: messages.password },
      },
    ],
    [
      'a call merchantId that is not a UUID',
      {
        given: (fetch) => createVaultClient({ fetch }).confirmPhoneNumber(exampleCredentials, { merchantId: 'acme' }),
        want: { field: 'merchantId', message: messages.merchantId },
      },
    ],
    [
      'a client merchantId that is not a UUID',
      {
        given: async (fetch) => createVaultClient({ fetch, merchantId: '' }),
        want: { field: 'merchantId', message: messages.merchantId },
      },
    ],
    [
      'a client merchantId with text before the UUID',
      {
        given: async (fetch) => createVaultClient({ fetch, merchantId: `x${defaultMerchantId}` }),
        want: { field: 'merchantId', message: messages.merchantId },
      },
    ],
    [
      'a client merchantId with text after the UUID',
      {
        given: async (fetch) => createVaultClient({ fetch, merchantId: `${defaultMerchantId}x` }),
        want: { field: 'merchantId', message: messages.merchantId },
      },
    ],
    [
      'a client merchantId in an array, from plain JS',
      {
        given: async (fetch) => untyped(createVaultClient)({ fetch, merchantId: [defaultMerchantId] }),
        want: { field: 'merchantId', message: messages.merchantId },
      },
    ],
    [
      'a baseUrl that is not an absolute URL',
      {
        given: async (fetch) => createVaultClient({ fetch, baseUrl: 'api.vault.test' }),
        want: { field: 'baseUrl', message: messages.baseUrl('http://api.vault.test') },
      },
    ],
    [
      'a baseUrl with a user name and password in it',
      {
        given: async (fetch) => createVaultClient({ fetch, baseUrl: 'https://user:secret@api.vault.test' }),
        want: { field: 'baseUrl', message: messages.baseUrlCredentials },
      },
    ],
    [
      'a baseUrl with a user name alone in it',
      {
        given: async (fetch) => createVaultClient({ fetch, baseUrl: 'https://user@api.vault.test' }),
        want: { field: 'baseUrl', message: messages.baseUrlCredentials },
      },
    ],
    [
      'a baseUrl with a password alone in it',
      {
        given: async (fetch) => createVaultClient({ fetch, baseUrl: 'https://:secret@api.vault.test' }),
        want: { field: 'baseUrl', message: messages.baseUrlCredentials },
      },
    ],
    [
      'a baseUrl given as a URL object, from plain JS',
      {
        given: async (fetch) => untyped(createVaultClient)({ fetch, baseUrl: new URL('http://127.0.0.1:4010') }),
        want: { field: 'baseUrl', message: messages.baseUrl() },
      },
    ],
    [
      'a baseUrl given as a port number, from plain JS',
      {
        given: async (fetch) => untyped(createVaultClient)({ fetch, baseUrl: 4010 }),
        want: { field: 'baseUrl', message: messages.baseUrl() },
      },
    ],
    [
      'a timeoutMs of 0',
      {
        given: async (fetch) => createVaultClient({ fetch, timeoutMs: 0 }),
        want: { field: 'timeoutMs', message: messages.timeoutMs },
      },
    ],
    [
      'a timeoutMs that timers cannot wait for',
      {
        given: async (fetch) => createVaultClient({ fetch, timeoutMs: 2 ** 31 }),
        want: { field: 'timeoutMs', message: messages.timeoutMs },
      },
    ],
    [
      'a header name with a space',
      {
        given: async (fetch) => createVaultClient({ fetch, headers: badHeaderName }),
        want: { field: 'headers', message: 'headers must be valid HTTP header names and values' },
      },
    ],
    [
      'a baseUrl without its scheme, which URL.canParse reads as the scheme localhost:',
      {
        given: async (fetch) => createVaultClient({ fetch, baseUrl: 'localhost:4211' }),
        want: { field: 'baseUrl', message: messages.baseUrl('http://localhost:4211') },
      },
    ],
    [
      'a baseUrl of another scheme',
      {
        given: async (fetch) => createVaultClient({ fetch, baseUrl: 'ftp://api.vault.test' }),
        want: { field: 'baseUrl', message: messages.baseUrl() },
      },
    ],
    [
      'no credentials at all, from plain JS',
      {
        given: (fetch) => untyped(createVaultClient({ fetch }).confirmPhoneNumber)(),
        want: { field: 'credentials', message: messages.credentials },
      },
    ],
    [
      'credentials that are a string, from plain JS',
      {
        given: (fetch) => untyped(createVaultClient({ fetch }).confirmPhoneNumber)('+447871239999'),
        want: { field: 'credentials', message: messages.credentials },
      },
    ],
    [
      'a number that is not a string, from plain JS',
      {
        given: (fetch) =>
          untyped(createVaultClient({ fetch }).confirmPhoneNumber)({ number: ['+447871239999'], password: 'x' }),
        want: { field: 'number', message: messages.number },
      },
    ],
    [
      'null call options, from plain JS',
      {
        given: (fetch) => untyped(createVaultClient({ fetch }).confirmPhoneNumber)(exampleCredentials, null),
        want: { field: 'options', message: 'options must be an object, such as { signal, merchantId }, or left out' },
      },
    ],
    [
      'a signal that is not an AbortSignal, from plain JS',
      {
        given: (fetch) =>
          untyped(createVaultClient({ fetch, timeoutMs: 1000 }).confirmPhoneNumber)(exampleCredentials, { signal: {} }),
        want: { field: 'signal', message: 'signal must be an AbortSignal, such as AbortSignal.timeout(5000)' },
      },
    ],
    [
      'null client options, from plain JS',
      {
        given: async () => untyped(createVaultClient)(null),
        want: { field: 'options', message: 'createVaultClient takes an options object, or none' },
      },
    ],
    [
      'a fetch that is not a function, from plain JS',
      {
        given: async () => untyped(createVaultClient)({ fetch: 'https://api.vault.test' }),
        want: { field: 'fetch', message: 'fetch must be a function that takes a Request, such as globalThis.fetch' },
      },
    ],
    [
      'a timeoutMs given as a string, from plain JS',
      {
        given: async (fetch) => untyped(createVaultClient)({ fetch, timeoutMs: '5000' }),
        want: { field: 'timeoutMs', message: messages.timeoutMs },
      },
    ],
  ])('%s is a VaultInputError and sends nothing', async (_name, { given, want }) => {
    const { fetch, sent } = fakeFetch(answerJson(200, exampleToken));

    const error = await rejectionOf(() => given(fetch));

    expect(error).toBeInstanceOf(VaultInputError);
    expect(error).toMatchObject({ name: 'VaultInputError', kind: 'invalid-input', ...want });
    expect(sent).toEqual([]);
  });

  it.each([
    ['1 ms', 1],
    ['2 ** 31 - 1 ms, the longest that timers wait', 2 ** 31 - 1],
  ])('accepts a timeoutMs of %s', (_name, timeoutMs) => {
    expect(() => createVaultClient({ timeoutMs })).not.toThrow();
  });

  it.each<[string, { given: string; want: string }]>([
    ['localhost:4211', { given: 'localhost:4211', want: 'http://localhost:4211' }],
    ['a host name alone', { given: 'api.vault.test', want: 'http://api.vault.test' }],
    ['another scheme', { given: 'ftp://api.vault.test', want: 'https://api.vault.sandbox.testessential.net' }],
    ['a file URL', { given: 'file:///etc/hosts', want: 'https://api.vault.sandbox.testessential.net' }],
    ['an empty string', { given: '', want: 'https://api.vault.sandbox.testessential.net' }],
    [
      'credentials without a scheme, which it does not repeat',
      { given: 'user:secret@api.vault.test', want: 'https://api.vault.sandbox.testessential.net' },
    ],
    [
      'a user name without a scheme, which it does not repeat',
      { given: 'user@api.vault.test', want: 'https://api.vault.sandbox.testessential.net' },
    ],
    [
      'a password without a scheme, which it does not repeat',
      { given: ':secret@api.vault.test', want: 'https://api.vault.sandbox.testessential.net' },
    ],
  ])('a baseUrl of %s is refused with a suggestion', (_name, { given, want }) => {
    expect(() => createVaultClient({ baseUrl: given })).toThrow(
      new VaultInputError('baseUrl', `baseUrl must be an absolute http: or https: URL, such as ${want}`),
    );
  });
});
