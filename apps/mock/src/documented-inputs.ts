// The spec's documented test inputs (`x-vault-test-inputs`): requests that the mock answers with a named example of the
// spec instead of its default answer, such as the phone number that always gets the COMMON error.
import type { IHttpOperation } from '@stoplight/types';
import { parseTestInputs, type TestInput, testInputsExtension } from '@vault/spec/test-inputs';
import type { FormFields } from './form.js';

/** Reads an operation's test inputs, and refuses one that names an example its status does not document. */
export function readTestInputs(operation: IHttpOperation): TestInput[] {
  const where = operation.iid ?? operation.id;
  return parseTestInputs(operation.extensions?.[testInputsExtension], where).map((input, index) => {
    const documented = operation.responses.some(
      (response) =>
        response.code === String(input.status) &&
        response.contents?.some((content) => content.examples?.some((named) => named.key === input.example)),
    );
    if (!documented) {
      throw new Error(`${where}: ${testInputsExtension}[${index}] names no ${input.status} example "${input.example}"`);
    }
    return input;
  });
}

/** The first test input whose given fields all match the request's form fields. */
export function matchTestInput(inputs: readonly TestInput[], fields: FormFields): TestInput | undefined {
  return inputs.find((input) => Object.entries(input.given).every(([key, value]) => fields[key] === value));
}
