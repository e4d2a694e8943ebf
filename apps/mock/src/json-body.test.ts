import { describe, expect, it } from 'vitest';
import { type JsonDecoding, jsonPath, maxJsonDepth, parseJsonBody } from './json-body.js';

const parse = (text: string | Uint8Array) => parseJsonBody(typeof text === 'string' ? Buffer.from(text) : text);
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('parseJsonBody', () => {
  it.each<[string, { given: string; want: unknown }]>([
    [
      'an object with nested values',
      { given: '{"a":{"b":[1,2.5e1,-0.5]},"c":"x"}', want: { a: { b: [1, 25, -0.5] }, c: 'x' } },
    ],
    ['an array of literals', { given: '[true, false, null]', want: [true, false, null] }],
    ['a bare string with escapes', { given: '"a\\"b\\u00e9\\n"', want: 'a"bé\n' }],
    ['a bare number, with white space around it', { given: ' \t\r\n42\n', want: 42 }],
    [
      'numbers with signed exponents of several digits',
      { given: '[1e+10, 2.5E-12, -0.5e3]', want: [1e10, 2.5e-12, -500] },
    ],
    ['empty containers', { given: '{"a":{},"b":[]}', want: { a: {}, b: [] } }],
    [
      'a key named constructor, as data',
      { given: '{"constructor":{"prototype":{"x":1}}}', want: { constructor: { prototype: { x: 1 } } } },
    ],
    [`nesting of exactly ${maxJsonDepth} levels`, { given: nested(maxJsonDepth), want: expect.any(Array) }],
  ])('reads %s', (_name, { given, want }) => {
    expect(parse(given)).toEqual({ ok: true, value: want });
  });

  it.each<[string, { given: string | Uint8Array; want: Omit<Extract<JsonDecoding, { ok: false }>, 'ok'> }]>([
    [
      'a trailing comma, with where it is',
      {
        given: '{"a":1,}',
        want: {
          field: 'body',
          reason: "is not valid JSON: expected a property name in double quotes but found '}' at line 1, column 8",
        },
      },
    ],
    [
      'a break on a later line, by line and column',
      {
        given: '{\n  "a": tru\n}',
        want: { field: 'body', reason: "is not valid JSON: expected a value but found 't' at line 2, column 8" },
      },
    ],
    [
      'an empty body',
      {
        given: '',
        want: {
          field: 'body',
          reason: 'is not valid JSON: expected a value but found the end of the body at line 1, column 1',
        },
      },
    ],
    [
      'a value after the value',
      {
        given: '{} {}',
        want: {
          field: 'body',
          reason: "is not valid JSON: expected the end of the body but found '{' at line 1, column 4",
        },
      },
    ],
    [
      'a missing colon',
      {
        given: '{"a" 1}',
        want: { field: 'body', reason: "is not valid JSON: expected ':' but found '1' at line 1, column 6" },
      },
    ],
    [
      'an unclosed array',
      {
        given: '[1 2]',
        want: { field: 'body', reason: "is not valid JSON: expected ',' or ']' but found '2' at line 1, column 4" },
      },
    ],
    [
      'an unclosed object',
      {
        given: '{"a":1 "b":2}',
        want: { field: 'body', reason: `is not valid JSON: expected ',' or '}' but found '"' at line 1, column 8` },
      },
    ],
    [
      'a raw control character in a string',
      {
        given: '"a\tb"',
        want: {
          field: 'body',
          reason: `is not valid JSON: expected '"' to close the string but found '\t' at line 1, column 3`,
        },
      },
    ],
    [
      'a string that never closes',
      {
        given: '{"a":"bc',
        want: {
          field: 'body',
          reason: `is not valid JSON: expected '"' to close the string but found the end of the body at line 1, column 9`,
        },
      },
    ],
    [
      'an escape JSON does not have',
      {
        given: '"a\\xb"',
        want: {
          field: 'body',
          reason: "is not valid JSON: expected an escape such as \\n or \\u00e9 but found '\\' at line 1, column 3",
        },
      },
    ],
    [
      'a leading zero',
      {
        given: '01',
        want: {
          field: 'body',
          reason: "is not valid JSON: expected the end of the body but found '1' at line 1, column 2",
        },
      },
    ],
    [
      'single quotes',
      {
        given: "{'a':1}",
        want: {
          field: 'body',
          reason: "is not valid JSON: expected a property name in double quotes but found ''' at line 1, column 2",
        },
      },
    ],
    [
      'a repeated key, by its path',
      { given: '{"a":{"b":1,"b":2}}', want: { field: 'a.b', reason: 'is given more than once' } },
    ],
    [
      'a __proto__ key, by its path',
      {
        given: '{"items":[{"__proto__":{"x":1}}]}',
        want: { field: 'items[0].__proto__', reason: 'is a name no body may use' },
      },
    ],
    [
      'nesting one level deeper than the limit',
      {
        given: nested(maxJsonDepth + 1),
        want: {
          field: 'body',
          reason: `nests deeper than ${maxJsonDepth} levels at line 1, column ${maxJsonDepth + 1}`,
        },
      },
    ],
    [
      'a number beyond any double, by its path',
      {
        given: `{"n":1${'0'.repeat(400)}}`,
        want: { field: 'n', reason: 'holds a number too large: line 1, column 407' },
      },
    ],
    [
      'bytes that are not UTF-8',
      { given: Uint8Array.of(0x22, 0xff, 0x22), want: { field: 'body', reason: 'is not valid UTF-8' } },
    ],
  ])('refuses %s', (_name, { given, want }) => {
    expect(parse(given)).toEqual({ ok: false, ...want });
  });

  it('refuses 100,000 levels of nesting without overflowing the stack', () => {
    expect(parse(nested(100_000))).toMatchObject({ ok: false, reason: expect.stringMatching(/^nests deeper than/) });
  });

  it('reads 16 KiB of digits as a number, or refuses it, without hanging', () => {
    expect(parse(`0.${'1'.repeat(16 * 1024)}`)).toEqual({ ok: true, value: expect.closeTo(0.111, 3) });
    expect(parse('9'.repeat(16 * 1024))).toMatchObject({ ok: false, field: 'body' });
  });

  it('reads a long string, and refuses one that never closes, in time that grows with its length alone', () => {
    const long = 'a'.repeat(1_000_000);
    expect(parse(`"${long}"`)).toEqual({ ok: true, value: long });
    // A regular expression with a repeated group backtracks for hours on forty characters of this.
    expect(parse(`{"a":"${'a'.repeat(100_000)}`)).toMatchObject({ ok: false, field: 'body' });
  });
});

describe('jsonPath', () => {
  it.each<[string, { given: (string | number)[]; want: string }]>([
    ['a nested property with dots', { given: ['beneficiary', 'iban'], want: 'beneficiary.iban' }],
    ['an index in brackets', { given: ['items', 0, 'name'], want: 'items[0].name' }],
    ['an index at the root', { given: [2, 'a'], want: '[2].a' }],
    ['nothing as the empty string', { given: [], want: '' }],
  ])('writes %s', (_name, { given, want }) => {
    expect(jsonPath(given)).toBe(want);
  });
});
