import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultRetryTiming, isRetryable, maxRetryAfterMs, retryAfterMs } from './retry.js';

describe('isRetryable', () => {
  it.each<[string, { given: { method: string; hasIdempotencyKey: boolean }; want: boolean }]>([
    ['GET', { given: { method: 'GET', hasIdempotencyKey: false }, want: true }],
    ['HEAD', { given: { method: 'HEAD', hasIdempotencyKey: false }, want: true }],
    ['PUT', { given: { method: 'PUT', hasIdempotencyKey: false }, want: true }],
    ['DELETE', { given: { method: 'DELETE', hasIdempotencyKey: false }, want: true }],
    ['OPTIONS', { given: { method: 'OPTIONS', hasIdempotencyKey: false }, want: true }],
    ['TRACE', { given: { method: 'TRACE', hasIdempotencyKey: false }, want: true }],
    ['POST without a key', { given: { method: 'POST', hasIdempotencyKey: false }, want: false }],
    ['PATCH without a key', { given: { method: 'PATCH', hasIdempotencyKey: false }, want: false }],
    ['POST with a key', { given: { method: 'POST', hasIdempotencyKey: true }, want: true }],
    ['PATCH with a key', { given: { method: 'PATCH', hasIdempotencyKey: true }, want: true }],
  ])('%s', (_name, { given, want }) => {
    expect(isRetryable(given.method, given.hasIdempotencyKey)).toBe(want);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-12-06T10:00:00Z');
  it.each<[string, { given: string | null; want: number | undefined }]>([
    ['no header', { given: null, want: undefined }],
    ['seconds', { given: '7', want: 7000 }],
    ['seconds with spaces around', { given: ' 7 ', want: 7000 }],
    ['zero', { given: '0', want: 0 }],
    ['an HTTP date', { given: 'Sun, 06 Dec 2026 10:00:12 GMT', want: 12_000 }],
    ['a date past: at once', { given: 'Sun, 06 Dec 2026 09:59:00 GMT', want: 0 }],
    ['more than the cap', { given: '86400', want: maxRetryAfterMs }],
    ['seconds with a unit', { given: '7s', want: undefined }],
    ['a number after words', { given: 'in 7', want: undefined }],
    ['a fraction', { given: '1.5', want: undefined }],
    ['nonsense', { given: 'soon', want: undefined }],
    [
      'a date that does not start with its day, as no HTTP date does',
      { given: '6 Dec 2026 10:00:12 GMT', want: undefined },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(retryAfterMs(given, now)).toBe(want);
  });
});

describe('defaultRetryTiming.sleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the time it is given, not before', async () => {
    vi.useFakeTimers();
    let done = false;
    const sleeping = defaultRetryTiming.sleep(1000, null).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
  });

  it('rejects at once, with the reason, when the signal has already aborted', async () => {
    const reason = new Error('stopped');
    await expect(defaultRetryTiming.sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('rejects with the reason as soon as the signal aborts, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const reason = new Error('stopped');
    const sleeping = defaultRetryTiming.sleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops listening to the signal once it has waited', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const removed = vi.spyOn(controller.signal, 'removeEventListener');
    const sleeping = defaultRetryTiming.sleep(10, controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    await sleeping;
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
    controller.abort();
  });

  it('listens once', async () => {
    const controller = new AbortController();
    const added = vi.spyOn(controller.signal, 'addEventListener');
    const sleeping = defaultRetryTiming.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping.catch(() => undefined);
    expect(added).toHaveBeenCalledWith('abort', expect.any(Function), { once: true });
  });
});

describe('defaultRetryTiming', () => {
  it('reads the real clock and random source', () => {
    expect(defaultRetryTiming.now).toBe(Date.now);
    expect(defaultRetryTiming.random).toBe(Math.random);
  });
});
