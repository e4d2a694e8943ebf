// One reader of the bundled document for every package: `$ref`s, operations and documented header values. The bundle
// has only local references (`#/...`), so this is all a reader needs.
import { readFileSync } from 'node:fs';
import { bundledSpecJson } from './artifacts.mjs';

/** The methods an OpenAPI path item may hold, in the order the specification lists them. */
export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Parses the bundle built by `pnpm build` (throws when it has not been built). */
export const readBundledSpec = () => JSON.parse(readFileSync(bundledSpecJson, 'utf8'));

/** Escapes one key for a JSON pointer (RFC 6901). */
export const escapePointer = (key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

const unescapePointer = (key) => key.replaceAll('~1', '/').replaceAll('~0', '~');

/** Whether a JSON value is an object (not an array, not null). */
export const isJsonObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isObject = isJsonObject;

/** The node at a local reference (`#/a/b`) or JSON pointer (`/a/b`), or undefined when nothing is there. */
export function nodeAt(document, pointer) {
  const keys = pointer.replace(/^#/, '').split('/').slice(1).map(unescapePointer);
  return keys.reduce(
    (parent, key) => (parent !== null && typeof parent === 'object' ? parent[key] : undefined),
    document,
  );
}

/**
 * Follows `node`'s `$ref`s to the node they name and that node's JSON pointer (`pointer` when `node` is no reference).
 * A reference that leads back to itself or to nothing is an error that names it.
 */
export function resolved(document, node, pointer = '') {
  const seen = new Set();
  while (isObject(node) && typeof node.$ref === 'string') {
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
export const resolve = (document, node) => resolved(document, node).node;

/**
 * A copy of `node` (the whole document by default) with every `$ref` replaced by what it names. A schema that contains
 * itself is cut at the second visit, where it becomes `{ $ref }` again, so that the copy is finite.
 */
export function dereference(document, node = document) {
  const visit = (value, inside) => {
    if (Array.isArray(value)) return value.map((item) => visit(item, inside));
    if (!isObject(value)) return value;
    if (typeof value.$ref === 'string') {
      if (inside.has(value.$ref)) return { $ref: value.$ref };
      return visit(resolve(document, value), new Set(inside).add(value.$ref));
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item, inside)]));
  };
  return visit(node, new Set());
}

/** Every operation of the document, with its path, method and JSON pointer. */
export function operations(document) {
  return Object.entries(document.paths ?? {}).flatMap(([path, node]) => {
    // A path item may itself be a `$ref`; its operations are where it points.
    const { node: pathItem, pointer } = resolved(document, node, `/paths/${escapePointer(path)}`);
    return httpMethods
      .filter((method) => isObject(pathItem?.[method]))
      .map((method) => ({ path, method, operation: pathItem[method], pointer: `${pointer}/${method}` }));
  });
}

/** An operation's header parameters at their documented value (the example, else the schema's default). */
export function documentedHeaders(document, operation) {
  const headers = {};
  for (const parameter of (operation.parameters ?? []).map((node) => resolve(document, node))) {
    const value = parameter.example ?? parameter.schema?.default;
    if (parameter.in === 'header' && value !== undefined) headers[parameter.name] = String(value);
  }
  return headers;
}
