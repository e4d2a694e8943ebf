import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { createVaultClient } from './client.js';
import { VaultApiError, VaultInputError } from './errors.js';
import { fixtureDescriptors } from './testing/clients.js';
import {
  type Answer,
  answerJson,
  exampleCredentials,
  exampleToken,
  fakeFetch,
  heldAnswer,
} from './testing/fake-fetch.js';
import { createTokenSession, publicOperationsOf, type TokenSessionOptions } from './token-session.js';

const startOfTest = Date.UTC(2026, 0, 1);
const oneHour = 3600;

/** A token endpoint that issues `token-0`, `token-1`, ... valid for `expires_in` seconds. */
function tokenEndpoint(expires_in = oneHour) {
  return fakeFetch((_request, index) => Response.json({ ...exampleToken, access_token: `token-${index}`, expires_in }));
}

/** A session on a fake token endpoint, with a clock the test moves. */
function sessionWithClock(
  endpoint = tokenEndpoint(),
  options: Partial<TokenSessionOptions> = {},
  clock = { now: startOfTest },
) {
  const session = createTokenSession({
    client: createVaultClient({ fetch: endpoint.fetch }),
    ...exampleCredentials,
    now: () => clock.now,
    ...options,
  });
  return { session, clock, tokenRequests: endpoint.sent };
}

describe('getAccessToken', () => {
  it.each<
    [
      string,
      {
        given: { options?: { skewSeconds: number }; lifetime?: number; secondsLater: number };
        want: { token: string; requests: number };
      },
    ]
  >([
    [
      'keeps the token until the default skew of 30 s before expiry',
      { given: { secondsLater: 3569 }, want: { token: 'token-0', requests: 1 } },
    ],
    [
      'renews it 30 s before expiry by default',
      { given: { secondsLater: 3570 }, want: { token: 'token-1', requests: 2 } },
    ],
    [
      'keeps it until expiry with no skew',
      { given: { options: { skewSeconds: 0 }, secondsLater: 3599 }, want: { token: 'token-0', requests: 1 } },
    ],
    [
      'renews it at expiry with no skew',
      { given: { options: { skewSeconds: 0 }, secondsLater: 3600 }, want: { token: 'token-1', requests: 2 } },
    ],
    [
      'renews it earlier with a larger skew',
      { given: { options: { skewSeconds: 600 }, secondsLater: 3000 }, want: { token: 'token-1', requests: 2 } },
    ],
    [
      'keeps a token shorter-lived than twice the skew for half its life',
      { given: { lifetime: 20, secondsLater: 9 }, want: { token: 'token-0', requests: 1 } },
    ],
    [
      'renews a token shorter-lived than twice the skew at half its life',
      { given: { lifetime: 20, secondsLater: 10 }, want: { token: 'token-1', requests: 2 } },
    ],
  ])('%s', async (_name, { given, want }) => {
    const { session, clock, tokenRequests } = sessionWithClock(tokenEndpoint(given.lifetime), given.options);

    await expect(session.getAccessToken()).resolves.toBe('token-0');
    clock.now += given.secondsLater * 1000;

    await expect(session.getAccessToken()).resolves.toBe(want.token);
    expect(tokenRequests).toHaveLength(want.requests);
  });

  it('counts the lifetime from when the token was requested, not from when it arrived', async () => {
    const clock = { now: startOfTest };
    const endpoint = fakeFetch((_request, index) => {
      clock.now += 10_000; // the answer takes 10 s
      return Response.json({ ...exampleToken, access_token: `token-${index}`, expires_in: oneHour });
    });
    const { session } = sessionWithClock(endpoint, { skewSeconds: 0 }, clock);

    await session.getAccessToken();
    clock.now = startOfTest + oneHour * 1000;

    await expect(session.getAccessToken()).resolves.toBe('token-1');
  });

  it('makes one request for concurrent callers', async () => {
    const answer = heldAnswer();
    const endpoint = fakeFetch(() => answer.promise);
    const { session } = sessionWithClock(endpoint);

    const tokens = Promise.all(Array.from({ length: 5 }, () => session.getAccessToken()));
    answer.release(Response.json(exampleToken));

    await expect(tokens).resolves.toEqual(Array(5).fill(exampleToken.access_token));
    expect(endpoint.sent).toHaveLength(1);
  });

  it('rejects every concurrent caller when the request fails, and does not keep the failure', async () => {
    const failure = heldAnswer();
    const endpoint = fakeFetch((_request, index) =>
      index === 0 ? failure.promise : Response.json({ ...exampleToken, access_token: 'token-1' }),
    );
    const { session } = sessionWithClock(endpoint);

    const attempts = Array.from({ length: 3 }, () => session.getAccessToken());
    failure.release(Response.json({ error: 'COMMON', errorId: 0, message: 'down', systemId: 'core' }, { status: 503 }));
    for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(VaultApiError);

    await expect(session.getAccessToken()).resolves.toBe('token-1');
    expect(endpoint.sent).toHaveLength(2);
  });

  const withSkew = (skewSeconds: number) => ({
    given: { client: createVaultClient(), ...exampleCredentials, skewSeconds },
    want: { field: 'skewSeconds', message: 'skewSeconds must be a finite number of seconds, 0 or more' },
  });
  const clientMessage = 'client must be a Vault client, such as createVaultClient()';

  it.each<[string, { given: unknown; want: { field: string; message: string } }]>([
    [
      'no options, from plain JS',
      {
        given: undefined,
        want: { field: 'options', message: 'createTokenSession takes an options object: { client, number, password }' },
      },
    ],
    [
      'no client, from plain JS',
      { given: { ...exampleCredentials }, want: { field: 'client', message: clientMessage } },
    ],
    [
      'a client without confirmPhoneNumber, from plain JS',
      { given: { client: {}, ...exampleCredentials }, want: { field: 'client', message: clientMessage } },
    ],
    [
      'a clock that is not a function, from plain JS',
      {
        given: { client: createVaultClient(), ...exampleCredentials, now: 0 },
        want: { field: 'now', message: 'now must be a function that returns milliseconds since the epoch' },
      },
    ],
    ['a negative skewSeconds', withSkew(-1)],
    ['a skewSeconds of NaN', withSkew(Number.NaN)],
    ['an infinite skewSeconds', withSkew(Number.POSITIVE_INFINITY)],
  ])('refuses %s with a VaultInputError', (_name, { given, want }) => {
    const create = createTokenSession as (options: unknown) => unknown;

    expect(() => create(given)).toThrow(VaultInputError);
    expect(() => create(given)).toThrow(
      expect.objectContaining({ name: 'VaultInputError', kind: 'invalid-input', ...want }),
    );
  });
});

