import type { IHttpOperation } from '@stoplight/types';
import { MockError } from './errors.js';
import { type FormFields, formSchemaOf } from './form.js';

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
  return value.length > maxLength ? `Too many violations! ${value.slice(0, maxLength)}` : value;
}

/** The header's name as the spec spells it (`X-Merchant-ID`), since Node lowercases what it receives. */
function declaredHeaderName(operation: IHttpOperation, lowercased: string): string {
  return operation.request?.headers?.find((header) => header.name.toLowerCase() === lowercased)?.name ?? lowercased;
}

/** The schema extension that says, in words, what a pattern-constrained value is (`a phone number in E.164 format`). */
export const expectedExtension = 'x-vault-expected';

/**
 * What is wrong with a form field that fails its pattern, in the spec's words rather than the regular expression. A
 * leading space before digits is the tell of an unencoded `+`, which a form decoder reads as a space.
 */
function patternProblem(operation: IHttpOperation, field: string, value: string | undefined): string | undefined {
  const schema = formSchemaOf(operation);
  const property = schema?.properties?.[field] as Record<string, unknown> | undefined;
  const expected = property?.[expectedExtension];
  if (typeof expected !== 'string') return undefined;
  // Stryker disable next-line OptionalChaining: property is defined here, since its expected text is a string
  const [example] = Array.isArray(property?.examples) ? property.examples : [];
  const suchAs = typeof example === 'string' ? `, such as ${example}` : '';
  // Stryker disable next-line StringLiteral: neither the empty string nor any replacement starts with a space and a digit
  const unencodedPlus = /^ \d/.test(value ?? '')
    ? '; a + in a form body must be sent as %2B (curl --data-urlencode does this)'
    : '';
  return `must be ${expected}${suchAs}${unencodedPlus}`;
}

/**
 * Turns Prism's first violation into the mock's 400: the failing field by name, a sentence, Prism's own text. `form`
 * is the decoded form body, when the request has one.
 */
export function violationToError(
  violation: PrismViolation,
  operation: IHttpOperation,
  form: FormFields = {},
): MockError {
  // Stryker disable next-line ArrayDeclaration: without a path, name is undefined either way and no location is header or body
  const [location, name] = violation.path ?? [];
  const missing = /required property '([^']+)'/.exec(violation.message)?.[1];
  const rawField = name ?? missing;
  if (rawField === undefined) {
    return new MockError('VALIDATION', 'The request body is required.', {
      field: 'body',
      originalMessage: violation.message,
    });
  }
  const field = location === 'header' ? declaredHeaderName(operation, rawField) : rawField;
  const problem =
    name === undefined
      ? 'is required'
      : ((violation.code === 'pattern' && location === 'body'
          ? patternProblem(operation, field, form[field])
          : undefined) ??
        /^Request \w+(?: property| parameter)? \S+ (.+)$/.exec(violation.message)?.[1] ??
        'is invalid');
  return new MockError('VALIDATION', `${field} ${problem}.`, { field, originalMessage: violation.message });
}
