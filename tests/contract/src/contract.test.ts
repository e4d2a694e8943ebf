import { describe, expect, inject, it } from 'vitest';
import { checkClientCase, checkRawCase, clientCases, mockOnlyCases, rawCases } from './contract.js';

const baseUrl = inject('baseUrl');
const target = inject('target');
const casesForTarget = target === 'mock' ? [...clientCases, ...mockOnlyCases] : clientCases;

describe(`the contract, against ${target}`, () => {
  it.each(casesForTarget.map((testCase) => [testCase.name, testCase] as const))(
    'through @vault/client: %s',
    async (_name, testCase) => {
      expect(await checkClientCase(baseUrl, testCase)).toEqual([]);
    },
  );

  it.each(rawCases.map((testCase) => [testCase.name, testCase] as const))('raw: %s', async (_name, testCase) => {
    expect(await checkRawCase(baseUrl, testCase)).toEqual([]);
  });
});
