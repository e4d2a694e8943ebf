// Test doubles for the `fetch` option: no sockets, and every request kept as it went on the wire.

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type Answer = (request: Request, index: number) => Response | Promise<Response>;

/** A fetch that answers with `answer` (given the request and its 0-based index) and records what each request sent. */
export function fakeFetch(answer: Answer): { fetch: (request: Request) => Promise<Response>; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  let count = 0;
  async function fetch(request: Request): Promise<Response> {
    const index = count++;
    const body = await request.clone().text();
    sent[index] = { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body };
    return answer(request, index);
  }
  return { fetch, sent };
}

/** Answers every request with the same JSON body and status. */
export function answerJson(status: number, body: unknown): Answer {
  return () => Response.json(body, { status });
}

/** Answers nothing until the request is aborted, then fails as fetch does, with the signal's reason. */
export function answerNever({ signal }: Request): Promise<Response> {
  return untilAborted(signal);
}

/** Settles only when `signal` aborts, then rejects with its reason: a fetch or a wait that only an abort ends. */
export function untilAborted(signal: AbortSignal | null): Promise<never> {
  if (!signal) throw new Error('untilAborted: no signal was given, so nothing could end the wait');
  return new Promise((_resolve, reject) => {
    // Held as a real fetch's open socket holds a pending request, and with it the caller's AbortSignal.timeout, which
    // Node refers to only weakly: unheld, the collector may take that signal, and its timeout never fires.
    const held = setInterval(() => reject, 60_000).unref();
    const abort = () => {
      clearInterval(held);
      reject(signal.reason);
    };
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
  });
}

/** An answer that the test releases when it wants, to hold requests in flight meanwhile. */
export function heldAnswer(): { promise: Promise<Response>; release: (response: Response) => void } {
  let release: (response: Response) => void = () => {};
  const promise = new Promise<Response>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

/** A token response shaped like the spec's example. */
export const exampleToken = {
  access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2lnbmF0dXJl',
  token_type: 'bearer',
  refresh_token: '_aUCain3dCLOF4NzSvQbXchMuns',
  expires_in: 86399,
  scope: 'read write',
};

/** The spec's example credentials. */
export const exampleCredentials = { number: '+447871239999', password: '1234Qwerty' };
