// One reader of the bundled document for every package: `$ref`s, operations and documented header values. The bundle
// has only local references (`#/...`), so this is all a reader needs.
import { readFileSync } from 'node:fs';
import { bundledSpecJson } from './artifacts.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The methods an OpenAPI path item may hold, in the order the specification lists them. */
export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Parses the bundle built by `pnpm build` (throws when it has not been built). */
export const readBundledSpec = (): JsonObject => JSON.parse(readFileSync(bundledSpecJson, 'utf8'));

/** Escapes one key for a JSON pointer (RFC 6901). */
export const escapePointer = (key: string | number): string => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

const unescapePointer = (key: string) => key.replaceAll('~1', '/').replaceAll('~0', '~');

/** Whether a JSON value is an object (not an array, not null). */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The node at a local reference (`#/a/b`) or JSON pointer (`/a/b`), or undefined when nothing is there. */
export function nodeAt(document: Json, pointer: string): Json | undefined {
  const keys = pointer.replace(/^#/, '').split('/').slice(1).map(unescapePointer);
  return keys.reduce<Json | undefined>(
    (parent, key) =>
      parent !== null && typeof parent === 'object' ? (parent as Record<string, Json>)[key] : undefined,
    document,
  );
}

/**
 * Follows `node`'s `$ref`s to the node they name and that node's JSON pointer (`pointer` when `node` is no reference).
 * A reference that leads back to itself or to nothing is an error that names it.
 */
export function resolved(
  document: Json,
  node: Json | undefined,
  pointer = '',
): { node: Json | undefined; pointer: string } {
  const seen = new Set<string>();
  while (isJsonObject(node) && typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (seen.has(ref)) throw new Error(`$ref cycle at ${ref}`);
    seen.add(ref);
    node = nodeAt(document, ref);
    if (node === undefined) throw new Error(`$ref ${ref} points at nothing`);
    pointer = ref.slice(1);
  }
  return { node, pointer };
}

/** Follows `node`'s `$ref`s to the node they name. */
export const resolve = (document: Json, node: Json | undefined): Json | undefined => resolved(document, node).node;

/**
 * A copy of `node` (the whole document by default) with every `$ref` replaced by what it names. A schema that contains
 * itself is cut at the second visit, where it becomes `{ $ref }` again, so that the copy is finite.
 */
export function dereference<T extends Json = JsonObject>(document: Json, node: Json = document): T {
  const visit = (value: Json | undefined, inside: Set<string>): Json | undefined => {
    if (Array.isArray(value)) return value.map((item) => visit(item, inside) as Json);
    if (!isJsonObject(value)) return value;
    if (typeof value.$ref === 'string') {
      if (inside.has(value.$ref)) return { $ref: value.$ref };
      return visit(resolve(document, value), new Set(inside).add(value.$ref));
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item, inside) as Json]));
  };
  return visit(node, new Set()) as T;
}

/** One operation of a document: where it is, and the Operation Object. */
export interface DocumentOperation {
  path: string;
  method: (typeof httpMethods)[number];
  operation: JsonObject;
  pointer: string;
}

/** Every operation of the document, with its path, method and JSON pointer. */
export function operations(document: Json): DocumentOperation[] {
  const paths = isJsonObject(document) && isJsonObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([path, node]) => {
    // A path item may itself be a `$ref`; its operations are where it points.
    const { node: pathItem, pointer } = resolved(document, node, `/paths/${escapePointer(path)}`);
    return httpMethods.flatMap((method) => {
      const operation = isJsonObject(pathItem) ? pathItem[method] : undefined;
      return isJsonObject(operation) ? [{ path, method, operation, pointer: `${pointer}/${method}` }] : [];
    });
  });
}

/** An operation's header parameters at their documented value (the example, else the schema's default). */
export function documentedHeaders(document: Json, operation: JsonObject): Record<string, string> {
  const headers: Record<string, string> = {};
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  for (const parameter of parameters.map((node) => resolve(document, node))) {
    if (!isJsonObject(parameter)) continue;
    const schema = parameter.schema;
    const value = parameter.example ?? (isJsonObject(schema) ? schema.default : undefined);
    if (parameter.in === 'header' && value !== undefined) headers[String(parameter.name)] = String(value);
  }
  return headers;
}
