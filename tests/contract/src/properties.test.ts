// The property-based checks on every operation: of the Vault spec against the server the suite targets (the mock, or
// VAULT_BASE_URL's), and of the multi-operation fixture against a mock of it, which proves the suite on the kinds of
// operation the API will grow. VAULT_CONTRACT_SEED and VAULT_CONTRACT_RUNS change the seed and the runs per operation.

import { startMock } from '@vault/mock';
import { readBundledSpec } from '@vault/spec/document';
import { multiOperationSpec, readSpecFile } from '@vault/test-fixtures';
import { describe, expect, inject, it } from 'vitest';
import { type Failure, runPropertyChecks } from './properties.js';

const seed = Number(process.env.VAULT_CONTRACT_SEED ?? 20261206);
const runs = Number(process.env.VAULT_CONTRACT_RUNS ?? 25);
const target = inject('target');

/** A failure as a person reads it: the check, the operation, what went wrong, and how to replay it. */
export const reported = ({ check, operation, problem, curl, seed: replaySeed }: Failure) =>
  `${check} on ${operation}: ${problem}\n  replay: ${curl}\n  seed: VAULT_CONTRACT_SEED=${replaySeed}`;

describe(`property-based contract checks (seed ${seed}, ${runs} runs per operation and property)`, () => {
  it(`hold on every operation of the Vault spec, against ${target}`, async () => {
    // A real server is checked directly: these checks judge every answer themselves, and Prism's validating proxy
    // would answer an undocumented method in the server's stead.
    const baseUrl = target === 'mock' ? inject('baseUrl') : target;
    const documentedRefusals = target !== 'mock';
    const failures = await runPropertyChecks({ baseUrl, document: readBundledSpec(), seed, runs, documentedRefusals });
    expect(failures.map(reported)).toEqual([]);
  });

  it.runIf(target === 'mock')('hold on every operation of the multi-operation fixture, against its mock', async () => {
    const mock = await startMock({ spec: multiOperationSpec });
    try {
      const failures = await runPropertyChecks({
        baseUrl: mock.url,
        document: readSpecFile(multiOperationSpec),
        seed,
        runs,
      });
      expect(failures.map(reported)).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});
