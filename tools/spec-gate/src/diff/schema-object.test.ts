import type { JsonObject } from '@vault/spec/document';
import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../diff.js';
import type { Spec } from '../testing/documents.js';
import type { ChangeKind, Direction, SpecChange } from './change.js';

/** A document whose one operation has `field` in its request body, or in its 200 response. */
function documentWith(direction: Direction, field: Spec): JsonObject {
  const body = { content: { 'application/json': { schema: { type: 'object', properties: { field } } } } };
  const operation =
    direction === 'request'
      ? { requestBody: body, responses: { '204': { description: 'Done.' } } }
      : { responses: { '200': { description: 'Done.', ...body } } };
  return {
    openapi: '3.1.0',
    info: { title: 'Keywords', version: '1.0.0' },
    paths: { '/things': { post: { operationId: 'addThing', ...operation } } },
  };
}

const fieldLocation: Record<Direction, string> = {
  request: 'POST /things body application/json.field',
  response: 'POST /things 200 application/json.field',
};

const fieldPointer: Record<Direction, string> = {
  request: '/paths/~1things/post/requestBody/content/application~1json/schema/properties/field',
  response: '/paths/~1things/post/responses/200/content/application~1json/schema/properties/field',
};

type Want = [kind: ChangeKind, breaking: boolean];
interface Row {
  before: Spec;
  after: Spec;
  /** The pointer of the change, below the field's. */
  at: string;
  message: string;
  /** What the change's location adds to the field's, if anything. */
  located?: string;
  request: Want;
  response: Want;
}

const integer = { type: 'integer' };
const string = { type: 'string' };
const array = { type: 'array', items: string };
const object = { type: 'object' };
const narrowed = (family: string): Pick<Row, 'request' | 'response'> => ({
  request: [`${family}-narrowed` as ChangeKind, true],
  response: [`${family}-narrowed` as ChangeKind, false],
});
const widened = (family: string): Pick<Row, 'request' | 'response'> => ({
  request: [`${family}-widened` as ChangeKind, false],
  response: [`${family}-widened` as ChangeKind, true],
});

