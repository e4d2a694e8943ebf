import type { JsonObject } from '@vault/spec/document';
import { createSchemaValidator } from '@vault/test-fixtures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refusedValues } from './request-breaks.js';
import { arbitraryOf, type Place } from './schema-arbitrary.js';

// The validator leaves formats unchecked; uuid and date-time are the ones the specs use, checked here by pattern.
const ajv = createSchemaValidator();
const formats: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
  date: /^\d{4}-\d\d-\d\d$/,
};

const schemas: [string, JsonObject][] = [
  ['a uuid string', { type: 'string', format: 'uuid' }],
  ['a date-time string', { type: 'string', format: 'date-time' }],
  ['a date string', { type: 'string', format: 'date' }],
  [
    'a string with a pattern and a length',
    { type: 'string', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$', maxLength: 20 },
  ],
  ['a phone number pattern', { type: 'string', pattern: '^\\+[1-9][0-9]{1,14}$' }],
  ['a bounded string', { type: 'string', minLength: 2, maxLength: 5 }],
  ['an enum', { type: 'string', enum: ['a', 'b'] }],
  ['a const', { const: 7 }],
  ['a bounded integer', { type: 'integer', minimum: 1, maximum: 100 }],
  ['an integer with exclusive bounds', { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 3 }],
  ['a bounded number', { type: 'number', minimum: -1.5, maximum: 2.5 }],
  ['a boolean or null', { type: ['boolean', 'null'] }],
  ['an array of bounded length', { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', maxLength: 35 } }],
  [
    'a closed object with required and optional properties',
    {
      type: 'object',
      additionalProperties: false,
      required: ['a', 'b'],
      properties: {
        a: { type: 'string' },
        b: { type: 'object', required: ['c'], properties: { c: { enum: [1] } } },
        d: { type: 'integer' },
      },
    },
  ],
  [
    'an allOf of objects',
    {
      allOf: [
        { type: 'object', required: ['a'], properties: { a: { const: 1 } } },
        { type: 'object', required: ['b'], properties: { b: { const: 2 } } },
      ],
    },
  ],
  ['the first alternative of a oneOf', { oneOf: [{ type: 'string', maxLength: 2 }, { type: 'integer' }] }],
];

const places: Place[] = ['body', 'form', 'query', 'header', 'path'];

describe('arbitraryOf', () => {
  it.each(schemas)('gives only values that %s accepts, in every place', (_name, schema) => {
    const validate = ajv.compile(schema);
    for (const place of places) {
      fc.assert(
        fc.property(arbitraryOf(schema, place), (value) => {
          const format = formats[String(schema.format)];
          return validate(value) && (format === undefined || format.test(String(value)));
        }),
        { seed: 1, numRuns: 200 },
      );
    }
  });

  it.each<[Place, RegExp]>([
    ['header', /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/],
    ['path', /^[\x20-\x7e]+$/],
  ])('gives a %s only characters that travel in it, and never an empty one', (place, allowed) => {
    fc.assert(
      fc.property(arbitraryOf({ type: 'string' }, place), (value) => allowed.test(String(value))),
      { seed: 2, numRuns: 500 },
    );
  });

  it('refuses a keyword it has no arbitrary for, naming it and where', () => {
    expect(() => arbitraryOf({ type: 'object', properties: { a: { type: 'string', not: {} } } })).toThrow(
      '#/properties/a: no arbitrary for the keyword not',
    );
  });
});

describe('refusedValues', () => {
  it.each(schemas.filter(([, schema]) => refusedValues(schema, true).length > 0))(
    'gives only values that %s refuses',
    (_name, schema) => {
      const validate = ajv.compile(schema);
      const accepted = refusedValues(schema, true).filter(({ value }) => {
        const format = formats[String(schema.format)];
        return validate(value) && (format === undefined || format.test(String(value)));
      });
      expect(accepted).toEqual([]);
    },
  );

  it.each<[string, { given: JsonObject; want: string[] }]>([
    [
      'a bounded integer',
      {
        given: { type: 'integer', minimum: 1, maximum: 100 },
        want: ['is under its minimum', 'is over its maximum', 'is not a number'],
      },
    ],
    [
      'a format it checks, and not one it does not',
      { given: { type: 'string', format: 'password' }, want: ['is not a string'] },
    ],
    [
      'an item of an array',
      {
        given: { type: 'array', items: { enum: ['a'] } },
        want: ['has an item that is outside its enum', 'is not of type array'],
      },
    ],
  ])('says what is wrong with each value for %s', (_name, { given, want }) => {
    expect(refusedValues(given, true).map(({ what }) => what)).toEqual(want);
  });
});
