// Generates src/generated/ from the bundled OpenAPI document of @vault/spec (run `pnpm --filter @vault/spec build`
// first): the types of every path and schema, and the few values the client needs at run time (its defaults and the
// phone number pattern), so that none of them is typed by hand.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { bundledSpecJson } from '@vault/spec';
import openapiTS, { astToString } from 'openapi-typescript';

const specUrl = pathToFileURL(bundledSpecJson);
const outputDir = new URL('../src/generated/', import.meta.url);
const header = '// Generated from the bundled Vault API OpenAPI document by scripts/generate.mjs. Do not edit.\n';

/** Reads a value the client depends on, failing the generation with its location when the spec no longer has it. */
function required(value, location) {
  if (typeof value !== 'string' || value === '') {
    throw new Error(`generate: the spec has no string at ${location}; the client needs it`);
  }
  return value;
}

const spec = JSON.parse(await readFile(specUrl, 'utf8'));
const runtimeValues = {
  serverUrl: required(spec.servers?.[0]?.url, 'servers[0].url'),
  defaultMerchantId: required(
    spec.components?.parameters?.MerchantId?.schema?.default,
    'components.parameters.MerchantId.schema.default',
  ),
  phoneNumberPattern: required(
    spec.components?.schemas?.PhoneConfirmationRequest?.properties?.number?.pattern,
    'components.schemas.PhoneConfirmationRequest.properties.number.pattern',
  ),
};

// The Node API, unlike the CLI, ignores any redocly.yaml in the working directory; the spec is linted by @vault/spec.
// emptyObjectsUnknown: a `type: object` without properties (ErrorResponse.data's values) is any object, not `{}` of never.
const types = astToString(await openapiTS(specUrl, { silent: true, emptyObjectsUnknown: true }));

await mkdir(outputDir, { recursive: true });
await writeFile(new URL('schema.ts', outputDir), header + types);
await writeFile(
  new URL('spec-values.ts', outputDir),
  `${header}
/** The spec's first server: the sandbox. */
export const serverUrl = ${JSON.stringify(runtimeValues.serverUrl)};

/** The default value of the \`X-Merchant-ID\` header. */
export const defaultMerchantId = ${JSON.stringify(runtimeValues.defaultMerchantId)};

/** The pattern of \`PhoneConfirmationRequest.number\` (E.164). */
export const phoneNumberPattern = new RegExp(${JSON.stringify(runtimeValues.phoneNumberPattern)}, 'u');
`,
);