// Fewer values allowed breaks requests (a client's old request is refused); more values allowed breaks responses (a
// client receives what it was never written for); a change that is neither breaks both.
const rows: [string, Row][] = [
  [
    'const added',
    {
      before: string,
      after: { ...string, const: 'sms' },
      at: '/const',
      message: 'const "sms" added',
      ...narrowed('const'),
    },
  ],
  [
    'const removed',
    {
      before: { ...string, const: 'sms' },
      after: string,
      at: '/const',
      message: 'const "sms" removed',
      ...widened('const'),
    },
  ],
  [
    'const changed',
    {
      before: { ...string, const: 'sms' },
      after: { ...string, const: 'mobile_phone' },
      at: '/const',
      message: 'const "sms" became "mobile_phone"',
      request: ['const-changed', true],
      response: ['const-changed', true],
    },
  ],
  [
    'minimum added',
    {
      before: integer,
      after: { ...integer, minimum: 0 },
      at: '/minimum',
      message: 'minimum 0 added',
      ...narrowed('range'),
    },
  ],
  [
    'minimum raised',
    {
      before: { ...integer, minimum: 0 },
      after: { ...integer, minimum: 1 },
      at: '/minimum',
      message: 'minimum 0 became 1',
      ...narrowed('range'),
    },
  ],
  [
    'minimum lowered',
    {
      before: { ...integer, minimum: 1 },
      after: { ...integer, minimum: 0 },
      at: '/minimum',
      message: 'minimum 1 became 0',
      ...widened('range'),
    },
  ],
  [
    'minimum removed',
    {
      before: { ...integer, minimum: 1 },
      after: integer,
      at: '/minimum',
      message: 'minimum 1 removed',
      ...widened('range'),
    },
  ],
  [
    'maximum lowered',
    {
      before: { ...integer, maximum: 9 },
      after: { ...integer, maximum: 5 },
      at: '/maximum',
      message: 'maximum 9 became 5',
      ...narrowed('range'),
    },
  ],
  [
    'maximum removed',
    {
      before: { ...integer, maximum: 9 },
      after: integer,
      at: '/maximum',
      message: 'maximum 9 removed',
      ...widened('range'),
    },
  ],
  [
    'exclusiveMinimum added',
    {
      before: integer,
      after: { ...integer, exclusiveMinimum: 0 },
      at: '/exclusiveMinimum',
      message: 'exclusiveMinimum 0 added',
      ...narrowed('range'),
    },
  ],
  [
    'exclusiveMaximum raised',
    {
      before: { ...integer, exclusiveMaximum: 5 },
      after: { ...integer, exclusiveMaximum: 9 },
      at: '/exclusiveMaximum',
      message: 'exclusiveMaximum 5 became 9',
      ...widened('range'),
    },
  ],
  [
    'multipleOf added',
    {
      before: integer,
      after: { ...integer, multipleOf: 5 },
      at: '/multipleOf',
      message: 'multipleOf 5 added',
      ...narrowed('multiple-of'),
    },
  ],
  [
    'multipleOf to a multiple of it (5 to 10)',
    {
      before: { ...integer, multipleOf: 5 },
      after: { ...integer, multipleOf: 10 },
      at: '/multipleOf',
      message: 'multipleOf 5 became 10',
      ...narrowed('multiple-of'),
    },
  ],
  [
    'multipleOf to a divisor of it (0.3 to 0.1)',
    {
      before: { type: 'number', multipleOf: 0.3 },
      after: { type: 'number', multipleOf: 0.1 },
      at: '/multipleOf',
      message: 'multipleOf 0.3 became 0.1',
      ...widened('multiple-of'),
    },
  ],
  [
    'multipleOf to neither (2 to 3)',
    {
      before: { ...integer, multipleOf: 2 },
      after: { ...integer, multipleOf: 3 },
      at: '/multipleOf',
      message: 'multipleOf 2 became 3',
      request: ['multiple-of-changed', true],
      response: ['multiple-of-changed', true],
    },
  ],
  [
    'multipleOf removed',
    {
      before: { ...integer, multipleOf: 2 },
      after: integer,
      at: '/multipleOf',
      message: 'multipleOf 2 removed',
      ...widened('multiple-of'),
    },
  ],
  [
    'minItems raised',
    {
      before: array,
      after: { ...array, minItems: 1 },
      at: '/minItems',
      message: 'minItems 1 added',
      ...narrowed('item-count'),
    },
  ],
  [
    'maxItems raised',
    {
      before: { ...array, maxItems: 3 },
      after: { ...array, maxItems: 5 },
      at: '/maxItems',
      message: 'maxItems 3 became 5',
      ...widened('item-count'),
    },
  ],
  [
    'maxLength lowered',
    {
      before: { ...string, maxLength: 64 },
      after: { ...string, maxLength: 32 },
      at: '/maxLength',
      message: 'maxLength 64 became 32',
      ...narrowed('length'),
    },
  ],
  [
    'minLength removed',
    {
      before: { ...string, minLength: 1 },
      after: string,
      at: '/minLength',
      message: 'minLength 1 removed',
      ...widened('length'),
    },
  ],
  [
    'minProperties added',
    {
      before: object,
      after: { ...object, minProperties: 1 },
      at: '/minProperties',
      message: 'minProperties 1 added',
      ...narrowed('property-count'),
    },
  ],
  [
    'items given a schema',
    {
      before: { type: 'array' },
      after: array,
      at: '/items',
      message: 'array items now follow {"type":"string"}',
      located: '[]',
      ...narrowed('items'),
    },
  ],
  [
    'items no longer given a schema',
    {
      before: array,
      after: { type: 'array' },
      at: '/items',
      message: 'array items no longer follow a schema',
      located: '[]',
      ...widened('items'),
    },
  ],
  [
    'a keyword inside items',
    {
      before: array,
      after: { ...array, items: { ...string, maxLength: 3 } },
      at: '/items/maxLength',
      message: 'maxLength 3 added',
      located: '[]',
      ...narrowed('length'),
    },
  ],
  [
    'oneOf added',
    {
      before: {},
      after: { oneOf: [string, integer] },
      at: '/oneOf',
      message: 'oneOf added: [{"type":"string"},{"type":"integer"}]',
      ...narrowed('composition'),
    },
  ],
  [
    'oneOf removed',
    {
      before: { oneOf: [string, integer] },
      after: {},
      at: '/oneOf',
      message: 'oneOf removed: [{"type":"string"},{"type":"integer"}]',
      ...widened('composition'),
    },
  ],
  [
    'a schema added to oneOf',
    {
      before: { oneOf: [string] },
      after: { oneOf: [string, integer] },
      at: '/oneOf/1',
      message: 'oneOf gained {"type":"integer"}',
      ...widened('composition'),
    },
  ],
  [
    'a schema removed from anyOf',
    {
      before: { anyOf: [string, integer] },
      after: { anyOf: [integer] },
      at: '/anyOf/0',
      message: 'anyOf lost {"type":"string"}',
      ...narrowed('composition'),
    },
  ],
  [
    'a schema added to allOf',
    {
      before: { allOf: [string] },
      after: { allOf: [string, { minLength: 1 }] },
      at: '/allOf/1',
      message: 'allOf gained {"minLength":1}',
      ...narrowed('composition'),
    },
  ],
  [
    'a schema removed from allOf',
    {
      before: { allOf: [string, { minLength: 1 }] },
      after: { allOf: [string] },
      at: '/allOf/1',
      message: 'allOf lost {"minLength":1}',
      ...widened('composition'),
    },
  ],
  [
    'a keyword inside a schema of anyOf, which moved',
    {
      before: { anyOf: [integer, string] },
      after: { anyOf: [{ ...string, maxLength: 3 }, integer] },
      at: '/anyOf/0/maxLength',
      message: 'maxLength 3 added',
      located: ' anyOf[0]',
      ...narrowed('length'),
    },
  ],
  [
    'an enum added',
    {
      before: string,
      after: { ...string, enum: ['a', 'b'] },
      at: '/enum',
      message: 'values now limited to "a", "b"',
      ...narrowed('enum'),
    },
  ],
  [
    'an enum removed',
    {
      before: { ...string, enum: ['a', 'b'] },
      after: string,
      at: '/enum',
      message: 'values no longer limited to "a", "b"',
      ...widened('enum'),
    },
  ],
  [
    'values removed from an enum',
    {
      before: { ...string, enum: ['a', 'b', 'c'] },
      after: { ...string, enum: ['c'] },
      at: '/enum',
      message: 'enum lost "a", "b"',
      ...narrowed('enum'),
    },
  ],
  [
    'values added to an enum',
    {
      before: { ...string, enum: ['a'] },
      after: { ...string, enum: ['a', 'b', 'c'] },
      at: '/enum',
      message: 'enum gained "b", "c"',
      ...widened('enum'),
    },
  ],
  [
    'a const whose JSON is 120 characters, shown whole',
    {
      before: string,
      after: { ...string, const: 'x'.repeat(118) },
      at: '/const',
      message: `const "${'x'.repeat(118)}" added`,
      ...narrowed('const'),
    },
  ],
  [
    'a const whose JSON is 121 characters, cut short',
    {
      before: string,
      after: { ...string, const: 'x'.repeat(119) },
      at: '/const',
      message: `const "${'x'.repeat(118)}… added`,
      ...narrowed('const'),
    },
  ],
  [
    'a keyword of additionalProperties',
    {
      before: { ...object, additionalProperties: string },
      after: { ...object, additionalProperties: { ...string, maxLength: 3 } },
      at: '/additionalProperties/maxLength',
      message: 'maxLength 3 added',
      located: '.*',
      ...narrowed('length'),
    },
  ],
];

