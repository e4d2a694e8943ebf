// Emits the client's operations (src/generated/operations.ts) from any OpenAPI 3 document: for each operationId, what
// the client needs at run time to call it (its method and path, whether it takes the bearer token, a form body, an
// idempotency key, where its secrets are, which header carries the request id) and the type of its method. A new
// operation in the spec is a new method with no hand-written code.
import { escapePointer, isJsonObject, operations, resolve, resolved } from '@vault/spec/document';
import { bodyContent, parametersOf } from '@vault/test-fixtures';

const idempotencyHeader = /^idempotency-key$/i;
const requestIdHeader = /^x-?request-?id$/i;
const identifier = /^[A-Za-z_$][\w$]*$/;
/** The client's own members, which a method must not hide, and names an object must not have (`then` makes it a
 * promise to `await`, `__proto__` its prototype). */
const reservedNames = new Set(['api', 'paths', 'settings', 'then', 'constructor', '__proto__']);

/**
 * Whether the operation's security (its own, else the document's) can be met with the bearer token: one of its
 * alternatives is an HTTP bearer, OAuth 2 or OpenID Connect scheme (all sent as `Authorization: Bearer`), and none of
 * them asks for nothing.
 */
function needsBearer(document, operation) {
  const requirements = operation.security ?? document.security ?? [];
  if (requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0)) {
    return false; // `security: []` or an empty alternative: nothing is required
  }
  const schemes = document.components?.securitySchemes ?? {};
  const isBearer = (name) => {
    const scheme = resolve(document, schemes[name]);
    if (scheme?.type === 'oauth2' || scheme?.type === 'openIdConnect') return true;
    return scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer';
  };
  return requirements.some((requirement) => Object.keys(requirement).some(isBearer));
}

/** Whether a schema marks its value as a secret: `writeOnly`, or `format: password`. */
const isSecret = (schema) => schema?.writeOnly === true || schema?.format === 'password';

/**
 * The paths (property names, `*` for any array item) below `schema` whose values are secrets. A schema met again
 * through a `$ref` is not walked twice, so a recursive schema ends.
 */
function secretPaths(document, node, seen = new Set()) {
  // An inline schema (pointer '') cannot be met again; a referenced one can.
  const { node: schema, pointer } = resolved(document, node);
  if (!isJsonObject(schema) || seen.has(pointer)) return [];
  if (isSecret(schema)) return [[]];
  const inside = pointer === '' ? seen : new Set(seen).add(pointer);
  const below = (child, segment) => secretPaths(document, child, inside).map((path) => [segment, ...path]);
  return [
    ...Object.entries(isJsonObject(schema.properties) ? schema.properties : {}).flatMap(([name, property]) =>
      below(property, name),
    ),
    ...(schema.items === undefined ? [] : below(schema.items, '*')),
    ...['allOf', 'anyOf', 'oneOf'].flatMap((keyword) =>
      (Array.isArray(schema[keyword]) ? schema[keyword] : []).flatMap((part) => secretPaths(document, part, inside)),
    ),
  ];
}

/** What the client needs at run time to call one operation; only what is not the default is written. */
function descriptorOf(document, entry) {
  const { path, method, operation } = entry;
  const parameters = parametersOf(document, entry);
  const content = resolve(document, operation.requestBody)?.content ?? {};
  const descriptor = { method: method.toUpperCase(), path };
  if (needsBearer(document, operation)) descriptor.bearer = true;
  // The media type a client sends, as the tests' example requests choose it; plain JSON is openapi-fetch's default.
  const mediaType = bodyContent(document, entry)?.declared;
  if (mediaType !== undefined && mediaType.toLowerCase() !== 'application/json') descriptor.mediaType = mediaType;
  const idempotency = parameters.find(({ in: place, name }) => place === 'header' && idempotencyHeader.test(name));
  if (idempotency !== undefined) descriptor.idempotencyHeader = idempotency.name;
  const secrets = [
    ...parameters.filter((parameter) => isSecret(resolve(document, parameter.schema))).map((p) => [p.in, p.name]),
    ...[...new Set(Object.values(content).map((media) => media.schema))].flatMap((schema) =>
      secretPaths(document, schema).map((path) => ['body', ...path]),
    ),
  ];
  if (secrets.length > 0) descriptor.secrets = secrets;
  const documentedRequestId = Object.values(operation.responses ?? {})
    .flatMap((response) => Object.keys(resolve(document, response)?.headers ?? {}))
    .find((name) => requestIdHeader.test(name));
  if (documentedRequestId !== undefined) descriptor.requestIdHeader = documentedRequestId;
  return descriptor;
}

/**
 * The TypeScript source of src/generated/operations.ts for `document`: `operationDescriptors`, a table by operationId,
 * and `OperationMethods`, the type of a method per operation. `imports` are the module paths, from the generated file,
 * of the generated `schema.js` and of the client's `operation-types.js`. Throws at an operation the client cannot name.
 */
export function operationMethods(document, imports) {
  const entries = operations(document).map((entry) => {
    const { operationId } = entry.operation;
    const where = `#/paths/${escapePointer(entry.path)}/${entry.method}`;
    if (typeof operationId !== 'string' || !identifier.test(operationId)) {
      throw new Error(`generate: ${where} needs an operationId that can name a method (letters, digits, _ or $)`);
    }
    if (reservedNames.has(operationId)) {
      throw new Error(`generate: ${where} has the operationId ${operationId}, which names a member of the client`);
    }
    return { operationId, where, descriptor: descriptorOf(document, entry), entry };
  });
  const ids = new Map();
  for (const { operationId, where } of entries) {
    if (ids.has(operationId)) {
      throw new Error(`generate: ${where} and ${ids.get(operationId)} have the same operationId, ${operationId}`);
    }
    ids.set(operationId, where);
  }
  const comment = (text) => (typeof text === 'string' ? `  /** ${text.replaceAll('*/', '* /')} */\n` : '');
  return `import type { OperationDescriptor, OperationMethod } from ${JSON.stringify(imports.operationTypes)};
import type { operations } from ${JSON.stringify(imports.schema)};

/** How to call each operation of the spec, by operationId. */
export const operationDescriptors = {
${entries.map(({ operationId, descriptor }) => `  ${operationId}: ${JSON.stringify(descriptor)},`).join('\n')}
} as const satisfies Record<string, OperationDescriptor>;

/** A method per operation of the spec, named by its operationId. */
export interface OperationMethods {
${entries.map(({ operationId, entry }) => `${comment(entry.operation.summary)}  ${operationId}: OperationMethod<operations[${JSON.stringify(operationId)}]>;`).join('\n')}
}
`;
}
