// What scripts/operation-methods.mjs reads from a spec for each operation, on small documents made for each case.
import type { JsonObject } from '@vault/spec/document';
import { describe, expect, it } from 'vitest';
import { operationMethods } from '../scripts/operation-methods.mjs';

const imports = { schema: './schema.js', operationTypes: '../operation-types.js' };

const schemes = {
  Bearer: { type: 'http', scheme: 'bearer' },
  OAuth: { type: 'oauth2', flows: {} },
  Oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id.example/.well-known/openid-configuration' },
  Basic: { type: 'http', scheme: 'basic' },
  Key: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
};

/** A document with one operation, `probe`, at POST /probe, with `operation`'s fields and the document's `root`. */
function documentWith(operation: JsonObject, root: JsonObject = {}): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'Probe', version: '1.0.0' },
    paths: { '/probe': { post: { operationId: 'probe', responses: { 204: { description: 'Done.' } }, ...operation } } },
    components: { securitySchemes: schemes, schemas: {} },
    ...root,
  };
}

/** The descriptor that the generated module gives `probe`. */
function descriptorOf(document: JsonObject): unknown {
  const source = operationMethods(document, imports);
  const line = source.split('\n').find((text: string) => text.startsWith('  probe: {'));
  return JSON.parse(line?.slice('  probe: '.length, -1) ?? 'null');
}

const json = (schema: JsonObject) => ({ requestBody: { content: { 'application/json': { schema } } } });

