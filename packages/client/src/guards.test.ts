import { describe, expect, it } from 'vitest';
import { isErrorResponse, isTokenResponse } from './guards.js';
import { exampleToken } from './testing/fake-fetch.js';

const { refresh_token: _refresh, scope: _scope, ...minimalToken } = exampleToken;
const minimalError = { error: 'COMMON', errorId: 0, message: 'Sorry', systemId: 'core' };

describe('isTokenResponse', () => {
  it.each<[string, { given: unknown; want: boolean }]>([
    ['the full example', { given: exampleToken, want: true }],
    ['only the required fields', { given: minimalToken, want: true }],
    ['an unknown extra field', { given: { ...exampleToken, id_token: 'x' }, want: true }],
    ['a lifetime of 0', { given: { ...minimalToken, expires_in: 0 }, want: true }],
    ['no access_token', { given: { token_type: 'bearer', expires_in: 1 }, want: false }],
    ['no token_type', { given: { access_token: 'a', expires_in: 1 }, want: false }],
    ['no expires_in', { given: { access_token: 'a', token_type: 'bearer' }, want: false }],
    ['expires_in as a string', { given: { ...minimalToken, expires_in: '3600' }, want: false }],
    ['a fractional expires_in', { given: { ...minimalToken, expires_in: 1.5 }, want: false }],
    ['a negative expires_in', { given: { ...minimalToken, expires_in: -1 }, want: false }],
    ['a numeric refresh_token', { given: { ...minimalToken, refresh_token: 1 }, want: false }],
    ['a null scope', { given: { ...minimalToken, scope: null }, want: false }],
    ['an array', { given: [minimalToken], want: false }],
    ['null', { given: null, want: false }],
    ['a string', { given: 'token', want: false }],
  ])('%s', (_name, { given, want }) => {
    expect(isTokenResponse(given)).toBe(want);
  });
});

describe('isErrorResponse', () => {
  it.each<[string, { given: unknown; want: boolean }]>([
    ['only the required fields', { given: minimalError, want: true }],
    [
      'every optional field',
      {
        given: {
          ...minimalError,
          field: 'number',
          originalMessage: 'm',
          errorStackTrace: 's',
          data: { number: { pattern: 'x' } },
        },
        want: true,
      },
    ],
    ['no systemId', { given: { error: 'COMMON', errorId: 0, message: 'Sorry' }, want: false }],
    ['errorId as a string', { given: { ...minimalError, errorId: '0' }, want: false }],
    ['a numeric field', { given: { ...minimalError, field: 1 }, want: false }],
    ['data whose values are not objects', { given: { ...minimalError, data: { number: 'x' } }, want: false }],
    ['data as an array', { given: { ...minimalError, data: [{}] }, want: false }],
    ['a problem+json body', { given: { type: 'about:blank', title: 'Bad Request', status: 400 }, want: false }],
    ['a string', { given: 'Bad Gateway', want: false }],
    ['undefined', { given: undefined, want: false }],
  ])('%s', (_name, { given, want }) => {
    expect(isErrorResponse(given)).toBe(want);
  });
});
