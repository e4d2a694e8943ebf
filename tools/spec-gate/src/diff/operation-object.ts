// Operation Object: its name, prose, parameters, body, responses and security.
import type { Json, JsonObject } from '@vault/spec/document';
import { type DiffContext, inside, objectAt, type Place } from './context.js';
import { compareParameters, parametersOf } from './parameter-object.js';
import { compareRequestBody } from './request-body-object.js';
import { compareResponses } from './response-object.js';

/** An operation and the path item it belongs to (whose parameters it takes), in one document. */
export interface OperationIn {
  operation: JsonObject;
  pathItem: JsonObject;
}

/** `place` is the operation's: located as `POST /path`, at `/paths/~1path/post`. */
export function compareOperations(context: DiffContext, before: OperationIn, after: OperationIn, place: Place) {
  const [was, now] = [before.operation, after.operation];
  if (was.operationId !== now.operationId) {
    const message = `operationId ${String(was.operationId)} became ${String(now.operationId)}`;
    context.add('operation-renamed', true, inside(place, ['operationId']), message);
  }
  if (was.description !== now.description || was.summary !== now.summary) {
    const [summary, description] = [inside(place, ['summary']).pointer, inside(place, ['description']).pointer];
    context.add(
      'description-changed',
      false,
      { ...place, pointer: summary },
      'summary or description changed',
      description,
    );
  }
  const pathPointer = place.pointer.slice(0, place.pointer.lastIndexOf('/'));
  const parameters = ({ pathItem, operation }: OperationIn) =>
    parametersOf(pathItem, operation, pathPointer, place.pointer);
  compareParameters(context, parameters(before), parameters(after), place.location);
  const body = inside(place, ['requestBody'], `${place.location} body`);
  compareRequestBody(context, was.requestBody, now.requestBody, body);
  compareResponses(context, was.responses, now.responses, place);
  compareSecurity(context, was, now, place);
}

/** The security requirements in force: the operation's own, else the document's; and where they are written. */
function securityOf(operation: JsonObject, document: JsonObject, place: Place) {
  const own = operation.security !== undefined;
  const requirements: Json = (own ? operation.security : document.security) ?? [];
  return { requirements, pointer: own ? inside(place, ['security']).pointer : '/security' };
}

/** Whether the requirements need credentials: there are some, and none of them is the empty one. */
const needsCredentials = (requirements: Json) =>
  Array.isArray(requirements) &&
  requirements.length > 0 &&
  !requirements.some((requirement) => Object.keys(objectAt(requirement)).length === 0);

function compareSecurity(context: DiffContext, was: JsonObject, now: JsonObject, place: Place) {
  const before = securityOf(was, context.base, place);
  const after = securityOf(now, context.head, place);
  const [beforeText, afterText] = [JSON.stringify(before.requirements), JSON.stringify(after.requirements)];
  const here = inside(place, ['security']);
  if (!needsCredentials(before.requirements) && needsCredentials(after.requirements)) {
    const message = `the operation now needs credentials (${afterText})`;
    context.add('security-required', true, here, message, before.pointer, after.pointer);
  } else if (beforeText !== afterText) {
    context.add(
      'security-changed',
      false,
      here,
      `security ${beforeText} became ${afterText}`,
      before.pointer,
      after.pointer,
    );
  }
}
