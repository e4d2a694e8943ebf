// Checks a response against the bundled spec: its status is documented for the operation, its content type is one the
// status documents, its documented headers are present and valid, and its body is valid against the schema (JSON Schema 2020-12,
// as OpenAPI 3.1 has it).
import { escapePointer, type Json, readBundledSpec, resolved as resolvedIn } from '@vault/spec/document';
import { createSchemaValidator } from '@vault/test-fixtures';

type JsonObject = Record<string, unknown>;

export const bundle = readBundledSpec() as JsonObject;

/** Follows a `$ref` of `document` to the node it names and that node's JSON pointer. */
const resolverOf =
  (document: JsonObject) =>
  (node: unknown, pointer = ''): { node: JsonObject; pointer: string } => {
    const target = resolvedIn(document as Json, node as Json, pointer);
    return { node: (target.node ?? {}) as JsonObject, pointer: target.pointer };
  };

/** Follows a `$ref` of the bundle to the node it names and that node's JSON pointer. */
export const resolved = resolverOf(bundle);

/** A header's text as the value its schema types (`60` is a number where the schema says integer). */
function headerValue(text: string, schema: unknown): unknown {
  const type = (schema as JsonObject | undefined)?.type;
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && !Number.isNaN(Number(text)))
    return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

export interface ObservedResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** One thing wrong with an answer, by the Schemathesis check that would catch it. */
export interface ResponseViolation {
  check:
    | 'status_code_conformance'
    | 'response_headers_conformance'
    | 'content_type_conformance'
    | 'response_schema_conformance';
  message: string;
}

/** What is wrong with a response of `document` as an answer to `method path` (an empty list when nothing is). */
export function createResponseValidator(document: JsonObject) {
  const validator = createSchemaValidator(document);
  const resolvedHere = resolverOf(document);
  return (method: string, path: string, response: ObservedResponse): ResponseViolation[] => {
    const operationPointer = `/paths/${escapePointer(path)}/${method.toLowerCase()}`;
    const paths = document.paths as Record<string, JsonObject>;
    const operation = resolvedHere(paths[path]).node[method.toLowerCase()] as JsonObject | undefined;
    if (!operation) return [{ check: 'status_code_conformance', message: `${method} ${path} is not in the spec` }];
    const responses = operation.responses as JsonObject;
    const status = String(response.status);
    const documentedStatus =
      status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default';
    if (!(documentedStatus in responses)) {
      const documented = Object.keys(responses).join(', ');
      return [
        {
          check: 'status_code_conformance',
          message: `status ${status} is not documented for ${method} ${path} (documented: ${documented})`,
        },
      ];
    }
    const documented = resolvedHere(responses[documentedStatus], `${operationPointer}/responses/${documentedStatus}`);
    const violations: ResponseViolation[] = [];
    const headerViolation = (message: string) => violations.push({ check: 'response_headers_conformance', message });
    for (const [name, declared] of Object.entries((documented.node.headers ?? {}) as JsonObject)) {
      const header = resolvedHere(declared, `${documented.pointer}/headers/${escapePointer(name)}`);
      const value = response.headers.get(name);
      if (value === null) {
        if (header.node.required === true) headerViolation(`header ${name} is missing`);
        continue;
      }
      const validate =
        header.node.schema === undefined ? undefined : validator.getSchema(`spec#${header.pointer}/schema`);
      if (validate && !validate(headerValue(value, resolvedHere(header.node.schema).node))) {
        for (const error of validate.errors ?? []) headerViolation(`header ${name} "${value}" ${error.message}`);
      }
    }
    const content = (documented.node.content ?? {}) as JsonObject;
    const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (Object.keys(content).length === 0) return violations;
    if (!(mediaType in content)) {
      const message = `content type "${mediaType}" is not documented for ${status} (documented: ${Object.keys(content).join(', ')})`;
      return [...violations, { check: 'content_type_conformance', message }];
    }
    const schemaViolation = (message: string) => ({ check: 'response_schema_conformance' as const, message });
    let body: unknown = response.body;
    if (mediaType.endsWith('json')) {
      try {
        body = JSON.parse(response.body);
      } catch {
        return [...violations, schemaViolation(`the ${status} body is not JSON: ${response.body.slice(0, 80)}`)];
      }
    }
    const schemaPointer = `${documented.pointer}/content/${escapePointer(mediaType)}/schema`;
    const validate = validator.getSchema(`spec#${schemaPointer}`);
    if (!validate) return [...violations, schemaViolation(`no schema at ${schemaPointer}`)];
    if (!validate(body)) {
      for (const error of validate.errors ?? [])
        violations.push(schemaViolation(`body${error.instancePath} ${error.message}`));
    }
    return violations;
  };
}

const bundleValidator = createResponseValidator(bundle);

/** Returns what is wrong with `response` as an answer to `method path` of the bundle (an empty list when nothing is). */
export function responseViolations(method: string, path: string, response: ObservedResponse): string[] {
  return bundleValidator(method, path, response).map(({ message }) => message);
}
