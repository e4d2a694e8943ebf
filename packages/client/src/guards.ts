// The checks of the two response bodies are generated from their schemas (scripts/schema-guards.mjs): the types say
// what the server should send, these check what it did send, so a field the spec comes to require is checked too.
export { isErrorResponse, isTokenResponse } from './generated/schema-guards.js';

/** Whether a plain-JS caller passed an object where the types ask for one; a boolean, so that it narrows nothing. */
export function isObjectArgument(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
