// Media Type Objects: the `content` of a request body or a response, by media type, each with its schema.
import { inside, objectAt, own, type Rule } from './context.js';
import { compareSchemas } from './schema-object.js';

/** `place` is the `content` map's; the location of each schema is `place`'s followed by its media type. */
export const compareContent: Rule = (context, before, after, direction, place) => {
  const [was, now] = [objectAt(before), objectAt(after)];
  for (const mediaType of Object.keys(was)) {
    const here = inside(place, [mediaType]);
    if (!Object.hasOwn(now, mediaType)) {
      context.add(`${direction}-content-type-removed`, true, here, `${direction} content type ${mediaType} removed`);
      continue;
    }
    const schema = inside(here, ['schema'], `${place.location} ${mediaType}`);
    compareSchemas(
      context,
      objectAt(own(was, mediaType)).schema,
      objectAt(own(now, mediaType)).schema,
      direction,
      schema,
    );
  }
  for (const mediaType of Object.keys(now)) {
    if (Object.hasOwn(was, mediaType)) continue;
    const here = inside(place, [mediaType]);
    context.add(`${direction}-content-type-added`, false, here, `${direction} content type ${mediaType} added`);
  }
};
