// Seeded property test: random mutations of the bundled spec. Whatever a mutation does, the gate reports a change when
// the resolved document changed, refuses a document it cannot resolve with a clear error, and never crashes.
import { isDeepStrictEqual } from 'node:util';
import {
  dereference,
  escapePointer,
  isJsonObject,
  type Json,
  type JsonObject,
  readBundledSpec,
} from '@vault/spec/document';
import { describe, expect, it } from 'vitest';
import { diffSpecs, UnreadableSpecError } from './diff.js';

const seed = 1212;
const count = 600;

/** mulberry32: a small, seeded PRNG giving numbers in [0, 1). */
function prng(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// biome-ignore lint/suspicious/noExplicitAny: mutations edit an untyped JSON document in place
type Node = { pointer: string; parent: any; key: string | number; value: any };
type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Every node of the document but the root, with its parent and key. */
function nodesOf(document: JsonObject): Node[] {
  const nodes: Node[] = [];
  const visit = (value: Json, pointer: string) => {
    const children: [string | number, Json][] = Array.isArray(value)
      ? [...value.entries()]
      : isJsonObject(value)
        ? Object.entries(value)
        : [];
    for (const [key, child] of children) {
      const at = `${pointer}/${escapePointer(key)}`;
      nodes.push({ pointer: at, parent: value, key, value: child });
      visit(child, at);
    }
  };
  visit(document, '');
  return nodes;
}

const schemaTypes = ['string', 'integer', 'number', 'boolean', 'object', 'array'];
const number = (value: Json | undefined, otherwise: number) => (typeof value === 'number' ? value : otherwise);

const numeric = ['integer', 'number'];
const listAt = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);

/** Ways to make a schema allow fewer values: a keyword and its new value, for schemas of the types named (or any). */
const tighteners: { keyword: string; types?: string[]; value: (schema: JsonObject, random: Random) => Json }[] = [
  { keyword: 'const', value: (schema) => (schema.type === 'integer' ? 7 : 'fixed') },
  { keyword: 'enum', value: (schema) => (Array.isArray(schema.enum) ? schema.enum.slice(1) : ['only']) },
  { keyword: 'allOf', value: () => [{ not: { const: 'refused' } }] },
  { keyword: 'minimum', types: numeric, value: (schema) => number(schema.minimum, 0) + 1 },
  { keyword: 'maximum', types: numeric, value: (schema) => number(schema.maximum, 100) - 1 },
  { keyword: 'exclusiveMinimum', types: numeric, value: () => -1 },
  { keyword: 'multipleOf', types: numeric, value: (schema) => number(schema.multipleOf, 1) * 2 },
  { keyword: 'minLength', types: ['string'], value: (schema) => number(schema.minLength, 0) + 1 },
  { keyword: 'maxLength', types: ['string'], value: (schema) => number(schema.maxLength, 64) - 1 },
  { keyword: 'pattern', types: ['string'], value: () => '^[a-z]+$' },
  { keyword: 'format', types: ['string'], value: () => 'uuid' },
  { keyword: 'minItems', types: ['array'], value: (schema) => number(schema.minItems, 0) + 1 },
  { keyword: 'maxItems', types: ['array'], value: () => 1 },
  { keyword: 'additionalProperties', types: ['object'], value: () => false },
  {
    keyword: 'required',
    types: ['object'],
    value: (schema, random) => [
      ...listAt(schema.required),
      pick(random, [...Object.keys(isJsonObject(schema.properties) ? schema.properties : {}), 'extra']),
    ],
  },
];

