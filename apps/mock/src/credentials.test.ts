import type { HttpSecurityScheme, IHttpOperation } from '@stoplight/types';
import { describe, expect, it } from 'vitest';
import { unauthorized } from './credentials.js';
import { mockErrors } from './errors.js';

const scheme = (given: Record<string, string>) => ({ id: given.key, key: 'Scheme', ...given }) as HttpSecurityScheme;
const bearer = scheme({ type: 'http', scheme: 'bearer', key: 'VaultBearer' });
const basic = scheme({ type: 'http', scheme: 'basic', key: 'PartnerBasic' });
const digest = scheme({ type: 'http', scheme: 'digest', key: 'Digest' });
const headerKey = scheme({ type: 'apiKey', in: 'header', name: 'X-API-Key', key: 'PartnerKey' });
const queryKey = scheme({ type: 'apiKey', in: 'query', name: 'api_key', key: 'QueryKey' });
const oauth = scheme({ type: 'oauth2', key: 'Oauth' });
const openId = scheme({ type: 'openIdConnect', key: 'OpenId' });
const mutual = scheme({ type: 'mutualTLS', key: 'Mutual' });

const operationWith = (security: HttpSecurityScheme[][]) =>
  ({ id: 'o', method: 'post', path: '/v2/payments', responses: [], security }) as IHttpOperation;

describe('unauthorized', () => {
  it.each<[string, { given: HttpSecurityScheme[][]; want: { message: string; field?: string; challenge?: string } }]>([
    [
      'a bearer token',
      {
        given: [[bearer]],
        want: {
          message: 'POST /v2/payments needs a bearer token (Authorization: Bearer …).',
          field: 'Authorization',
          challenge: 'Bearer realm="vault-mock"',
        },
      },
    ],
    [
      'Basic credentials, with the realm and charset RFC 7617 asks for',
      {
        given: [[basic]],
        want: {
          message: 'POST /v2/payments needs basic credentials (Authorization: Basic …).',
          field: 'Authorization',
          challenge: 'Basic realm="vault-mock", charset="UTF-8"',
        },
      },
    ],
    [
      'another HTTP scheme by its own name',
      {
        given: [[digest]],
        want: {
          message: 'POST /v2/payments needs digest credentials (Authorization: Digest …).',
          field: 'Authorization',
          challenge: 'Digest realm="vault-mock"',
        },
      },
    ],
    [
      'an API key in a header, by its name',
      {
        given: [[headerKey]],
        want: {
          message: 'POST /v2/payments needs an API key in the X-API-Key header.',
          field: 'X-API-Key',
          challenge: 'ApiKey realm="vault-mock", name="X-API-Key", in="header"',
        },
      },
    ],
    [
      'an API key in the query, by its name',
      {
        given: [[queryKey]],
        want: {
          message: 'POST /v2/payments needs an API key in the api_key query parameter.',
          field: 'api_key',
          challenge: 'ApiKey realm="vault-mock", name="api_key", in="query"',
        },
      },
    ],
    [
      'an OAuth 2.0 token as a bearer',
      {
        given: [[oauth]],
        want: {
          message: 'POST /v2/payments needs an OAuth 2.0 access token (Authorization: Bearer …) for Oauth.',
          field: 'Authorization',
          challenge: 'Bearer realm="vault-mock"',
        },
      },
    ],
    [
      'an OpenID Connect token as a bearer',
      {
        given: [[openId]],
        want: {
          message: 'POST /v2/payments needs an OAuth 2.0 access token (Authorization: Bearer …) for OpenId.',
          field: 'Authorization',
          challenge: 'Bearer realm="vault-mock"',
        },
      },
    ],
    [
      'every alternative, and both parts of one that needs two',
      {
        given: [[basic, headerKey], [bearer]],
        want: {
          message:
            'POST /v2/payments needs basic credentials (Authorization: Basic …) and an API key in the X-API-Key header, or a bearer token (Authorization: Bearer …).',
          field: 'Authorization',
          challenge:
            'Basic realm="vault-mock", charset="UTF-8", ApiKey realm="vault-mock", name="X-API-Key", in="header", Bearer realm="vault-mock"',
        },
      },
    ],
    [
      'a client certificate, which no HTTP header asks for',
      { given: [[mutual]], want: { message: 'POST /v2/payments needs a client certificate.', field: 'Authorization' } },
    ],
  ])('asks for %s', (_name, { given, want }) => {
    const error = unauthorized(operationWith(given));
    expect({
      kind: error.kind,
      status: error.status,
      message: error.message,
      field: error.field,
      challenge: error.headers['www-authenticate'],
    }).toEqual({ kind: 'UNAUTHORIZED', status: 401, challenge: undefined, ...want });
    expect(error.toBody()).toMatchObject({
      error: 'UNAUTHORIZED',
      errorId: mockErrors.UNAUTHORIZED.errorId,
      originalMessage: 'Invalid security scheme used',
    });
  });

  it("carries Prism's violations in sl-violations when it is given them, and no such header otherwise", () => {
    expect([
      unauthorized(operationWith([[bearer]]), '[]').headers,
      unauthorized(operationWith([[bearer]])).headers,
    ]).toEqual([
      { 'www-authenticate': 'Bearer realm="vault-mock"', 'sl-violations': '[]' },
      { 'www-authenticate': 'Bearer realm="vault-mock"' },
    ]);
  });

  it('names no field and no challenge for an operation without security, which no request fails', () => {
    const error = unauthorized({ id: 'o', method: 'get', path: '/open', responses: [] } as IHttpOperation);
    expect({ message: error.message, field: error.field, headers: error.headers }).toEqual({
      message: 'GET /open needs .',
      field: undefined,
      headers: {},
    });
  });
});
