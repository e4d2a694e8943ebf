import { describe, expect, it, vi } from 'vitest';
import { createClientFor, createVaultClient, type VaultClient } from './client.js';
import { VaultAbortError, VaultApiError, VaultInputError, VaultNetworkError, VaultResponseError } from './errors.js';
import type { MethodOptions, OperationDescriptor } from './operation-types.js';
import { maxRetryAfterMs, type RetryTiming } from './retry.js';
import { type FixtureMethods, fixtureDescriptors } from './testing/clients.js';
import {
  type Answer,
  answerJson,
  answerNever,
  exampleCredentials,
  exampleToken,
  fakeFetch,
  untilAborted,
} from './testing/fake-fetch.js';
import { createTokenSession } from './token-session.js';

const baseUrl = 'http://127.0.0.1:4010';
const accountId = '7d9f2c1e-5b8a-4c3d-9e6f-1a2b3c4d5e6f';
const account = { id: accountId, name: 'Everyday', currency: 'GBP' };
const unavailable = { error: 'UNAVAILABLE', errorId: 0, message: 'Try again later.', systemId: 'core' };
const payment = {
  body: {
    accountId,
    amount: { value: '25.00', currency: 'GBP' as const },
    beneficiary: { name: 'A. Smith', iban: 'GB33BUKB20201555555555' },
  },
};
const tokenRequest = {
  grant_type: 'client_credentials',
  client_id: 'partner-1',
  client_secret: 's3cret-Value',
} as const;

/** Retry timing that waits for nothing and records each wait; `random` is fixed so that the backoff is exact. */
function recordedTiming(random = 0.5, now = 1_000_000) {
  const waits: number[] = [];
  const timing: RetryTiming = { now: () => now, random: () => random, sleep: async (ms) => void waits.push(ms) };
  return { timing, waits };
}

const session = () => ({
  getAccessToken: async () => 'token-1',
  renewAccessToken: async (refused: string) => `${refused}-renewed`,
});

/** A fixture client on a fake wire, with the answers given in order (the last one repeated). */
function fixtureClient(answers: Answer[], options: { timing?: RetryTiming; maxRetries?: number } = {}) {
  const wire = fakeFetch((request, index) => (answers[index] ?? (answers.at(-1) as Answer))(request, index));
  const client = createClientFor<FixtureMethods>(fixtureDescriptors, {
    baseUrl,
    fetch: wire.fetch,
    session: session(),
    retryTiming: options.timing ?? recordedTiming().timing,
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  return { client, sent: wire.sent };
}

const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  () =>
    Response.json(unavailable, { status: code, headers });
const networkFailure: Answer = () =>
  Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }));
const ok = answerJson(200, account);

const getAccount = (client: FixtureMethods, options?: MethodOptions) =>
  client.getAccount({ params: { path: { accountId } } }, options);

