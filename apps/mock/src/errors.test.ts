import { readBundledSpec } from '@vault/spec/document';
import { errorCatalogue } from '@vault/spec/errors';
import { describe, expect, it } from 'vitest';
import { MockError, mockErrors, mockErrorTable } from './errors.js';

const catalogue = errorCatalogue(readBundledSpec());

describe("the mock's errors", () => {
  it("are each in the spec's catalogue, with the catalogue's status and errorId", () => {
    for (const [kind, { status, errorId }] of Object.entries(mockErrors)) {
      expect(catalogue.find((code) => code.error === kind)).toMatchObject({ status, errorId });
    }
  });

  it('take a changed errorId or status from the catalogue, not from the mock', () => {
    const changed = catalogue.map((code) =>
      code.error === 'NOT_FOUND' ? { ...code, status: 410, errorId: 42 } : code,
    );
    expect(mockErrorTable(changed).NOT_FOUND).toEqual({ status: 410, errorId: 42 });
  });

  it('refuse a catalogue without a code the mock sends, naming it', () => {
    const withoutTimeout = catalogue.filter((code) => code.error !== 'REQUEST_TIMEOUT');
    expect(() => mockErrorTable(withoutTimeout)).toThrow(
      "The spec's x-vault-errors has no REQUEST_TIMEOUT, which the mock sends.",
    );
  });

  it('put the kind, errorId and the mock as system on the wire', () => {
    const body = new MockError('METHOD_NOT_ALLOWED', 'No.', { field: 'method' }).toBody();
    expect(body).toEqual({
      error: 'METHOD_NOT_ALLOWED',
      errorId: mockErrors.METHOD_NOT_ALLOWED.errorId,
      message: 'No.',
      systemId: 'vault-mock',
      field: 'method',
    });
  });

  it('are named MockError', () => {
    expect(new MockError('INTERNAL', 'No.').name).toBe('MockError');
  });

  it.each<[string, { given: { field?: string; originalMessage?: string }; want: string[] }]>([
    ['neither field nor originalMessage when it has none', { given: {}, want: [] }],
    ['the originalMessage it has', { given: { originalMessage: 'Prism said no' }, want: ['originalMessage'] }],
    ['the field it has', { given: { field: 'number' }, want: ['field'] }],
  ])('put on the wire %s', (_name, { given, want }) => {
    const body = new MockError('BAD_REQUEST', 'No.', given).toBody();
    expect(Object.keys(body)).toEqual(['error', 'errorId', 'message', 'systemId', ...want]);
    expect(body).toMatchObject(given);
  });
});
