// The operation's documented request, read from a built bundle: the tests post what the spec documents, so a new
// merchant id or example in the spec needs no edit here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { documentedHeaders, type JsonObject, operations, resolve } from '@vault/spec/document';

const formMediaType = 'application/x-www-form-urlencoded';

/** The first operation of the bundle that `specDir` (a `@vault/spec` folder) holds, with its documented request. */
export async function documentedRequest(specDir: string) {
  const bundle = JSON.parse(await readFile(join(specDir, 'dist', 'openapi.json'), 'utf8')) as JsonObject;
  const [first] = operations(bundle);
  if (!first) throw new Error(`${specDir}: the bundle has no operation`);
  const requestBody = resolve(bundle, first.operation.requestBody) as JsonObject;
  const media = (requestBody.content as JsonObject)[formMediaType] as JsonObject;
  const [example] = Object.values(media.examples as JsonObject).map((node) => resolve(bundle, node) as JsonObject);
  return {
    path: first.path,
    headers: documentedHeaders(bundle, first.operation),
    form: new URLSearchParams(example?.value as Record<string, string>),
  };
}

/** Posts the documented request to the server at `baseUrl`. */
export async function postDocumentedRequest(baseUrl: string, specDir: string): Promise<Response> {
  const { path, headers, form } = await documentedRequest(specDir);
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': formMediaType },
    body: form,
  });
}