/** A protected Vault resource, typed as openapi-typescript would generate it. */
interface NotesPaths {
  '/v2/notes': {
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': { text: string } } };
      responses: {
        201: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string } } };
        401: { headers: { [name: string]: unknown }; content?: never };
      };
    };
  };
}

/**
 * A protected resource that accepts only the tokens in `accepted`, answering any other with `refused` (a 401 by
 * default), and the session its client uses.
 */
function protectedResource(
  accepted: string[],
  {
    endpoint = tokenEndpoint(),
    refused = () => new Response(null, { status: 401 }),
  }: { endpoint?: ReturnType<typeof fakeFetch>; refused?: Answer } = {},
) {
  const { session, tokenRequests } = sessionWithClock(endpoint);
  const resource = fakeFetch((request, index) =>
    accepted.some((token) => request.headers.get('Authorization') === `Bearer ${token}`)
      ? Response.json({ id: 'note-1' }, { status: 201 })
      : refused(request, index),
  );
  const notes = createClient<NotesPaths>({ baseUrl: 'https://notes.vault.test', fetch: resource.fetch });
  notes.use(session.middleware);
  return { notes, session, tokenRequests, resourceRequests: resource.sent };
}

describe('middleware', () => {
  it('sends the kept token as a bearer token', async () => {
    const { notes, tokenRequests, resourceRequests } = protectedResource(['token-0']);

    await notes.POST('/v2/notes', { body: { text: 'one' } });
    const { data } = await notes.POST('/v2/notes', { body: { text: 'two' } });

    expect(data).toEqual({ id: 'note-1' });
    expect(resourceRequests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-0',
      'Bearer token-0',
    ]);
    expect(tokenRequests).toHaveLength(1);
  });

  it('on a 401, gets a new token and retries the same request once', async () => {
    const { notes, tokenRequests, resourceRequests } = protectedResource(['token-1']);

    const { data, response } = await notes.POST('/v2/notes', { body: { text: 'one' } });

    expect(response.status).toBe(201);
    expect(data).toEqual({ id: 'note-1' });
    expect(resourceRequests).toEqual([
      expect.objectContaining({
        method: 'POST',
        body: '{"text":"one"}',
        headers: expect.objectContaining({ authorization: 'Bearer token-0' }),
      }),
      expect.objectContaining({
        method: 'POST',
        body: '{"text":"one"}',
        headers: expect.objectContaining({ authorization: 'Bearer token-1' }),
      }),
    ]);
    expect(tokenRequests).toHaveLength(2);
  });

  it('retries only once when the new token is refused too', async () => {
    const { notes, tokenRequests, resourceRequests } = protectedResource([]);

    const { response } = await notes.POST('/v2/notes', { body: { text: 'one' } });

    expect(response.status).toBe(401);
    expect(resourceRequests).toHaveLength(2);
    expect(tokenRequests).toHaveLength(2);
  });

  it('renews once for concurrent requests refused with the same token', async () => {
    const { notes, tokenRequests, resourceRequests } = protectedResource(['token-1']);

    const results = await Promise.all([1, 2, 3].map((n) => notes.POST('/v2/notes', { body: { text: `${n}` } })));

    expect(results.map(({ response }) => response.status)).toEqual([201, 201, 201]);
    expect(resourceRequests).toHaveLength(6);
    expect(tokenRequests).toHaveLength(2);
  });

  it.each([403, 500])('does not renew the token nor retry after a %s, only after a 401', async (status) => {
    const { notes, tokenRequests, resourceRequests } = protectedResource([], {
      refused: () => new Response(null, { status }),
    });

    const { response } = await notes.POST('/v2/notes', { body: { text: 'one' } });

    expect(response.status).toBe(status);
    expect(resourceRequests).toHaveLength(1);
    expect(tokenRequests).toHaveLength(1);
  });

  it('retries a late 401 with the token that another request has renewed meanwhile, not a third one', async () => {
    const late = heldAnswer();
    const { notes, tokenRequests, resourceRequests } = protectedResource(['token-1'], {
      // The request `one` is refused at once and renews the token; `two` is refused with the old token afterwards.
      refused: async (request) =>
        (await request.clone().text()).includes('one') ? new Response(null, { status: 401 }) : late.promise,
    });

    const two = notes.POST('/v2/notes', { body: { text: 'two' } });
    await expect(notes.POST('/v2/notes', { body: { text: 'one' } })).resolves.toMatchObject({ data: { id: 'note-1' } });
    late.release(new Response(null, { status: 401 }));

    await expect(two).resolves.toMatchObject({ data: { id: 'note-1' } });
    expect(tokenRequests).toHaveLength(2);
    expect(resourceRequests.map(({ body, headers }) => `${body} ${headers.authorization}`).sort()).toEqual([
      '{"text":"one"} Bearer token-0',
      '{"text":"one"} Bearer token-1',
      '{"text":"two"} Bearer token-0',
      '{"text":"two"} Bearer token-1',
    ]);
  });

  it('leaves a 401 of the public token call to the client when registered on the Vault client itself', async () => {
    const endpoint = fakeFetch(answerJson(401, { error: 'UNAUTHORIZED', errorId: 3, message: 'no', systemId: 'core' }));
    const client = createVaultClient({ fetch: endpoint.fetch });
    const session = createTokenSession({ client, ...exampleCredentials });
    client.api.use(session.middleware);

    await expect(session.getAccessToken()).rejects.toMatchObject({ kind: 'api', status: 401 });
    expect(endpoint.sent).toHaveLength(1);
  });

  it('leaves the public token call alone when registered on the Vault client itself', async () => {
    const endpoint = tokenEndpoint();
    const client = createVaultClient({ fetch: endpoint.fetch });
    const session = createTokenSession({ client, ...exampleCredentials });
    client.api.use(session.middleware);

    await expect(session.getAccessToken()).resolves.toBe('token-0');
    expect(endpoint.sent[0]?.headers).not.toHaveProperty('authorization');
  });

  it('rejects the resource call with the VaultError when no token can be obtained', async () => {
    const refusing = fakeFetch(answerJson(400, { error: 'AUTH', errorId: 2, message: 'no', systemId: 'core' }));
    const { notes, resourceRequests } = protectedResource(['token-0'], { endpoint: refusing });

    await expect(notes.POST('/v2/notes', { body: { text: 'one' } })).rejects.toBeInstanceOf(VaultApiError);
    expect(resourceRequests).toEqual([]);
  });
});

describe('publicOperationsOf', () => {
  it('lists the operations that ask for no token, by method and path', () => {
    expect([...publicOperationsOf(fixtureDescriptors)]).toEqual(
      Object.values(fixtureDescriptors)
        .filter((descriptor) => !('bearer' in descriptor))
        .map(({ method, path }) => `${method} ${path}`),
    );
    expect(publicOperationsOf(fixtureDescriptors).size).toBeLessThan(Object.keys(fixtureDescriptors).length);
    expect(publicOperationsOf(fixtureDescriptors).size).toBeGreaterThan(0);
  });
});
