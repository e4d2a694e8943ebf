// fast-check arbitraries of the values a JSON Schema (2020-12, as OpenAPI 3.1 has it) accepts, for the keywords the
// specs under test use: types, const and enum, object properties and required, arrays and their bounds, string lengths,
// patterns and formats, number bounds, and allOf / oneOf / anyOf. No maintained package does this for OpenAPI 3.1.
// A keyword it does not know is refused by name, so that a spec that grows one gets a clear error, not wrong values.
import { isJsonObject as isObject, type Json, type JsonObject } from '@vault/spec/document';
import fc from 'fast-check';

/** Where a value goes: a header or a path segment takes fewer characters than a JSON body. */
export type Place = 'body' | 'path' | 'query' | 'header' | 'form';

const known = new Set([
  ...['type', 'const', 'enum', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems'],
  ...['minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
  ...['allOf', 'oneOf', 'anyOf', 'default', 'example', 'examples', 'description', 'title', 'writeOnly', 'readOnly'],
  ...['contentMediaType', 'contentEncoding', 'deprecated', 'nullable', '$schema'],
]);

/** Characters that every place takes as they are: a header value and a path segment take no control characters. */
const printable = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~ !$()*,;=@:'.split(''),
);

function stringArbitrary(schema: JsonObject, place: Place): fc.Arbitrary<string> {
  const minLength = Number(schema.minLength ?? (place === 'path' || place === 'header' ? 1 : 0));
  const maxLength = Number(schema.maxLength ?? Math.max(minLength, 24));
  const fits = (value: string) => [...value].length >= minLength && [...value].length <= maxLength;
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    case 'hostname':
      return fc.domain();
    case 'ipv4':
      return fc.ipV4();
    case 'ipv6':
      return fc.ipV6();
    case 'time':
      return fc
        .date({ min: new Date('1970-01-01'), max: new Date('1970-01-02'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(11));
    default:
      break;
  }
  // Bodies take any code point (JSON Schema counts lengths in code points, as `binary` generates them); headers and path
  // segments what travels in them unencoded, with no space at an end.
  const unit = place === 'body' || place === 'form' || place === 'query' ? 'binary' : printable;
  const text = fc.string({ unit, minLength, maxLength });
  if (place === 'header') return text.filter((value) => value.trim() === value && value.length > 0);
  // `.` and `..` are no segments to a URL parser: they take the path elsewhere.
  return place === 'path' ? text.filter((value) => value !== '.' && value !== '..') : text;
}

function numberArbitrary(schema: JsonObject, integer: boolean): fc.Arbitrary<number> {
  const lowest = schema.exclusiveMinimum ?? schema.minimum;
  const highest = schema.exclusiveMaximum ?? schema.maximum;
  const step = integer ? 1 : Number.EPSILON * 1024;
  const min = lowest === undefined ? -1e6 : Number(lowest) + (schema.exclusiveMinimum === undefined ? 0 : step);
  const max = highest === undefined ? 1e6 : Number(highest) - (schema.exclusiveMaximum === undefined ? 0 : step);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
}

/** The object schema that an allOf's parts add up to. */
function mergedAllOf(parts: JsonObject[]): JsonObject {
  const merged: JsonObject = { type: 'object' };
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const part of parts) {
    Object.assign(merged, part);
    Object.assign(properties, part.properties);
    required.push(...((part.required as string[] | undefined) ?? []));
  }
  delete merged.allOf;
  return { ...merged, properties, required };
}

/** An arbitrary of the values `schema` (dereferenced) accepts, as they go in `place`. */
export function arbitraryOf(schema: Json | undefined, place: Place = 'body', pointer = '#'): fc.Arbitrary<Json> {
  if (!isObject(schema)) return fc.constant(null);
  const unknown = Object.keys(schema).filter((keyword) => !known.has(keyword) && !keyword.startsWith('x-'));
  if (unknown.length > 0) throw new Error(`${pointer}: no arbitrary for the keyword ${unknown.join(', ')}`);
  if ('const' in schema) return fc.constant(schema.const as Json);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as Json[]));
  if (Array.isArray(schema.allOf)) return arbitraryOf(mergedAllOf(schema.allOf.filter(isObject)), place, pointer);
  // Only the first alternative: two of a oneOf may both accept a value, which oneOf refuses.
  const [alternative] = [schema.oneOf, schema.anyOf].filter(Array.isArray).flat();
  if (alternative !== undefined) return arbitraryOf(alternative, place, `${pointer}/oneOf/0`);
  const types = (
    Array.isArray(schema.type) ? schema.type : [schema.type ?? (schema.properties ? 'object' : 'string')]
  ) as string[];
  return fc.oneof(...types.map((type) => arbitraryOfType(schema, type, place, pointer)));
}

function arbitraryOfType(schema: JsonObject, type: string, place: Place, pointer: string): fc.Arbitrary<Json> {
  switch (type) {
    case 'object': {
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const inner: Place = place === 'form' ? 'form' : 'body';
      const record = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [
          name,
          arbitraryOf(property, inner, `${pointer}/properties/${name}`),
        ]),
      );
      return fc.record(record, {
        requiredKeys: [...required].filter((name) => name in properties),
      }) as fc.Arbitrary<Json>;
    }
    case 'array': {
      const minLength = Number(schema.minItems ?? 0);
      const maxLength = Math.min(Number(schema.maxItems ?? 4), minLength + 4);
      return fc.array(arbitraryOf(schema.items, place, `${pointer}/items`), { minLength, maxLength });
    }
    case 'string':
      return stringArbitrary(schema, place);
    case 'integer':
    case 'number':
      return numberArbitrary(schema, type === 'integer');
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      throw new Error(`${pointer}: no arbitrary for the type ${type}`);
  }
}
