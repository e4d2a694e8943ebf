// Schema Object: a schema of a request (what clients send) or of a response (what they receive), compared keyword by
// keyword. The same change can break one direction and not the other (see `breaks`).
import { isDeepStrictEqual } from 'node:util';
import { isJsonObject, type JsonObject } from '@vault/spec/document';
import { breaks, type Direction, type Effect } from './change.js';
import { type DiffContext, inside, objectAt, own, type Place, type Rule, show, stringList } from './context.js';
import { constraintRules } from './schema-constraints.js';
import { listUnclassified } from './unclassified.js';

type Widening = Exclude<Effect, 'changed'>;

const typeOf = (schema: JsonObject): string => JSON.stringify(schema.type ?? null);

export const compareSchemas: Rule = (context, before, after, direction, place) => {
  const [was, now] = [objectAt(before), objectAt(after)];
  if (typeOf(was) !== typeOf(now)) {
    context.add('type-changed', true, inside(place, ['type']), `type changed from ${typeOf(was)} to ${typeOf(now)}`);
  }
  for (const rule of [
    compareProperties,
    compareAdditionalProperties,
    ...constraintRules,
    compareItems,
    ...compositions,
  ]) {
    rule(context, was, now, direction, place);
  }
};

/** Fields, and whether each is required: a name may be in `required` without being in `properties`. */
const compareProperties: Rule<JsonObject> = (context, was, now, direction, place) => {
  const [before, after] = [objectAt(was.properties), objectAt(now.properties)];
  const [requiredBefore, requiredAfter] = [stringList(was.required), stringList(now.required)];
  const requiredPointer = inside(place, ['required']).pointer;
  for (const name of new Set([...Object.keys(before), ...Object.keys(after), ...requiredBefore, ...requiredAfter])) {
    const field = inside(place, ['properties', name], `${place.location}.${name}`);
    const [wasRequired, isRequired] = [requiredBefore.includes(name), requiredAfter.includes(name)];
    // A field added or removed also explains its name coming into or leaving `required`.
    const alsoRequired = wasRequired === isRequired ? [] : [requiredPointer];
    const [existed, exists] = [Object.hasOwn(before, name), Object.hasOwn(after, name)];
    if (existed && !exists) {
      if (direction === 'response') {
        context.add('response-field-removed', true, field, `response field "${name}" removed`, ...alsoRequired);
      } else {
        const refused = now.additionalProperties === false;
        const message = `request field "${name}" removed${refused ? ' and now refused' : ''}`;
        context.add('request-field-removed', refused, field, message, ...alsoRequired);
      }
    } else if (!existed && exists) {
      if (direction === 'response') {
        context.add('response-field-added', false, field, `response field "${name}" added`, ...alsoRequired);
      } else if (isRequired) {
        context.add(
          'required-request-field-added',
          true,
          field,
          `required request field "${name}" added`,
          ...alsoRequired,
        );
      } else context.add('request-field-added', false, field, `optional request field "${name}" added`);
    } else {
      compareRequired(context, name, wasRequired, isRequired, direction, { ...field, pointer: requiredPointer });
      if (existed) compareSchemas(context, own(before, name), own(after, name), direction, field);
    }
  }
};

function compareRequired(
  context: DiffContext,
  name: string,
  wasRequired: boolean,
  isRequired: boolean,
  direction: Direction,
  place: Place,
) {
  if (wasRequired === isRequired) return;
  if (direction === 'request') {
    if (isRequired)
      context.add('request-field-became-required', true, place, `request field "${name}" became required`);
    else context.add('request-field-became-optional', false, place, `request field "${name}" is no longer required`);
  } else if (isRequired) {
    context.add('response-field-became-required', false, place, `response field "${name}" is now always present`);
  } else {
    context.add('response-field-became-optional', true, place, `response field "${name}" is no longer always present`);
  }
}

const compareAdditionalProperties: Rule<JsonObject> = (context, was, now, direction, place) => {
  const [before, after] = [was.additionalProperties, now.additionalProperties];
  if (direction === 'request' && before !== false && after === false) {
    const here = inside(place, ['additionalProperties']);
    context.add('additional-properties-refused', true, here, 'fields outside the schema are now refused');
  } else if (isJsonObject(before) && isJsonObject(after)) {
    compareSchemas(context, before, after, direction, inside(place, ['additionalProperties'], `${place.location}.*`));
  }
};

/** An array's items: a schema where there was none allows fewer arrays; none where there was one, more. */
const compareItems: Rule<JsonObject> = (context, was, now, direction, place) => {
  const [before, after] = [was.items, now.items];
  const here = inside(place, ['items'], `${place.location}[]`);
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    context.add('items-narrowed', breaks('narrowed', direction), here, `array items now follow ${show(after)}`);
  } else if (after === undefined) {
    context.add('items-widened', breaks('widened', direction), here, 'array items no longer follow a schema');
  } else compareSchemas(context, before, after, direction, here);
};

/**
 * `oneOf` / `anyOf` allow what one of their schemas allows, `allOf` what all of them do: a schema more widens the
 * first two and narrows `allOf`. The keyword appearing narrows; disappearing widens. Identical schemas are paired
 * first, the rest in order; each pair is compared as a schema.
 */
const composition =
  (keyword: 'oneOf' | 'anyOf' | 'allOf'): Rule<JsonObject> =>
  (context, was, now, direction, place) => {
    const [before, after] = [was[keyword], now[keyword]];
    const here = inside(place, [keyword]);
    const add = (effect: Widening, at: Place, message: string) =>
      context.add(`composition-${effect}`, breaks(effect, direction), at, message);
    if (!Array.isArray(before) || !Array.isArray(after)) {
      // Anything else that is not a list on both sides is malformed, and left to the list of unclassified changes.
      if (before === undefined && Array.isArray(after)) add('narrowed', here, `${keyword} added: ${show(after)}`);
      if (after === undefined && Array.isArray(before)) add('widened', here, `${keyword} removed: ${show(before)}`);
      return;
    }
    // Identical schemas pair first, wherever they stand; the rest pair in order.
    const unpaired = [...after.keys()];
    // Stryker disable next-line ArrayDeclaration: an item that is no index would cover no schema
    const paired: number[] = [];
    const leftOver: number[] = [];
    for (const [index, schema] of before.entries()) {
      const same = unpaired.findIndex((other) => isDeepStrictEqual(after[other], schema));
      if (same === -1) leftOver.push(index);
      else paired.push(...unpaired.splice(same, 1));
    }
    const [more, fewer]: [Widening, Widening] = keyword === 'allOf' ? ['narrowed', 'widened'] : ['widened', 'narrowed'];
    for (const [order, index] of leftOver.entries()) {
      const other = unpaired[order];
      if (other === undefined) {
        add(fewer, inside(here, [index]), `${keyword} lost ${show(before[index])}`);
        continue;
      }
      const pair = inside(here, [other], `${place.location} ${keyword}[${other}]`);
      compareSchemas(context, before[index], after[other], direction, pair);
      listUnclassified(context, before[index], after[other], pair.pointer);
      paired.push(other);
    }
    for (const other of unpaired.slice(leftOver.length)) {
      add(more, inside(here, [other]), `${keyword} gained ${show(after[other])}`);
    }
    // What differs at the position of a schema compared is only that schemas moved.
    context.cover(...paired.map((other) => inside(here, [other]).pointer));
  };

const compositions = (['oneOf', 'anyOf', 'allOf'] as const).map(composition);
