import type { IHttpOperation } from '@stoplight/types';
import { describe, expect, it } from 'vitest';
import { formMediaType } from './form.js';
import { type PrismViolation, violationsHeader, violationToError } from './violations.js';

/** An operation with two declared headers and a form whose `number` says in words what its pattern means. */
const operation = {
  id: 'confirm',
  method: 'post',
  path: '/confirm',
  responses: [],
  request: {
    headers: [
      { id: 'h1', name: 'X-Merchant-ID', style: 'simple' },
      { id: 'h2', name: 'X-Request-ID', style: 'simple' },
    ],
    body: {
      id: 'b',
      contents: [
        {
          id: 'c',
          mediaType: formMediaType,
          schema: {
            properties: {
              number: { 'x-vault-expected': 'a phone number', examples: ['+447871239999'] },
              code: { 'x-vault-expected': 'a six-digit code' },
              plain: { pattern: '^a$' },
            },
          },
        },
      ],
    },
  },
} as unknown as IHttpOperation;

/** An operation with path, query and header parameters and a nested JSON body, as Prism gives it. */
const jsonOperation = {
  id: 'pay',
  method: 'post',
  path: '/accounts/{accountId}/payments',
  responses: [],
  request: {
    path: [{ id: 'p1', name: 'accountId', style: 'simple', schema: { type: 'string', format: 'uuid' } }],
    query: [
      { id: 'q1', name: 'include', style: 'form', schema: { type: 'array', items: { enum: ['balances'] } } },
      { id: 'q2', name: 'sortCode', style: 'form', schema: { 'x-vault-expected': 'six digits' } },
    ],
    headers: [{ id: 'h1', name: 'Idempotency-Key', style: 'simple' }],
    body: {
      id: 'b',
      contents: [
        { id: 'f', mediaType: formMediaType, schema: { properties: { beneficiary: { properties: {} } } } },
        {
          id: 'j',
          mediaType: 'application/json',
          schema: {
            properties: {
              beneficiary: {
                properties: { iban: { 'x-vault-expected': 'an IBAN', examples: ['GB33BUKB20201555555555'] } },
              },
              references: { items: { 'x-vault-expected': 'a short reference' } },
              v2: { 'x-vault-expected': 'a second version' },
            },
          },
        },
      ],
    },
  },
} as unknown as IHttpOperation;

const bare = { id: 'bare', method: 'get', path: '/bare', responses: [] } as unknown as IHttpOperation;
const withoutHeaders = { ...bare, request: {} } as unknown as IHttpOperation;

const violation = (given: Partial<PrismViolation>): PrismViolation => ({
  code: 'pattern',
  message: 'Request body property number must match pattern "^\\+[1-9]\\d{1,14}$"',
  severity: 0,
  ...given,
});

