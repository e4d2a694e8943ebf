// Shared by the mock's tests: the spec's examples, its ErrorResponse schema to check every error body against, and a
// valid request's headers as the spec documents them.
import { documentedHeaders, type JsonObject, nodeAt, operations, readBundledSpec } from '@vault/spec/document';
import { createSchemaValidator, schemaViolations } from '@vault/test-fixtures';
import { formMediaType } from '../form.js';

const bundle = readBundledSpec();

type NamedExample = { value: Record<string, unknown> };

export const specExamples = nodeAt(bundle, '/components/examples') as Record<string, NamedExample>;

/** Returns the schema violations of `body` against the spec's ErrorResponse (an empty list when it is valid). */
export const errorResponseViolations = (() => {
  const schema = nodeAt(bundle, '/components/schemas/ErrorResponse') as JsonObject;
  const validate = createSchemaValidator().compile(schema);
  return (body: unknown): string[] => schemaViolations(validate, body);
})();

export const validForm = 'grant_type=mobile_phone&number=%2B447871239999&password=1234Qwerty';

const confirmation = operations(bundle).find(({ path }) => path === '/v2/mobile/phone/confirm');
if (!confirmation) throw new Error('the bundle has no /v2/mobile/phone/confirm');
const merchantId = documentedHeaders(bundle, confirmation.operation)['X-Merchant-ID'];
if (!merchantId) throw new Error('the bundle documents no X-Merchant-ID value for /v2/mobile/phone/confirm');

/** A valid form request's headers, lowercase as Node gives them to the mock. */
export const formHeaders = { 'content-type': formMediaType, 'x-merchant-id': merchantId };
