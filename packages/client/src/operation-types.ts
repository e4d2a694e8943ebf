import type { ParamsOption, RequestBodyOption } from 'openapi-fetch';
import type { Readable, RequiredKeysOf, ResponseObjectMap, SuccessResponse } from 'openapi-typescript-helpers';
import type { MethodDefaultHeader, WithClientDefaults } from './types.js';

/** What the client reads from the spec to call one operation (src/generated/operations.ts holds one per operationId). */
export interface OperationDescriptor {
  readonly method: string;
  /** The path template, as in the spec. */
  readonly path: string;
  /** The operation can only be called with a bearer token. */
  readonly bearer?: boolean;
  /** The media type of the body the client sends, when it is not JSON (the operation takes no JSON). */
  readonly mediaType?: string;
  /** The name of the idempotency-key header the operation declares. */
  readonly idempotencyHeader?: string;
  /** Where the request holds secrets: `[place, ...names]`, place `body`, `query`, `header`, `path` or `cookie`; `*` is any array item. */
  readonly secrets?: readonly (readonly string[])[];
  /** The request-id header its responses document; `X-Request-Id` when they document none. */
  readonly requestIdHeader?: string;
}

/** The options of one method call (the second argument). */
export interface MethodOptions {
  /** Aborts the call, which then fails with `VaultAbortError`. */
  signal?: AbortSignal | undefined;
  /** Fails the call with `VaultTimeoutError` after this many milliseconds, retries included; the client's by default. */
  timeoutMs?: number;
  /** How many times a failed attempt may be retried, when the call is safe to retry; the client's by default. */
  maxRetries?: number;
}

/** A call's input: openapi-fetch's `{ params: { path, query, header }, body }` for the operation. */
export type MethodInput<Operation> = ParamsOption<Operation> & RequestBodyOption<Operation>;

/** The body of the operation's documented 2xx, `undefined` when it has none (a 204). */
// biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's own constraint of an operation
export type MethodResult<Operation extends Record<string | number, any>> = [
  Readable<SuccessResponse<ResponseObjectMap<Operation>, `${string}/${string}`>>,
] extends [never]
  ? undefined
  : Readable<SuccessResponse<ResponseObjectMap<Operation>, `${string}/${string}`>>;

type MethodArguments<Input> =
  RequiredKeysOf<Input> extends never
    ? [input?: Input, options?: MethodOptions]
    : [input: Input, options?: MethodOptions];

/** The method of an operation: the headers the client fills in (`X-Merchant-ID`, an idempotency key) may be left out. */
// biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's own constraint of an operation
export type OperationMethod<Operation extends Record<string | number, any>> = (
  ...args: MethodArguments<MethodInput<WithClientDefaults<Operation, MethodDefaultHeader>>>
) => Promise<MethodResult<Operation>>;
