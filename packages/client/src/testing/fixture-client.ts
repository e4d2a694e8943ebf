// @vault/client as if generated from the multi-operation fixture spec, for the tests of other packages that run code
// written for the client (the docs' samples), and the generated client of each spec under test (the contract suite's
// run of it against the mock). It is not published: src/testing is left out of the package, and its export has only
// the workspace's source condition.
import { createClientFor, type VaultClientOptions } from '../client.js';
import { type FixtureMethods, fixtureDescriptors } from './clients.js';

export * from '../index.js';
export { type ClientUnderTest, clientsUnderTest } from './clients.js';
export { createClientFor };

/** A client with a method per operation of the fixture spec (and no confirmPhoneNumber, which the fixture lacks). */
export const createVaultClient = (options?: VaultClientOptions) =>
  createClientFor<FixtureMethods>(fixtureDescriptors, options);
