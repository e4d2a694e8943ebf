// The spec the mock serves: loaded at start and, with --watch, again each time its file changes. What the handler needs
// of a spec is worked out here once per load, never per request.
import { dirname, resolve } from 'node:path';
import type { IHttpOperation } from '@stoplight/types';
import type { TestInput } from '@vault/spec/test-inputs';
import { watch as watchFiles } from 'chokidar';
import { readTestInputs } from './documented-inputs.js';
import { closedFormKeys } from './form.js';
import { loadHttpOperations } from './prism.js';
import { createRouteIndex, type RouteIndex } from './route-index.js';

/** One of Prism's operations, with what the mock adds to it. */
export interface ServedOperation {
  operation: IHttpOperation;
  testInputs: TestInput[];
  formKeys: ReadonlySet<string> | undefined;
}

/** One load of the spec: Prism's operations, their route index, and what the mock adds to each. */
export interface LoadedSpec {
  operations: IHttpOperation[];
  routes: RouteIndex;
  served: ReadonlyMap<IHttpOperation, ServedOperation>;
}

export interface ServedSpec {
  /** The spec as last loaded successfully. */
  current(): LoadedSpec;
  /** Stops watching the file. */
  close(): void;
}

/** `1 operation`, `2 operations`. */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

async function loadSpec(spec: string): Promise<LoadedSpec> {
  const operations = await loadHttpOperations(spec).catch((error: Error) => {
    // Prism says "Error parsing FILE:" twice and ends a YAML error with the colon that introduced an excerpt.
    const reason = error.message.replaceAll(/Error parsing [^:]*: /g, '').replace(/:\s*$/, '');
    throw new Error(`${spec}: ${reason}`, { cause: error });
  });
  const served = new Map(
    operations.map((operation) => [
      operation,
      { operation, testInputs: readTestInputs(operation), formKeys: closedFormKeys(operation) },
    ]),
  );
  return { operations, routes: createRouteIndex(operations), served };
}

/**
 * Calls `onChange` after each save of `file`, once it has stayed the same for 150 ms (writers save in several steps).
 * chokidar watches its folder, not the file: a watcher of the file itself goes blind once another file is renamed over
 * it, as editors save. Resolves once the file is watched.
 */
async function watchFile(file: string, onChange: () => void) {
  const folder = dirname(file);
  const watcher = watchFiles(folder, {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 25 },
    depth: 0,
    ignored: (path) => path !== folder && path !== file,
  });
  watcher.on('change', onChange).on('add', onChange);
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  return watcher;
}

/**
 * Loads `spec` (rejecting when it fails to load) and, with `watch`, reloads it on each change of its file; a reload
 * that fails leaves the last good spec served. `log` hears of each reload.
 */
export async function serveSpec(
  spec: string,
  { watch, log }: { watch: boolean; log: ((line: string) => void) | undefined },
): Promise<ServedSpec> {
  let loaded = await loadSpec(spec);
  const watcher = watch
    ? await watchFile(resolve(spec), () => {
        loadSpec(spec).then(
          (reloaded) => {
            loaded = reloaded;
            log?.(`Reloaded ${spec} (${plural(reloaded.operations.length, 'operation')})`);
          },
          (error: Error) => log?.(`Still serving the last good spec: ${spec} failed to load: ${error.message}`),
        );
      })
    : undefined;
  return { current: () => loaded, close: () => void watcher?.close() };
}
