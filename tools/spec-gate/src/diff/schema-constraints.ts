// The keywords of a schema that limit its values (enum, const, pattern, format, bounds, multipleOf). Each change is
// judged by what it does to the set of values allowed (see `breaks`); a value of the wrong JSON type is left to the
// list of unclassified changes.
import { isDeepStrictEqual } from 'node:util';
import type { Json, JsonObject } from '@vault/spec/document';
import { breaks, type Effect } from './change.js';
import { became, inside, own, type Rule } from './context.js';

/** Bounds: a larger lower bound or a smaller upper bound allows fewer values. */
const bounds = [
  { keyword: 'minLength', lower: true, family: 'length' },
  { keyword: 'maxLength', lower: false, family: 'length' },
  { keyword: 'minimum', lower: true, family: 'range' },
  { keyword: 'exclusiveMinimum', lower: true, family: 'range' },
  { keyword: 'maximum', lower: false, family: 'range' },
  { keyword: 'exclusiveMaximum', lower: false, family: 'range' },
  { keyword: 'minItems', lower: true, family: 'item-count' },
  { keyword: 'maxItems', lower: false, family: 'item-count' },
  { keyword: 'minProperties', lower: true, family: 'property-count' },
  { keyword: 'maxProperties', lower: false, family: 'property-count' },
] as const;

const numberOrAbsent = (value: Json | undefined): value is number | undefined =>
  value === undefined || typeof value === 'number';

/** Whether `value` is a whole multiple of `of`, within floating-point error (0.3 of 0.1). */
const isMultiple = (value: number, of: number) => of !== 0 && Math.abs(value / of - Math.round(value / of)) < 1e-9;

const compareBounds: Rule<JsonObject> = (context, before, after, direction, place) => {
  for (const { keyword, lower, family } of bounds) {
    const [was, now] = [own(before, keyword), own(after, keyword)];
    if (was === now || !numberOrAbsent(was) || !numberOrAbsent(now)) continue;
    // A bound set where there was none allows fewer values; one taken away allows more.
    const narrowed = was === undefined || (now !== undefined && (lower ? now > was : now < was));
    const effect = narrowed ? 'narrowed' : 'widened';
    context.add(`${family}-${effect}`, breaks(effect, direction), inside(place, [keyword]), became(keyword, was, now));
  }
};

const compareEnum: Rule<JsonObject> = (context, before, after, direction, place) => {
  const listed = (schema: JsonObject) =>
    Array.isArray(schema.enum) ? schema.enum.map((value) => JSON.stringify(value)) : undefined;
  const [was, now] = [listed(before), listed(after)];
  const here = inside(place, ['enum']);
  if (was === undefined && now === undefined) return;
  if (was === undefined) {
    context.add('enum-narrowed', breaks('narrowed', direction), here, `values now limited to ${now?.join(', ')}`);
    return;
  }
  if (now === undefined) {
    context.add('enum-widened', breaks('widened', direction), here, `values no longer limited to ${was.join(', ')}`);
    return;
  }
  const removed = was.filter((value) => !now.includes(value));
  const added = now.filter((value) => !was.includes(value));
  if (removed.length > 0)
    context.add('enum-narrowed', breaks('narrowed', direction), here, `enum lost ${removed.join(', ')}`);
  if (added.length > 0)
    context.add('enum-widened', breaks('widened', direction), here, `enum gained ${added.join(', ')}`);
};

const compareConst: Rule<JsonObject> = (context, before, after, direction, place) => {
  const [had, has] = [Object.hasOwn(before, 'const'), Object.hasOwn(after, 'const')];
  if ((!had && !has) || (had && has && isDeepStrictEqual(before.const, after.const))) return;
  // A new constant allows one value; a different one allows others and refuses the old one.
  const effect: Effect = !had ? 'narrowed' : !has ? 'widened' : 'changed';
  context.add(
    `const-${effect}`,
    breaks(effect, direction),
    inside(place, ['const']),
    became('const', before.const, after.const),
  );
};

const compareMultipleOf: Rule<JsonObject> = (context, before, after, direction, place) => {
  const [was, now] = [own(before, 'multipleOf'), own(after, 'multipleOf')];
  if (was === now || !numberOrAbsent(was) || !numberOrAbsent(now)) return;
  // Multiples of 10 are all multiples of 5: from 5 to 10 narrows, from 10 to 5 widens, from 2 to 3 does neither.
  const effect: Effect =
    was === undefined || (now !== undefined && isMultiple(now, was))
      ? 'narrowed'
      : now === undefined || isMultiple(was, now)
        ? 'widened'
        : 'changed';
  context.add(
    `multiple-of-${effect}`,
    breaks(effect, direction),
    inside(place, ['multipleOf']),
    became('multipleOf', was, now),
  );
};

/**
 * Requests only. In a response, a pattern or format change is listed as unclassified: whether a new pattern allows more
 * or fewer values cannot be told in general, and clients seldom check either.
 */
const comparePatternAndFormat: Rule<JsonObject> = (context, before, after, direction, place) => {
  if (direction === 'response') return;
  if (after.pattern !== undefined && after.pattern !== before.pattern) {
    // Whether one pattern accepts all that another does is undecidable in general: any new pattern may refuse values.
    context.add('pattern-narrowed', true, inside(place, ['pattern']), became('pattern', before.pattern, after.pattern));
  } else if (before.pattern !== undefined && after.pattern === undefined) {
    context.add('pattern-removed', false, inside(place, ['pattern']), became('pattern', before.pattern, undefined));
  }
  if (after.format !== undefined && after.format !== before.format) {
    context.add('format-changed', true, inside(place, ['format']), became('format', before.format, after.format));
  }
};

/** Every rule of this module, as `compareSchemas` runs them on a schema. */
export const constraintRules = [compareEnum, compareConst, comparePatternAndFormat, compareBounds, compareMultipleOf];
