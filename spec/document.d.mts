export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The methods an OpenAPI path item may hold, in the order the specification lists them. */
export declare const httpMethods: readonly ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Whether a JSON value is an object (not an array, not null). */
export declare function isJsonObject(value: unknown): value is JsonObject;
/** Parses the bundle built by `pnpm build` (throws when it has not been built). */
export declare function readBundledSpec(): JsonObject;
/** Escapes one key for a JSON pointer (RFC 6901). */
export declare function escapePointer(key: string | number): string;
/** The node at a local reference (`#/a/b`) or JSON pointer (`/a/b`), or undefined when nothing is there. */
export declare function nodeAt(document: Json, pointer: string): Json | undefined;
/** Follows `node`'s `$ref`s to the node they name and that node's JSON pointer. */
export declare function resolved(
  document: Json,
  node: Json | undefined,
  pointer?: string,
): { node: Json | undefined; pointer: string };
/** Follows `node`'s `$ref`s to the node they name. */
export declare function resolve(document: Json, node: Json | undefined): Json | undefined;
/** A copy of `node` (the whole document by default) with every `$ref` replaced by what it names. */
export declare function dereference<T extends Json = JsonObject>(document: Json, node?: Json): T;
/** Every operation of the document, with its path, method and JSON pointer. */
export declare function operations(
  document: Json,
): { path: string; method: (typeof httpMethods)[number]; operation: JsonObject; pointer: string }[];
/** An operation's header parameters at their documented value (the example, else the schema's default). */
export declare function documentedHeaders(document: Json, operation: JsonObject): Record<string, string>;
