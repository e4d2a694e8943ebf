import { readFileSync } from 'node:fs';
import { type Json, readBundledSpec, resolve } from '@vault/spec/document';
import { describe, expect, it } from 'vitest';

const bundle = readBundledSpec();

/** Follows a path of keys through the bundle, resolving each `$ref` on the way. */
const at = (...path: (string | number)[]): Json | undefined =>
  resolve(
    bundle,
    path.reduce<Json | undefined>((node, key) => {
      const parent = resolve(bundle, node);
      return parent !== null && typeof parent === 'object' ? (parent as Record<string, Json>)[key] : undefined;
    }, bundle),
  );

const operation = ['paths', '/v2/mobile/phone/confirm', 'post'];
const form = [...operation, 'requestBody', 'content', 'application/x-www-form-urlencoded'];
const requestSchema = [...form, 'schema'];
const tokenSchema = [...operation, 'responses', '200', 'content', 'application/json', 'schema'];
const errorSchema = [...operation, 'responses', '400', 'content', 'application/json', 'schema'];
const merchantHeader = [...operation, 'parameters', 0];

describe('the bundled spec implements the decisions recorded in spec/README.md', () => {
  it.each<[string, { given: (string | number)[]; want: Json }]>([
    ['1. the only path', { given: ['paths'], want: { '/v2/mobile/phone/confirm': expect.anything() } }],
    ['1. the only method', { given: ['paths', '/v2/mobile/phone/confirm'], want: { post: expect.anything() } }],
    ['1. operationId', { given: [...operation, 'operationId'], want: 'confirmPhoneNumber' }],
    ['2. server', { given: ['servers', 0, 'url'], want: 'https://api.vault.sandbox.testessential.net' }],
    ['3. header name', { given: [...merchantHeader, 'name'], want: 'X-Merchant-ID' }],
    ['3. header location', { given: [...merchantHeader, 'in'], want: 'header' }],
    ['3. header required', { given: [...merchantHeader, 'required'], want: true }],
    ['3. header type', { given: [...merchantHeader, 'schema', 'type'], want: 'string' }],
    ['3. header format', { given: [...merchantHeader, 'schema', 'format'], want: 'uuid' }],
    [
      '3. header default',
      { given: [...merchantHeader, 'schema', 'default'], want: 'bece038f-2e46-49f4-b25e-89cd38d6dc16' },
    ],
    ['4. body required', { given: [...operation, 'requestBody', 'required'], want: true }],
    [
      '4. the single content type',
      {
        given: [...operation, 'requestBody', 'content'],
        want: { 'application/x-www-form-urlencoded': expect.anything() },
      },
    ],
    ['4. required fields', { given: [...requestSchema, 'required'], want: ['grant_type', 'number', 'password'] }],
    [
      '4. exactly three fields',
      {
        given: [...requestSchema, 'properties'],
        want: { grant_type: expect.anything(), number: expect.anything(), password: expect.anything() },
      },
    ],
    ['4. grant_type enum', { given: [...requestSchema, 'properties', 'grant_type', 'enum'], want: ['mobile_phone'] }],
    [
      '4. number is E.164',
      { given: [...requestSchema, 'properties', 'number', 'pattern'], want: '^\\+[1-9][0-9]{1,14}$' },
    ],
    ['4. password format', { given: [...requestSchema, 'properties', 'password', 'format'], want: 'password' }],
    ['4. password writeOnly', { given: [...requestSchema, 'properties', 'password', 'writeOnly'], want: true }],
    [
      '5. request example',
      {
        given: [...form, 'examples', 'credentials', 'value'],
        want: { grant_type: 'mobile_phone', number: '+447871239999', password: '1234Qwerty' },
      },
    ],
    [
      '6. token required fields',
      { given: [...tokenSchema, 'required'], want: ['access_token', 'token_type', 'expires_in'] },
    ],
    [
      '6. token fields',
      {
        given: [...tokenSchema, 'properties'],
        want: {
          access_token: expect.objectContaining({ type: 'string' }),
          token_type: expect.objectContaining({ type: 'string' }),
          refresh_token: expect.objectContaining({ type: 'string' }),
          expires_in: expect.objectContaining({ type: 'integer' }),
          scope: expect.objectContaining({ type: 'string' }),
        },
      },
    ],
    [
      '6. token example is the source example',
      {
        given: [...operation, 'responses', '200', 'content', 'application/json', 'examples', 'token', 'value'],
        want: {
          access_token:
            'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYTdiM2UzNi1jNTQ4LTQ2NjMtYWNiZi00YjAwOWMyYTExZjgiLCJleHAiOjE3MDk4MjE1MjIsImlhdCI6MTcwOTczNTEyMn0.Syx7vEDUcgEQ-pNJSjFQPh35wia3Qy-2u_GyFCSiXgk',
          token_type: 'bearer',
          refresh_token: '_aUCain3dCLOF4NzSvQbXchMuns',
          expires_in: 86399,
          scope: 'read write',
        },
      },
    ],
    [
      '7. error required fields',
      { given: [...errorSchema, 'required'], want: ['error', 'errorId', 'message', 'systemId'] },
    ],
    [
      '7. error fields',
      {
        given: [...errorSchema, 'properties'],
        want: {
          error: expect.objectContaining({ type: 'string' }),
          errorId: expect.objectContaining({ type: 'integer' }),
          message: expect.objectContaining({ type: 'string' }),
          systemId: expect.objectContaining({ type: 'string' }),
          field: expect.objectContaining({ type: 'string' }),
          originalMessage: expect.objectContaining({ type: 'string' }),
          errorStackTrace: expect.objectContaining({ type: 'string' }),
          data: expect.objectContaining({ type: 'object', additionalProperties: { type: 'object' } }),
        },
      },
    ],
    [
      '7. error example is the source example',
      {
        given: [...operation, 'responses', '400', 'content', 'application/json', 'examples', 'common', 'value'],
        want: {
          error: 'COMMON',
          errorId: 0,
          message: "Sorry for inconvenience. We're fixing the issue. If you have urgent questions, contact support",
          systemId: 'core',
        },
      },
    ],
    [
      '7. the validation example names its field',
      {
        given: [
          ...operation,
          'responses',
          '400',
          'content',
          'application/json',
          'examples',
          'validation',
          'value',
          'field',
        ],
        want: 'number',
      },
    ],
    [
      'the documented test inputs name examples of the 400',
      {
        given: [...operation, 'x-vault-test-inputs'],
        want: [
          expect.objectContaining({ given: { number: '+447700900400' }, status: '400', example: 'common' }),
          expect.objectContaining({
            given: { password: 'wrong-password' },
            status: '400',
            example: 'rejectedPassword',
          }),
        ],
      },
    ],
    [
      'the rejected-password example is marked illustrative',
      {
        given: [
          ...operation,
          'responses',
          '400',
          'content',
          'application/json',
          'examples',
          'rejectedPassword',
          'description',
        ],
        want: expect.stringMatching(/^Illustrative/),
      },
    ],
    ['8. the operation is public', { given: [...operation, 'security'], want: [] }],
    [
      '8. the token is a bearer JWT',
      {
        given: ['components', 'securitySchemes', 'VaultBearer'],
        want: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      },
    ],
    [
      '9. the token is not cached: Cache-Control',
      {
        given: [...operation, 'responses', '200', 'headers', 'Cache-Control'],
        want: expect.objectContaining({ required: true, schema: { type: 'string', const: 'no-store' } }),
      },
    ],
    [
      '9. the token is not cached: Pragma',
      {
        given: [...operation, 'responses', '200', 'headers', 'Pragma'],
        want: expect.objectContaining({ required: true, schema: { type: 'string', const: 'no-cache' } }),
      },
    ],
  ])('%s', (_decision, { given, want }) => {
    expect(at(...given)).toEqual(want);
  });
});

describe('the package', () => {
  it("has one version: the package's is the spec's info.version", () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(at('info', 'version')).toBe(version);
  });
});
