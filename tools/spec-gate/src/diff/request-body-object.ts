// Request Body Object: whether a body is required, and its content.
import type { Json } from '@vault/spec/document';
import { type DiffContext, inside, objectAt, type Place } from './context.js';
import { compareContent } from './media-type-object.js';

/** `place` is the operation's `requestBody`, located as `POST /path body`. */
export function compareRequestBody(
  context: DiffContext,
  before: Json | undefined,
  after: Json | undefined,
  place: Place,
) {
  const [was, now] = [objectAt(before), objectAt(after)];
  if (was.required !== true && now.required === true) {
    context.add('request-body-became-required', true, inside(place, ['required']), 'the request body became required');
  }
  compareContent(context, was.content, now.content, 'request', inside(place, ['content']));
}
