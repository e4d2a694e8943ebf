import type { components } from './generated/schema.js';

/** The body of a successful `confirmPhoneNumber` (200): an OAuth 2.0 access token response. */
export type TokenResponse = components['schemas']['TokenResponse'];

/** The body of a failed call (4xx/5xx): what went wrong. */
export type ErrorResponse = components['schemas']['ErrorResponse'];

/** The form body of `confirmPhoneNumber`, as the spec defines it. */
export type PhoneConfirmationRequest = components['schemas']['PhoneConfirmationRequest'];

/** What the caller gives `confirmPhoneNumber`; the client adds `grant_type` itself. */
export type PhoneCredentials = Omit<PhoneConfirmationRequest, 'grant_type'>;
