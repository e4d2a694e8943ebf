import type { IHttpOperation } from '@stoplight/types';
import type { TestInput } from '@vault/spec/test-inputs';
import { describe, expect, it } from 'vitest';
import { matchTestInput, readTestInputs } from './documented-inputs.js';

const testInput = (status: number, example: string): TestInput => ({
  description: `${status} ${example}`,
  given: { number: '+447700900400' },
  status,
  example,
});

/** A 200 with the example `token`, and a 400 whose example `common` is in its second content only. */
const responses = [
  { id: 'r200', code: '200', contents: [{ id: 'c1', mediaType: 'application/json', examples: [{ key: 'token' }] }] },
  {
    id: 'r400',
    code: '400',
    contents: [
      { id: 'c2', mediaType: 'text/plain' },
      { id: 'c3', mediaType: 'application/json', examples: [{ key: 'other' }, { key: 'common' }] },
    ],
  },
  { id: 'r404', code: '404' },
];

const operationWith = (inputs: TestInput[] | undefined, names: { iid?: string; id: string } = { id: 'http_op-1' }) =>
  ({
    ...names,
    method: 'post',
    path: '/confirm',
    responses,
    ...(inputs === undefined ? {} : { extensions: { 'x-vault-test-inputs': inputs } }),
  }) as unknown as IHttpOperation;

describe('readTestInputs', () => {
  it('reads none from an operation without extensions', () => {
    expect(readTestInputs(operationWith(undefined))).toEqual([]);
  });

  it.each([
    ['an example of the status it names', testInput(200, 'token')],
    ['an example in a later content of its status', testInput(400, 'common')],
  ])('reads %s', (_name, input) => {
    expect(readTestInputs(operationWith([input]))).toEqual([input]);
  });

  it.each<[string, { given: { input: TestInput; names?: { iid?: string; id: string } }; want: string }]>([
    [
      'an example of another status',
      {
        given: { input: testInput(400, 'token'), names: { iid: 'confirmPhoneNumber', id: 'http_op-1' } },
        want: 'confirmPhoneNumber: x-vault-test-inputs[0] names no 400 example "token"',
      },
    ],
    [
      'an example no response has, naming the operation by id when it has no operationId',
      {
        given: { input: testInput(200, 'nope') },
        want: 'http_op-1: x-vault-test-inputs[0] names no 200 example "nope"',
      },
    ],
    [
      'a status whose response has no content',
      {
        given: { input: testInput(404, 'token') },
        want: 'http_op-1: x-vault-test-inputs[0] names no 404 example "token"',
      },
    ],
    [
      'a status the operation does not answer',
      {
        given: { input: testInput(500, 'token') },
        want: 'http_op-1: x-vault-test-inputs[0] names no 500 example "token"',
      },
    ],
  ])('refuses %s, naming the operation and the input', (_name, { given, want }) => {
    expect(() => readTestInputs(operationWith([testInput(200, 'token'), given.input], given.names))).toThrow(
      want.replace('[0]', '[1]'),
    );
  });
});

describe('matchTestInput', () => {
  const common = { ...testInput(400, 'common'), given: { number: '+447700900400', password: 'x' } };
  const rejected = { ...testInput(400, 'rejectedPassword'), given: { password: 'wrong-password' } };

  it.each<[string, { given: Record<string, string>; want: TestInput | undefined }]>([
    ['the input whose fields all match', { given: { number: '+447700900400', password: 'x' }, want: common }],
    [
      'the input whose fields all match, other fields aside',
      { given: { number: '1', password: 'wrong-password' }, want: rejected },
    ],
    [
      'no input when only some of its fields match',
      { given: { number: '+447700900400', password: 'y' }, want: undefined },
    ],
    ['no input when none matches', { given: { number: '1', password: 'y' }, want: undefined }],
  ])('finds %s', (_name, { given, want }) => {
    expect(matchTestInput([common, rejected], given)).toEqual(want);
  });
});
