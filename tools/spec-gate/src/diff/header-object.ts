// Header Objects of a response. Header names are case-insensitive: `Pragma` and `pragma` are one header, compared as
// such, and the new spelling is listed as unclassified.
import type { Json, JsonObject } from '@vault/spec/document';
import { type DiffContext, inside, objectAt, type Place } from './context.js';
import { compareSchemas } from './schema-object.js';
import { listUnclassified } from './unclassified.js';

const byName = (headers: Json | undefined) =>
  new Map(
    // Stryker disable next-line MethodExpression: upper case would make both sides' keys alike just as well
    Object.entries(objectAt(headers)).map(([name, header]) => [name.toLowerCase(), { name, header: objectAt(header) }]),
  );

/**
 * A client may rely on a header the response always carries: removing it, or making it optional, breaks. A header's
 * schema describes a value the client receives, so it is compared as a response's.
 */
export function compareResponseHeaders(
  context: DiffContext,
  before: Json | undefined,
  after: Json | undefined,
  response: Place,
) {
  const [was, now] = [byName(before), byName(after)];
  const placeOf = (name: string) => inside(response, ['headers', name], `${response.location} header ${name}`);
  const isRequired = (header: JsonObject) => header.required === true;
  for (const [key, { name, header }] of was) {
    const next = now.get(key);
    if (next === undefined) {
      const required = isRequired(header);
      const message = `${required ? 'required' : 'optional'} response header "${name}" removed`;
      context.add('response-header-removed', required, placeOf(name), message);
      continue;
    }
    const here = placeOf(next.name);
    if (isRequired(header) && !isRequired(next.header)) {
      const message = `response header "${name}" is no longer always sent`;
      context.add('response-header-became-optional', true, inside(here, ['required']), message);
    }
    compareSchemas(context, header.schema, next.header.schema, 'response', inside(here, ['schema']));
    listUnclassified(context, header, next.header, here.pointer);
  }
  for (const [key, { name }] of now) {
    if (!was.has(key)) context.add('response-header-added', false, placeOf(name), `response header "${name}" added`);
  }
}
