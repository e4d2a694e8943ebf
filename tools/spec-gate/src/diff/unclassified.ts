// The changelog is complete: every difference between the resolved documents that no rule accounts for is listed,
// with its JSON pointer and both values. Prose is told apart, since it needs only a patch release.
import { isDeepStrictEqual } from 'node:util';
import { escapePointer, isJsonObject, type Json, type JsonObject, nodeAt } from '@vault/spec/document';
import { type DiffContext, own, show } from './context.js';

interface Difference {
  pointer: string;
  before: Json | undefined;
  after: Json | undefined;
}

/** The deepest places where two values differ: into objects key by key, into arrays of one length item by item. */
function* differences(
  before: Json | undefined,
  after: Json | undefined,
  pointer: string,
  skip: (pointer: string) => boolean,
): Generator<Difference> {
  if (skip(pointer) || isDeepStrictEqual(before, after)) return;
  if (isJsonObject(before) && isJsonObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      yield* differences(own(before, key), own(after, key), `${pointer}/${escapePointer(key)}`, skip);
    }
  } else if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    for (const [index, item] of before.entries()) yield* differences(item, after[index], `${pointer}/${index}`, skip);
  } else yield { pointer, before, after };
}

const proseKeywords = ['description', 'summary', 'title'];
const isProse = ({ pointer, before, after }: Difference) =>
  proseKeywords.includes(pointer.slice(pointer.lastIndexOf('/') + 1)) &&
  [before, after].every((value) => value === undefined || typeof value === 'string');

/** Lists each difference between `before` and `after` (at `pointer`) that no recorded change accounts for. */
export function listUnclassified(
  context: DiffContext,
  before: Json | undefined,
  after: Json | undefined,
  pointer: string,
  // Stryker disable next-line ArrowFunction: undefined skips nothing either
  skip: (pointer: string) => boolean = () => false,
) {
  for (const difference of differences(before, after, pointer, skip)) {
    const lists = Array.isArray(difference.before) && Array.isArray(difference.after);
    if (context.isCovered(difference.pointer, lists)) continue;
    const place = { location: difference.pointer, pointer: difference.pointer };
    const values = `${show(difference.before)} became ${show(difference.after)}`;
    if (isProse(difference)) context.add('description-changed', false, place, values);
    else context.add('other-change', false, place, `not classified by the gate: ${values}`);
  }
}

/** The component entries (`/components/schemas/Token`) that a `$ref` outside `components` reaches, directly or not. */
function componentsInUse(document: JsonObject): Set<string> {
  const inUse = new Set<string>();
  const followed = new Set<string>();
  const visit = (node: Json | undefined): void => {
    if (Array.isArray(node)) node.forEach(visit);
    if (!isJsonObject(node)) return;
    const ref = node.$ref;
    if (typeof ref === 'string' && !followed.has(ref)) {
      followed.add(ref);
      const entry = /^#(\/components\/[^/]+\/[^/]+)/.exec(ref)?.[1];
      if (entry !== undefined) inUse.add(entry);
      visit(nodeAt(document, ref));
    }
    Object.values(node).forEach(visit);
  };
  for (const [key, value] of Object.entries(document)) if (key !== 'components') visit(value);
  return inUse;
}

/**
 * Lists what is left once the rules have run. Outside `components`, the resolved documents are compared, as the rules
 * compared them. A component that both documents use was compared where it is used; any other component is listed
 * as written, so that a change to it is named once, at its own place.
 */
export function listUnclassifiedDocument(context: DiffContext, base: JsonObject, head: JsonObject) {
  listUnclassified(context, context.base, context.head, '', (pointer) => pointer === '/components');
  const usedByBase = componentsInUse(base);
  const comparedWhereUsed = [...componentsInUse(head)].filter((entry) => usedByBase.has(entry));
  listUnclassified(context, base.components, head.components, '/components', (pointer) =>
    comparedWhereUsed.includes(pointer),
  );
}
