import { createVaultClient } from '@vault/client';
import { type RunningMock, startMock } from '@vault/mock';
import { afterAll, beforeAll, expect, it } from 'vitest';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock.close());

it('gets a token from the mock that startMock() serves', async () => {
  const vault = createVaultClient({ baseUrl: mock.url });
  const token = await vault.confirmPhoneNumber({ number: '+447871239999', password: '1234Qwerty' });
  expect(token.token_type).toBe('bearer');
});
