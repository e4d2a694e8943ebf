// Parameter Objects: what an operation takes in its path, query, headers and cookies. An operation takes its path
// item's parameters too, unless it redefines one (same name and location): it is those that are compared.
import type { JsonObject } from '@vault/spec/document';
import { type DiffContext, inside, objectAt, type Place } from './context.js';
import { compareSchemas } from './schema-object.js';
import { listUnclassified } from './unclassified.js';

interface Parameter {
  parameter: JsonObject;
  pointer: string;
}

/** Header names are case-insensitive; other parameter names are not. */
const keyOf = (parameter: JsonObject) => {
  const name = String(parameter.name);
  // Stryker disable next-line MethodExpression: upper case would make both sides' keys alike just as well
  return `${parameter.in}:${parameter.in === 'header' ? name.toLowerCase() : name}`;
};

/** The parameters in force for an operation, by location and name: the path item's, then the operation's own. */
export function parametersOf(
  pathItem: JsonObject,
  operation: JsonObject,
  pathPointer: string,
  operationPointer: string,
): Map<string, Parameter> {
  const inForce = new Map<string, Parameter>();
  for (const [list, pointer] of [
    [pathItem.parameters, pathPointer],
    [operation.parameters, operationPointer],
  ] as const) {
    for (const [index, node] of (Array.isArray(list) ? list : []).entries()) {
      const parameter = objectAt(node);
      inForce.set(keyOf(parameter), { parameter, pointer: `${pointer}/parameters/${index}` });
    }
  }
  return inForce;
}

/** `location` is the operation's (`POST /path`); each parameter is located as `POST /path header X-Merchant-ID`. */
export function compareParameters(
  context: DiffContext,
  before: Map<string, Parameter>,
  after: Map<string, Parameter>,
  location: string,
) {
  const placeOf = ({ parameter, pointer }: Parameter): Place => ({
    location: `${location} ${parameter.in} ${parameter.name}`,
    pointer,
  });
  // Stryker disable next-line ArrayDeclaration: an item that is no JSON pointer would cover nothing
  const matched: string[] = [];
  for (const [key, was] of before) {
    const { parameter } = was;
    const now = after.get(key);
    if (now === undefined) {
      context.add('parameter-removed', false, placeOf(was), `${parameter.in} parameter "${parameter.name}" removed`);
      continue;
    }
    const here = placeOf(now);
    if (parameter.required !== true && now.parameter.required === true) {
      const message = `${parameter.in} parameter "${parameter.name}" became required`;
      context.add('parameter-became-required', true, inside(here, ['required']), message);
    }
    compareSchemas(context, parameter.schema, now.parameter.schema, 'request', inside(here, ['schema']));
    listUnclassified(context, parameter, now.parameter, now.pointer);
    matched.push(now.pointer);
  }
  for (const [key, now] of after) {
    if (before.has(key)) continue;
    const { parameter } = now;
    if (parameter.required === true) {
      const message = `required ${parameter.in} parameter "${parameter.name}" added`;
      context.add('required-parameter-added', true, placeOf(now), message);
    } else
      context.add(
        'parameter-added',
        false,
        placeOf(now),
        `optional ${parameter.in} parameter "${parameter.name}" added`,
      );
  }
  // Parameters are matched by name: what differs at the position of one compared is only that parameters moved.
  context.cover(...matched);
}
