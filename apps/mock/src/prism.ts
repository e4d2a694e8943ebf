// Loads Prism's engine for the mock. Everything the mock takes from Prism comes through here.
import { createRequire, Module } from 'node:module';
import { setImmediate } from 'node:timers/promises';
import type { IPrismDiagnostic } from '@stoplight/prism-core';
import type { IHttpOperationConfig, IHttpRequest, IHttpResponse } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { dereference, isJsonObject, type JsonObject } from '@vault/spec/document';

const require = createRequire(import.meta.url);
const prismHttpRequire = createRequire(require.resolve('@stoplight/prism-http'));

/** An object that stands for `load()`'s result and calls `load` only when one of its properties is first read. */
function lazyObject(load: () => object): object {
  return new Proxy({}, { get: (_target, key) => Reflect.get(load(), key) });
}

/**
 * Puts a stand-in for a CommonJS module in the require cache, so that requiring it costs nothing until one of its
 * exports is first read. `readAtOnce` names exports that the requiring code reads at load time and keeps.
 */
function deferUntilUsed(modulePath: string, readAtOnce: readonly string[] = []): void {
  if (require.cache[modulePath]) return;
  let loaded: object | undefined;
  const load = (): object => {
    if (loaded === undefined) {
      delete require.cache[modulePath];
      loaded = require(modulePath) as object;
    }
    return loaded;
  };
  const keptExports = new Map(readAtOnce.map((key) => [key, lazyObject(() => Reflect.get(load(), key))]));
  const standIn = new Module(modulePath);
  standIn.filename = modulePath;
  standIn.loaded = true;
  standIn.exports = new Proxy({}, { get: (_target, key) => keptExports.get(String(key)) ?? Reflect.get(load(), key) });
  require.cache[modulePath] = standIn;
}

// Prism loads modules at start-up that a mock serving OpenAPI with static examples never calls: faker with every
// locale (0.7 s; only dynamic examples use it, and json-schema-faker keeps its `default` at once) and Postman's
// collection reader (0.1 s). They load on first use instead.
deferUntilUsed(prismHttpRequire.resolve('@faker-js/faker'), ['default']);
deferUntilUsed(createRequire(prismHttpRequire.resolve('@stoplight/http-spec')).resolve('postman-collection'));

type PrismHttp = typeof import('@stoplight/prism-http');
type PrismCore = typeof import('@stoplight/prism-core');
type PrismValidator = typeof import('@stoplight/prism-http/dist/validator/index.js');
type PrismMocker = typeof import('@stoplight/prism-http/dist/mocker/index.js');
type PrismPreferences = typeof import('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js');

// require(), not import: Prism's validator, mocker and Prefer-header parser are internal CommonJS modules, which
// require() loads alike under Node and Vitest (their default-import interop differs), and only after the faker
// stand-in is in place.
export const prismHttp: PrismHttp = require('@stoplight/prism-http');
const { validateInput, validateSecurity } = require('@stoplight/prism-http/dist/validator/index.js') as PrismValidator;
const mock = (require('@stoplight/prism-http/dist/mocker/index.js') as PrismMocker).default;
export const getHttpConfigFromRequest: PrismPreferences['getHttpConfigFromRequest'] = (
  require('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js') as PrismPreferences
).getHttpConfigFromRequest;

// Prism's `simple`-style deserializer (headers, path) splits an array or object parameter without checking that the
// request has it, so an optional array header that a request leaves out makes Prism throw (a 500 from `prism mock`
// too). A parameter the request does not have is left undefined, for the schema's `required` to judge.
type Deserializer = (name: string, parameters: Record<string, unknown>, ...rest: unknown[]) => unknown;
const styleDeserializers = require('@stoplight/prism-http/dist/validator/deserializers/index.js') as Record<
  'header' | 'path',
  { simple: Deserializer }
>;
for (const registry of [styleDeserializers.header, styleDeserializers.path]) {
  const { simple } = registry;
  registry.simple = (name, parameters, ...rest) =>
    parameters[name] === undefined ? undefined : simple(name, parameters, ...rest);
}

const httpSpecRequire = createRequire(prismHttpRequire.resolve('@stoplight/http-spec'));
const RefParser = prismHttpRequire('@stoplight/json-schema-ref-parser') as new () => {
  parse(path: string): Promise<JsonObject>;
};
const { transformOas3Operations } = httpSpecRequire('@stoplight/http-spec/oas3/operation') as {
  transformOas3Operations(document: JsonObject): IHttpOperation[];
};
const { bundleTarget } = prismHttpRequire('@stoplight/json') as {
  bundleTarget(options: { document: object; path: string; cloneDocument: boolean }): IHttpOperation;
};

