// Paths Object and Path Item Objects: which paths exist, and which operations each one has.
import { escapePointer, httpMethods, isJsonObject } from '@vault/spec/document';
import { type DiffContext, objectAt, own } from './context.js';
import { compareOperations } from './operation-object.js';

export function comparePaths(context: DiffContext) {
  const [was, now] = [objectAt(context.base.paths), objectAt(context.head.paths)];
  const placeOf = (path: string) => ({ location: path, pointer: `/paths/${escapePointer(path)}` });
  for (const path of Object.keys(was)) {
    if (!Object.hasOwn(now, path)) {
      context.add('path-removed', true, placeOf(path), `path ${path} removed`);
      continue;
    }
    const [before, after] = [objectAt(own(was, path)), objectAt(own(now, path))];
    for (const method of httpMethods) {
      const place = { location: `${method.toUpperCase()} ${path}`, pointer: `${placeOf(path).pointer}/${method}` };
      // Something other than an object under a method's name is no operation: it is listed as unclassified.
      const [operation, next] = [before[method], after[method]];
      if (!isJsonObject(operation) && !isJsonObject(next)) continue;
      if (!isJsonObject(next)) context.add('operation-removed', true, place, `operation ${place.location} removed`);
      else if (!isJsonObject(operation))
        context.add('operation-added', false, place, `operation ${place.location} added`);
      else compareOperations(context, { operation, pathItem: before }, { operation: next, pathItem: after }, place);
    }
  }
  for (const path of Object.keys(now)) {
    if (!Object.hasOwn(was, path)) context.add('path-added', false, placeOf(path), `path ${path} added`);
  }
}
