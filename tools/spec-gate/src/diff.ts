// Compares two bundled OpenAPI 3.1 documents and lists every change, marking those that break a consumer: a client
// generated from the old document, or a client written against it. The rules for each OpenAPI object are in diff/;
// whatever they do not classify is still listed (diff/unclassified.ts), so that no change goes unreported.
import { isDeepStrictEqual } from 'node:util';
import { dereference, isJsonObject, type Json, type JsonObject } from '@vault/spec/document';
import type { SpecChange } from './diff/change.js';
import { createContext, type DiffContext, objectAt, show } from './diff/context.js';
import { comparePaths } from './diff/paths-object.js';
import { listUnclassifiedDocument } from './diff/unclassified.js';

/** A document the gate cannot compare: not an object, or with a `$ref` that points at nothing or only at itself. */
export class UnreadableSpecError extends Error {
  override name = 'UnreadableSpecError';
}

/** The document with every `$ref` resolved; a recursive schema is cut at its second visit, so the copy is finite. */
function resolvedDocument(document: Json, which: 'base' | 'head'): JsonObject {
  if (!isJsonObject(document)) throw new UnreadableSpecError(`the ${which} document is not a JSON object`);
  try {
    return dereference(document);
  } catch (error) {
    throw new UnreadableSpecError(`the ${which} document cannot be compared: ${(error as Error).message}`);
  }
}

/** `info.version` is the release's number, which the gate compares on its own: listed, but no change to the API. */
function compareVersion(context: DiffContext) {
  const [before, after] = [objectAt(context.base.info).version, objectAt(context.head.info).version];
  if (isDeepStrictEqual(before, after)) return;
  const place = { location: 'info.version', pointer: '/info/version' };
  context.add('version-changed', false, place, `${show(before)} became ${show(after)}`);
}

export function diffSpecs(base: JsonObject, head: JsonObject): SpecChange[] {
  const context = createContext(resolvedDocument(base, 'base'), resolvedDocument(head, 'head'));
  comparePaths(context);
  compareVersion(context);
  listUnclassifiedDocument(context, base, head);
  return context.changes;
}
