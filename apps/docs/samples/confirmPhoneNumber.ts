import { createVaultClient, VaultApiError } from '@vault/client';

const vault = createVaultClient({ baseUrl: 'https://api.vault.sandbox.testessential.net' });

try {
  const token = await vault.confirmPhoneNumber({
    number: '+447871239999',
    password: '1234Qwerty',
  });
  console.log(`Bearer ${token.access_token}, valid for ${token.expires_in} s`);
} catch (error) {
  if (!(error instanceof VaultApiError)) throw error;
  // error.body is the API's ErrorResponse; field names what was wrong.
  console.error(error.status, error.body.error, error.body.field, error.body.message);
}
