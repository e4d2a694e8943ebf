// Every error the mock sends is a valid ErrorResponse of the spec, so clients handle one error shape.

/** The spec's ErrorResponse, as the mock fills it in. */
export interface MockErrorBody {
  error: string;
  errorId: number;
  message: string;
  systemId: string;
  field?: string;
  originalMessage?: string;
}

/** The kinds of error the mock reports, with their HTTP status and stable errorId. */
export const mockErrors = {
  VALIDATION: { status: 400, errorId: 1 },
  NOT_FOUND: { status: 404, errorId: 3 },
  METHOD_NOT_ALLOWED: { status: 405, errorId: 4 },
  REQUEST_TIMEOUT: { status: 408, errorId: 5 },
  PAYLOAD_TOO_LARGE: { status: 413, errorId: 6 },
  HEADERS_TOO_LARGE: { status: 431, errorId: 7 },
  BAD_REQUEST: { status: 400, errorId: 8 },
  INTERNAL: { status: 500, errorId: 9 },
} as const;

export type MockErrorKind = keyof typeof mockErrors;

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
