// Every error the mock sends is a valid ErrorResponse of the spec, so clients handle one error shape.
import { readBundledSpec } from '@vault/spec/document';
import { type ErrorCode, errorCatalogue, errorsExtension } from '@vault/spec/errors';

/** The spec's ErrorResponse, as the mock fills it in. */
export interface MockErrorBody {
  error: string;
  errorId: number;
  message: string;
  systemId: string;
  field?: string;
  originalMessage?: string;
}

/** The kinds of error the mock reports. Their status and errorId are the spec's (`x-vault-errors`), not the mock's. */
const mockErrorKinds = [
  'VALIDATION',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'REQUEST_TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'BAD_REQUEST',
  'INTERNAL',
] as const;

export type MockErrorKind = (typeof mockErrorKinds)[number];

/** Each kind's HTTP status and errorId, from the spec's error catalogue; a kind the catalogue lacks is an error. */
export function mockErrorTable(
  catalogue: readonly ErrorCode[],
): Record<MockErrorKind, { status: number; errorId: number }> {
  const byCode = new Map(catalogue.map((code) => [code.error, code]));
  return Object.fromEntries(
    mockErrorKinds.map((kind) => {
      const code = byCode.get(kind);
      if (!code) throw new Error(`The spec's ${errorsExtension} has no ${kind}, which the mock sends.`);
      return [kind, { status: code.status, errorId: code.errorId }];
    }),
  ) as Record<MockErrorKind, { status: number; errorId: number }>;
}

/** The kinds of error the mock reports, with their HTTP status and stable errorId, as the bundled spec lists them. */
export const mockErrors = mockErrorTable(errorCatalogue(readBundledSpec()));

const systemId = 'vault-mock';

/** An error the mock answers with; `toBody()` is what goes on the wire. */
export class MockError extends Error {
  readonly kind: MockErrorKind;
  readonly field: string | undefined;
  readonly originalMessage: string | undefined;
  /** Response headers that belong to this error, such as the `Allow` of a 405. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    kind: MockErrorKind,
    message: string,
    details: { field?: string; originalMessage?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'MockError';
    this.kind = kind;
    this.field = details.field;
    this.originalMessage = details.originalMessage;
    this.headers = details.headers ?? {};
  }

  get status(): number {
    return mockErrors[this.kind].status;
  }

  toBody(): MockErrorBody {
    return {
      error: this.kind,
      errorId: mockErrors[this.kind].errorId,
      message: this.message,
      systemId,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.originalMessage === undefined ? {} : { originalMessage: this.originalMessage }),
    };
  }
}