describe('retries', () => {
  it.each<[string, { given: Answer[]; want: { attempts: number; outcome: 'resolves' | string } }]>([
    ['a network error before any answer', { given: [networkFailure, ok], want: { attempts: 2, outcome: 'resolves' } }],
    ['a 408', { given: [status(408), ok], want: { attempts: 2, outcome: 'resolves' } }],
    ['a 429', { given: [status(429), ok], want: { attempts: 2, outcome: 'resolves' } }],
    ['a 502', { given: [status(502), ok], want: { attempts: 2, outcome: 'resolves' } }],
    ['a 503', { given: [status(503), ok], want: { attempts: 2, outcome: 'resolves' } }],
    ['a 504', { given: [status(504), ok], want: { attempts: 2, outcome: 'resolves' } }],
    ['not a 500', { given: [status(500), ok], want: { attempts: 1, outcome: 'VaultApiError' } }],
    ['not a 400', { given: [status(400), ok], want: { attempts: 1, outcome: 'VaultApiError' } }],
    ['at most twice by default', { given: [status(503)], want: { attempts: 3, outcome: 'VaultApiError' } }],
    [
      'and a network error to the end',
      { given: [networkFailure], want: { attempts: 3, outcome: 'VaultNetworkError' } },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { client, sent } = fixtureClient(given);

    const outcome = await getAccount(client).catch((error: unknown) => error);

    expect(sent).toHaveLength(want.attempts);
    if (want.outcome === 'resolves') expect(outcome).toEqual(account);
    else expect(outcome).toMatchObject({ name: want.outcome, attempts: want.attempts });
  });

  it('says in the error how many attempts were made', async () => {
    const { client } = fixtureClient([status(503)]);

    const error = await getAccount(client).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(VaultApiError);
    expect((error as Error).message).toMatch(/\(3 attempts\)$/);
  });

  it.each<[string, { given: { random: number; maxRetries: number; retryAfter?: string }; want: number[] }]>([
    [
      'waits a random part of an exponential backoff',
      { given: { random: 0.5, maxRetries: 3 }, want: [250, 500, 1000] },
    ],
    [
      'caps the backoff at 8 s',
      { given: { random: 1 - Number.EPSILON, maxRetries: 6 }, want: [500, 1000, 2000, 4000, 8000, 8000] },
    ],
    ['waits nothing with a random 0 (full jitter)', { given: { random: 0, maxRetries: 2 }, want: [0, 0] }],
    ['waits the seconds of Retry-After', { given: { random: 0.5, maxRetries: 1, retryAfter: '3' }, want: [3000] }],
    [
      'waits until the date of Retry-After',
      { given: { random: 0.5, maxRetries: 1, retryAfter: new Date(1_005_000).toUTCString() }, want: [5000] },
    ],
    ['waits at most a minute', { given: { random: 0.5, maxRetries: 1, retryAfter: '3600' }, want: [maxRetryAfterMs] }],
    [
      'falls back to the backoff on a Retry-After it cannot read',
      { given: { random: 0.5, maxRetries: 1, retryAfter: 'soon' }, want: [250] },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { timing, waits } = recordedTiming(given.random);
    const headers = given.retryAfter === undefined ? {} : { 'Retry-After': given.retryAfter };
    const { client } = fixtureClient([status(503, headers)], { timing, maxRetries: given.maxRetries });

    await getAccount(client).catch(() => undefined);

    expect(waits).toEqual(want);
  });

  it('takes maxRetries from the call over the client', async () => {
    const { client, sent } = fixtureClient([status(503)], { maxRetries: 5 });

    await getAccount(client, { maxRetries: 0 }).catch(() => undefined);

    expect(sent).toHaveLength(1);
  });

  it('never retries a POST without an idempotency key, even before any answer', async () => {
    const { client, sent } = fixtureClient([networkFailure, ok]);

    const error = await client.issueToken({ body: tokenRequest }).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(VaultNetworkError);
    expect(sent).toHaveLength(1);
  });

  it("retries a POST with the caller's own idempotency key, and sends that key each time", async () => {
    const { client, sent } = fixtureClient([status(503), answerJson(201, { id: 'p1' })]);
    const key = '4c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

    await client.createPayment({ ...payment, params: { header: { 'Idempotency-Key': key } } });

    expect(sent.map((request) => request.headers['idempotency-key'])).toEqual([key, key]);
  });

  it('makes up a key for a call whose key is undefined', async () => {
    const { client, sent } = fixtureClient([answerJson(201, { id: 'p1' })]);

    await client.createPayment({
      ...payment,
      params: { header: { 'Idempotency-Key': undefined as unknown as string } },
    });

    expect(sent[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('times out after a retry, and says how many attempts were made', async () => {
    const wire = fakeFetch((request, index) =>
      index === 0 ? Response.json(unavailable, { status: 503 }) : answerNever(request),
    );
    const client = createClientFor<FixtureMethods>(fixtureDescriptors, {
      baseUrl,
      fetch: wire.fetch,
      session: session(),
      retryTiming: recordedTiming().timing,
      timeoutMs: 50,
    });

    const error = await getAccount(client).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect((error as Error).message).toBe('The Vault API did not answer within 50 ms (2 attempts)');
  });

  it('never retries confirmPhoneNumber, whose exchange has no idempotency key', async () => {
    const wire = fakeFetch(answerJson(503, unavailable));
    const vault = createVaultClient({ fetch: wire.fetch, retryTiming: recordedTiming().timing, maxRetries: 5 });

    await expect(vault.confirmPhoneNumber(exampleCredentials)).rejects.toBeInstanceOf(VaultApiError);
    expect(wire.sent).toHaveLength(1);
  });

  it('stops waiting when the call times out, and says so', async () => {
    const wire = fakeFetch(answerJson(503, unavailable));
    const client = createClientFor<FixtureMethods>(fixtureDescriptors, {
      baseUrl,
      fetch: wire.fetch,
      session: session(),
      retryTiming: {
        ...recordedTiming().timing,
        sleep: (_ms, signal) => untilAborted(signal),
      },
    });

    const error = await getAccount(client, { timeoutMs: 20 }).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 20, attempts: 1 });
    expect(wire.sent).toHaveLength(1);
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const timing: RetryTiming = {
      ...recordedTiming().timing,
      sleep: (_ms, signal) => {
        const waiting = untilAborted(signal);
        controller.abort();
        return waiting;
      },
    };
    const { client, sent } = fixtureClient([status(503)], { timing });

    await expect(getAccount(client, { signal: controller.signal })).rejects.toBeInstanceOf(VaultAbortError);
    expect(sent).toHaveLength(1);
  });
});

describe('the bearer token', () => {
  it('is renewed once after a 401, and the request sent again with the new one', async () => {
    const { client, sent } = fixtureClient([status(401), ok]);

    await expect(getAccount(client)).resolves.toEqual(account);

    expect(sent.map((request) => request.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1-renewed']);
  });

  it('is renewed only once: a second 401 is the answer', async () => {
    const { client, sent } = fixtureClient([status(401)]);

    await expect(getAccount(client)).rejects.toMatchObject({ kind: 'api', status: 401, attempts: 2 });
    expect(sent).toHaveLength(2);
  });

  it('is waited for no longer than the call may take', async () => {
    const wire = fakeFetch(ok);
    const client = createClientFor<FixtureMethods>(fixtureDescriptors, {
      baseUrl,
      fetch: wire.fetch,
      session: { getAccessToken: () => new Promise<string>(() => {}) },
    });

    await expect(getAccount(client, { timeoutMs: 30 })).rejects.toMatchObject({ kind: 'timeout', timeoutMs: 30 });
    expect(wire.sent).toEqual([]);
  });

  it('is not renewed past the timeout, which fired while the refused request was out', async () => {
    const client = createClientFor<FixtureMethods>(fixtureDescriptors, {
      baseUrl,
      // A server that answers 401 late, to a fetch that does not stop when the signal aborts.
      fetch: () =>
        new Promise<Response>((resolve) => setTimeout(() => resolve(Response.json(unavailable, { status: 401 })), 60)),
      session: { getAccessToken: async () => 'token-1', renewAccessToken: () => new Promise<string>(() => {}) },
    });

    await expect(getAccount(client, { timeoutMs: 20 })).rejects.toMatchObject({ kind: 'timeout', timeoutMs: 20 });
  });

  it("removes its listener from the caller's signal, which may outlive many calls", async () => {
    const { client } = fixtureClient([ok]);
    const controller = new AbortController();
    const added = vi.spyOn(controller.signal, 'addEventListener');
    const removed = vi.spyOn(controller.signal, 'removeEventListener');

    for (let call = 0; call < 3; call++) await getAccount(client, { signal: controller.signal });

    const ours = (spy: typeof added) => spy.mock.calls.filter(([, listener]) => String(listener).includes('stopped'));
    expect(ours(added)).toHaveLength(3);
    expect(ours(removed).map(([, listener]) => listener)).toEqual(ours(added).map(([, listener]) => listener));
  });

  it('that the session fails to give is a VaultInputError naming the session, whatever it threw', async () => {
    const client = createClientFor<FixtureMethods>(fixtureDescriptors, {
      baseUrl,
      fetch: fakeFetch(ok).fetch,
      session: { getAccessToken: () => Promise.reject(new TypeError('token store offline')) },
    });

    await expect(getAccount(client)).rejects.toMatchObject({
      kind: 'invalid-input',
      field: 'session',
      message: 'the session gave no token: token store offline',
    });
  });

  it('is not renewed when the session cannot renew it: the 401 is the answer', async () => {
    const wire = fakeFetch(answerJson(401, unavailable));
    const fixed = { getAccessToken: async () => 'fixed-token' };
    const client = createClientFor<FixtureMethods>(fixtureDescriptors, { baseUrl, fetch: wire.fetch, session: fixed });

    await expect(getAccount(client)).rejects.toMatchObject({ status: 401, attempts: 1 });
    expect(wire.sent.map((request) => request.headers.authorization)).toEqual(['Bearer fixed-token']);
  });

  it('is not sent, and a 401 not retried, without a session', async () => {
    const wire = fakeFetch(answerJson(401, unavailable));
    const client = createClientFor<FixtureMethods>(fixtureDescriptors, { baseUrl, fetch: wire.fetch });

    await expect(getAccount(client)).rejects.toMatchObject({ status: 401 });
    expect(wire.sent.map((request) => request.headers.authorization)).toEqual([undefined]);
  });

  it("comes from the client's own public operation without recursion", async () => {
    const wire = fakeFetch((request) =>
      request.url.endsWith('/v2/tokens')
        ? Response.json({ access_token: 'from-issueToken', token_type: 'bearer', expires_in: 60 })
        : Response.json(account),
    );
    const client: FixtureMethods = createClientFor<FixtureMethods>(fixtureDescriptors, {
      baseUrl,
      fetch: wire.fetch,
      session: {
        getAccessToken: async () => (await client.issueToken({ body: tokenRequest })).access_token,
        renewAccessToken: async () => 'unused',
      },
    });

    await getAccount(client);

    expect(wire.sent.map(({ url, headers }) => [url.slice(baseUrl.length), headers.authorization])).toEqual([
      ['/v2/tokens', undefined],
      [`/v2/accounts/${accountId}`, 'Bearer from-issueToken'],
    ]);
  });

  it('never asks a session whose client is this client for the token operation', async () => {
    const wire = fakeFetch(answerJson(200, exampleToken));
    let vault: VaultClient | undefined;
    const tokens = createTokenSession({
      client: {
        confirmPhoneNumber: (credentials, options) => (vault as VaultClient).confirmPhoneNumber(credentials, options),
      },
      ...exampleCredentials,
    });
    vault = createVaultClient({ fetch: wire.fetch, session: tokens });

    await expect(tokens.getAccessToken()).resolves.toBe(exampleToken.access_token);
    expect(wire.sent.map((request) => request.headers.authorization)).toEqual([undefined]);
  });
});

describe('answers', () => {
  const call = (descriptor: Partial<OperationDescriptor>, answer: Answer) => {
    const wire = fakeFetch(answer);
    const descriptors = { probe: { method: 'GET', path: '/v2/probe', ...descriptor } };
    const client = createClientFor<{ probe: () => Promise<unknown> }>(descriptors, { baseUrl, fetch: wire.fetch });
    return client.probe().catch((error: unknown) => error);
  };

  it.each<[string, { given: Answer; want: unknown }]>([
    ['a 204 is undefined', { given: () => new Response(null, { status: 204 }), want: undefined }],
    ['JSON is parsed', { given: answerJson(200, { a: 1 }), want: { a: 1 } }],
    [
      'a +json media type is parsed',
      {
        given: () => new Response('{"a":1}', { headers: { 'Content-Type': 'application/problem+json' } }),
        want: { a: 1 },
      },
    ],
    [
      'text is text',
      { given: () => new Response('a note', { headers: { 'Content-Type': 'text/plain' } }), want: 'a note' },
    ],
    [
      'an empty body that says no length (chunked) is undefined',
      {
        given: () => new Response('', { status: 201, headers: { 'Content-Type': 'application/json' } }),
        want: undefined,
      },
    ],
    [
      'a 204 is undefined whatever Content-Type it names',
      { given: () => new Response(null, { status: 204, headers: { 'Content-Type': 'text/plain' } }), want: undefined },
    ],
    [
      'bytes without any Content-Type are read as JSON',
      { given: () => new Response(new TextEncoder().encode('{"a":1}')), want: { a: 1 } },
    ],
    [
      'a body without Content-Type is read as JSON',
      { given: () => new Response('{"a":1}', { headers: { 'Content-Type': '' } }), want: { a: 1 } },
    ],
    [
      'JSON with parameters is parsed',
      {
        given: () => new Response('[1]', { headers: { 'Content-Type': 'Application/JSON ; charset=utf-8' } }),
        want: [1],
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    await expect(call({}, given)).resolves.toEqual(want);
  });

  it('a body cut short while it is read is a VaultNetworkError that says where the call went', async () => {
    const broken = new ReadableStream({
      pull: (controller) => controller.error(new Error('socket hang up')),
    });
    const error = await call({}, () => new Response(broken, { headers: { 'Content-Type': 'application/json' } }));

    expect(error).toBeInstanceOf(VaultNetworkError);
    expect(error).toMatchObject({ url: `${baseUrl}/v2/probe`, attempts: 1 });
    expect((error as Error).message).toContain('socket hang up');
  });

  it('anything else is a Blob of its bytes', async () => {
    const body = await call(
      {},
      () => new Response(new Uint8Array([1, 2, 255]), { headers: { 'Content-Type': 'application/pdf' } }),
    );

    expect(body).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await (body as Blob).arrayBuffer())]).toEqual([1, 2, 255]);
  });

  it('JSON that does not parse is a VaultResponseError that quotes nothing of a 2xx', async () => {
    const error = await call(
      {},
      () => new Response('{"token": "half', { headers: { 'Content-Type': 'application/json' } }),
    );

    expect(error).toBeInstanceOf(VaultResponseError);
    expect(error).toMatchObject({ status: 200, expected: 'body', bodyExcerpt: undefined, url: `${baseUrl}/v2/probe` });
  });

  it('an error that is no ErrorResponse is a VaultResponseError that quotes it', async () => {
    const error = await call(
      {},
      () => new Response('<html>Bad Gateway</html>', { status: 500, headers: { 'Content-Type': 'text/html' } }),
    );

    expect(error).toMatchObject({
      kind: 'invalid-response',
      status: 500,
      expected: 'ErrorResponse',
      bodyExcerpt: '<html>Bad Gateway</html>',
    });
  });

  it.each<
    [
      string,
      {
        given: { descriptor: Partial<OperationDescriptor>; headers: Record<string, string> };
        want: string | undefined;
      },
    ]
  >([
    ['X-Request-Id by default', { given: { descriptor: {}, headers: { 'X-Request-Id': 'req-1' } }, want: 'req-1' }],
    [
      'the header the spec documents',
      {
        given: {
          descriptor: { requestIdHeader: 'X-Correlation-Id' },
          headers: { 'X-Correlation-Id': 'corr-1', 'X-Request-Id': 'req-1' },
        },
        want: 'corr-1',
      },
    ],
    ['none without the header', { given: { descriptor: {}, headers: {} }, want: undefined }],
  ])('the request id: %s', async (_name, { given, want }) => {
    const error = await call(given.descriptor, () =>
      Response.json(unavailable, { status: 404, headers: given.headers }),
    );

    expect(error).toMatchObject({ kind: 'api', requestId: want });
    expect((error as Error).message.includes('request id')).toBe(want !== undefined);
  });
});

describe('request bodies, by the media type the operation declares', () => {
  const sentBy = async (mediaType: string, body: unknown) => {
    let received: Request | undefined;
    const descriptors = { probe: { method: 'POST', path: '/v2/probe', mediaType } };
    const client = createClientFor<{ probe: (input: object) => Promise<unknown> }>(descriptors, {
      baseUrl,
      fetch: async (request) => {
        received = request;
        return new Response(null, { status: 204 });
      },
    });
    await client.probe({ body });
    return received as Request;
  };

  it('a form with parameters of its media type is still form-encoded', async () => {
    const request = await sentBy('application/x-www-form-urlencoded; charset=utf-8', { a: '1 2', b: '+' });

    expect(await request.text()).toBe('a=1+2&b=%2B');
    expect(request.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded; charset=utf-8');
  });

  it('multipart from an object: files as files, strings as they are, arrays part by part, the rest as JSON', async () => {
    const file = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    const request = await sentBy('multipart/form-data; charset=utf-8', {
      file,
      kind: 'passport',
      tags: ['a', 'b'],
      meta: { n: 1 },
    });

    const parts = await request.formData();
    expect(request.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(await (parts.get('file') as Blob).text()).toBe('%PDF-1.7');
    expect(parts.get('kind')).toBe('passport');
    expect(parts.getAll('tags')).toEqual(['a', 'b']);
    expect(parts.get('meta')).toBe('{"n":1}');
  });

  it('a form with parameters of its media type through vault.api too', async () => {
    const wire = fakeFetch(() => new Response(null, { status: 204 }));
    const descriptors = {
      probe: { method: 'POST', path: '/v2/probe', mediaType: 'application/x-www-form-urlencoded; charset=utf-8' },
    };
    const client = createClientFor<object>(descriptors, { baseUrl, fetch: wire.fetch });

    await (client.api.POST as unknown as (path: string, init: object) => Promise<unknown>)('/v2/probe', {
      body: { a: '1 2' },
    });

    expect(wire.sent[0]).toMatchObject({
      body: 'a=1+2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  });

  it('a JSON variant as JSON, with its own media type', async () => {
    const request = await sentBy('application/merge-patch+json', { name: 'Savings', note: null });

    expect(request.headers.get('Content-Type')).toBe('application/merge-patch+json');
    expect(await request.json()).toEqual({ name: 'Savings', note: null });
  });

  it('a form or multipart field: once per item of an array, and not at all when undefined', async () => {
    const form = await sentBy('application/x-www-form-urlencoded', {
      tag: ['a', 'b'],
      left: undefined,
      n: 2,
      meta: { k: 1 },
    });
    const parts = await (await sentBy('multipart/form-data', { tag: ['a', 'b'], left: undefined })).formData();

    expect(await form.text()).toBe('tag=a&tag=b&n=2&meta=%7B%22k%22%3A1%7D');
    expect([...parts.keys()]).toEqual(['tag', 'tag']);
  });

  it.each<[string, { given: string; want: string }]>([
    ['text as declared', { given: 'text/plain', want: 'text/plain' }],
    ['bytes of a range as octet-stream', { given: 'image/*', want: 'application/octet-stream' }],
    ['any bytes as octet-stream', { given: '*/*', want: 'application/octet-stream' }],
  ])('%s, the body as given', async (_name, { given, want }) => {
    const request = await sentBy(given, 'raw body');

    expect(request.headers.get('Content-Type')).toBe(want);
    expect(await request.text()).toBe('raw body');
  });
});

describe('parameters openapi-fetch would not send as OpenAPI says', () => {
  it('sends the cookie parameters as one Cookie header, encoded', async () => {
    const wire = fakeFetch(() => new Response(null, { status: 204 }));
    const descriptors = { probe: { method: 'GET', path: '/v2/probe' } };
    const client = createClientFor<{ probe: (input: object) => Promise<unknown> }>(descriptors, {
      baseUrl,
      fetch: wire.fetch,
    });

    await client.probe({ params: { cookie: { session: 'a b', lang: 'en', gone: undefined, ids: ['1', '2'] } } });

    expect(wire.sent[0]?.headers.cookie).toBe('session=a%20b; lang=en; ids=1%2C2');
  });
});

describe('a request that cannot be made', () => {
  it('is a VaultInputError that says why, is not retried, and sends nothing', async () => {
    const { client, sent } = fixtureClient([ok]);

    const error = await client
      .createPayment({ body: { ...payment.body, amount: 10n as never } })
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(VaultInputError);
    expect(error).toMatchObject({ field: 'input' });
    expect((error as Error).message).toMatch(/^no request could be made from the input: .*BigInt/);
    expect(sent).toEqual([]);
  });
});

describe('where the errors say the call went', () => {
  const failing = (input: object) => {
    const descriptors = { probe: { method: 'GET', path: '/v2/accounts/{accountId}/notes/{noteId}' } };
    const client = createClientFor<{ probe: (input: object) => Promise<unknown> }>(descriptors, {
      baseUrl: `${baseUrl}/`,
      fetch: async (request) => networkFailure(request, 0),
      maxRetries: 0,
    });
    return client.probe(input).then(
      () => expect.unreachable('the call resolved'),
      (error: VaultNetworkError) => error,
    );
  };

  it('fills the path with the encoded values, and keeps the query out', async () => {
    const error = await failing({ params: { path: { accountId: 'a b', noteId: 7 }, query: { pin: '1234' } } });

    expect(error.url).toBe(`${baseUrl}/v2/accounts/a%20b/notes/7`);
  });

  it('keeps a template whose value is missing', async () => {
    const error = await failing({ params: { path: { accountId: 'a' } } });

    expect(error.url).toBe(`${baseUrl}/v2/accounts/a/notes/{noteId}`);
  });
});

describe('secrets the spec marks writeOnly or password', () => {
  const echo: Answer = async (request) => {
    const sent = `${request.url} ${await request.text()}`;
    return Response.json(
      { ...unavailable, message: `refused ${sent}`, originalMessage: sent, data: { sent: { text: sent } } },
      { status: 400 },
    );
  };

  it('leave no trace in the error, while the other fields stay', async () => {
    const { client } = fixtureClient([echo]);

    const error = await client.issueToken({ body: tokenRequest }).catch((thrown: unknown) => thrown);

    const everything = JSON.stringify(error) + String(error) + JSON.stringify((error as VaultApiError).body);
    expect(everything).not.toContain('s3cret');
    expect(everything).toContain('partner-1');
    expect((error as VaultApiError).body.originalMessage).toContain('client_secret=[REDACTED]');
  });

  it.each<[string, { given: object; want: { absent: RegExp; present: string } }]>([
    [
      'a number is one too',
      { given: { body: { pin: 8642, name: 'kept' } }, want: { absent: /8642/, present: 'kept' } },
    ],
    [
      'an item path over what is no array, or a field that is not there, finds nothing',
      { given: { body: { cards: { cvc: '975' }, other: 'kept' } }, want: { absent: /\[REDACTED\]/, present: '975' } },
    ],
    [
      'a secret object is secret all through',
      {
        given: { body: { pin: { user: 'u-591', codes: ['c-862', 7731] }, name: 'kept' } },
        want: { absent: /u-591|c-862|7731/, present: 'kept' },
      },
    ],
    [
      "they are found in parameters, nested bodies and array items, by the descriptor's paths",
      {
        given: { params: { query: { pin: '8642' } }, body: { cards: [{ cvc: '975', last4: '4242' }, { cvc: '531' }] } },
        want: { absent: /8642|975|531/, present: '4242' },
      },
    ],
    [
      'a path below a string or a boolean finds nothing',
      { given: { body: { cards: 'c-1234', pin: true } }, want: { absent: /\[REDACTED\]/, present: 'c-1234' } },
    ],
    [
      'a query secret of a call without parameters finds nothing',
      { given: { body: { name: 'kept' } }, want: { absent: /\[REDACTED\]/, present: 'kept' } },
    ],
  ])('%s', async (_name, { given, want }) => {
    const wire = fakeFetch(echo);
    const descriptors = {
      probe: {
        method: 'POST',
        path: '/v2/probe',
        secrets: [
          ['body', 'pin'],
          ['body', 'cards', '*', 'cvc'],
          ['query', 'pin'],
        ],
      },
    };
    const client = createClientFor<{ probe: (input: object) => Promise<unknown> }>(descriptors, {
      baseUrl,
      fetch: wire.fetch,
    });

    const text = JSON.stringify(await client.probe(given).catch((thrown: unknown) => thrown));

    expect(text).not.toMatch(want.absent);
    expect(text).toContain(want.present);
  });
});

/** What each refused input is told, by its field. */
const messages: Record<string, string> = {
  input: 'input must be an object such as { params: { path, query, header }, body }',
  options: 'options must be an object, such as { signal, timeoutMs }, or left out',
  signal: 'signal must be an AbortSignal, such as AbortSignal.timeout(5000)',
  timeoutMs: 'timeoutMs must be a number of milliseconds from 1 to 2147483647',
  maxRetries: 'maxRetries must be a whole number from 0 to 10',
  session: 'session must be a token session, such as createTokenSession({ ... })',
  retryTiming: 'retryTiming must have the functions now, random and sleep',
};

describe('secrets outside the body', () => {
  const echoAll: Answer = async (request) =>
    Response.json(
      {
        ...unavailable,
        originalMessage: `${request.url} ${[...request.headers].map(([name, value]) => `${name}=${value}`).join(' ')}`,
        data: { echoed: { pin: 8642 } },
      },
      { status: 400 },
    );
  const probe = (descriptor: Partial<OperationDescriptor>, input: object) => {
    const descriptors = { probe: { method: 'GET', path: '/v2/links/{token}', ...descriptor } };
    const client = createClientFor<{ probe: (input: object) => Promise<unknown> }>(descriptors, {
      baseUrl,
      fetch: fakeFetch(echoAll).fetch,
      session: { getAccessToken: async () => 'bearer-7f3a' },
      maxRetries: 0,
    });
    return client.probe(input).catch((thrown: unknown) => JSON.stringify(thrown) + String(thrown));
  };

  it.each<[string, { given: { descriptor: Partial<OperationDescriptor>; input: object }; want: RegExp }]>([
    [
      'a header, however the call spells its name',
      {
        given: {
          descriptor: { secrets: [['header', 'X-Api-Key']] },
          input: { params: { header: { 'x-api-key': 'k-5150' } } },
        },
        want: /k-5150/,
      },
    ],
    [
      'a path parameter, in the URL the error names too',
      {
        given: { descriptor: { secrets: [['path', 'token']] }, input: { params: { path: { token: 't-2718' } } } },
        want: /t-2718/,
      },
    ],
    [
      'a number that the server echoes as a number',
      {
        given: { descriptor: { secrets: [['body', 'pin']], method: 'POST' }, input: { body: { pin: 8642 } } },
        want: /8642/,
      },
    ],
    ['the bearer token the client sent', { given: { descriptor: { bearer: true }, input: {} }, want: /bearer-7f3a/ }],
  ])('%s', async (_name, { given, want }) => {
    expect(await probe(given.descriptor, given.input)).not.toMatch(want);
  });

  it('leave the other parameters of the same place as they are', async () => {
    const error = await probe(
      { secrets: [['header', 'X-Api-Key']] },
      { params: { header: { 'x-api-key': 'k-5150', 'X-Trace': 'trace-4242' }, query: { 'X-Api-Key': 'q-77' } } },
    );

    expect(error).not.toMatch(/k-5150/);
    expect(error).toContain('trace-4242');
    expect(error).toContain('q-77');
  });
});

describe('bad input', () => {
  it.each<[string, { given: (client: FixtureMethods) => Promise<unknown>; want: string }]>([
    ['input that is no object', { given: (client) => client.getAccount(null as never), want: 'input' }],
    ['params that are no object', { given: (client) => client.getAccount({ params: 'x' } as never), want: 'input' }],
    ['options that are no object', { given: (client) => client.listAccounts({}, null as never), want: 'options' }],
    [
      'a signal that is no AbortSignal',
      { given: (client) => client.listAccounts({}, { signal: {} as never }), want: 'signal' },
    ],
    ['a timeout of 0', { given: (client) => client.listAccounts({}, { timeoutMs: 0 }), want: 'timeoutMs' }],
    [
      'a fractional maxRetries',
      { given: (client) => client.listAccounts({}, { maxRetries: 1.5 }), want: 'maxRetries' },
    ],
    ['a negative maxRetries', { given: (client) => client.listAccounts({}, { maxRetries: -1 }), want: 'maxRetries' }],
    ['more than 10 retries', { given: (client) => client.listAccounts({}, { maxRetries: 11 }), want: 'maxRetries' }],
  ])('%s is a VaultInputError, and nothing is sent', async (_name, { given, want }) => {
    const { client, sent } = fixtureClient([ok]);

    await expect(given(client)).rejects.toMatchObject({ kind: 'invalid-input', field: want, message: messages[want] });
    expect(sent).toEqual([]);
  });

  it('takes up to 10 retries', async () => {
    const { client, sent } = fixtureClient([status(503), ok]);

    await expect(client.listAccounts({}, { maxRetries: 10 })).resolves.toBeDefined();
    expect(sent).toHaveLength(2);
  });

  it.each<[string, { given: object; want: string }]>([
    ['a session without getAccessToken', { given: { session: {} }, want: 'session' }],
    ['a session of null', { given: { session: null }, want: 'session' }],
    ['retry timing of null', { given: { retryTiming: null }, want: 'retryTiming' }],
    ['a maxRetries that is no whole number', { given: { maxRetries: '2' }, want: 'maxRetries' }],
    [
      'retry timing without sleep',
      { given: { retryTiming: { now: Date.now, random: Math.random } }, want: 'retryTiming' },
    ],
  ])('a client with %s is refused', (_name, { given, want }) => {
    expect(() => createVaultClient(given as never)).toThrow(VaultInputError);
    expect(() => createVaultClient(given as never)).toThrow(
      expect.objectContaining({ field: want, message: messages[want] }),
    );
  });
});
