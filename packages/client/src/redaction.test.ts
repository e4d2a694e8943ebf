import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createVaultClient, type VaultClientOptions } from './client.js';
import { type Answer, answerJson, answerNever, fakeFetch } from './testing/fake-fetch.js';
import { createTokenSession } from './token-session.js';

// Characters that percent- and form-encoding change, so that each encoded form is searched for too.
const password = 'S3cret pass+word/&1';
const passwordForms = [
  password,
  encodeURIComponent(password),
  new URLSearchParams({ p: password }).toString().slice(2),
];
const credentials = { number: '+447871239999', password };
const sentForm = new URLSearchParams({ grant_type: 'mobile_phone', ...credentials }).toString();

/** Every way an error gets printed or shipped: its text, JSON, util.inspect, and each cause's text and stack. */
function renderings(error: unknown): string[] {
  const texts = [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    texts.push(cause.message, String(cause.stack), JSON.stringify(cause));
  }
  return texts;
}

function passwordFormsIn(error: unknown): string[] {
  const texts = renderings(error);
  return passwordForms.filter((form) => texts.some((text) => text.includes(form)));
}

async function errorOf(answer: Answer, options: { client?: VaultClientOptions; number?: string } = {}) {
  const client = createVaultClient({ ...options.client, fetch: fakeFetch(answer).fetch });
  return client.confirmPhoneNumber({ ...credentials, number: options.number ?? credentials.number }).then(
    () => expect.unreachable('the call succeeded'),
    (error: unknown) => error,
  );
}

describe('no error holds the password', () => {
  it('finds the password, in each form, in an error that holds it', () => {
    const leaky = new Error(`rejected ${password}`, {
      cause: { body: sentForm, url: `https://vault.test/?p=${encodeURIComponent(password)}` },
    });

    expect(passwordFormsIn(leaky)).toEqual(passwordForms);
  });

  it.each<[string, { given: () => Promise<unknown>; want: { kind: string } }]>([
    [
      'an ErrorResponse that echoes the password in its fields',
      {
        given: () =>
          errorOf(
            answerJson(400, {
              error: 'AUTH',
              errorId: 2,
              message: `wrong password ${password}`,
              systemId: 'core',
              originalMessage: `could not parse ${sentForm}`,
              data: { request: { password, encoded: encodeURIComponent(password) } },
            }),
          ),
        want: { kind: 'api' },
      },
    ],
    [
      'a body that is not JSON and echoes the form',
      {
        given: () => errorOf(() => new Response(`bad form: ${sentForm}`, { status: 400 })),
        want: { kind: 'invalid-response' },
      },
    ],
    [
      'a fetch error whose message and cause hold the body and the Request',
      {
        given: () =>
          errorOf((request) =>
            Promise.reject(
              new TypeError(`fetch failed sending ${sentForm}`, {
                cause: Object.assign(new Error(`socket closed after ${password}`), { request, body: sentForm }),
              }),
            ),
          ),
        want: { kind: 'network' },
      },
    ],
    ['a timeout', { given: () => errorOf(answerNever, { client: { timeoutMs: 1 } }), want: { kind: 'timeout' } }],
    [
      'an abort',
      {
        given: () =>
          createVaultClient({ fetch: fakeFetch(answerNever).fetch })
            .confirmPhoneNumber(credentials, { signal: AbortSignal.abort(new Error(`stop ${password}`)) })
            .catch((error: unknown) => error),
        want: { kind: 'aborted' },
      },
    ],
    [
      'bad input next to the password',
      { given: () => errorOf(answerJson(200, {}), { number: '07871 239999' }), want: { kind: 'invalid-input' } },
    ],
    [
      "a token session's failure",
      {
        given: () =>
          createTokenSession({
            client: createVaultClient({
              fetch: fakeFetch(answerJson(400, { error: 'AUTH', errorId: 2, message: password, systemId: 'core' }))
                .fetch,
            }),
            ...credentials,
          })
            .getAccessToken()
            .catch((error: unknown) => error),
        want: { kind: 'api' },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const error = await given();

    expect(error).toMatchObject(want);
    expect(passwordFormsIn(error)).toEqual([]);
  });

  it('a token session shows no password when printed', () => {
    const session = createTokenSession({ client: createVaultClient(), ...credentials });

    expect(passwordFormsIn(session)).toEqual([]);
  });
});
