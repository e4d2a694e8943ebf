import { createVaultClient, VaultApiError } from '@vault/client';

const vault = createVaultClient(); // the sandbox server by default

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