/** Keywords whose removal lets a schema allow more values. */
const constraints = [
  ...['const', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  ...['minLength', 'maxLength', 'pattern', 'format', 'minItems', 'maxItems', 'additionalProperties', 'items'],
];

/** Ways to make a schema allow more values: drop a keyword (no value), widen an enum or a bound, free a field. */
function wideners(schema: JsonObject): [keyword: string, value: Json | undefined][] {
  const options: [string, Json | undefined][] = constraints
    .filter((keyword) => keyword in schema)
    .map((keyword) => [keyword, undefined]);
  options.push(['enum', [...listAt(schema.enum), 'widened']]);
  if (typeof schema.minimum === 'number') options.push(['minimum', schema.minimum - 1]);
  if (typeof schema.maximum === 'number') options.push(['maximum', schema.maximum + 1]);
  if (listAt(schema.required).length > 0) options.push(['required', listAt(schema.required).slice(1)]);
  return options;
}

/** Sets (or, with no value, removes) a keyword of a schema; says what it did. */
function set(schema: JsonObject, keyword: string, value: Json | undefined): string {
  if (value === undefined) delete schema[keyword];
  else schema[keyword] = value;
  return value === undefined ? `no ${keyword}` : `${keyword} ${JSON.stringify(value)}`;
}

/** A value of another JSON type than `value`. */
function retyped(value: Json): Json {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean' || value === null) return 'retyped';
  return Array.isArray(value) ? {} : [value];
}

interface Mutation {
  kind: 'delete' | 'retype' | 'tighten' | 'loosen';
  pointer: string;
  detail: string;
}

/** Mutation number `index` of the run with `seed`, applied to `document` in place: replayable on its own. */
function mutate(document: JsonObject, runSeed: number, index: number): Mutation {
  const random = prng(runSeed * 100_003 + index);
  const nodes = nodesOf(document);
  const schemas = nodes.filter((node) => isJsonObject(node.value) && schemaTypes.includes(node.value.type as string));
  const kind = pick(random, ['delete', 'retype', 'tighten', 'loosen'] as const);
  const node = pick(random, kind === 'tighten' || kind === 'loosen' ? schemas : nodes);
  const { pointer, parent, key, value } = node;
  if (kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
    return { kind, pointer, detail: `was ${JSON.stringify(value).slice(0, 60)}` };
  }
  if (kind === 'retype') {
    if (isJsonObject(value) && schemaTypes.includes(value.type as string) && random() < 0.5) {
      value.type = pick(
        random,
        schemaTypes.filter((type) => type !== value.type),
      );
      return { kind, pointer, detail: `type ${value.type}` };
    }
    parent[key] = retyped(value);
    return { kind, pointer, detail: `now ${JSON.stringify(parent[key]).slice(0, 60)}` };
  }
  if (kind === 'loosen') return { kind, pointer, detail: set(value, ...pick(random, wideners(value))) };
  const type = value.type as string;
  const tightener = pick(
    random,
    tighteners.filter(({ types }) => types === undefined || types.includes(type)),
  );
  return { kind, pointer, detail: set(value, tightener.keyword, tightener.value(value, random)) };
}

/** The document with every `$ref` resolved; undefined when it cannot be (a `$ref` to nothing, or to itself). */
function resolvedOrUndefined(document: JsonObject): JsonObject | undefined {
  try {
    return dereference<JsonObject>(document);
  } catch {
    return undefined;
  }
}

describe(`seeded mutations of the bundled spec (seed ${seed}, ${count} mutations)`, () => {
  it('get a change reported whenever the resolved document changed, a clear error when it cannot be resolved, and no crash', () => {
    const base = readBundledSpec();
    const resolvedBase = dereference(base);
    const failures: string[] = [];
    const seen = { changed: 0, unreadable: 0, kinds: new Set<string>() };
    for (let index = 0; index < count; index++) {
      const head = structuredClone(base);
      const { kind, pointer, detail } = mutate(head, seed, index);
      seen.kinds.add(kind);
      const name = `seed ${seed}, mutation ${index}: ${kind} ${pointer} (${detail})`;
      const resolvedHead = resolvedOrUndefined(head);
      try {
        const changes = diffSpecs(base, head);
        if (resolvedHead === undefined) failures.push(`${name}: the head cannot be resolved, yet it was compared`);
        else if (!isDeepStrictEqual(resolvedBase, resolvedHead)) {
          seen.changed++;
          if (changes.length === 0) failures.push(`${name}: the resolved document changed, and no change was reported`);
        }
      } catch (error) {
        if (error instanceof UnreadableSpecError && resolvedHead === undefined) seen.unreadable++;
        else failures.push(`${name}: crashed: ${(error as Error).stack}`);
      }
    }
    expect(failures, 'replay one with mutate(structuredClone(base), seed, index)').toEqual([]);
    // The run is worth something only if it changed the document in every way, and broke its references sometimes.
    expect(seen.kinds).toEqual(new Set(['delete', 'retype', 'tighten', 'loosen']));
    expect(seen.changed).toBeGreaterThan(count * 0.9);
    expect(seen.unreadable).toBeGreaterThan(0);
  });
});