describe('schema keywords: each change is judged by what it allows, per direction', () => {
  it.each(
    rows.flatMap(([name, row]) =>
      (['request', 'response'] as const).map(
        (direction) => [`${name}, in a ${direction}`, { ...row, direction }] as const,
      ),
    ),
  )('%s', (_name, { before, after, at, message, located = '', direction, ...want }) => {
    const changes = diffSpecs(documentWith(direction, before), documentWith(direction, after));
    const [kind, breaking] = want[direction];
    expect(changes).toEqual([
      {
        kind,
        breaking,
        location: `${fieldLocation[direction]}${located}`,
        message,
        pointer: `${fieldPointer[direction]}${at}`,
      },
    ]);
  });
});

/** A change to the field that a rule judges, where it is. */
const judged =
  (kind: ChangeKind, breaking: boolean, at: string, message: string, located = '') =>
  (direction: Direction): SpecChange => ({
    kind,
    breaking,
    location: `${fieldLocation[direction]}${located}`,
    message,
    pointer: `${fieldPointer[direction]}${at}`,
  });

/** A change to the field that no rule judges, listed with its pointer and both values. */
const listed =
  (at: string, values: string) =>
  (direction: Direction): SpecChange => ({
    kind: 'other-change',
    breaking: false,
    location: `${fieldPointer[direction]}${at}`,
    message: `not classified by the gate: ${values}`,
    pointer: `${fieldPointer[direction]}${at}`,
  });

