import type { JsonObject } from '@vault/spec/document';
import { describe, expect, it } from 'vitest';
import type { Spec } from '../../fixtures/documents.js';
import { diffSpecs } from '../diff.js';
import type { ChangeKind, Direction } from './change.js';

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
  ['const added', { before: string, after: { ...string, const: 'sms' }, at: '/const', ...narrowed('const') }],
  ['const removed', { before: { ...string, const: 'sms' }, after: string, at: '/const', ...widened('const') }],
  [
    'const changed',
    {
      before: { ...string, const: 'sms' },
      after: { ...string, const: 'mobile_phone' },
      at: '/const',
      request: ['const-changed', true],
      response: ['const-changed', true],
    },
  ],
  ['minimum added', { before: integer, after: { ...integer, minimum: 0 }, at: '/minimum', ...narrowed('range') }],
  [
    'minimum raised',
    { before: { ...integer, minimum: 0 }, after: { ...integer, minimum: 1 }, at: '/minimum', ...narrowed('range') },
  ],
  [
    'minimum lowered',
    { before: { ...integer, minimum: 1 }, after: { ...integer, minimum: 0 }, at: '/minimum', ...widened('range') },
  ],
  ['minimum removed', { before: { ...integer, minimum: 1 }, after: integer, at: '/minimum', ...widened('range') }],
  [
    'maximum lowered',
    { before: { ...integer, maximum: 9 }, after: { ...integer, maximum: 5 }, at: '/maximum', ...narrowed('range') },
  ],
  ['maximum removed', { before: { ...integer, maximum: 9 }, after: integer, at: '/maximum', ...widened('range') }],
  [
    'exclusiveMinimum added',
    { before: integer, after: { ...integer, exclusiveMinimum: 0 }, at: '/exclusiveMinimum', ...narrowed('range') },
  ],
  [
    'exclusiveMaximum raised',
    {
      before: { ...integer, exclusiveMaximum: 5 },
      after: { ...integer, exclusiveMaximum: 9 },
      at: '/exclusiveMaximum',
      ...widened('range'),
    },
  ],
  [
    'multipleOf added',
    { before: integer, after: { ...integer, multipleOf: 5 }, at: '/multipleOf', ...narrowed('multiple-of') },
  ],
  [
    'multipleOf to a multiple of it (5 to 10)',
    {
      before: { ...integer, multipleOf: 5 },
      after: { ...integer, multipleOf: 10 },
      at: '/multipleOf',
      ...narrowed('multiple-of'),
    },
  ],
  [
    'multipleOf to a divisor of it (0.3 to 0.1)',
    {
      before: { type: 'number', multipleOf: 0.3 },
      after: { type: 'number', multipleOf: 0.1 },
      at: '/multipleOf',
      ...widened('multiple-of'),
    },
  ],
  [
    'multipleOf to neither (2 to 3)',
    {
      before: { ...integer, multipleOf: 2 },
      after: { ...integer, multipleOf: 3 },
      at: '/multipleOf',
      request: ['multiple-of-changed', true],
      response: ['multiple-of-changed', true],
    },
  ],
  [
    'multipleOf removed',
    { before: { ...integer, multipleOf: 2 }, after: integer, at: '/multipleOf', ...widened('multiple-of') },
  ],
  ['minItems raised', { before: array, after: { ...array, minItems: 1 }, at: '/minItems', ...narrowed('item-count') }],
  [
    'maxItems raised',
    {
      before: { ...array, maxItems: 3 },
      after: { ...array, maxItems: 5 },
      at: '/maxItems',
      ...widened('item-count'),
    },
  ],
  [
    'maxLength lowered',
    {
      before: { ...string, maxLength: 64 },
      after: { ...string, maxLength: 32 },
      at: '/maxLength',
      ...narrowed('length'),
    },
  ],
  ['minLength removed', { before: { ...string, minLength: 1 }, after: string, at: '/minLength', ...widened('length') }],
  [
    'minProperties added',
    { before: object, after: { ...object, minProperties: 1 }, at: '/minProperties', ...narrowed('property-count') },
  ],
  ['items given a schema', { before: { type: 'array' }, after: array, at: '/items', ...narrowed('items') }],
  ['items no longer given a schema', { before: array, after: { type: 'array' }, at: '/items', ...widened('items') }],
  [
    'a keyword inside items',
    {
      before: array,
      after: { ...array, items: { ...string, maxLength: 3 } },
      at: '/items/maxLength',
      ...narrowed('length'),
    },
  ],
  ['oneOf added', { before: {}, after: { oneOf: [string, integer] }, at: '/oneOf', ...narrowed('composition') }],
  ['oneOf removed', { before: { oneOf: [string, integer] }, after: {}, at: '/oneOf', ...widened('composition') }],
  [
    'a schema added to oneOf',
    { before: { oneOf: [string] }, after: { oneOf: [string, integer] }, at: '/oneOf/1', ...widened('composition') },
  ],
  [
    'a schema removed from anyOf',
    { before: { anyOf: [string, integer] }, after: { anyOf: [integer] }, at: '/anyOf/0', ...narrowed('composition') },
  ],
  [
    'a schema added to allOf',
    {
      before: { allOf: [string] },
      after: { allOf: [string, { minLength: 1 }] },
      at: '/allOf/1',
      ...narrowed('composition'),
    },
  ],
  [
    'a schema removed from allOf',
    {
      before: { allOf: [string, { minLength: 1 }] },
      after: { allOf: [string] },
      at: '/allOf/1',
      ...widened('composition'),
    },
  ],
  [
    'a keyword inside a schema of anyOf, which moved',
    {
      before: { anyOf: [integer, string] },
      after: { anyOf: [{ ...string, maxLength: 3 }, integer] },
      at: '/anyOf/0/maxLength',
      ...narrowed('length'),
    },
  ],
  ['an enum removed', { before: { ...string, enum: ['a'] }, after: string, at: '/enum', ...widened('enum') }],
  [
    'a keyword of additionalProperties',
    {
      before: { ...object, additionalProperties: string },
      after: { ...object, additionalProperties: { ...string, maxLength: 3 } },
      at: '/additionalProperties/maxLength',
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
  )('%s', (_name, { before, after, at, direction, ...want }) => {
    const changes = diffSpecs(documentWith(direction, before), documentWith(direction, after));
    const [kind, breaking] = want[direction];
    expect(changes.map(({ kind, breaking, pointer }) => ({ kind, breaking, pointer }))).toEqual([
      { kind, breaking, pointer: `${fieldPointer[direction]}${at}` },
    ]);
  });
});
