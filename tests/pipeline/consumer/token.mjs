// Usage: node token.mjs BASE_URL. Prints the token's type and lifetime as JSON.
import { createVaultClient } from '@vault/client';

const vault = createVaultClient({ baseUrl: process.argv[2] });
const token = await vault.confirmPhoneNumber({ number: '+447871239999', password: '1234Qwerty' });
console.log(JSON.stringify({ token_type: token.token_type, expires_in: token.expires_in }));
