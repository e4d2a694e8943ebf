import { inspect } from 'node:util';
import { nodeAt, readBundledSpec } from '@vault/spec/document';
import { describe, expect, it } from 'vitest';
import { createVaultClient, type VaultClientOptions } from './client.js';
import { VaultApiError } from './errors.js';
import { redactErrorResponse, redactedCopy, redactorOf, redactorOfAll } from './redaction.js';
import { type Answer, answerJson, answerNever, fakeFetch } from './testing/fake-fetch.js';
import { createTokenSession } from './token-session.js';
import type { ErrorResponse } from './types.js';

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

describe("redactorOf(password).inSentence, for the server's own sentences", () => {
  it.each<[string, { given: { password: string; text: string }; want: string }]>([
    [
      'leaves a one-letter password inside longer words',
      { given: { password: 'x', text: "We're fixing the issue." }, want: "We're fixing the issue." },
    ],
    [
      "leaves a dictionary-word password where it is one of the sentence's words",
      {
        given: { password: 'number', text: 'number must be a phone number in E.164 format' },
        want: 'number must be a phone number in E.164 format',
      },
    ],
    [
      'redacts a dictionary-word password that the server quotes',
      { given: { password: 'hunter', text: 'password "hunter" is wrong' }, want: 'password "[REDACTED]" is wrong' },
    ],
    [
      'redacts a one-letter password in single quotes',
      { given: { password: 'x', text: "password 'x' is too short" }, want: "password '[REDACTED]' is too short" },
    ],
    [
      'redacts a dictionary-word password each time the server quotes it',
      {
        given: { password: 'hunter', text: `"hunter" or 'hunter' or «hunter»` },
        want: `"[REDACTED]" or '[REDACTED]' or «[REDACTED]»`,
      },
    ],
    [
      'leaves a dictionary-word password followed by a quote that did not open before it',
      { given: { password: 'hunter', text: "the hunter's lodge" }, want: "the hunter's lodge" },
    ],
    [
      'leaves a dictionary-word password after an opening quote that does not close after it',
      { given: { password: 'hunter', text: '"hunters" is a word' }, want: '"hunters" is a word' },
    ],
    [
      'redacts a dictionary-word password given as a value after =',
      {
        given: { password: 'hunter', text: 'bad form: password=hunter&x=1' },
        want: 'bad form: password=[REDACTED]&x=1',
      },
    ],
    [
      'redacts a dictionary-word password that is the whole text',
      { given: { password: 'hunter', text: 'hunter' }, want: '[REDACTED]' },
    ],
    [
      'redacts a password with a digit where it stands as its own token, quoted or not',
      {
        given: { password: 'hunter2', text: 'password "hunter2" is wrong; hunter2 is not hunter22' },
        want: 'password "[REDACTED]" is wrong; [REDACTED] is not hunter22',
      },
    ],
    [
      'redacts a long passphrase with spaces, as is and encoded',
      {
        given: {
          password: 'correct horse battery staple',
          text: 'wrong password correct horse battery staple, sent as correct+horse+battery+staple',
        },
        want: 'wrong password [REDACTED], sent as [REDACTED]',
      },
    ],
    [
      'redacts a password with + and / in its percent-encoded form',
      { given: { password: 'a+b/c', text: 'cannot decode a%2Bb%2Fc.' }, want: 'cannot decode [REDACTED].' },
    ],
    [
      'redacts a password with % whole in its encoded form, not leaving its tail',
      { given: { password: '100%', text: 'got 100%25 and 100%' }, want: 'got [REDACTED] and [REDACTED]' },
    ],
    [
      'leaves a password that begins the example phone number inside it',
      { given: { password: '+44', text: 'such as +447871239999.' }, want: 'such as +447871239999.' },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(redactorOf(given.password).inSentence(given.text)).toBe(want);
  });
});

describe('redactorOf(password).everywhere, for text that may echo the request', () => {
  it.each<[string, { given: { password: string; text: string }; want: string }]>([
    [
      'redacts a short password even inside a longer word',
      { given: { password: 'x', text: 'fixing' }, want: 'fi[REDACTED]ing' },
    ],
    [
      'redacts the plain, percent- and form-encoded forms of a password with a space and a +',
      {
        given: { password: 'pass word+1', text: 'pass word+1 pass%20word%2B1 pass+word%2B1' },
        want: '[REDACTED] [REDACTED] [REDACTED]',
      },
    ],
    [
      'redacts a password with % whole in its encoded form',
      { given: { password: '1%', text: 'p=1%25&q=1%' }, want: 'p=[REDACTED]&q=[REDACTED]' },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(redactorOf(given.password).everywhere(given.text)).toBe(want);
  });
});

describe('redactorOfAll(secrets), for a request with several', () => {
  it.each<[string, { given: { secrets: string[]; text: string }; want: { everywhere: string; inSentence: string } }]>([
    [
      'removes each of them',
      {
        given: { secrets: ['pin-1234', 's3cret'], text: 'pin-1234 and s3cret' },
        want: { everywhere: '[REDACTED] and [REDACTED]', inSentence: '[REDACTED] and [REDACTED]' },
      },
    ],
    [
      'removes the longer first, so that one that holds another goes whole',
      {
        given: { secrets: ['ab1', 'xab1x'], text: 'got xab1x' },
        want: { everywhere: 'got [REDACTED]', inSentence: 'got [REDACTED]' },
      },
    ],
    [
      'ignores an empty one, which would match everywhere',
      {
        given: { secrets: ['', 's3cret'], text: 'a s3cret' },
        want: { everywhere: 'a [REDACTED]', inSentence: 'a [REDACTED]' },
      },
    ],
    [
      'changes nothing without secrets',
      { given: { secrets: [], text: 'as is' }, want: { everywhere: 'as is', inSentence: 'as is' } },
    ],
    [
      "keeps each one's own sentence rule: a word is removed in a sentence only where it is set off",
      {
        given: { secrets: ['hunter', 'x9'], text: 'hunter said "hunter" x9' },
        want: {
          everywhere: '[REDACTED] said "[REDACTED]" [REDACTED]',
          inSentence: 'hunter said "[REDACTED]" [REDACTED]',
        },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const redactor = redactorOfAll(given.secrets);

    expect({ everywhere: redactor.everywhere(given.text), inSentence: redactor.inSentence(given.text) }).toEqual(want);
  });
});

describe('redactErrorResponse', () => {
  const password = 'S3cret+1';
  const base = { error: 'AUTH', errorId: 2, message: 'wrong password', systemId: 'core' };

  it.each<[string, { given: ErrorResponse; want: ErrorResponse }]>([
    [
      'never touches the identifiers, even when one equals the password',
      {
        given: { error: password, errorId: 2, message: 'no', systemId: password, field: password },
        want: { error: password, errorId: 2, message: 'no', systemId: password, field: password },
      },
    ],
    [
      'redacts a message that is the password',
      { given: { ...base, message: password }, want: { ...base, message: '[REDACTED]' } },
    ],
    [
      'redacts the password in the message where it stands as its own token only',
      {
        given: { ...base, message: `wrong password ${password}, not x${password}y` },
        want: { ...base, message: `wrong password [REDACTED], not x${password}y` },
      },
    ],
    [
      'redacts every occurrence in originalMessage and errorStackTrace, which quote what the server was given',
      {
        given: {
          ...base,
          originalMessage: `cannot parse x${encodeURIComponent(password)}y`,
          errorStackTrace: `IllegalArgumentException: ${password}\n  at Check.run`,
        },
        want: {
          ...base,
          originalMessage: 'cannot parse x[REDACTED]y',
          errorStackTrace: 'IllegalArgumentException: [REDACTED]\n  at Check.run',
        },
      },
    ],
    [
      'redacts every string in data, names included',
      {
        given: { ...base, data: { request: { password, list: [`=${password}`] }, [password]: { seen: true } } },
        want: {
          ...base,
          data: { request: { password: '[REDACTED]', list: ['=[REDACTED]'] }, '[REDACTED]': { seen: true } },
        },
      },
    ],
    [
      'keeps the null, numbers and booleans of fields the spec does not document',
      {
        given: {
          ...base,
          detail: null,
          retryAfter: 30,
          data: { request: { retry: true, next: null } },
        } as ErrorResponse,
        want: {
          ...base,
          detail: null,
          retryAfter: 30,
          data: { request: { retry: true, next: null } },
        } as ErrorResponse,
      },
    ],
    [
      'redacts a field that the spec does not document',
      {
        given: { ...base, detail: `sent ${password}` } as ErrorResponse,
        want: { ...base, detail: 'sent [REDACTED]' } as ErrorResponse,
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(redactErrorResponse(given, redactorOf(password))).toEqual(want);
  });
});

describe("the spec's error examples, for passwords that their words contain", () => {
  const spec = readBundledSpec();
  const example = (name: string) => nodeAt(spec, `/components/examples/${name}/value`) as ErrorResponse;
  const common = example('CommonError');
  const validation = example('ValidationError');
  const rejectedPassword = example('RejectedPassword');

  it.each<[string, { given: { password: string; body: ErrorResponse }; want: ErrorResponse }]>([
    ['a one-letter password in COMMON', { given: { password: 'x', body: common }, want: common }],
    ['a dictionary word of COMMON', { given: { password: 'issue', body: common }, want: common }],
    ['a long password', { given: { password: 'correct horse battery staple', body: common }, want: common }],
    [
      'the password "password", which names the field, in INVALID_CREDENTIALS',
      { given: { password: 'password', body: rejectedPassword }, want: rejectedPassword },
    ],
    [
      'the password "number" in VALIDATION: only originalMessage, which quotes the request, loses it',
      {
        given: { password: 'number', body: validation },
        want: { ...validation, originalMessage: expect.not.stringContaining('number') },
      },
    ],
    ['a password that begins the example number', { given: { password: '+44', body: validation }, want: validation }],
    ['a password with %', { given: { password: '1%', body: common }, want: common }],
  ])("%s keeps the server's words", async (_name, { given, want }) => {
    const client = createVaultClient({ fetch: fakeFetch(answerJson(400, given.body)).fetch });

    const error = await client
      .confirmPhoneNumber({ number: '+447871239999', password: given.password })
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(VaultApiError);
    expect(error).toMatchObject({ body: want, message: expect.stringContaining(given.body.message) });
  });
});

describe('redactedCopy, the cause that a VaultNetworkError keeps of what fetch threw', () => {
  const redact = redactorOf(password).everywhere;
  /** An error, and the chain of its causes, as name: message. */
  const chainOf = (error: unknown): string[] =>
    error instanceof Error ? [`${error.name}: ${error.message}`, ...chainOf(error.cause)] : [];

  it('copies name, message, stack and a string code, password removed', () => {
    const thrown = Object.assign(new TypeError(`fetch failed with ${password}`), { code: 'UND_ERR_SOCKET' });

    const copy = redactedCopy(thrown, redact);

    expect(copy).not.toBe(thrown);
    expect(copy).toMatchObject({ name: 'TypeError', message: 'fetch failed with [REDACTED]', code: 'UND_ERR_SOCKET' });
    expect(copy.stack).toBe(thrown.stack?.replace(password, '[REDACTED]'));
  });

  it('makes an Error of what is not one, password removed', () => {
    expect(chainOf(redactedCopy(`socket hang up after ${password}`, redact))).toEqual([
      'Error: socket hang up after [REDACTED]',
    ]);
  });

  it('gives a stack of name and message to an error that has none', () => {
    const thrown = new TypeError(`fetch failed with ${password}`);
    delete thrown.stack;

    expect(redactedCopy(thrown, redact).stack).toBe('TypeError: fetch failed with [REDACTED]');
  });

  it('drops a code that is not a string, which may hold the request', () => {
    const thrown = Object.assign(new Error('fetch failed'), { code: { body: sentForm } });

    expect(redactedCopy(thrown, redact)).not.toHaveProperty('code');
  });

  it('adds no cause to an error that had none, so none is printed', () => {
    expect(Object.hasOwn(redactedCopy(new Error('fetch failed'), redact), 'cause')).toBe(false);
  });

  it.each<[string, { given: () => Error; want: string[] }]>([
    [
      'keeps a chain of five errors whole',
      { given: () => errorChain(5), want: ['Error: 0', 'Error: 1', 'Error: 2', 'Error: 3', 'Error: 4'] },
    ],
    [
      'cuts a longer chain after its fifth error',
      { given: () => errorChain(7), want: ['Error: 0', 'Error: 1', 'Error: 2', 'Error: 3', 'Error: 4'] },
    ],
    [
      'cuts a cause that is its own cause after five errors',
      {
        given: () => {
          const loop = new Error('loop');
          loop.cause = loop;
          return loop;
        },
        want: Array(5).fill('Error: loop'),
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(chainOf(redactedCopy(given(), redact))).toEqual(want);
  });

  /** Errors `0`, `1`, ... each the cause of the one before. */
  function errorChain(length: number): Error {
    return Array.from({ length }, (_, index) => index)
      .reverse()
      .reduce<Error | undefined>((cause, index) => new Error(`${index}`, cause && { cause }), undefined) as Error;
  }
});
