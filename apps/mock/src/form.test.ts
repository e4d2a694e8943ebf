import type { IHttpOperation } from '@stoplight/types';
import { describe, expect, it } from 'vitest';
import { closedFormKeys, decodeForm, type FormDecoding, formMediaType, formSchemaOf } from './form.js';

const allowed = new Set(['grant_type', 'number', 'password']);
const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeForm', () => {
  it.each<[string, { given: Uint8Array; want: FormDecoding }]>([
    [
      'decodes %2B to + and + to a space',
      { given: bytes('number=%2B44+7&password=a+b'), want: { ok: true, fields: { number: '+44 7', password: 'a b' } } },
    ],
    ['reads a key without = as empty', { given: bytes('number'), want: { ok: true, fields: { number: '' } } }],
    ['reads an empty body as no fields', { given: bytes(''), want: { ok: true, fields: {} } }],
    [
      'refuses a broken escape, naming the field',
      {
        given: bytes('number=%ZZ'),
        want: { ok: false, field: 'number', reason: 'is not validly percent-encoded UTF-8' },
      },
    ],
    [
      'refuses a broken escape in a name, naming it as sent',
      {
        given: bytes('num%ZZber=1'),
        want: { ok: false, field: 'num%ZZber', reason: 'is not a valid percent-encoded name' },
      },
    ],
    [
      'refuses an escape that is not UTF-8',
      {
        given: bytes('password=%FF'),
        want: { ok: false, field: 'password', reason: 'is not validly percent-encoded UTF-8' },
      },
    ],
    [
      'refuses raw bytes that are not UTF-8',
      {
        given: Uint8Array.of(0x6e, 0x3d, 0xc3, 0x28),
        want: { ok: false, field: 'body', reason: 'is not valid UTF-8' },
      },
    ],
    [
      'refuses a repeated key',
      { given: bytes('number=1&number=2'), want: { ok: false, field: 'number', reason: 'is given more than once' } },
    ],
    [
      'refuses a key the schema does not allow',
      { given: bytes('number=1&admin=true'), want: { ok: false, field: 'admin', reason: 'is not an accepted field' } },
    ],
    [
      'keeps __proto__ as a plain refused key',
      { given: bytes('__proto__=x'), want: { ok: false, field: '__proto__', reason: 'is not an accepted field' } },
    ],
  ])('%s', (_name, { given, want }) => {
    const decoded = decodeForm(given, allowed);
    expect(decoded.ok ? { ok: true, fields: { ...decoded.fields } } : decoded).toEqual(want);
  });

  it('accepts any key when no schema closes the form', () => {
    expect(decodeForm(bytes('anything=1'))).toMatchObject({ ok: true, fields: { anything: '1' } });
  });
});

const formSchema = { properties: { number: {}, password: {} }, additionalProperties: false };
const operationWith = (request: unknown) =>
  ({
    id: 'op',
    method: 'post',
    path: '/x',
    responses: [],
    ...(request === undefined ? {} : { request }),
  }) as IHttpOperation;
const bodyOf = (...contents: { mediaType: string; schema?: object }[]) => ({ body: { id: 'b', contents } });

describe('formSchemaOf', () => {
  it.each<[string, { given: IHttpOperation; want: object | undefined }]>([
    [
      'the schema of the form content, after another',
      {
        given: operationWith(
          bodyOf({ mediaType: 'application/json', schema: {} }, { mediaType: formMediaType, schema: formSchema }),
        ),
        want: formSchema,
      },
    ],
    [
      'none when the operation takes no form',
      { given: operationWith(bodyOf({ mediaType: 'application/json', schema: {} })), want: undefined },
    ],
    ['none when the body lists no contents', { given: operationWith({ body: { id: 'b' } }), want: undefined }],
    ['none when the request has no body', { given: operationWith({ query: [] }), want: undefined }],
    ['none when the operation has no request', { given: operationWith(undefined), want: undefined }],
  ])('gives %s', (_name, { given, want }) => {
    expect(formSchemaOf(given)).toEqual(want);
  });
});

describe('closedFormKeys', () => {
  it.each<[string, { given: IHttpOperation; want: string[] | undefined }]>([
    [
      'the fields of a form that forbids others',
      { given: operationWith(bodyOf({ mediaType: formMediaType, schema: formSchema })), want: ['number', 'password'] },
    ],
    [
      'none for a form that allows others',
      {
        given: operationWith(bodyOf({ mediaType: formMediaType, schema: { properties: { number: {} } } })),
        want: undefined,
      },
    ],
    ['none for an operation without a form', { given: operationWith(undefined), want: undefined }],
  ])('gives %s', (_name, { given, want }) => {
    const keys = closedFormKeys(given);
    expect(keys === undefined ? undefined : [...keys]).toEqual(want);
  });
});
