// When a failed attempt is tried again, and after how long: exponential backoff with full jitter, or the server's
// Retry-After, as stripe-node and openai-node do.

/** The clock and the random source of the retries, injectable so that tests are exact and fast. */
export interface RetryTiming {
  /** Milliseconds since the epoch, to read a `Retry-After` date. */
  now(): number;
  /** A number from 0 (included) to 1 (excluded), for the jitter. */
  random(): number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal: AbortSignal | null): Promise<void>;
}

export const defaultRetryTiming: RetryTiming = {
  now: Date.now,
  random: Math.random,
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const abort = () => {
        clearTimeout(timer);
        reject((signal as AbortSignal).reason); // only ever listened to on a signal
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', abort, { once: true });
    }),
};

export const defaultMaxRetries = 2;
/** More retries than this only multiply the load on a server that is already failing. */
export const maxMaxRetries = 10;

/** The statuses that say "try again later": a timeout, too many requests, and a gateway without its server. */
const retriedStatuses = new Set([408, 429, 502, 503, 504]);
/** Methods that the HTTP specification makes idempotent: sent twice, they do what they do once. */
const idempotentMethods = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

const firstBackoffMs = 500;
const maxBackoffMs = 8_000;
/** A Retry-After further away than this is waited for this long only. */
export const maxRetryAfterMs = 60_000;

/** Whether a request may be sent again: an idempotent method, or one that carries an idempotency key. */
export function isRetryable(method: string, hasIdempotencyKey: boolean): boolean {
  return idempotentMethods.has(method) || hasIdempotencyKey;
}

export function isRetriedStatus(status: number): boolean {
  return retriedStatuses.has(status);
}

/** How long to wait before retry number `retry` (1 for the first): the server's `Retry-After`, else the backoff. */
export function retryDelayMs(retry: number, retryAfter: string | null, timing: RetryTiming): number {
  const backoffMs = Math.min(maxBackoffMs, firstBackoffMs * 2 ** (retry - 1));
  return retryAfterMs(retryAfter, timing.now()) ?? Math.round(timing.random() * backoffMs);
}

/** A `Retry-After` value (seconds, or an HTTP date) in milliseconds from `now`, capped; undefined when unreadable. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  // An HTTP date starts with the day's name; Date.parse alone takes "1.5" or "in 7" for dates too.
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : /^[a-z]{3}/i.test(text) ? Date.parse(text) - now : Number.NaN;
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), maxRetryAfterMs);
}
