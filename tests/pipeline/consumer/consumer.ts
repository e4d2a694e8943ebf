import { createVaultClient, isVaultError, type VaultClientError } from '@vault/client';
import { type RunningMock, startMock } from '@vault/mock';

export async function tokenFromMock(): Promise<string> {
  const mock: RunningMock = await startMock({ port: 0 });
  try {
    const vault = createVaultClient({ baseUrl: mock.url });
    const token = await vault.confirmPhoneNumber({ number: '+447871239999', password: '1234Qwerty' });
    const lifetime: number = token.expires_in;
    return `${token.token_type} for ${lifetime} s`;
  } catch (error) {
    if (isVaultError(error)) {
      const failure: VaultClientError = error;
      return failure.kind;
    }
    throw error;
  } finally {
    await mock.close();
  }
}
