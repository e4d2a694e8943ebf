// Shared by the mock's tests: the spec's own ErrorResponse schema, to check every error body against.
import { readFileSync } from 'node:fs';
import { bundledSpecJson } from '@vault/spec';
import { Ajv2020 } from 'ajv/dist/2020.js';

const bundle = JSON.parse(readFileSync(bundledSpecJson, 'utf8'));

export const specExamples = bundle.components.examples as Record<string, { value: Record<string, unknown> }>;

/** Returns the schema violations of `body` against the spec's ErrorResponse (an empty list when it is valid). */
export const errorResponseViolations = (() => {
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(bundle.components.schemas.ErrorResponse);
  return (body: unknown): string[] =>
    validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
})();

export const validForm = 'grant_type=mobile_phone&number=%2B447871239999&password=1234Qwerty';

export const formHeaders = {
  'content-type': 'application/x-www-form-urlencoded',
  'x-merchant-id': 'bece038f-2e46-49f4-b25e-89cd38d6dc16',
};
