// What scripts/generate.mjs writes to src/generated/, made from one bundled OpenAPI document: the types of every path
// and schema, the few values the client needs at run time (its defaults, the phone number pattern and the operations
// that take a form), and the checks of the response bodies it reads, so that none of them is written by hand.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { nodeAt } from '@vault/spec/document';
import openapiTS, { astToString } from 'openapi-typescript';
import { operationMethods } from './operation-methods.mjs';
import { schemaGuards } from './schema-guards.mjs';

const header = "// Generated from an OpenAPI document by the client's scripts/generate.mjs. Do not edit.\n";

/** The response bodies that the client checks before it trusts them (src/guards.ts). */
const guardedSchemas = ['TokenResponse', 'ErrorResponse'];

/** The generated files' names and contents, for the bundled document at `specUrl` (a file: URL). */
export async function generatedFiles(specUrl) {
  const spec = JSON.parse(await readFile(specUrl, 'utf8'));

  /** Reads a value the client depends on, failing the generation with its location when the spec no longer has it. */
  function stringAt(pointer) {
    const value = nodeAt(spec, pointer);
    if (typeof value !== 'string' || value === '') {
      throw new Error(`generate: the spec has no string at #${pointer}; the client needs it`);
    }
    return value;
  }

  const specValues = `${header}
/** The spec's first server: the sandbox. */
export const serverUrl = ${JSON.stringify(stringAt('/servers/0/url'))};

/** The header that names the merchant, which every request sends. */
export const merchantIdHeader = ${JSON.stringify(stringAt('/components/parameters/MerchantId/name'))};

/** The default value of the \`X-Merchant-ID\` header. */
export const defaultMerchantId = ${JSON.stringify(stringAt('/components/parameters/MerchantId/schema/default'))};

/** The pattern of \`PhoneConfirmationRequest.number\` (E.164). */
export const phoneNumberPattern = new RegExp(${JSON.stringify(stringAt('/components/schemas/PhoneConfirmationRequest/properties/number/pattern'))}, 'u');
`;
  const guards = header + schemaGuards(spec, guardedSchemas);
  return { ...(await operationFiles(specUrl, spec, '../')), 'spec-values.ts': specValues, 'schema-guards.ts': guards };
}

/**
 * The files that give any OpenAPI document (`spec`, read from `specUrl`) its typed methods: `schema.ts`, its types, and
 * `operations.ts`, a method per operation; `clientSource` is the client's src/ as a path from the folder they go to.
 */
export async function operationFiles(specUrl, spec, clientSource) {
  // The Node API, unlike the CLI, ignores any redocly.yaml in the working directory; the spec is linted by @vault/spec.
  // emptyObjectsUnknown: a `type: object` without properties (ErrorResponse.data's values) is any object, not `{}` of never.
  const types = astToString(await openapiTS(specUrl, { silent: true, emptyObjectsUnknown: true }));
  const methods = operationMethods(spec, {
    schema: './schema.js',
    operationTypes: `${clientSource}operation-types.js`,
  });
  return { 'schema.ts': header + types, 'operations.ts': header + methods };
}

/** Writes `files` (names and contents) into the folder `outputDir` (a URL that ends in `/`), which it creates. */
export async function writeGenerated(outputDir, files) {
  await mkdir(outputDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(new URL(name, outputDir), text);
}

/** The names of `files` that `outputDir` lacks or holds with other contents. */
export function staleFiles(outputDir, files) {
  return Object.entries(files)
    .filter(([name, text]) => {
      const file = new URL(name, outputDir);
      return !existsSync(file) || readFileSync(file, 'utf8') !== text;
    })
    .map(([name]) => name);
}