describe('violationsHeader', () => {
  it.each([
    [0, 'Error'],
    [1, 'Warning'],
    [2, 'Information'],
    [3, 'Hint'],
    [7, 'Error'],
  ])("names Prism's severity %i as %s", (severity, name) => {
    expect(JSON.parse(violationsHeader([violation({ severity, path: ['body'] })]))[0].severity).toBe(name);
  });

  it('escapes what a header cannot carry, so that a name outside Latin-1 is no reason to fail', () => {
    const value = violationsHeader([{ code: 'x', message: "found '🔑é'", severity: 0 }]);
    expect({ value, parsed: JSON.parse(value)[0].message }).toEqual({
      value: '[{"location":["request"],"severity":"Error","code":"x","message":"found \'\\ud83d\\udd11\\u00e9\'"}]',
      parsed: "found '🔑é'",
    });
  });

  it('locates a violation without a path at the request itself', () => {
    expect(JSON.parse(violationsHeader([{ code: 'required', message: 'm', severity: 0 }]))).toEqual([
      { location: ['request'], severity: 'Error', code: 'required', message: 'm' },
    ]);
  });

  const headerOfLength = (length: number) => {
    const overhead = violationsHeader([{ code: 'x', message: '', severity: 0 }]).length;
    return violationsHeader([{ code: 'x', message: 'm'.repeat(length - overhead), severity: 0 }]);
  };

  it('keeps a value of exactly 8 KB less 100 bytes whole', () => {
    expect(headerOfLength(8092)).toMatch(/^\[\{"location":\["request"\],.*"\}\]$/);
    expect(headerOfLength(8092)).toHaveLength(8092);
  });

  it('cuts a longer value to 8 KB less 100 bytes, saying so', () => {
    const whole = JSON.stringify([{ location: ['request'], severity: 'Error', code: 'x', message: 'm'.repeat(8200) }]);
    expect(violationsHeader([{ code: 'x', message: 'm'.repeat(8200), severity: 0 }])).toBe(
      `Too many violations! ${whole.slice(0, 8092)}`,
    );
  });
});

/** A violation as Prism words it, on its own. */
const prism = (path: string[], code: string, message: string) => ({ violation: violation({ path, code, message }) });

type ViolationCase = [
  string,
  {
    given: { violation: PrismViolation; operation?: IHttpOperation; form?: Record<string, string>; mediaType?: string };
    want: { field: string; message: string };
  },
];

describe('violationToError', () => {
  it.each<ViolationCase>([
    [
      'a pattern in the spec’s words, with its example',
      {
        given: { violation: violation({ path: ['body', 'number'] }) },
        want: { field: 'number', message: 'number must be a phone number, such as +447871239999.' },
      },
    ],
    [
      'a pattern in the spec’s words, without an example when the spec gives none',
      {
        given: { violation: violation({ path: ['body', 'code'], message: 'Request body property code must match' }) },
        want: { field: 'code', message: 'code must be a six-digit code.' },
      },
    ],
    [
      'the hint about an unencoded +, which decodes to a leading space',
      {
        given: { violation: violation({ path: ['body', 'number'] }), form: { number: ' 447871239999' } },
        want: {
          field: 'number',
          message:
            'number must be a phone number, such as +447871239999; a + in a form body must be sent as %2B (curl --data-urlencode does this).',
        },
      },
    ],
    [
      'the hint about an unencoded + only for a value that starts with a space and a digit',
      {
        given: { violation: violation({ path: ['body', 'number'] }), form: { number: '4 47871239999' } },
        want: { field: 'number', message: 'number must be a phone number, such as +447871239999.' },
      },
    ],
    [
      "Prism's words for a pattern of a field the spec does not explain",
      {
        given: {
          violation: violation({
            path: ['body', 'plain'],
            message: 'Request body property plain must match pattern "^a$"',
          }),
        },
        want: { field: 'plain', message: 'plain must match pattern "^a$".' },
      },
    ],
    [
      "Prism's words for a pattern of a field the form does not have",
      {
        given: {
          violation: violation({ path: ['body', 'other'], message: 'Request body property other must match x' }),
        },
        want: { field: 'other', message: 'other must match x.' },
      },
    ],
    [
      "Prism's words for a field the spec explains that fails something other than its pattern",
      {
        given: prism(['body', 'number'], 'type', 'Request body property number must be string'),
        want: { field: 'number', message: 'number must be string.' },
      },
    ],
    [
      "Prism's words for a pattern outside the body, even when a form field has the same name",
      {
        given: {
          violation: violation({ path: ['query', 'number'], message: 'Request query parameter number must match x' }),
        },
        want: { field: 'number', message: 'number must match x.' },
      },
    ],
    [
      "Prism's words when they name no property or parameter",
      {
        given: prism(['body', 'plain'], 'type', 'Request body plain must be an object'),
        want: { field: 'plain', message: 'plain must be an object.' },
      },
    ],
    [
      '"is invalid" when Prism\'s words do not start as expected',
      {
        given: prism(['body', 'plain'], 'type', 'Oh: Request body property plain must be x'),
        want: { field: 'plain', message: 'plain is invalid.' },
      },
    ],
    [
      '"is invalid" when Prism\'s words run over one line',
      {
        given: prism(['body', 'plain'], 'type', 'Request body property plain must be x\nand y'),
        want: { field: 'plain', message: 'plain is invalid.' },
      },
    ],
    [
      'a header by the name the spec declares',
      {
        given: prism(['header', 'x-request-id'], 'format', 'Request header parameter x-request-id must be uuid'),
        want: { field: 'X-Request-ID', message: 'X-Request-ID must be uuid.' },
      },
    ],
    [
      'a body field by its own name, even when a header has the same name',
      {
        given: prism(['body', 'x-request-id'], 'type', 'Request body property x-request-id must be string'),
        want: { field: 'x-request-id', message: 'x-request-id must be string.' },
      },
    ],
    ...[
      ['an operation that declares other headers', operation],
      ['an operation that declares no headers', withoutHeaders],
      ['an operation without a request', bare],
    ].map(
      ([name, given]): ViolationCase => [
        `a header as Node spells it, for ${name}`,
        {
          given: {
            violation: violation({
              path: ['header', 'x-other'],
              code: 'type',
              message: 'Request header parameter x-other must be string',
            }),
            operation: given as IHttpOperation,
          },
          want: { field: 'x-other', message: 'x-other must be string.' },
        },
      ],
    ),
    [
      'a missing field, from the message when the path lacks it',
      {
        given: {
          violation: { code: 'required', message: "Request body must have required property 'number'", severity: 0 },
        },
        want: { field: 'number', message: 'number is required.' },
      },
    ],
    ...(
      [
        [
          'a nested body field by its path, in the words of the schema of the media type sent',
          {
            violation: violation({
              path: ['body', 'beneficiary', 'iban'],
              message: 'Request body property beneficiary.iban must match pattern "^[A-Z]{2}"',
            }),
            want: {
              field: 'beneficiary.iban',
              message: 'beneficiary.iban must be an IBAN, such as GB33BUKB20201555555555.',
            },
          },
        ],
        [
          'an item of a body array by its index, in the words of the items schema',
          {
            violation: violation({
              path: ['body', 'references', '0'],
              message: 'Request body property references.0 must match pattern "^a"',
            }),
            want: { field: 'references[0]', message: 'references[0] must be a short reference.' },
          },
        ],
        [
          'a missing nested field by its path',
          {
            violation: violation({
              path: ['body', 'beneficiary'],
              code: 'required',
              message: "Request body property beneficiary must have required property 'iban'",
            }),
            want: { field: 'beneficiary.iban', message: 'beneficiary.iban is required.' },
          },
        ],
        [
          'a body of the wrong type as the body',
          {
            violation: violation({ path: ['body'], code: 'type', message: 'Request body must be object' }),
            want: { field: 'body', message: 'body must be object.' },
          },
        ],
        [
          'a path parameter by the name the spec declares',
          {
            violation: violation({
              path: ['path', 'accountid'],
              code: 'format',
              message: 'Request path parameter accountid must match format "uuid"',
            }),
            want: { field: 'accountId', message: 'accountId must match format "uuid".' },
          },
        ],
        [
          'a query parameter by its name, not by the item that failed',
          {
            violation: violation({
              path: ['query', 'include', '0'],
              code: 'enum',
              message: 'Request query parameter include.0 must be equal to one of the allowed values: balances',
            }),
            want: { field: 'include', message: 'include must be equal to one of the allowed values: balances.' },
          },
        ],
        [
          'a missing header by the name the spec declares',
          {
            violation: violation({
              path: ['header'],
              code: 'required',
              message: "Request header must have required property 'idempotency-key'",
            }),
            want: { field: 'Idempotency-Key', message: 'Idempotency-Key is required.' },
          },
        ],
        [
          'a body sent to an operation that takes none',
          {
            violation: {
              code: 415,
              message: 'No supported content types, but request included a non-empty body',
              severity: 0,
            },
            want: { field: 'body', message: 'POST /accounts/{accountId}/payments takes no request body.' },
          },
        ],
        [
          'a query parameter that fails its pattern, in the words of its own schema',
          {
            violation: violation({
              path: ['query', 'sortcode'],
              message: 'Request query parameter sortcode must match pattern "^[0-9]{6}$"',
            }),
            want: { field: 'sortCode', message: 'sortCode must be six digits.' },
          },
        ],
        [
          'a body field whose name ends in digits by its name, not as an index',
          {
            violation: violation({ path: ['body', 'v2'], message: 'Request body property v2 must match pattern "^v"' }),
            want: { field: 'v2', message: 'v2 must be a second version.' },
          },
        ],
        [
          'an item past the ninth by its index',
          {
            violation: violation({
              path: ['body', 'references', '10'],
              message: 'Request body property references.10 must match pattern "^a"',
            }),
            want: { field: 'references[10]', message: 'references[10] must be a short reference.' },
          },
        ],
        [
          "Prism's words for a place deeper than the schema declares",
          {
            violation: violation({
              path: ['body', 'beneficiary', 'iban', 'x'],
              message: 'Request body property beneficiary.iban.x must match y',
            }),
            want: { field: 'beneficiary.iban.x', message: 'beneficiary.iban.x must match y.' },
          },
        ],
        [
          'a query as a whole, when Prism names no parameter',
          {
            violation: violation({ path: ['query'], code: 'type', message: 'Request query must be object' }),
            want: { field: 'query', message: 'query must be object.' },
          },
        ],
        [
          "Prism's own words for a place it names outside the request's parts",
          {
            violation: violation({ path: ['request', 'x'], code: 'other', message: 'Something about x' }),
            want: { field: 'request', message: 'Something about x.' },
          },
        ],
        [
          '"is invalid" when the words for a whole body do not start as expected',
          {
            violation: violation({ path: ['body'], code: 'type', message: 'Oh: Request body must be object' }),
            want: { field: 'body', message: 'body is invalid.' },
          },
        ],
        [
          '"is invalid" when the words for a whole body run over one line',
          {
            violation: violation({ path: ['body'], code: 'type', message: 'Request body must be object\nand more' }),
            want: { field: 'body', message: 'body is invalid.' },
          },
        ],
        [
          "Prism's own words for a violation it does not place",
          {
            violation: { code: 'other', message: 'Something else', severity: 0 },
            want: { field: 'request', message: 'Something else.' },
          },
        ],
      ] as const
    ).map(
      ([name, { violation: given, want }]): ViolationCase => [
        name,
        {
          given: { violation: given as PrismViolation, operation: jsonOperation, mediaType: 'application/json' },
          want,
        },
      ],
    ),
  ])('says %s', (_name, { given, want }) => {
    const error = violationToError(given.violation, given.operation ?? operation, given.form, given.mediaType);
    expect({ field: error.field, message: error.message, originalMessage: error.originalMessage }).toEqual({
      ...want,
      originalMessage: given.violation.message,
    });
  });
});

describe('violationToError with an operation that declares no body', () => {
  it("says a body field's fault in Prism's words, as no schema explains it", () => {
    const error = violationToError(violation({ path: ['body', 'number'] }), bare, {}, 'application/json');
    expect(error.message).toBe('number must match pattern "^\\+[1-9]\\d{1,14}$".');
  });
});
