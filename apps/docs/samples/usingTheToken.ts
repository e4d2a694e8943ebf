import { createTokenSession, createVaultClient } from '@vault/client';

const vault = createVaultClient({ baseUrl: 'https://api.vault.sandbox.testessential.net' });
const session = createTokenSession({ client: vault, number: '+447871239999', password: '1234Qwerty' });

// A call to a protected Vault resource, whose own documentation gives its URL:
const response = await fetch('https://resource.vault.example/v2/notes', {
  headers: { Authorization: `Bearer ${await session.getAccessToken()}` },
});
console.log(response.status);
