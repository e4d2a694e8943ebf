import type { ErrorResponse, TokenResponse } from './types.js';

// Hand-written runtime checks of the two response shapes: the types say what the server should send, these check what
// it did send (required fields and their types; extra fields are allowed, as the schemas allow them).

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a plain-JS caller passed an object where the types ask for one; a boolean, so that it narrows nothing. */
export function isObjectArgument(value: unknown): boolean {
  return isObject(value);
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isInteger(value: unknown): value is number {
  return Number.isInteger(value);
}

export function isTokenResponse(value: unknown): value is TokenResponse {
  return (
    isObject(value) &&
    typeof value.access_token === 'string' &&
    typeof value.token_type === 'string' &&
    isInteger(value.expires_in) &&
    value.expires_in >= 0 &&
    isOptionalString(value.refresh_token) &&
    isOptionalString(value.scope)
  );
}

export function isErrorResponse(value: unknown): value is ErrorResponse {
  return (
    isObject(value) &&
    typeof value.error === 'string' &&
    isInteger(value.errorId) &&
    typeof value.message === 'string' &&
    typeof value.systemId === 'string' &&
    isOptionalString(value.field) &&
    isOptionalString(value.originalMessage) &&
    isOptionalString(value.errorStackTrace) &&
    (value.data === undefined || (isObject(value.data) && Object.values(value.data).every(isObject)))
  );
}
