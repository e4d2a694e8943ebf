// What every comparison shares: the two resolved documents, the change collector, and where it is in them.
import { escapePointer, isJsonObject, type Json, type JsonObject } from '@vault/spec/document';
import type { ChangeKind, Direction, SpecChange } from './change.js';

/** A place in both documents: the location a reader is shown, and the JSON pointer of the node. */
export interface Place {
  location: string;
  pointer: string;
}

export interface DiffContext {
  /** The base and head documents with every `$ref` resolved: what the rules compare. */
  base: JsonObject;
  head: JsonObject;
  changes: SpecChange[];
  /** Records a change at `place`; `covers` are further pointers whose difference the change accounts for. */
  add(kind: ChangeKind, breaking: boolean, place: Place, message: string, ...covers: string[]): void;
  /**
   * Marks the differences at these pointers as accounted for, with no change of their own: the items of a list that a
   * rule matched by name or by content rather than by position (compared, and their leftovers listed, before this call).
   */
  cover(...pointers: string[]): void;
  /**
   * Whether a recorded change accounts for the difference at `pointer`: one at it or around it, or, for two lists that
   * differ in length (matched item by item by a rule), one inside it.
   */
  isCovered(pointer: string, lists: boolean): boolean;
}

export function createContext(base: JsonObject, head: JsonObject): DiffContext {
  const changes: SpecChange[] = [];
  // Stryker disable next-line ArrayDeclaration: an item that is no JSON pointer would cover nothing
  const covered: string[] = [];
  return {
    base,
    head,
    changes,
    add(kind, breaking, { location, pointer }, message, ...covers) {
      changes.push({ kind, breaking, location, message, pointer });
      covered.push(pointer, ...covers);
    },
    cover: (...pointers) => covered.push(...pointers),
    isCovered: (pointer, lists) =>
      covered.some(
        (done) => done === pointer || pointer.startsWith(`${done}/`) || (lists && done.startsWith(`${pointer}/`)),
      ),
  };
}

/** A comparison of one part of a message: `before` and `after` are values sent in `direction`, found at `place`. */
export type Rule<Value = Json | undefined> = (
  context: DiffContext,
  before: Value,
  after: Value,
  direction: Direction,
  place: Place,
) => void;

/** The place of a node below `place`, at `keys`; its location stays `place`'s unless given. */
export const inside = (place: Place, keys: readonly (string | number)[], location = place.location): Place => ({
  location,
  pointer: [place.pointer, ...keys.map(escapePointer)].join('/'),
});

/** The value as an object; anything else (absent, or malformed) as an empty one. */
export const objectAt = (value: Json | undefined): JsonObject => (isJsonObject(value) ? value : {});

/** The object's own value at `key` (never one inherited from Object.prototype, such as `constructor`). */
export const own = (object: JsonObject, key: string): Json | undefined =>
  Object.hasOwn(object, key) ? object[key] : undefined;

export const stringList = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** A value for a message: JSON, cut short when long; `absent` when there is none. */
export function show(value: Json | undefined): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** `minimum 1 added`, `minimum 1 removed` or `minimum 1 became 2`. */
export const became = (name: string, before: Json | undefined, after: Json | undefined): string =>
  before === undefined
    ? `${name} ${show(after)} added`
    : after === undefined
      ? `${name} ${show(before)} removed`
      : `${name} ${show(before)} became ${show(after)}`;
