// The client of each spec under test: the Vault client's generated operations, and the fixture's (generated into
// src/testing/generated/ by `pnpm run generate`), each with the document it was made from.
import { type SpecUnderTest, specsUnderTest } from '@vault/test-fixtures';
import { operationDescriptors as vaultDescriptors } from '../generated/operations.js';
import type { OperationDescriptor } from '../operation-types.js';
import { operationDescriptors as fixtureDescriptors } from './generated/operations.js';

export type { OperationMethods as FixtureMethods } from './generated/operations.js';
export { fixtureDescriptors };

export interface ClientUnderTest extends SpecUnderTest {
  descriptors: Record<string, OperationDescriptor>;
}

const descriptorsOf: Record<SpecUnderTest['name'], Record<string, OperationDescriptor>> = {
  vault: vaultDescriptors,
  'multi-operation': fixtureDescriptors,
};

export const clientsUnderTest = (): ClientUnderTest[] =>
  specsUnderTest().map((spec) => ({ ...spec, descriptors: descriptorsOf[spec.name] }));
