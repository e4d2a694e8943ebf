import type { IHttpOperation } from '@stoplight/types';
import type { FormFields } from './form.js';

/** The spec extension that lists an operation's documented test inputs (Stripe-style magic values). */
export const testInputsExtension = 'x-vault-test-inputs';

/** One documented test input: a request whose fields equal `given` is answered with the named example. */
export interface TestInput {
  description: string;
  given: Record<string, string>;
  status: number;
  example: string;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((item) => typeof item === 'string');
}

/** Reads an operation's test inputs, refusing a malformed extension so a spec mistake is loud, not ignored. */
export function readTestInputs(operation: IHttpOperation): TestInput[] {
  const declared = operation.extensions?.[testInputsExtension];
  if (declared === undefined) return [];
  if (!Array.isArray(declared))
    throw new Error(`${operation.iid ?? operation.id}: ${testInputsExtension} is not a list`);
  return declared.map((entry: unknown, index) => {
    const { description, given, status, example } = (entry ?? {}) as Record<string, unknown>;
    const code = Number(status);
    if (
      typeof description !== 'string' ||
      !isStringRecord(given) ||
      !Number.isInteger(code) ||
      typeof example !== 'string'
    ) {
      throw new Error(
        `${operation.iid ?? operation.id}: ${testInputsExtension}[${index}] needs description, given, status and example`,
      );
    }
    const documented = operation.responses.some(
      (response) =>
        response.code === String(code) &&
        response.contents?.some((content) => content.examples?.some((named) => named.key === example)),
    );
    if (!documented) {
      throw new Error(
        `${operation.iid ?? operation.id}: ${testInputsExtension}[${index}] names no ${code} example "${example}"`,
      );
    }
    return { description, given, status: code, example };
  });
}

/** The first test input whose given fields all match the request's form fields. */
export function matchTestInput(inputs: readonly TestInput[], fields: FormFields): TestInput | undefined {
  return inputs.find((input) => Object.entries(input.given).every(([key, value]) => fields[key] === value));
}
