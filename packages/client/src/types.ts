import type { components, paths } from './generated/schema.js';
import type { merchantIdHeader } from './generated/spec-values.js';

/** The body of a successful `confirmPhoneNumber` (200): an OAuth 2.0 access token response. */
export type TokenResponse = components['schemas']['TokenResponse'];

/** The body of a failed call (4xx/5xx): what went wrong. */
export type ErrorResponse = components['schemas']['ErrorResponse'];

/** The form body of `confirmPhoneNumber`, as the spec defines it. */
export type PhoneConfirmationRequest = components['schemas']['PhoneConfirmationRequest'];

/** What the caller gives `confirmPhoneNumber`; the client adds `grant_type` itself. */
export type PhoneCredentials = Omit<PhoneConfirmationRequest, 'grant_type'>;

/** The header a call may leave out: the client sends its own `merchantId` then. */
type MerchantHeader = typeof merchantIdHeader;

/** The headers a method call may leave out: the client sends its `merchantId`, and makes up an idempotency key. */
export type MethodDefaultHeader = MerchantHeader | 'Idempotency-Key';

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The spec's operation, with the headers the client fills in made optional (and `header` with them, when it can). */
export type WithClientDefaults<Operation, Defaulted extends string = MerchantHeader> = Operation extends {
  parameters: infer Parameters extends { header: object };
}
  ? Omit<Operation, 'parameters'> & {
      parameters: Omit<Parameters, 'header'> & HeaderParameter<Parameters['header'], Defaulted>;
    }
  : Operation;

type HeaderParameter<Header, Defaulted extends string> = [RequiredKeys<Omit<Header, Defaulted>>] extends [never]
  ? { header?: ClientDefaults<Header, Defaulted> }
  : { header: ClientDefaults<Header, Defaulted> };

type ClientDefaults<Header, Defaulted extends string> = Omit<Header, Defaulted> &
  Partial<Pick<Header, Extract<keyof Header, Defaulted>>>;

/** The generated `paths`, as the client's `api` takes them: a call may leave out `X-Merchant-ID`. */
export type VaultPaths = {
  [Path in keyof paths]: { [Method in keyof paths[Path]]: WithClientDefaults<paths[Path][Method]> };
};
