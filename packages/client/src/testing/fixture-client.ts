// @vault/client as if generated from the multi-operation fixture spec, for the tests of other packages that run code
// written for the client (the docs' samples). It is not published: src/testing is left out of the package, and its
// export has only the workspace's source condition.
import { createClientFor, type VaultClientOptions } from '../client.js';
import { type FixtureMethods, fixtureDescriptors } from './clients.js';

export * from '../index.js';

/** A client with a method per operation of the fixture spec (and no confirmPhoneNumber, which the fixture lacks). */
export const createVaultClient = (options?: VaultClientOptions) =>
  createClientFor<FixtureMethods>(fixtureDescriptors, options);
