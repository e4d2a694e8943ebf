import { parseTestInputs } from '@vault/spec/test-inputs';
import { describe, expect, it } from 'vitest';

const valid = { description: 'A wrong password.', given: { password: 'wrong-password' }, status: '400', example: 'x' };

describe('parseTestInputs', () => {
  it('reads each entry, with its status as a number', () => {
    expect(parseTestInputs([valid], 'POST /p')).toEqual([{ ...valid, status: 400 }]);
  });

  it('reads an operation without the extension as having none', () => {
    expect(parseTestInputs(undefined, 'POST /p')).toEqual([]);
  });

  it.each<[string, { given: unknown; want: string }]>([
    ['a value that is not a list', { given: { password: 'x' }, want: 'POST /p: x-vault-test-inputs is not a list' }],
    [
      'an entry without an example',
      { given: [{ ...valid, example: undefined }], want: '[0] needs description, given, status and example' },
    ],
    ['a given value that is not a string', { given: [{ ...valid, given: { number: 1 } }], want: '[0] needs' }],
    ['a status that is not a number', { given: [{ ...valid, status: 'bad' }], want: '[0] needs' }],
  ])('refuses %s, naming the operation', (_name, { given, want }) => {
    expect(() => parseTestInputs(given, 'POST /p')).toThrow(want);
  });
});
