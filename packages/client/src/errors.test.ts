import { describe, expect, it } from 'vitest';
import { createVaultClient } from './client.js';
import {
  type ResponseContext,
  VaultApiError,
  type VaultError,
  VaultNetworkError,
  VaultResponseError,
  VaultTimeoutError,
} from './errors.js';
import { answerJson, answerNever, exampleCredentials, fakeFetch } from './testing/fake-fetch.js';

const confirmUrl = 'https://api.vault.sandbox.testessential.net/v2/mobile/phone/confirm';

describe('each error, as a log line or a catch block shows it: its name, then its message', () => {
  it.each<[string, { given: () => Promise<unknown>; want: string }]>([
    [
      'api',
      {
        given: () =>
          createVaultClient({
            fetch: fakeFetch(
              answerJson(400, { error: 'VALIDATION', errorId: 1, message: 'number is invalid', systemId: 'core' }),
            ).fetch,
          }).confirmPhoneNumber(exampleCredentials),
        want: 'VaultApiError: Vault API answered 400 VALIDATION (errorId 1): number is invalid',
      },
    ],
    [
      'invalid-response',
      {
        given: () =>
          createVaultClient({
            fetch: fakeFetch(
              () => new Response('Bad Gateway', { status: 502, headers: { 'Content-Type': 'text/plain' } }),
            ).fetch,
          }).confirmPhoneNumber(exampleCredentials),
        want:
          `VaultResponseError: Vault API answered 502 to POST ${confirmUrl} with a body that is not a JSON ` +
          'ErrorResponse (text/plain): "Bad Gateway"',
      },
    ],
    [
      'network',
      {
        given: () =>
          createVaultClient({
            fetch: fakeFetch(() => Promise.reject(new TypeError('fetch failed'))).fetch,
          }).confirmPhoneNumber(exampleCredentials),
        want: `VaultNetworkError: Could not reach the Vault API at ${confirmUrl}: fetch failed`,
      },
    ],
    [
      'timeout',
      {
        given: () =>
          createVaultClient({ fetch: fakeFetch(answerNever).fetch, timeoutMs: 5 }).confirmPhoneNumber(
            exampleCredentials,
          ),
        want: 'VaultTimeoutError: The Vault API did not answer within 5 ms',
      },
    ],
    [
      'aborted',
      {
        given: () =>
          createVaultClient({ fetch: fakeFetch(answerNever).fetch }).confirmPhoneNumber(exampleCredentials, {
            signal: AbortSignal.abort(),
          }),
        want: 'VaultAbortError: The call to the Vault API was aborted by its caller',
      },
    ],
    [
      'invalid-input',
      {
        given: async () => createVaultClient({ timeoutMs: -1 }),
        want: 'VaultInputError: timeoutMs must be a number of milliseconds from 1 to 2147483647',
      },
    ],
  ])('%s', async (_kind, { given, want }) => {
    const error = await given().then(
      () => expect.unreachable('the call succeeded'),
      (thrown: unknown) => thrown,
    );

    expect(String(error)).toBe(want);
  });
});

describe('VaultResponseError quotes the body of an error status, and of no 2xx', () => {
  const context: ResponseContext = { method: 'POST', url: confirmUrl, contentType: 'text/plain', body: 'Bad Gateway' };

  it.each<[string, { given: number; want: string | undefined }]>([
    ['199, below the 2xx', { given: 199, want: 'Bad Gateway' }],
    ['200, the first 2xx', { given: 200, want: undefined }],
    ['299, the last 2xx', { given: 299, want: undefined }],
    ['300, above the 2xx', { given: 300, want: 'Bad Gateway' }],
  ])('%s', (_name, { given, want }) => {
    expect(new VaultResponseError(given, 'ErrorResponse', context).bodyExcerpt).toBe(want);
  });

  it.each<[string, { given: string; want: string }]>([
    ['whole at 200 characters', { given: 'x'.repeat(200), want: `"${'x'.repeat(200)}"` }],
    ['cut to 200 characters, with an ellipsis, at 201', { given: 'x'.repeat(201), want: `"${'x'.repeat(200)}"…` }],
  ])('%s', (_name, { given, want }) => {
    const error = new VaultResponseError(502, 'ErrorResponse', { ...context, body: given });

    expect(error.bodyExcerpt).toBe(given.slice(0, 200));
    expect(error.message).toBe(
      `Vault API answered 502 to POST ${confirmUrl} with a body that is not a JSON ErrorResponse (text/plain): ${want}`,
    );
  });
});

describe('what a call went through, at the end of the message', () => {
  const body = { error: 'UNAVAILABLE', errorId: 0, message: 'Try again later.', systemId: 'core' };
  const cause = new Error('connect ECONNREFUSED');
  it.each<[string, { given: () => VaultError & { attempts: number }; want: { message: string; attempts: number } }]>([
    [
      'nothing for one attempt without a request id',
      {
        given: () => new VaultApiError(503, body),
        want: { message: 'Vault API answered 503 UNAVAILABLE (errorId 0): Try again later.', attempts: 1 },
      },
    ],
    [
      'the request id and the attempts, apart',
      {
        given: () => new VaultApiError(503, body, { attempts: 3, requestId: 'req-7' }),
        want: {
          message: 'Vault API answered 503 UNAVAILABLE (errorId 0): Try again later. (request id req-7; 3 attempts)',
          attempts: 3,
        },
      },
    ],
    [
      'the attempts of a network error',
      {
        given: () => new VaultNetworkError('https://vault.example/v2/x', cause, 3),
        want: {
          message: 'Could not reach the Vault API at https://vault.example/v2/x: connect ECONNREFUSED (3 attempts)',
          attempts: 3,
        },
      },
    ],
    [
      'the attempts of a timeout',
      {
        given: () => new VaultTimeoutError(500, 2),
        want: { message: 'The Vault API did not answer within 500 ms (2 attempts)', attempts: 2 },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const error = given();

    expect({ message: error.message, attempts: error.attempts }).toEqual(want);
  });
});
