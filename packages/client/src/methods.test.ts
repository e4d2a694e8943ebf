// Every operation of each spec under test gets a method with the client's guarantees; these tests walk the operations,
// so they hold for any operation the spec adds, and name none.
import { type Json, type JsonObject, operations, resolve } from '@vault/spec/document';
import {
  bodyContent,
  exampleRequest,
  exampleValues,
  fetchInput,
  type Operation,
  parametersOf,
  sampleOf,
} from '@vault/test-fixtures';
import { describe, expect, it } from 'vitest';
import { createClientFor } from './client.js';
import { VaultError } from './errors.js';
import type { AccessTokenSource } from './operation-call.js';
import type { MethodOptions } from './operation-types.js';
import { clientsUnderTest } from './testing/clients.js';
import { type Answer, fakeFetch, type SentRequest } from './testing/fake-fetch.js';

const baseUrl = 'http://127.0.0.1:4010';
const idempotentMethods = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE'];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const noWait = { now: () => 0, random: () => 0, sleep: async () => {} };

type Method = (input?: object, options?: MethodOptions) => Promise<unknown>;

interface Case {
  operationId: string;
  document: JsonObject;
  entry: Operation;
  descriptors: Parameters<typeof createClientFor>[0];
}

const cases: [string, Case][] = clientsUnderTest().flatMap(({ name, document, descriptors }) =>
  operations(document).map((entry): [string, Case] => {
    const operationId = String(entry.operation.operationId);
    return [`${name}: ${operationId}`, { operationId, document, entry, descriptors }];
  }),
);

/** A session that hands out `token-1`, `token-2`, ... and counts what it was asked. */
function countingSession() {
  const asked = { get: 0, renew: 0 };
  const session: AccessTokenSource = {
    getAccessToken: async () => `token-${++asked.get}`,
    renewAccessToken: async () => `token-${++asked.get + asked.renew++}`,
  };
  return { session, asked };
}

/** The operation's lowest documented 2xx, with a body from its schema's example (or none for a 204). */
function documentedSuccess({ document, entry }: Case): { status: number; body: Json | undefined } {
  const { success } = exampleRequest(document, entry);
  const response = resolve(document, (entry.operation.responses as JsonObject)[success]) as JsonObject | undefined;
  const media = resolve(document, (response?.content as JsonObject | undefined)?.['application/json']) as
    | JsonObject
    | undefined;
  return { status: Number(success), body: media === undefined ? undefined : sampleOf(document, media.schema) };
}

const answerOf = ({ status, body }: { status: number; body: Json | undefined }): Response =>
  body === undefined ? new Response(null, { status }) : Response.json(body, { status });

const serviceUnavailable = () =>
  Response.json({ error: 'UNAVAILABLE', errorId: 0, message: 'Try again later.', systemId: 'core' }, { status: 503 });

function methodOf({ descriptors, operationId }: Case, answer: Answer, session = countingSession().session) {
  const wire = fakeFetch(answer);
  const client = createClientFor<Record<string, Method>>(descriptors, {
    baseUrl,
    fetch: wire.fetch,
    session,
    retryTiming: noWait,
  });
  return { call: client[operationId] as Method, sent: wire.sent };
}

const headerOf = (sent: SentRequest | undefined, name: string) => sent?.headers[name.toLowerCase()];

describe.each(cases)('%s', (_name, test) => {
  const { document, entry } = test;
  const values = exampleValues(document, entry);
  const documented = exampleRequest(document, entry);
  const success = documentedSuccess(test);
  const declaresIdempotencyKey = parametersOf(document, entry).some(
    ({ in: place, name }) => place === 'header' && /^idempotency-key$/i.test(String(name)),
  );

  it('sends the example request as the spec documents it, and resolves with the documented success body', async () => {
    const { call, sent } = methodOf(test, () => answerOf(success));

    await expect(call(fetchInput(values))).resolves.toEqual(success.body);

    const [request] = sent;
    expect(request?.method).toBe(documented.method);
    expect(request?.url).toBe(`${baseUrl}${documented.target}`);
    for (const [name, value] of Object.entries(documented.headers)) {
      if (name === 'Authorization' || name === 'Content-Type') continue;
      expect(headerOf(request, name), name).toBe(value);
    }
    const declared = bodyContent(document, entry)?.declared;
    if (declared === undefined) expect(request?.body).toBe('');
    else if (/json/.test(declared)) expect(JSON.parse(request?.body ?? '')).toEqual(JSON.parse(documented.body ?? ''));
    else if (/^multipart\//.test(declared))
      expect(headerOf(request, 'Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    else expect([headerOf(request, 'Content-Type'), request?.body]).toEqual([declared, documented.body]);
  });

  it('sends the bearer token when its security asks for one, and never asks the session otherwise', async () => {
    const { session, asked } = countingSession();
    const { call, sent } = methodOf(test, () => answerOf(success), session);
    const needsBearer = documented.headers.Authorization?.startsWith('Bearer ') === true;

    await call(fetchInput(values));

    expect(headerOf(sent[0], 'Authorization')).toBe(needsBearer ? 'Bearer token-1' : undefined);
    expect(asked.get).toBe(needsBearer ? 1 : 0);
  });

  it('retries a 503 only when its method is idempotent or it carries an idempotency key', async () => {
    const retried = idempotentMethods.includes(documented.method) || declaresIdempotencyKey;
    const { call, sent } = methodOf(test, (_request, index) =>
      index === 0 ? serviceUnavailable() : answerOf(success),
    );

    const outcome = await call(fetchInput(values)).catch((error: unknown) => error);

    if (retried) expect(outcome).toEqual(success.body);
    else expect(outcome).toMatchObject({ kind: 'api', status: 503, attempts: 1 });
    expect(sent).toHaveLength(retried ? 2 : 1);
  });

  it.runIf(declaresIdempotencyKey)('makes up one idempotency key for a call and its retries', async () => {
    const { params, ...rest } = fetchInput(values);
    const header = Object.fromEntries(
      Object.entries(params.header ?? {}).filter(([name]) => !/^idempotency-key$/i.test(name)),
    );
    const { call, sent } = methodOf(test, (_request, index) => (index < 2 ? serviceUnavailable() : answerOf(success)));

    await call({ ...rest, params: { ...params, header } });

    const keys = sent.map((request) => headerOf(request, 'Idempotency-Key'));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(uuid);
  });

  it('rejects a documented error status with a VaultError that carries the status and the request id', async () => {
    const { call } = methodOf(test, () =>
      Response.json(
        { error: 'NOT_FOUND', errorId: 3, message: 'Nothing is there.', systemId: 'core' },
        { status: 404, headers: { 'X-Request-Id': 'req-404' } },
      ),
    );

    const error = await call(fetchInput(values)).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ kind: 'api', status: 404, requestId: 'req-404' });
    expect((error as Error).message).toContain('request id req-404');
  });
});
