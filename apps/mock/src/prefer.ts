// The Prefer header (`code=400, example=validation, dynamic=true`) picks one of the operation's documented answers.
// Checked here before Prism sees it: Prism answers a status or example that the spec lacks with a 404 or a 500 in its
// own words, where the caller's mistake deserves a 400 that lists what the operation has.
import type { IHttpRequest } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { MockError } from './errors.js';
import { getHttpConfigFromRequest } from './prism.js';

export interface Preferences {
  code?: number | undefined;
  exampleKey?: string | undefined;
  dynamic?: boolean | undefined;
  seed?: string | undefined;
}

const exampleNames = (operation: IHttpOperation, code: string) =>
  operation.responses
    .filter((response) => response.code === code)
    .flatMap((response) => response.contents ?? [])
    .flatMap((content) => content.examples ?? [])
    .map((example) => example.key);

/** `200 (examples: token) or 400 (examples: validation, common)`: what a Prefer header may ask this operation for. */
function documentedAnswers(operation: IHttpOperation): string {
  return operation.responses
    .map(({ code }) => {
      const names = exampleNames(operation, code);
      return names.length > 0 ? `${code} (examples: ${names.join(', ')})` : code;
    })
    .join(' or ');
}

const where = (operation: IHttpOperation) => `${operation.method.toUpperCase()} ${operation.path}`;

/**
 * The caller's Prefer header cannot be read at all. `reason` is Prism's parser's, a tree such as
 * `optional property "code"\n└─ cannot decode "abc", should be a number`, said here on one line.
 */
function unreadablePrefer(operation: IHttpOperation, reason: string): MockError {
  const said = reason
    .split('\n')
    .map((line) => line.replace(/^[\s└├│─]+/, ''))
    .join(': ')
    .replace(/^optional property "([^"]+)"/, '$1');
  return new MockError(
    'VALIDATION',
    `Prefer is not valid (${said}). ${where(operation)} answers ${documentedAnswers(operation)}.`,
    { field: 'Prefer', originalMessage: reason },
  );
}

/** Refuses a Prefer header that asks for a status or an example the operation does not document. */
function checkPreferences(operation: IHttpOperation, asked: Preferences): void {
  const codes = operation.responses.map((response) => response.code);
  const refuse = (what: string) =>
    new MockError(
      'VALIDATION',
      `Prefer asks for ${what}, which ${where(operation)} does not have: it answers ${documentedAnswers(operation)}.`,
      { field: 'Prefer' },
    );
  if (asked.code !== undefined && !codes.includes(String(asked.code))) throw refuse(`code=${asked.code}`);
  if (asked.exampleKey === undefined) return;
  // Without a code, Prism picks the first success response, as it would with no Prefer header at all.
  const code =
    asked.code === undefined ? codes.filter((candidate) => /^2\d\d$/.test(candidate)).sort()[0] : String(asked.code);
  if (code === undefined || !exampleNames(operation, code).includes(asked.exampleKey)) {
    throw refuse(`example=${asked.exampleKey} of a ${code ?? 'success'} response`);
  }
}

/** The preferences a request gives. */
export type Asked = { [Name in keyof Preferences]?: Exclude<Preferences[Name], undefined> };

/** The query parameters that Prism reads as preferences when there is no Prefer header. */
const preferenceQuery = ['__code', '__dynamic', '__seed', '__example'];

/**
 * What the request asks for with a Prefer header (or Prism's `__code`-style query parameters), only what it gives;
 * refused with a 400 when Prism cannot read it or the operation does not document it.
 */
export function askedPreferences(operation: IHttpOperation, input: IHttpRequest): Asked {
  const query = input.url.query ?? {};
  if (!input.headers?.prefer && preferenceQuery.every((name) => query[name] === undefined)) return {};
  const preferences = getHttpConfigFromRequest(input);
  if (preferences._tag === 'Left') {
    throw unreadablePrefer(operation, preferences.left.detail || preferences.left.message);
  }
  checkPreferences(operation, preferences.right);
  return Object.fromEntries(Object.entries(preferences.right).filter(([, value]) => value !== undefined)) as Asked;
}
