// Loads Prism's engine for the mock. Everything the mock takes from Prism comes through here.
import { createRequire, Module } from 'node:module';

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
type PrismRouter = typeof import('@stoplight/prism-http/dist/router/index.js');
type PrismPreferences = typeof import('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js');

// require(), not import: Prism's router and Prefer-header parser are internal CommonJS modules, which require() loads
// alike under Node and Vitest (their default-import interop differs), and only after the faker stand-in is in place.
export const prismHttp: PrismHttp = require('@stoplight/prism-http');
export const createLogger: PrismCore['createLogger'] = (require('@stoplight/prism-core') as PrismCore).createLogger;
export const route: PrismRouter['default'] = (require('@stoplight/prism-http/dist/router/index.js') as PrismRouter)
  .default;
export const getHttpConfigFromRequest: PrismPreferences['getHttpConfigFromRequest'] = (
  require('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js') as PrismPreferences
).getHttpConfigFromRequest;
