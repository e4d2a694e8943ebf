import { execFile } from 'node:child_process';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { type Json, type JsonObject, nodeAt, readBundledSpec } from '@vault/spec/document';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratedFiles, generatedFiles, staleFiles, writeGenerated } from '../scripts/generated-files.mjs';
import { schemaGuards } from '../scripts/schema-guards.mjs';
import { isErrorResponse, isTokenResponse } from './guards.js';
import { exampleToken } from './testing/fake-fetch.js';

// Generated here, never in src/generated/ (ignored by git, removed after the run).
const workDir = new URL('../.work/guards/', import.meta.url);
afterAll(() => rm(workDir, { recursive: true, force: true }));

type Guard = (value: unknown) => boolean;

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
    ['access_token as a number', { given: { ...minimalToken, access_token: 1 }, want: false }],
    ['token_type as null', { given: { ...minimalToken, token_type: null }, want: false }],
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
    ['error as a number', { given: { ...minimalError, error: 400 }, want: false }],
    ['message as null', { given: { ...minimalError, message: null }, want: false }],
    ['message as an object', { given: { ...minimalError, message: { text: 'Sorry' } }, want: false }],
    ['systemId as a number', { given: { ...minimalError, systemId: 1 }, want: false }],
    ['a fractional errorId', { given: { ...minimalError, errorId: 0.5 }, want: false }],
    ['originalMessage as a number', { given: { ...minimalError, originalMessage: 1 }, want: false }],
    ['errorStackTrace as an array', { given: { ...minimalError, errorStackTrace: ['at x'] }, want: false }],
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

describe('the guards of a spec that comes to require a field', () => {
  const specFile = new URL('changed/openapi.json', workDir);
  const outputDir = new URL('changed/generated/', workDir);
  let changed: GeneratedFiles;
  let current: GeneratedFiles;
  let regenerated: { isTokenResponse: Guard };

  beforeAll(async () => {
    const spec = readBundledSpec();
    const tokenResponse = nodeAt(spec, '/components/schemas/TokenResponse') as { required: string[] } & JsonObject;
    tokenResponse.required.push('id_token');
    (tokenResponse.properties as JsonObject).id_token = { type: 'string' };
    await mkdir(outputDir, { recursive: true });
    await writeFile(specFile, JSON.stringify(spec));
    [changed, current] = await Promise.all([
      generatedFiles(specFile),
      generatedFiles(new URL(import.meta.resolve('@vault/spec/openapi.json'))),
    ]);
    await writeGenerated(outputDir, changed);
    regenerated = await import(new URL('schema-guards.ts', outputDir).href);
  }, 30_000);

  it('refuse the token that the spec before the change allowed', () => {
    expect(isTokenResponse(exampleToken)).toBe(true);
    expect(regenerated.isTokenResponse(exampleToken)).toBe(false);
    expect(regenerated.isTokenResponse({ ...exampleToken, id_token: 'eyJ.e30.c2ln' })).toBe(true);
  });

  it.each<[string, { given: () => Promise<GeneratedFiles>; want: string[] }]>([
    ['nothing where it has just generated', { given: async () => changed, want: [] }],
    [
      'what the change touched, against the spec before it',
      { given: async () => current, want: ['schema.ts', 'schema-guards.ts'] },
    ],
    [
      'a hand-edited guard',
      {
        given: async () => {
          await appendFile(new URL('schema-guards.ts', outputDir), '// edited\n');
          return changed;
        },
        want: ['schema-guards.ts'],
      },
    ],
  ])('make generate --check find %s stale', async (_name, { given, want }) => {
    expect(staleFiles(outputDir, await given())).toEqual(want);
  });
});

