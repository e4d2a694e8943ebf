// Strict parsing of a JSON request body. JSON.parse alone takes every hostile body it can: a document nested deeper than
// any validator can recurse (which then crashes the validator), repeated keys (the last silently wins) and `__proto__`
// keys (data for JSON.parse, a prototype for the first merge that copies them). This parser refuses each of them with
// where it is, and says where a malformed body breaks.
import { decodeUtf8 } from './media-types.js';

/** Deeper nesting than any API body needs, and shallow enough for every recursive validator downstream. */
export const maxJsonDepth = 64;

export type JsonDecoding =
  | { ok: true; value: unknown }
  | { ok: false /** The body, or the dotted path of the offending key. */; field: string; reason: string };

class JsonRefusal extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** `beneficiary.iban`, `items[0].name`: a place in a JSON body, as errors name it. */
export function jsonPath(segments: readonly (string | number)[]): string {
  return segments
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}

const whitespace = new Set([' ', '\t', '\n', '\r']);
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const escapePattern = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** Parses `body` as one JSON value (RFC 8259) in UTF-8, or says what is wrong and where. */
export function parseJsonBody(body: Uint8Array): JsonDecoding {
  const text = decodeUtf8(body);
  if (text === undefined) return { ok: false, field: 'body', reason: 'is not valid UTF-8' };
  let at = 0;
  const path: (string | number)[] = [];

  const where = () => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return `line ${line}, column ${column}`;
  };
  const malformed = (expected: string): never => {
    const found = at < text.length ? `'${text[at]}'` : 'the end of the body';
    throw new JsonRefusal('body', `is not valid JSON: expected ${expected} but found ${found} at ${where()}`);
  };
  const skipWhitespace = () => {
    while (whitespace.has(text[at] as string)) at += 1;
  };
  const token = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const match = pattern.exec(text)?.[0];
    if (match !== undefined) at += match.length;
    return match;
  };
  /** A string literal, scanned by hand in one pass: a regular expression can backtrack on one that never closes. */
  const string = (expected: string): string => {
    const start = at;
    if (text[at] !== '"') malformed(expected);
    at += 1;
    for (;;) {
      const code = text.charCodeAt(at);
      if (Number.isNaN(code) || code < 0x20) malformed(`'"' to close the string`);
      if (code === 0x22) break;
      if (code === 0x5c && token(escapePattern) === undefined) malformed('an escape such as \\n or \\u00e9');
      else if (code !== 0x5c) at += 1;
    }
    at += 1;
    return JSON.parse(text.slice(start, at)) as string;
  };

  const value = (): unknown => {
    skipWhitespace();
    const char = text[at];
    if (char === '{' || char === '[') {
      if (path.length >= maxJsonDepth) {
        throw new JsonRefusal('body', `nests deeper than ${maxJsonDepth} levels at ${where()}`);
      }
      return char === '{' ? object() : array();
    }
    if (char === '"') return string('a string');
    for (const [literal, meaning] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return meaning;
      }
    }
    const number = token(numberPattern) ?? malformed('a value');
    const parsed = Number(number);
    if (!Number.isFinite(parsed))
      throw new JsonRefusal(jsonPath(path) || 'body', `holds a number too large: ${where()}`);
    return parsed;
  };

  const object = () => {
    at += 1;
    const result: Record<string, unknown> = {};
    skipWhitespace();
    if (text[at] === '}') {
      at += 1;
      return result;
    }
    for (;;) {
      skipWhitespace();
      const key = string('a property name in double quotes');
      path.push(key);
      const field = jsonPath(path);
      if (key === '__proto__') throw new JsonRefusal(field, 'is a name no body may use');
      if (Object.hasOwn(result, key)) throw new JsonRefusal(field, 'is given more than once');
      skipWhitespace();
      if (text[at] !== ':') malformed("':'");
      at += 1;
      result[key] = value();
      path.pop();
      skipWhitespace();
      if (text[at] === '}') {
        at += 1;
        return result;
      }
      if (text[at] !== ',') malformed("',' or '}'");
      at += 1;
    }
  };

  const array = () => {
    at += 1;
    const result: unknown[] = [];
    skipWhitespace();
    if (text[at] === ']') {
      at += 1;
      return result;
    }
    for (;;) {
      path.push(result.length);
      result.push(value());
      path.pop();
      skipWhitespace();
      if (text[at] === ']') {
        at += 1;
        return result;
      }
      if (text[at] !== ',') malformed("',' or ']'");
      at += 1;
    }
  };

  try {
    const parsed = value();
    skipWhitespace();
    if (at < text.length) malformed('the end of the body');
    return { ok: true, value: parsed };
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: nothing in the parser throws anything but a refusal
    if (error instanceof JsonRefusal) return { ok: false, field: error.field, reason: error.message };
    throw error;
  }
}
