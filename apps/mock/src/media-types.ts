// Media types as requests send them and as specs declare them.

/** The media type's essence: `Application/JSON; charset=utf-8` is `application/json`. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.replace(/;.*/s, '').trim().toLowerCase() || undefined;
}

/** Whether an essence is `type/subtype` in RFC 9110's token characters: what Prism's media type parser takes. */
export const isMediaType = (essence: string | undefined) =>
  /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+$/.test(essence ?? '');

/** JSON and its structured suffix (`application/problem+json`), which Prism's own server parses before validating. */
export const isJsonMediaType = (mediaType: string | undefined) =>
  /^application\/(?:[^/]+\+)?json$/.test(mediaType ?? '');

/** Whether a media type that a spec declares (`application/json; charset=utf-8`, `image/*`, `*\/*`) takes `actual`. */
export function declaredTakes(declared: string, actual: string): boolean {
  const [type, subtype] = (mediaTypeOf(declared) ?? '').split('/');
  const [actualType, actualSubtype] = actual.split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of `bytes`, or undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
