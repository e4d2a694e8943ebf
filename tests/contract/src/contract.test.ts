import { describe, expect, inject, it } from 'vitest';
import { checkClientCase, checkRawCase, clientCases, type Expectation, mockOnlyCases, rawCases } from './contract.js';

const baseUrl = inject('baseUrl');
const target = inject('target');
/**
 * A real server is held to the documented error and field of each example, not to the wording of examples that the
 * spec marks illustrative.
 */
function forRealServer<Case extends { want: Expectation }>(testCase: Case): Case {
  if (!testCase.want.body) return testCase;
  const { error, field } = testCase.want.body;
  const body = { ...(error === undefined ? {} : { error }), ...(field === undefined ? {} : { field }) };
  return { ...testCase, want: { ...testCase.want, body } };
}

const casesForTarget = target === 'mock' ? [...clientCases, ...mockOnlyCases] : clientCases.map(forRealServer);
const rawCasesForTarget = target === 'mock' ? rawCases : rawCases.map(forRealServer);

describe(`the contract, against ${target}`, () => {
  it.each(casesForTarget.map((testCase) => [testCase.name, testCase] as const))(
    'through @vault/client: %s',
    async (_name, testCase) => {
      expect(await checkClientCase(baseUrl, testCase)).toEqual([]);
    },
  );

  it.each(rawCasesForTarget.map((testCase) => [testCase.name, testCase] as const))(
    'raw: %s',
    async (_name, testCase) => {
      expect(await checkRawCase(baseUrl, testCase)).toEqual([]);
    },
  );
});
