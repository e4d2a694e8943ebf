// The published client against the published mock, for every operation of every spec under test: the client's
// encoding meets the mock's validation of each request, so a request the client encodes wrongly (a JSON body, a
// missing header, a `+` left as is) gets a 4xx that is not the documented answer.
import { createTokenSession, createVaultClient, defaultMerchantId, VaultApiError } from '@vault/client';
import { clientsUnderTest, createClientFor } from '@vault/client/fixture';
import { startMock } from '@vault/mock';
import { operations } from '@vault/spec/document';
import { exampleRequest, exampleValues, fetchInput } from '@vault/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';

const exampleCredentials = { number: '+447871239999', password: '1234Qwerty' };

/** A fetch that sends each request on and keeps what was sent. */
function recordingFetch() {
  const sent: { headers: Record<string, string>; body: string }[] = [];
  const send = async (request: Request) => {
    sent.push({ headers: Object.fromEntries(request.headers), body: await request.clone().text() });
    return fetch(request);
  };
  return { fetch: send, sent };
}

describe.each(clientsUnderTest().map((spec) => [spec.name, spec] as const))(
  'every operation of the %s spec, by its method, against the mock of that spec',
  (_name, { file, document, descriptors }) => {
    let baseUrl = '';
    beforeAll(async () => {
      const mock = await startMock({ port: 0, host: '127.0.0.1', spec: file });
      baseUrl = mock.url;
      return () => mock.close();
    });
    const session = { getAccessToken: async () => 'example-token', renewAccessToken: async () => 'example-token' };

    it.each(operations(document).map((entry) => [String(entry.operation.operationId), entry] as const))(
      '%s sends its example and gets its documented success',
      async (operationId, entry) => {
        const wire = recordingFetch();
        const { success, headers } = exampleRequest(document, entry);
        // Credentials of other schemes (Basic, an API key) are the caller's to set on the client, as a user would.
        const { Authorization = '' } = headers;
        const client = createClientFor<Record<string, (input: object) => Promise<unknown>>>(descriptors, {
          baseUrl,
          fetch: wire.fetch,
          session,
          headers: Authorization === '' || Authorization.startsWith('Bearer ') ? {} : { Authorization },
        });

        const body = await client[operationId]?.(fetchInput(exampleValues(document, entry)));

        expect(wire.sent).toHaveLength(1);
        if (success === '204') expect(body).toBeUndefined();
        else expect(body).toBeDefined();
      },
    );
  },
);

describe('against the Prism mock of the spec', () => {
  let baseUrl = '';
  beforeAll(async () => {
    const mock = await startMock({ port: 0, host: '127.0.0.1' });
    baseUrl = mock.url;
    return () => mock.close();
  });

  it('gets the documented token for the example credentials', async () => {
    const token = await createVaultClient({ baseUrl }).confirmPhoneNumber(exampleCredentials);

    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 86399 });
  });

  it.each<[string, { given: { password: string; headers?: Record<string, string> }; want: Record<string, unknown> }]>([
    [
      'a wrong password (a documented test input) is a VaultApiError naming the field',
      {
        given: { password: 'wrong-password' },
        want: { status: 400, body: { error: 'INVALID_CREDENTIALS', field: 'password' } },
      },
    ],
    [
      'a 400 asked for with Prefer is a VaultApiError with its ErrorResponse',
      {
        given: { password: exampleCredentials.password, headers: { Prefer: 'code=400, example=validation' } },
        want: { status: 400, body: { error: 'VALIDATION', field: 'number' } },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const client = createVaultClient({ baseUrl, headers: given.headers ?? {} });

    const error = await client
      .confirmPhoneNumber({ ...exampleCredentials, password: given.password })
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(VaultApiError);
    expect(error).toMatchObject(want);
  });

  it('answers a plain vault.api.POST, which sends the form and the merchant id by itself', async () => {
    const wire = recordingFetch();
    const vault = createVaultClient({ baseUrl, fetch: wire.fetch });

    const { data, response } = await vault.api.POST('/v2/mobile/phone/confirm', {
      body: { grant_type: 'mobile_phone', ...exampleCredentials },
    });

    expect(response.status).toBe(200);
    expect(data).toMatchObject({ token_type: 'bearer' });
    expect(wire.sent).toMatchObject([
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-merchant-id': defaultMerchantId },
        body: 'grant_type=mobile_phone&number=%2B447871239999&password=1234Qwerty',
      },
    ]);
  });

  it.each<[string, { given: { password: string; prefer: string }; want: Record<string, unknown> }]>([
    [
      "the password x leaves COMMON's message whole",
      {
        given: { password: 'x', prefer: 'code=400, example=common' },
        want: { error: 'COMMON', message: expect.stringContaining("We're fixing the issue") },
      },
    ],
    [
      'the password "password" leaves the field that names it',
      {
        given: { password: 'password', prefer: 'code=400, example=rejectedPassword' },
        want: { field: 'password', message: 'The phone number or the password is wrong.' },
      },
    ],
    [
      'the password "number" leaves the words of a VALIDATION message',
      {
        given: { password: 'number', prefer: 'code=400, example=validation' },
        want: { field: 'number', message: expect.stringMatching(/^number must be a phone number/) },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const client = createVaultClient({ baseUrl, headers: { Prefer: given.prefer } });

    const error = await client
      .confirmPhoneNumber({ ...exampleCredentials, password: given.password })
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(VaultApiError);
    expect(error).toMatchObject({ body: want });
  });

  it('gives a token session its token', async () => {
    const session = createTokenSession({ client: createVaultClient({ baseUrl }), ...exampleCredentials });

    await expect(session.getAccessToken()).resolves.toMatch(/^eyJ/);
  });
});