// Each case is one schema of a document; all are generated into one module, which must compile as src/generated/ does.
const keywordCases: [string, { schema: Json; given: unknown; want: boolean }][] = [
  ['type string, a string', { schema: { type: 'string' }, given: 'a', want: true }],
  ['type string, a number', { schema: { type: 'string' }, given: 1, want: false }],
  ['type integer, 2', { schema: { type: 'integer' }, given: 2, want: true }],
  ['type integer, 1.5', { schema: { type: 'integer' }, given: 1.5, want: false }],
  ['type number, 1.5', { schema: { type: 'number' }, given: 1.5, want: true }],
  ['type number, a numeric string', { schema: { type: 'number' }, given: '1', want: false }],
  ['type boolean, false', { schema: { type: 'boolean' }, given: false, want: true }],
  ['type boolean, 0', { schema: { type: 'boolean' }, given: 0, want: false }],
  ['type null, null', { schema: { type: 'null' }, given: null, want: true }],
  ['type array, an object', { schema: { type: 'array' }, given: {}, want: false }],
  ['type object, an array', { schema: { type: 'object' }, given: [], want: false }],
  ['type object, null', { schema: { type: 'object' }, given: null, want: false }],
  ['types string and null, null', { schema: { type: ['string', 'null'] }, given: null, want: true }],
  ['types string and null, a number', { schema: { type: ['string', 'null'] }, given: 1, want: false }],
  ['enum, a listed number', { schema: { enum: ['a', 1] }, given: 1, want: true }],
  ['enum, an unlisted string', { schema: { enum: ['a', 1] }, given: 'b', want: false }],
  ['required, present', { schema: { required: ['a'] }, given: { a: null }, want: true }],
  ['required, absent', { schema: { required: ['a'] }, given: {}, want: false }],
  ['required, inherited only', { schema: { required: ['toString'] }, given: {}, want: false }],
  ['required without type, a string', { schema: { required: ['a'] }, given: 'x', want: true }],
  ['properties, an optional one absent', { schema: { properties: { a: { type: 'string' } } }, given: {}, want: true }],
  ['properties, a wrong one', { schema: { properties: { a: { type: 'string' } } }, given: { a: 1 }, want: false }],
  [
    'additionalProperties false, an extra one',
    { schema: { properties: { a: {} }, additionalProperties: false }, given: { a: 1, b: 1 }, want: false },
  ],
  [
    'additionalProperties false, only named ones',
    { schema: { properties: { a: {} }, additionalProperties: false }, given: { a: 1 }, want: true },
  ],
  [
    'additionalProperties schema, a wrong extra one',
    {
      schema: { properties: { a: { type: 'string' } }, additionalProperties: { type: 'integer' } },
      given: { a: 'x', b: 'y' },
      want: false,
    },
  ],
  [
    'additionalProperties schema, a named one it does not apply to',
    {
      schema: { properties: { a: { type: 'string' } }, additionalProperties: { type: 'integer' } },
      given: { a: 'x', b: 1 },
      want: true,
    },
  ],
  ['items, a wrong item', { schema: { type: 'array', items: { type: 'string' } }, given: ['a', 1], want: false }],
  ['items without type, a string', { schema: { items: { type: 'string' } }, given: 'a', want: true }],
  ['minimum, equal', { schema: { type: 'integer', minimum: 0 }, given: 0, want: true }],
  ['minimum, below', { schema: { type: 'integer', minimum: 0 }, given: -1, want: false }],
  ['maximum, above', { schema: { maximum: 10 }, given: 11, want: false }],
  ['maximum without type, a string', { schema: { maximum: 10 }, given: 'x', want: true }],
  ['pattern, a match', { schema: { type: 'string', pattern: '^\\+[0-9]+$' }, given: '+44', want: true }],
  ['pattern, no match', { schema: { type: 'string', pattern: '^\\+[0-9]+$' }, given: '44', want: false }],
  ['pattern without type, a number', { schema: { pattern: '^a$' }, given: 5, want: true }],
  ['$ref, a match', { schema: { $ref: '#/components/schemas/Text' }, given: 'a', want: true }],
  ['$ref, no match', { schema: { $ref: '#/components/schemas/Text' }, given: 1, want: false }],
  ['$ref to itself, nested deep', { schema: { $ref: '#/components/schemas/Tree' }, given: treeOf(3, []), want: true }],
  ['$ref to itself, wrong deep', { schema: { $ref: '#/components/schemas/Tree' }, given: treeOf(3, [1]), want: false }],
  [
    'annotations and extensions, anything',
    { schema: { description: 'd', examples: [1], readOnly: true, 'x-vault-expected': 'e' }, given: [1], want: true },
  ],
];

