import type { IHttpOperation } from '@stoplight/types';
import { MockError } from './errors.js';

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

/** Turns Prism's first violation into the mock's 400: the failing field by name, a sentence, Prism's own text. */
export function violationToError(violation: PrismViolation, operation: IHttpOperation): MockError {
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
      : (/^Request \w+(?: property| parameter)? \S+ (.+)$/.exec(violation.message)?.[1] ?? 'is invalid');
  return new MockError('VALIDATION', `${field} ${problem}.`, { field, originalMessage: violation.message });
}
