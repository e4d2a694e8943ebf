// Checks a response against the bundled spec: its status is documented for the operation, its content type is one the
// status documents, its documented headers are present and valid, and its body is valid against the schema (JSON Schema 2020-12,
// as OpenAPI 3.1 has it).
import { escapePointer, type Json, readBundledSpec, resolved as resolvedIn } from '@vault/spec/document';
import { Ajv2020 } from 'ajv/dist/2020.js';

type JsonObject = Record<string, unknown>;

export const bundle = readBundledSpec() as JsonObject;

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(bundle, 'spec');

/** Follows a `$ref` of the bundle to the node it names and that node's JSON pointer. */
export function resolved(node: unknown, pointer = ''): { node: JsonObject; pointer: string } {
  const target = resolvedIn(bundle as Json, node as Json, pointer);
  return { node: (target.node ?? {}) as JsonObject, pointer: target.pointer };
}

export interface ObservedResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** Returns what is wrong with `response` as an answer to `method path` (an empty list when nothing is). */
export function responseViolations(method: string, path: string, response: ObservedResponse): string[] {
  const operationPointer = `/paths/${escapePointer(path)}/${method.toLowerCase()}`;
  const paths = bundle.paths as Record<string, JsonObject>;
  const operation = paths[path]?.[method.toLowerCase()] as JsonObject | undefined;
  if (!operation) return [`${method} ${path} is not in the spec`];
  const responses = operation.responses as JsonObject;
  const status = String(response.status);
  const documentedStatus = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default';
  if (!(documentedStatus in responses)) {
    return [
      `status ${status} is not documented for ${method} ${path} (documented: ${Object.keys(responses).join(', ')})`,
    ];
  }
  const documented = resolved(responses[documentedStatus], `${operationPointer}/responses/${documentedStatus}`);
  const violations: string[] = [];
  for (const [name, declared] of Object.entries((documented.node.headers ?? {}) as JsonObject)) {
    const header = resolved(declared, `${documented.pointer}/headers/${escapePointer(name)}`);
    const value = response.headers.get(name);
    if (value === null) {
      if (header.node.required === true) violations.push(`header ${name} is missing`);
      continue;
    }
    const validate = header.node.schema === undefined ? undefined : ajv.getSchema(`spec#${header.pointer}/schema`);
    if (validate && !validate(value)) {
      violations.push(...(validate.errors ?? []).map((error) => `header ${name} "${value}" ${error.message}`));
    }
  }
  const content = (documented.node.content ?? {}) as JsonObject;
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (Object.keys(content).length === 0) return violations;
  if (!(mediaType in content)) {
    return [
      ...violations,
      `content type "${mediaType}" is not documented for ${status} (documented: ${Object.keys(content).join(', ')})`,
    ];
  }
  let body: unknown = response.body;
  if (mediaType.endsWith('json')) {
    try {
      body = JSON.parse(response.body);
    } catch {
      return [...violations, `the ${status} body is not JSON: ${response.body.slice(0, 80)}`];
    }
  }
  const schemaPointer = `${documented.pointer}/content/${escapePointer(mediaType)}/schema`;
  const validate = ajv.getSchema(`spec#${schemaPointer}`);
  if (!validate) return [...violations, `no schema at ${schemaPointer}`];
  if (!validate(body)) {
    violations.push(...(validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message}`));
  }
  return violations;
}
