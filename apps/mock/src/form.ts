// Strict decoding of an application/x-www-form-urlencoded body. Prism's own decoder is lenient (it keeps one of a
// repeated key, drops unknown keys and reads broken escapes as text), so the mock rejects such bodies first and says why.

import type { IHttpOperation, IMediaTypeContent } from '@stoplight/types';
import { decodeUtf8 } from './media-types.js';

export const formMediaType = 'application/x-www-form-urlencoded';

export type FormFields = Record<string, string>;

/** The JSON Schema of an operation's form body, when it takes one. */
export function formSchemaOf(operation: IHttpOperation): IMediaTypeContent['schema'] {
  return operation.request?.body?.contents?.find((content) => content.mediaType === formMediaType)?.schema;
}

/** The form's field names, when its schema forbids others (which Prism's form decoder does not enforce). */
export function closedFormKeys(operation: IHttpOperation): ReadonlySet<string> | undefined {
  const schema = formSchemaOf(operation);
  if (schema?.additionalProperties !== false) return undefined;
  return new Set(Object.keys(schema.properties ?? {}));
}

export type FormDecoding = { ok: true; fields: FormFields } | { ok: false; field: string; reason: string };

function decodeComponent(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return undefined; // a malformed escape or an escape that is not UTF-8
  }
}

/** Decodes `body`, refusing invalid UTF-8, broken percent-escapes, repeated keys and keys outside `allowedKeys`. */
export function decodeForm(body: Uint8Array, allowedKeys?: ReadonlySet<string>): FormDecoding {
  const text = decodeUtf8(body);
  if (text === undefined) return { ok: false, field: 'body', reason: 'is not valid UTF-8' };
  const fields: FormFields = Object.create(null); // no prototype: a key such as __proto__ stays data
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const rawKey = separator === -1 ? pair : pair.slice(0, separator);
    const key = decodeComponent(rawKey);
    if (key === undefined) return { ok: false, field: rawKey, reason: 'is not a valid percent-encoded name' };
    const value = decodeComponent(separator === -1 ? '' : pair.slice(separator + 1));
    if (value === undefined) return { ok: false, field: key, reason: 'is not validly percent-encoded UTF-8' };
    if (Object.hasOwn(fields, key)) return { ok: false, field: key, reason: 'is given more than once' };
    if (allowedKeys && !allowedKeys.has(key)) return { ok: false, field: key, reason: 'is not an accepted field' };
    fields[key] = value;
  }
  return { ok: true, fields };
}
