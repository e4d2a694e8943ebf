import type { IHttpOperation } from '@stoplight/types';
import { isJsonObject } from '@vault/spec/document';
import { MockError } from './errors.js';
import type { FormFields } from './form.js';
import { jsonPath } from './json-body.js';
import { declaredTakes } from './media-types.js';

/** A request violation as Prism's validator reports it. */
export interface PrismViolation {
  path?: string[];
  code: string | number;
  message: string;
  severity: number;
}

/** Prism's severity for a violation that makes a request invalid (DiagnosticSeverity.Error). */
export const errorSeverity = 0;

/** The `sl-violations` header, as Prism's own server sends it: one JSON array, cut below the usual 8 KB header limit. */
export function violationsHeader(violations: readonly PrismViolation[]): string {
  const maxLength = 8 * 1024 - 100;
  const value = JSON.stringify(
    violations.map(({ path = [], code, message, severity }) => ({
      location: ['request', ...path],
      severity: ['Error', 'Warning', 'Information', 'Hint'][severity] ?? 'Error',
      code,
      message,
    })),
  );
  // A header carries Latin-1 at most: a violation quoting a spec's or a request's other characters is escaped.
  const ascii = value.replaceAll(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return ascii.length > maxLength ? `Too many violations! ${ascii.slice(0, maxLength)}` : ascii;
}

type Location = 'body' | 'header' | 'query' | 'path';

/** The parameter a violation names: Prism lowercases every name it reports (`x-merchant-id`, `accountid`). */
function parameterOf(operation: IHttpOperation, location: Exclude<Location, 'body'>, lowercased: string) {
  const declared = operation.request?.[location === 'header' ? 'headers' : location] ?? [];
  return declared.find((parameter) => parameter.name.toLowerCase() === lowercased);
}

const asSchema = (node: unknown): Record<string, unknown> | undefined => (isJsonObject(node) ? node : undefined);

/** The schema at `segments` below `schema` (property names, array indices), as far as the spec declares it. */
function schemaAt(schema: unknown, segments: readonly string[]): Record<string, unknown> | undefined {
  let node = asSchema(schema);
  for (const segment of segments) {
    // A property by its name, else an array's item by its index.
    node = asSchema(asSchema(node?.properties)?.[segment] ?? node?.items);
  }
  return node;
}

/** The schema of the place a violation names: a body field of the request's media type, or a parameter. */
function violatedSchema(
  operation: IHttpOperation,
  location: Location,
  place: readonly string[],
  mediaType: string | undefined,
): Record<string, unknown> | undefined {
  if (location === 'body') {
    const contents = operation.request?.body?.contents ?? [];
    const content =
      contents.find((candidate) => mediaType !== undefined && declaredTakes(candidate.mediaType, mediaType)) ??
      contents[0];
    return schemaAt(content?.schema, place);
  }
  const [name = '', ...below] = place;
  return schemaAt(parameterOf(operation, location, name)?.schema, below);
}

/** The schema extension that says, in words, what a pattern-constrained value is (`a phone number in E.164 format`). */
export const expectedExtension = 'x-vault-expected';

/**
 * What is wrong with a value that fails its pattern, in the spec's words rather than the regular expression. A leading
 * space before digits in a form field is the tell of an unencoded `+`, which a form decoder reads as a space.
 */
function patternProblem(
  schema: Record<string, unknown> | undefined,
  formValue: string | undefined,
): string | undefined {
  const expected = schema?.[expectedExtension];
  if (typeof expected !== 'string') return undefined;
  // Stryker disable next-line OptionalChaining: schema is defined here, since its expected text is a string
  const [example] = Array.isArray(schema?.examples) ? schema.examples : [];
  const suchAs = typeof example === 'string' ? `, such as ${example}` : '';
  // Stryker disable next-line StringLiteral: neither the empty string nor any replacement starts with a space and a digit
  const unencodedPlus = /^ \d/.test(formValue ?? '')
    ? '; a + in a form body must be sent as %2B (curl --data-urlencode does this)'
    : '';
  return `must be ${expected}${suchAs}${unencodedPlus}`;
}

/** The field an error names: a body field by its path (`beneficiary.iban`, `items[0]`), a parameter by its name. */
function fieldName(operation: IHttpOperation, location: Location, place: readonly string[]): string {
  if (location !== 'body') {
    const [lowercased] = place;
    return lowercased === undefined ? location : (parameterOf(operation, location, lowercased)?.name ?? lowercased);
  }
  return jsonPath(place.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment))) || 'body';
}

/** A violation that Prism does not place: a missing body, a body where the operation takes none, or its own words. */
function placelessError(violation: PrismViolation, operation: IHttpOperation): MockError {
  const originalMessage = violation.message;
  if (violation.code === 'required') {
    return new MockError('VALIDATION', 'The request body is required.', { field: 'body', originalMessage });
  }
  if (violation.code === 415) {
    const where = `${operation.method.toUpperCase()} ${operation.path}`;
    return new MockError('VALIDATION', `${where} takes no request body.`, { field: 'body', originalMessage });
  }
  return new MockError('VALIDATION', `${originalMessage}.`, { field: 'request', originalMessage });
}

/** Where Prism's validator places a violation (it checks no cookie). */
const locations: readonly string[] = ['body', 'header', 'query', 'path'];

/**
 * Turns one of Prism's violations into the mock's 400: the failing place by name, a sentence in the spec's words,
 * Prism's own text. `form` is the decoded form body and `mediaType` the request's, when it has them.
 */
export function violationToError(
  violation: PrismViolation,
  operation: IHttpOperation,
  form: FormFields = {},
  mediaType?: string,
): MockError {
  // Stryker disable next-line ArrayDeclaration: without a path, there is no location and no segment either way
  const [given, ...segments] = violation.path ?? [];
  const missing = /required property '([^']+)'/.exec(violation.message)?.[1];
  const location = (given ?? (missing === undefined ? undefined : 'body')) as Location | undefined;
  if (location === undefined || !locations.includes(location)) return placelessError(violation, operation);
  const place = missing === undefined ? segments : [...segments, missing];
  const field = fieldName(operation, location, place);
  const prismWords = (
    segments.length === 0 ? /^Request \w+ (.+)$/ : /^Request \w+(?: property| parameter)? \S+ (.+)$/
  ).exec(violation.message)?.[1];
  const problem =
    missing !== undefined
      ? 'is required'
      : ((violation.code === 'pattern'
          ? patternProblem(violatedSchema(operation, location, place, mediaType), form[field])
          : undefined) ??
        prismWords ??
        'is invalid');
  return new MockError('VALIDATION', `${field} ${problem}.`, { field, originalMessage: violation.message });
}
