export {
  type CallOptions,
  createVaultClient,
  type VaultClient,
  type VaultClientOptions,
} from './client.js';
export {
  isVaultError,
  type ResponseContext,
  VaultAbortError,
  VaultApiError,
  type VaultClientError,
  VaultError,
  type VaultErrorKind,
  VaultInputError,
  type VaultInputField,
  VaultNetworkError,
  VaultResponseError,
  VaultTimeoutError,
} from './errors.js';
export type { components, operations, paths } from './generated/schema.js';
export { defaultMerchantId, serverUrl as defaultBaseUrl } from './generated/spec-values.js';
export { createTokenSession, type TokenSession, type TokenSessionOptions } from './token-session.js';
export type { ErrorResponse, PhoneConfirmationRequest, PhoneCredentials, TokenResponse, VaultPaths } from './types.js';