describe('the descriptor of an operation', () => {
  it.each<[string, { given: JsonObject; want: JsonObject }]>([
    ['method and path, nothing else by default', { given: documentWith({}), want: {} }],
    [
      'the bearer token from the global security',
      { given: documentWith({}, { security: [{ Bearer: [] }] }), want: { bearer: true } },
    ],
    [
      'the bearer token from its own security',
      { given: documentWith({ security: [{ Bearer: [] }] }), want: { bearer: true } },
    ],
    ['no token with security: []', { given: documentWith({ security: [] }, { security: [{ Bearer: [] }] }), want: {} }],
    [
      'no token when an alternative asks for nothing',
      { given: documentWith({ security: [{ Bearer: [] }, {}] }), want: {} },
    ],
    [
      'the token when it is one alternative of two',
      { given: documentWith({ security: [{ Key: [] }, { Bearer: [] }] }), want: { bearer: true } },
    ],
    ['the token for OAuth 2', { given: documentWith({ security: [{ OAuth: ['read'] }] }), want: { bearer: true } }],
    ['the token for OpenID Connect', { given: documentWith({ security: [{ Oidc: [] }] }), want: { bearer: true } }],
    ['no token for Basic or an API key', { given: documentWith({ security: [{ Basic: [] }, { Key: [] }] }), want: {} }],
    [
      'a JSON variant, kept to send as declared',
      {
        given: documentWith({ requestBody: { content: { 'application/merge-patch+json': {} } } }),
        want: { mediaType: 'application/merge-patch+json' },
      },
    ],
    ['no body media type for JSON', { given: documentWith(json({ type: 'object' })), want: {} }],
    [
      'JSON first when it is one of several',
      { given: documentWith({ requestBody: { content: { 'text/plain': {}, 'application/json': {} } } }), want: {} },
    ],
    [
      'a form, when it takes no JSON',
      {
        given: documentWith({
          requestBody: { content: { 'multipart/form-data': {}, 'application/x-www-form-urlencoded': {} } },
        }),
        want: { mediaType: 'application/x-www-form-urlencoded' },
      },
    ],
    [
      'bytes as declared',
      { given: documentWith({ requestBody: { content: { 'image/*': {} } } }), want: { mediaType: 'image/*' } },
    ],
    [
      'the idempotency-key header it declares, in its own case',
      {
        given: documentWith({ parameters: [{ name: 'idempotency-key', in: 'header', schema: { type: 'string' } }] }),
        want: { idempotencyHeader: 'idempotency-key' },
      },
    ],
    [
      'no idempotency key from a query parameter of that name',
      {
        given: documentWith({ parameters: [{ name: 'Idempotency-Key', in: 'query', schema: { type: 'string' } }] }),
        want: {},
      },
    ],
    [
      'secrets: writeOnly and password properties, nested and in array items',
      {
        given: documentWith(
          json({
            type: 'object',
            properties: {
              name: { type: 'string' },
              pin: { type: 'string', writeOnly: true },
              login: { type: 'object', properties: { password: { type: 'string', format: 'password' } } },
              cards: { type: 'array', items: { $ref: '#/components/schemas/Card' } },
            },
          }),
          {
            components: {
              securitySchemes: schemes,
              schemas: { Card: { properties: { cvc: { type: 'string', writeOnly: true } } } },
            },
          },
        ),
        want: {
          secrets: [
            ['body', 'pin'],
            ['body', 'login', 'password'],
            ['body', 'cards', '*', 'cvc'],
          ],
        },
      },
    ],
    [
      'secrets: parameters, and parts of allOf',
      {
        given: documentWith({
          parameters: [{ name: 'pin', in: 'query', schema: { type: 'string', format: 'password' } }],
          ...json({ allOf: [{ properties: { otp: { type: 'string', writeOnly: true } } }] }),
        }),
        want: {
          secrets: [
            ['query', 'pin'],
            ['body', 'otp'],
          ],
        },
      },
    ],
    [
      'secrets: a recursive schema ends',
      {
        given: documentWith(json({ $ref: '#/components/schemas/Node' }), {
          components: {
            securitySchemes: schemes,
            schemas: {
              Node: { properties: { key: { writeOnly: true }, child: { $ref: '#/components/schemas/Node' } } },
            },
          },
        }),
        want: { secrets: [['body', 'key']] },
      },
    ],
    [
      'the request-id header its responses document',
      {
        given: documentWith({
          responses: { 200: { description: 'OK.', headers: { 'X-Correlation-ID': {}, 'x-requestid': {} } } },
        }),
        want: { requestIdHeader: 'x-requestid' },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(descriptorOf(given)).toEqual({ method: 'POST', path: '/probe', ...want });
  });
});

describe('the generated module', () => {
  it('types each method by its operation, with the summary as its comment', () => {
    const source = operationMethods(documentWith({ summary: 'Probe it */ now' }), imports);

    expect(source).toContain('import type { OperationDescriptor, OperationMethod } from "../operation-types.js";');
    expect(source).toContain('  /** Probe it * / now */\n  probe: OperationMethod<operations["probe"]>;');
  });

  it.each<[string, { given: JsonObject; want: string }]>([
    [
      'an operation without operationId',
      { given: documentWith({ operationId: null }), want: '#/paths/~1probe/post needs an operationId' },
    ],
    [
      'an operationId that names no method',
      { given: documentWith({ operationId: 'probe-it' }), want: 'needs an operationId that can name a method' },
    ],
    [
      'an operationId that would make the client a promise',
      { given: documentWith({ operationId: 'then' }), want: 'has the operationId then, which names a member' },
    ],
    [
      'an operationId of a client member',
      {
        given: documentWith({ operationId: 'paths' }),
        want: 'has the operationId paths, which names a member of the client',
      },
    ],
    [
      'two operations with one operationId',
      {
        given: {
          ...documentWith({}),
          paths: {
            '/probe': { post: { operationId: 'probe', responses: {} }, get: { operationId: 'probe', responses: {} } },
          },
        },
        want: '#/paths/~1probe/post and #/paths/~1probe/get have the same operationId, probe',
      },
    ],
  ])('refuses %s, naming where', (_name, { given, want }) => {
    expect(() => operationMethods(given, imports)).toThrow(want);
  });
});
