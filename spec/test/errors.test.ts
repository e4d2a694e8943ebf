import { type JsonObject, operations, readBundledSpec, resolve, resolved } from '@vault/spec/document';
import { errorCatalogue, parseErrorCatalogue } from '@vault/spec/errors';
import { describe, expect, it } from 'vitest';

const valid = {
  error: 'VALIDATION',
  errorId: 1,
  status: 400,
  meaning: 'A field is malformed.',
  nextStep: 'Correct it.',
  mockOnly: false,
};
const other = { ...valid, error: 'NOT_FOUND', errorId: 3, status: 404, mockOnly: true };

describe('parseErrorCatalogue', () => {
  it('reads each entry as it is', () => {
    expect(parseErrorCatalogue([valid, other], 'doc')).toEqual([valid, other]);
  });

  it.each<[string, { given: unknown; want: string }]>([
    ['no catalogue at all', { given: undefined, want: 'doc: x-vault-errors is not a list' }],
    ['a value that is not a list', { given: { VALIDATION: valid }, want: 'doc: x-vault-errors is not a list' }],
    [
      'an entry that is not an object',
      { given: [valid, 'NOT_FOUND'], want: 'doc: x-vault-errors[1] is not an object' },
    ],
    [
      'an entry without a next step',
      {
        given: [{ ...valid, nextStep: undefined }],
        want: 'x-vault-errors[0].nextStep must be a sentence, not undefined',
      },
    ],
    ['a blank meaning', { given: [{ ...valid, meaning: ' ' }], want: '[0].meaning must be a sentence, not " "' }],
    [
      'a code that is not UPPER_SNAKE',
      { given: [{ ...valid, error: 'Validation' }], want: '[0].error must be a code' },
    ],
    [
      'a negative errorId',
      { given: [{ ...valid, errorId: -1 }], want: '[0].errorId must be a whole number, 0 or more' },
    ],
    ['an errorId as a string', { given: [{ ...valid, errorId: '1' }], want: '[0].errorId must be a whole number' }],
    [
      'a success status',
      { given: [{ ...valid, status: 200 }], want: '[0].status must be an HTTP error status, 400 to' },
    ],
    ['a status as a string', { given: [{ ...valid, status: '400' }], want: '[0].status must be an HTTP error status' }],
    ['mockOnly left out', { given: [{ ...valid, mockOnly: undefined }], want: '[0].mockOnly must be true or false' }],
    ['a misspelt field', { given: [{ ...valid, nextstep: 'x' }], want: '[0] has unknown fields: nextstep' }],
    [
      'a code listed twice',
      {
        given: [valid, { ...other, error: 'VALIDATION' }],
        want: "[1].error VALIDATION is already x-vault-errors[0]'s",
      },
    ],
    ['an errorId given twice', { given: [valid, { ...other, errorId: 1 }], want: '[1].errorId 1 is already x-vault-' }],
  ])('refuses %s, naming the entry and the field', (_name, { given, want }) => {
    const before = structuredClone(given);
    expect(() => parseErrorCatalogue(given, 'doc')).toThrow(want);
    expect(given).toEqual(before);
  });
});

describe("the spec's error catalogue", () => {
  const bundle = readBundledSpec();
  const catalogue = errorCatalogue(bundle);
  const byCode = new Map(catalogue.map((entry) => [entry.error, entry]));

  /** Every example of an ErrorResponse in an operation's responses, with the status it is documented under. */
  const documentedErrors = operations(bundle).flatMap(({ operation }) =>
    Object.entries((operation.responses ?? {}) as JsonObject).flatMap(([status, response]) => {
      const media = ((resolve(bundle, response) as JsonObject).content as Record<string, JsonObject> | undefined)?.[
        'application/json'
      ];
      if (resolved(bundle, media?.schema).pointer !== '/components/schemas/ErrorResponse') return [];
      return Object.entries((media?.examples ?? {}) as JsonObject).map(([name, example]) => ({
        name,
        status: Number(status),
        value: (resolve(bundle, example) as JsonObject).value as { error: string; errorId: number },
      }));
    }),
  );

  it('is read from the bundle', () => {
    expect(catalogue.map(({ error }) => error)).toEqual(expect.arrayContaining(['COMMON', 'VALIDATION', 'NOT_FOUND']));
  });

  it('has error examples to check', () => {
    expect(documentedErrors.map(({ name }) => name)).toEqual(['common', 'validation', 'rejectedPassword']);
  });

  it.each(documentedErrors.map((example) => [example.name, example] as const))(
    'lists the %s example with its errorId and status, as an error the API sends',
    (_name, { status, value }) => {
      expect(byCode.get(value.error)).toMatchObject({ errorId: value.errorId, status, mockOnly: false });
    },
  );
});
