// The generated methods' types, on the fixture spec (whose operations these tests may name) and on the Vault client
// (whose operations they may not: what holds there holds for every operation).
import { describe, expectTypeOf, it } from 'vitest';
import { type ClientCore, createClientFor, createVaultClient, type VaultClient } from './client.js';
import type { operations as vaultOperations } from './generated/schema.js';
import type { MethodOptions } from './operation-types.js';
import type { FixtureMethods } from './testing/clients.js';
import { fixtureDescriptors } from './testing/clients.js';
import type { components, operations } from './testing/generated/schema.js';

const fixture = createClientFor<FixtureMethods>(fixtureDescriptors);
const accountId = '7d9f2c1e-5b8a-4c3d-9e6f-1a2b3c4d5e6f';
const body = {
  accountId,
  amount: { value: '25.00', currency: 'GBP' },
  beneficiary: { name: 'A. Smith', iban: 'GB33BUKB20201555555555' },
} as const;

describe('a method per operation', () => {
  it('is named by every operationId of the spec, and by nothing else', () => {
    expectTypeOf<keyof FixtureMethods>().toEqualTypeOf<keyof operations>();
    expectTypeOf<Exclude<keyof VaultClient, keyof ClientCore>>().toEqualTypeOf<keyof vaultOperations>();
  });

  it('resolves with the body of the documented 2xx, or undefined for a 204', () => {
    expectTypeOf(fixture.getAccount).returns.resolves.toEqualTypeOf<components['schemas']['Account']>();
    expectTypeOf(fixture.createPayment).returns.resolves.toEqualTypeOf<components['schemas']['Payment']>();
    expectTypeOf(fixture.cancelPayment).returns.resolves.toEqualTypeOf<undefined>();
  });

  it('takes the path, query and header parameters and the body, as openapi-fetch does', () => {
    void fixture.getAccount({ params: { path: { accountId }, query: { include: ['balances'] } } });
    // @ts-expect-error the path parameter is required
    void fixture.getAccount({ params: { query: { include: ['balances'] } } });
    // @ts-expect-error and so is the input that holds it
    void fixture.getAccount();
    // @ts-expect-error include takes only its enum
    void fixture.getAccount({ params: { path: { accountId }, query: { include: ['everything'] } } });
    // @ts-expect-error the body is required
    void fixture.createPayment({});
    // @ts-expect-error the currency takes only its enum
    void fixture.createPayment({ body: { ...body, amount: { value: '1.00', currency: 'USD' } } });
  });

  it('leaves out the idempotency key, which the client makes up, but still types it', () => {
    void fixture.createPayment({ body });
    void fixture.createPayment({ params: { header: { 'Idempotency-Key': accountId } }, body });
    // @ts-expect-error a key is a string
    void fixture.createPayment({ params: { header: { 'Idempotency-Key': 42 } }, body });
  });

  it('takes no input where the operation needs none, and the call options second', () => {
    void fixture.listAccounts();
    void fixture.listAccounts({}, { signal: AbortSignal.timeout(1000), timeoutMs: 5000, maxRetries: 0 });
    expectTypeOf(fixture.listAccounts).parameter(1).toEqualTypeOf<MethodOptions | undefined>();
  });

  it('keeps confirmPhoneNumber as it was on the Vault client', () => {
    const vault = createVaultClient();
    expectTypeOf(vault.confirmPhoneNumber).parameter(0).toEqualTypeOf<{ number: string; password: string }>();
  });
});