function treeOf(depth: number, leaves: unknown[]): unknown {
  return { children: depth === 0 ? leaves : [treeOf(depth - 1, leaves)] };
}

describe('the generated check of each schema keyword', () => {
  const folder = new URL('keywords/', workDir);
  const referenced = {
    Text: { type: 'string' },
    Tree: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } },
  };
  const caseSchemas = Object.fromEntries(keywordCases.map(([, { schema }], index) => [`Case${index}`, schema]));
  let guards: Record<string, Guard>;

  beforeAll(async () => {
    const source = schemaGuards(
      { components: { schemas: { ...referenced, ...caseSchemas } } },
      Object.keys(caseSchemas),
    );
    await writeGenerated(folder, {
      'schema-guards.ts': source,
      // A stand-in for openapi-typescript's types, which only the predicates read: the checks are what this compiles.
      'schema.ts': 'export interface components { schemas: Record<string, unknown> }\n',
      'tsconfig.json': JSON.stringify({ extends: '../../../tsconfig.json', include: ['*.ts'] }),
    });
    guards = await import(new URL('schema-guards.ts', folder).href);
  });

  it.each(keywordCases.map(([name, testCase], index) => [name, { ...testCase, index }] as const))(
    '%s',
    (_name, { index, given, want }) => {
      expect(guards[`isCase${index}`]?.(JSON.parse(JSON.stringify(given)))).toBe(want);
    },
  );

  it("compile under the package's TypeScript settings", async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const output = await promisify(execFile)(process.execPath, [tsc, '-p', folder.pathname]).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(output).toBe('');
  }, 60_000);
});

describe('a schema the guards cannot check', () => {
  it.each<[string, { given: Json; want: string }]>([
    [
      'a keyword they do not check',
      {
        given: { type: 'object', properties: { a: { oneOf: [{ type: 'string' }] } } },
        want: 'generate: #/components/schemas/Given/properties/a/oneOf uses "oneOf"; scripts/schema-guards.mjs checks only',
      },
    ],
    [
      'format, which the client would not check',
      { given: { type: 'string', format: 'uuid' }, want: '#/components/schemas/Given/format uses "format"' },
    ],
    [
      'a type that JSON has not',
      { given: { type: 'date' }, want: '#/components/schemas/Given/type names no JSON type: date' },
    ],
    [
      'a type named like a property of every object',
      { given: { type: 'toString' }, want: '#/components/schemas/Given/type names no JSON type: toString' },
    ],
    [
      'a pattern JavaScript cannot read',
      { given: { pattern: '(' }, want: '#/components/schemas/Given/pattern is no regular expression' },
    ],
    ['an enum of objects', { given: { enum: [{}] }, want: '#/components/schemas/Given/enum lists an object' }],
    [
      'a schema that is no object',
      { given: { items: 'string' }, want: '#/components/schemas/Given/items is not a schema' },
    ],
  ])('stops the generation at %s, naming where', (_name, { given, want }) => {
    expect(() => schemaGuards({ components: { schemas: { Given: given } } }, ['Given'])).toThrow(want);
  });

  it('stops it when the schema is gone, naming which', () => {
    expect(() => schemaGuards({ components: { schemas: {} } }, ['TokenResponse'])).toThrow(
      'generate: the spec has no schema at #/components/schemas/TokenResponse that can name a function',
    );
  });

  it('leaves every generated file unwritten', async () => {
    const spec = readBundledSpec();
    (nodeAt(spec, '/components/schemas/TokenResponse/properties/scope') as JsonObject).format = 'uuid';
    const specFile = new URL('refused/openapi.json', workDir);
    await mkdir(new URL('./', specFile), { recursive: true });
    await writeFile(specFile, JSON.stringify(spec));

    await expect(generatedFiles(specFile)).rejects.toThrow('TokenResponse/properties/scope/format uses "format"');
  });
});