describe('keywords judged in one direction only, and malformed ones, which are listed instead', () => {
  type Expected = (direction: Direction) => SpecChange;
  const both = (...changes: Expected[]) => ({ request: changes, response: changes });
  const fields = { type: 'object', properties: { a: string } };

  it.each<[string, { before: Spec; after: Spec; want: Record<Direction, Expected[]> }]>([
    [
      'a pattern added: judged in a request only, since no one can tell what a new pattern allows',
      {
        before: string,
        after: { ...string, pattern: '^a' },
        want: {
          request: [judged('pattern-narrowed', true, '/pattern', 'pattern "^a" added')],
          response: [listed('/pattern', 'absent became "^a"')],
        },
      },
    ],
    [
      'a pattern removed',
      {
        before: { ...string, pattern: '^a' },
        after: string,
        want: {
          request: [judged('pattern-removed', false, '/pattern', 'pattern "^a" removed')],
          response: [listed('/pattern', '"^a" became absent')],
        },
      },
    ],
    [
      'a format changed',
      {
        before: { ...string, format: 'uuid' },
        after: { ...string, format: 'uri' },
        want: {
          request: [judged('format-changed', true, '/format', 'format "uuid" became "uri"')],
          response: [listed('/format', '"uuid" became "uri"')],
        },
      },
    ],
    [
      'a format removed',
      { before: { ...string, format: 'uuid' }, after: string, want: both(listed('/format', '"uuid" became absent')) },
    ],
    [
      'additionalProperties false added: judged in a request, which may now be refused',
      {
        before: object,
        after: { ...object, additionalProperties: false },
        want: {
          request: [
            judged(
              'additional-properties-refused',
              true,
              '/additionalProperties',
              'fields outside the schema are now refused',
            ),
          ],
          response: [listed('/additionalProperties', 'absent became false')],
        },
      },
    ],
    [
      'an additionalProperties schema removed',
      {
        before: { ...object, additionalProperties: string },
        after: object,
        want: both(listed('/additionalProperties', '{"type":"string"} became absent')),
      },
    ],
    [
      'a field removed from a schema that still allows any',
      {
        before: fields,
        after: { ...object, properties: {} },
        want: {
          request: [judged('request-field-removed', false, '/properties/a', 'request field "a" removed', '.a')],
          response: [judged('response-field-removed', true, '/properties/a', 'response field "a" removed', '.a')],
        },
      },
    ],
    [
      'a bound that is not a number',
      { before: integer, after: { ...integer, minimum: '0' }, want: both(listed('/minimum', 'absent became "0"')) },
    ],
    [
      'oneOf that was no list becoming one',
      {
        before: { oneOf: {} },
        after: { oneOf: [string] },
        want: both(listed('/oneOf', '{} became [{"type":"string"}]')),
      },
    ],
    [
      'oneOf that was a list becoming none',
      {
        before: { oneOf: [string] },
        after: { oneOf: {} },
        want: both(listed('/oneOf', '[{"type":"string"}] became {}')),
      },
    ],
    [
      'required that was no list becoming one',
      {
        before: { ...fields, required: 'a' },
        after: { ...fields, required: ['a'] },
        want: {
          request: [
            judged('request-field-became-required', true, '/required', 'request field "a" became required', '.a'),
          ],
          response: [
            judged(
              'response-field-became-required',
              false,
              '/required',
              'response field "a" is now always present',
              '.a',
            ),
          ],
        },
      },
    ],
    [
      'required naming a field with what is not a name',
      {
        before: { ...fields, required: ['a'] },
        after: { ...fields, required: ['a', 5] },
        want: both(listed('/required', '["a"] became ["a",5]')),
      },
    ],
    [
      'properties that became null',
      {
        before: fields,
        after: { ...object, properties: null },
        want: {
          request: [
            judged('request-field-removed', false, '/properties/a', 'request field "a" removed', '.a'),
            listed('/properties', '{"a":{"type":"string"}} became null'),
          ],
          response: [
            judged('response-field-removed', true, '/properties/a', 'response field "a" removed', '.a'),
            listed('/properties', '{"a":{"type":"string"}} became null'),
          ],
        },
      },
    ],
  ])('%s', (_name, { before, after, want }) => {
    for (const direction of ['request', 'response'] as const) {
      expect(diffSpecs(documentWith(direction, before), documentWith(direction, after))).toEqual(
        want[direction].map((change) => change(direction)),
      );
    }
  });
});
