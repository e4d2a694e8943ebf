// Generates src/generated/ from the bundled OpenAPI document of @vault/spec: the types of every path and schema, and the few values the client needs at run time (its defaults, the
// phone number pattern and the operations that take a form), so that none of them is typed by hand. With --check, it
// only says whether src/generated/ is there, for `build` to fail with one line rather than a TypeScript error.
import { existsSync } from 'node:fs';
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

const formMediaType = 'application/x-www-form-urlencoded';
const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Ends the run with one line that names the command that works from a fresh clone. */
function stop(what) {
  console.error(`generate: ${what}: run \`pnpm build --filter @vault/client...\` from the repository's root`);
  process.exit(1);
}

if (process.argv.includes('--check')) {
  if (!existsSync(new URL('schema.ts', outputDir))) stop('src/generated/ is missing');
  process.exit(0);
}
if (!existsSync(bundledSpecJson)) stop(`${bundledSpecJson} is missing (@vault/spec is not built)`);

const spec = JSON.parse(await readFile(specUrl, 'utf8'));

/** The object a local `$ref` points to (a bundle keeps them for what it moved to components), or the node itself. */
function resolved(node) {
  const ref = node?.$ref;
  if (typeof ref !== 'string') return node;
  if (!ref.startsWith('#/')) throw new Error(`generate: ${ref} is not a local $ref; the bundle should have none other`);
  const pointer = ref.slice(2).split('/');
  return resolved(pointer.reduce((parent, key) => parent?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec));
}

// openapi-fetch sends a body as JSON unless a call says otherwise: these operations declare a form, and no JSON, for it.
const formOperations = Object.entries(spec.paths ?? {}).flatMap(([path, pathItem]) =>
  Object.entries(resolved(pathItem))
    .filter(([method, operation]) => {
      const content = httpMethods.includes(method) ? (resolved(operation.requestBody)?.content ?? {}) : {};
      return formMediaType in content && !('application/json' in content);
    })
    .map(([method]) => `${method.toUpperCase()} ${path}`),
);

const runtimeValues = {
  serverUrl: required(spec.servers?.[0]?.url, 'servers[0].url'),
  merchantIdHeader: required(spec.components?.parameters?.MerchantId?.name, 'components.parameters.MerchantId.name'),
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

/** The header that names the merchant, which every request sends. */
export const merchantIdHeader = ${JSON.stringify(runtimeValues.merchantIdHeader)};

/** The default value of the \`X-Merchant-ID\` header. */
export const defaultMerchantId = ${JSON.stringify(runtimeValues.defaultMerchantId)};

/** The pattern of \`PhoneConfirmationRequest.number\` (E.164). */
export const phoneNumberPattern = new RegExp(${JSON.stringify(runtimeValues.phoneNumberPattern)}, 'u');

/** The operations whose request body the spec declares as \`${formMediaType}\` (and not as JSON), as \`METHOD /path\`. */
export const formOperations: ReadonlySet<string> = new Set(${JSON.stringify(formOperations)});
`,
);
