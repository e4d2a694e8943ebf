// Responses Object and Response Objects: the statuses an operation answers with, and each one's content and headers.
import type { Json } from '@vault/spec/document';
import { type DiffContext, inside, objectAt, own, type Place } from './context.js';
import { compareResponseHeaders } from './header-object.js';
import { compareContent } from './media-type-object.js';

/** `operation` is the operation's place; each response is located as `POST /path 200`. */
export function compareResponses(
  context: DiffContext,
  before: Json | undefined,
  after: Json | undefined,
  operation: Place,
) {
  const [was, now] = [objectAt(before), objectAt(after)];
  const placeOf = (status: string) => inside(operation, ['responses', status], `${operation.location} ${status}`);
  for (const status of Object.keys(was)) {
    const here = placeOf(status);
    if (!Object.hasOwn(now, status)) {
      context.add('response-status-removed', true, here, `response ${status} removed`);
      continue;
    }
    const [response, next] = [objectAt(own(was, status)), objectAt(own(now, status))];
    compareContent(context, response.content, next.content, 'response', inside(here, ['content']));
    compareResponseHeaders(context, response.headers, next.headers, here);
  }
  for (const status of Object.keys(now)) {
    if (!Object.hasOwn(was, status))
      context.add('response-status-added', false, placeOf(status), `response ${status} added`);
  }
}
