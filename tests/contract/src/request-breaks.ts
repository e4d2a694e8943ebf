// Requests broken in one place at a time, from the spec: a required parameter or body field left out, a value outside
// its type, enum, format, pattern, length or bounds, the credentials left out. Each says where it breaks the request and
// what a server that keeps the contract must answer.
import { isJsonObject as isObject, type Json, type JsonObject } from '@vault/spec/document';
import type { ExampleRequest, RequestValues } from '@vault/test-fixtures';

/** The Schemathesis check that a break exercises. */
export type BreakCheck = 'negative_data_rejection' | 'missing_required_header' | 'ignored_auth';

export interface RequestBreak {
  check: BreakCheck;
  /** `accountId fails its format`: what the break does, for the failure's report. */
  what: string;
  /** The field a 400 must name; undefined for the credentials, which a 401 answers. */
  field: string | undefined;
  status: 400 | 401;
  apply(values: RequestValues): RequestValues;
}

/** Formats that a JSON Schema validator checks; others (`password`, `binary`) are annotations. */
const validatedFormats = new Set(['uuid', 'date', 'date-time', 'time', 'email', 'uri', 'hostname', 'ipv4', 'ipv6']);

/**
 * Values that `schema` refuses, each with what is wrong with it; `typed` when the place carries JSON types. `item` marks
 * an array whose first item is what is wrong, which a body's error names as `field[0]`.
 */
export function refusedValues(schema: JsonObject, typed: boolean): { what: string; value: Json; item?: true }[] {
  const refused: { what: string; value: Json; item?: true }[] = [];
  const type = Array.isArray(schema.type) ? undefined : schema.type;
  if (Array.isArray(schema.enum)) refused.push({ what: 'is outside its enum', value: 'not-one-of-its-values' });
  if (type === 'string' && validatedFormats.has(String(schema.format))) {
    refused.push({ what: `fails its format ${schema.format}`, value: `not-a-${schema.format}` });
  }
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    const value = ['!', '', 'x', ' 0'].find((candidate) => !pattern.test(candidate));
    if (value !== undefined) refused.push({ what: 'fails its pattern', value });
  }
  if (typeof schema.maxLength === 'number') {
    refused.push({ what: `is over its ${schema.maxLength} characters`, value: 'x'.repeat(schema.maxLength + 1) });
  }
  if (type === 'integer' || type === 'number') {
    if (typeof schema.minimum === 'number') refused.push({ what: 'is under its minimum', value: schema.minimum - 1 });
    if (typeof schema.maximum === 'number') refused.push({ what: 'is over its maximum', value: schema.maximum + 1 });
    refused.push({ what: 'is not a number', value: 'not-a-number' });
  }
  // Too many items, each one that the items' schema takes: then the count is the one fault.
  const items = isObject(schema.items) ? schema.items : {};
  if (
    type === 'array' &&
    typeof schema.maxItems === 'number' &&
    (items.type ?? 'string') === 'string' &&
    !items.pattern
  ) {
    refused.push({ what: `has more than ${schema.maxItems} items`, value: Array(schema.maxItems + 1).fill('x') });
  }
  if (type === 'array' && isObject(schema.items)) {
    for (const { what, value } of refusedValues(schema.items, typed)) {
      refused.push({ what: `has an item that ${what}`, value: [value], item: true });
    }
  }
  if (typed && type === 'string') refused.push({ what: 'is not a string', value: 12345 });
  if (typed && (type === 'object' || type === 'array' || type === 'boolean')) {
    refused.push({ what: `is not of type ${type}`, value: 'not-json-of-that-type' });
  }
  return refused;
}

const withParameter = (parameter: JsonObject, value: Json | undefined) => (values: RequestValues) => {
  const parameters = new Map(values.parameters);
  if (value === undefined) parameters.delete(parameter);
  else parameters.set(parameter, value);
  return { ...values, parameters };
};

/** `body` with the value at `path` replaced, or removed when `value` is undefined. */
function withBodyAt(body: Json | undefined, path: readonly string[], value: Json | undefined): Json {
  const [key, ...rest] = path;
  const object = isObject(body) ? { ...body } : {};
  if (key === undefined) return value ?? null;
  if (rest.length > 0) object[key] = withBodyAt(object[key], rest, value);
  else if (value === undefined) delete object[key];
  else object[key] = value;
  return object;
}

/** Breaks of the body's fields, top-level and one object deeper, as `beneficiary.iban`. */
function bodyBreaks(schema: JsonObject, typed: boolean, prefix: string[] = []): RequestBreak[] {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = (schema.required as string[] | undefined) ?? [];
  return Object.entries(properties).flatMap(([name, node]) => {
    const property = isObject(node) ? node : {};
    const path = [...prefix, name];
    const field = path.join('.');
    const at = (value: Json | undefined) => (values: RequestValues) => ({
      ...values,
      body: withBodyAt(values.body, path, value),
    });
    const breaks: RequestBreak[] = refusedValues(property, typed).map(({ what, value, item }) => ({
      check: 'negative_data_rejection',
      what: `${field} ${what}`,
      field: item ? `${field}[0]` : field,
      status: 400,
      apply: at(value),
    }));
    if (required.includes(name)) {
      breaks.push({
        check: 'negative_data_rejection',
        what: `${field} is left out`,
        field,
        status: 400,
        apply: at(undefined),
      });
    }
    // One object deeper, for an object that the generator always sends (a required one).
    if (prefix.length === 0 && required.includes(name) && isObject(property.properties)) {
      breaks.push(...bodyBreaks(property, typed, path));
    }
    return breaks;
  });
}

/**
 * Every way to break a request to the operation of `request` in one place. `body` is the schema (dereferenced) and the
 * media type of the body it takes, if any.
 */
export function requestBreaks(
  request: ExampleRequest,
  body: { schema: JsonObject; mediaType: string } | undefined,
): RequestBreak[] {
  const breaks: RequestBreak[] = [];
  for (const parameter of request.parameters) {
    const name = String(parameter.name);
    const schema = isObject(parameter.schema) ? parameter.schema : {};
    if (parameter.in === 'cookie') continue;
    if (parameter.required === true && parameter.in !== 'path') {
      breaks.push({
        check: parameter.in === 'header' ? 'missing_required_header' : 'negative_data_rejection',
        what: `${name} is left out`,
        field: name,
        status: 400,
        apply: withParameter(parameter, undefined),
      });
    }
    for (const { what, value } of refusedValues(schema, false)) {
      // An empty path segment routes elsewhere, which a 404 answers: not this parameter's refusal.
      if (parameter.in === 'path' && value === '') continue;
      breaks.push({
        check: 'negative_data_rejection',
        what: `${name} ${what}`,
        field: name,
        status: 400,
        apply: withParameter(parameter, value),
      });
    }
  }
  if (body && isObject(body.schema.properties)) {
    breaks.push(...bodyBreaks(body.schema, /json/.test(body.mediaType)));
  } else if (body) {
    for (const { what, value } of refusedValues(body.schema, /json/.test(body.mediaType))) {
      breaks.push({
        check: 'negative_data_rejection',
        what: `the body ${what}`,
        field: 'body',
        status: 400,
        apply: (values) => ({ ...values, body: value }),
      });
    }
  }
  if (request.needsCredentials) {
    breaks.push({
      check: 'ignored_auth',
      what: 'the credentials are left out',
      field: undefined,
      status: 401,
      apply: (values) => ({ ...values, credentials: false }),
    });
  }
  return breaks;
}
