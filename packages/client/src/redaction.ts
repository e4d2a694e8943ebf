// Where the client removes the password from what its errors hold, and how: what a server may have echoed loses every
// trace of it, and what the server wrote in its own words loses only what can be an echo.
import type { ErrorResponse } from './types.js';

const redactedMark = '[REDACTED]';

/** Replaces a (non-empty) secret in text, in each form it travels in: as is, percent-encoded and form-encoded. */
export interface Redactor {
  /** Every occurrence, even inside a longer word: for text that may quote the request (an echo, a cause, a body). */
  everywhere(text: string): string;
  /**
   * Only where it can be an echo in a sentence the server wrote: the whole text, or a token of its own.
   *
   * A sentence is made of the server's words, which a short or dictionary-word password may coincide with (`x` in
   * "fixing", `number` in "number must be a phone number"). So an occurrence inside a longer word is left alone, and a
   * password that is itself a word (letters only) is redacted only where it is set off as a value, quoted or after `=`
   * (`password "hunter" is wrong`): an unquoted word is indistinguishable from the sentence's own. Any other password
   * (`hunter2`, `pass word`, `1%`) is no word of a sentence, so as a token of its own it can only be an echo.
   */
  inSentence(text: string): string;
}

const wordCharacter = String.raw`[\p{L}\p{N}]`;
const openingQuote = `["'\`‘“«]`;
const closingQuote = `["'\`’”»]`;

export function redactorOf(secret: string): Redactor {
  // Longest first, in one pass: `1%25`, the percent-encoded `1%`, holds the plain form, which must not win there.
  const forms = [
    ...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]),
  ]
    .sort((a, b) => b.length - a.length)
    .map(escapedForRegExp);
  const anyForm = `(?:${forms.join('|')})`;
  const everywhere = new RegExp(anyForm, 'gu');
  const inSentence = /^\p{L}+$/u.test(secret)
    ? new RegExp(
        `^${anyForm}$|(?<=${openingQuote})${anyForm}(?=${closingQuote})|(?<==)${anyForm}(?!${wordCharacter})`,
        'gu',
      )
    : new RegExp(`(?<!${wordCharacter})${anyForm}(?!${wordCharacter})`, 'gu');
  return {
    everywhere: (text) => text.replace(everywhere, redactedMark),
    inSentence: (text) => text.replace(inSentence, redactedMark),
  };
}

/**
 * A redactor of every secret of a request (the non-empty strings among `secrets`), longest first: a secret that holds
 * another is replaced whole before the shorter one could cut it in two.
 */
export function redactorOfAll(secrets: readonly string[]): Redactor {
  const redactors = [...new Set(secrets.filter((secret) => secret !== ''))]
    .sort((a, b) => b.length - a.length)
    .map(redactorOf);
  return {
    everywhere: (text) => redactors.reduce((redacted, redactor) => redactor.everywhere(redacted), text),
    inSentence: (text) => redactors.reduce((redacted, redactor) => redactor.inSentence(redacted), text),
  };
}

function escapedForRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, String.raw`\$&`);
}

// The server's identifiers of what went wrong: redacting them would hide which error it was, and none is an echo.
// Stryker disable next-line StringLiteral: errorId is an integer, which no redaction of strings changes.
const identifiers = new Set(['error', 'errorId', 'field', 'systemId']);

/**
 * A copy of an ErrorResponse with the secret removed where it can be: in `message`, the server's sentence, where it
 * stands apart (see `Redactor.inSentence`); everywhere in `originalMessage`, `errorStackTrace` (which quotes the
 * exception's message), `data` and any extra field, which carry what the server was given.
 */
export function redactErrorResponse(body: ErrorResponse, redactor: Redactor): ErrorResponse {
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => {
      if (identifiers.has(key)) return [key, value];
      return [key, redactDeep(value, key === 'message' ? redactor.inSentence : redactor.everywhere)];
    }),
  ) as ErrorResponse;
}

/** A copy of a parsed JSON value with `redact` applied to each string in it, property names included. */
function redactDeep(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  // A secret may be a number (a PIN, a CVV) that the server echoes as one.
  if (typeof value === 'number' && redact(String(value)) !== String(value)) return redact(String(value));
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactDeep(item, redact)]));
}

/**
 * A body as text, with the secret removed. openapi-fetch has parsed an error body that is JSON: its strings are
 * redacted one by one, where no JSON escape can hide the secret, before it becomes text again.
 */
export function redactedText(body: unknown, redact: (text: string) => string): string {
  return typeof body === 'string' ? redact(body) : (JSON.stringify(redactDeep(body, redact)) ?? '');
}

const maxCauseDepth = 4;

/**
 * A copy of a thrown value that keeps what helps debugging (name, message, code, stack, cause) with the secret removed.
 * The original is not kept: a fetch error may hold the Request, and with it the form body, in its properties.
 */
export function redactedCopy(thrown: unknown, redact: (text: string) => string, depth = 0): Error {
  if (!(thrown instanceof Error)) return new Error(redact(String(thrown)));
  const cause =
    thrown.cause !== undefined && depth < maxCauseDepth ? redactedCopy(thrown.cause, redact, depth + 1) : undefined;
  const copy = new Error(redact(thrown.message), cause === undefined ? undefined : { cause });
  copy.name = thrown.name;
  copy.stack = redact(thrown.stack ?? `${thrown.name}: ${thrown.message}`);
  const { code } = thrown as { code?: unknown };
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}
