// The mock's limits, apart from the server that applies them and the handler that reads the body under them.

/** What the mock accepts before it answers 4xx instead of waiting or buffering further. */
export interface MockLimits {
  /** Largest request body, in bytes (413 above it). */
  bodyBytes: number;
  /** Largest request head (request line and headers), in bytes (431 above it). */
  headerBytes: number;
  /** Time allowed for the request head, then for the body, in milliseconds (408 after it). */
  timeoutMs: number;
}

export const defaultLimits: MockLimits = { bodyBytes: 16 * 1024, headerBytes: 16 * 1024, timeoutMs: 10_000 };