/** True when some `$ref` under `node` passes `test`. */
function someRef(node: unknown, test: (ref: string) => boolean): boolean {
  if (Array.isArray(node)) return node.some((item) => someRef(item, test));
  if (typeof node !== 'object' || node === null) return false;
  return Object.entries(node).some(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? test(value) : someRef(value, test),
  );
}

/** Longest stretch of loading work between two turns of the event loop, so that requests in flight keep moving. */
const loadSliceMs = 10;

/**
 * Prism's operations of the OpenAPI document at `spec`, as its getHttpOperationsFromSpec() gives them, in less than
 * half the time at 1,000 operations and without holding up requests for long: an OpenAPI 3 document whose references
 * are all local (the bundle is one) gets one pass of @vault/spec's dereference, path by path, where Prism dereferences
 * the whole document with pointer bookkeeping and then decycles it. Any other document, or one that this pass cannot
 * take, goes to Prism's loader, which also words the errors.
 */
async function prismOperations(spec: string): Promise<IHttpOperation[]> {
  const document = await new RefParser().parse(spec);
  const { openapi, paths } = document;
  if (typeof openapi !== 'string' || !isJsonObject(paths) || someRef(document, (ref) => !ref.startsWith('#'))) {
    return prismHttp.getHttpOperationsFromSpec(spec);
  }
  const operations: IHttpOperation[] = [];
  let sliceStart = performance.now();
  for (const [path, pathItem] of Object.entries(paths)) {
    let resolved: JsonObject;
    try {
      resolved = { ...document, paths: dereference(document, { [path]: pathItem }) };
    } catch {
      return prismHttp.getHttpOperationsFromSpec(spec); // a dangling or looping $ref: Prism's loader says which
    }
    // Only a schema that contains itself is still a $ref here; bundling copies what it names into the operation.
    for (const operation of transformOas3Operations(resolved)) {
      operations.push(
        someRef(operation, () => true)
          ? bundleTarget({
              document: { ...resolved, __target__: operation },
              path: '#/__target__',
              cloneDocument: false,
            })
          : operation,
      );
    }
    if (performance.now() - sliceStart > loadSliceMs) {
      await setImmediate();
      sliceStart = performance.now();
    }
  }
  return operations;
}

/**
 * Prism's validator matches the request's path against a URI template, built anew each time, whenever the operation
 * lists path parameters, even none: dropping an empty list once saves that on every request and changes no answer.
 */
function withoutEmptyPathParameters(operation: IHttpOperation): IHttpOperation {
  if (operation.request?.path?.length === 0) delete operation.request.path;
  return operation;
}

/** The operations of the OpenAPI document at `spec`, ready for `prismAnswer()`. */
export async function loadHttpOperations(spec: string): Promise<IHttpOperation[]> {
  return (await prismOperations(spec)).map(withoutEmptyPathParameters);
}

const silentLogger = (require('@stoplight/prism-core') as PrismCore).createLogger('vault-mock', { level: 'silent' });

export type PrismAnswer =
  | { ok: true; violations: IPrismDiagnostic[]; output: IHttpResponse }
  | { ok: false; error: Error };

/** Prism's verdict on the request's credentials (its headers and query) against the operation's `security`. */
export function securityViolations(operation: IHttpOperation, input: IHttpRequest): IPrismDiagnostic[] {
  const validated = validateSecurity({ resource: operation, element: input });
  return validated._tag === 'Left' ? validated.left : [];
}

/**
 * Prism's answer to a request already routed to `operation` whose credentials `securityViolations` has judged: its
 * request validation, then its mocker, as `prism.request()` composes them in mock mode, without routing again and
 * without the response validation whose result the mock never reads.
 */
export function prismAnswer(operation: IHttpOperation, input: IHttpRequest, config: IHttpOperationConfig): PrismAnswer {
  const validated = validateInput({ resource: operation, element: input });
  const violations = validated._tag === 'Left' ? validated.left : [];
  const mocked = mock({ resource: operation, input: { data: input, validations: violations }, config })(silentLogger);
  return mocked._tag === 'Left' ? { ok: false, error: mocked.left } : { ok: true, violations, output: mocked.right };
}
