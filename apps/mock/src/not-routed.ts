// What the mock answers when a request reaches no operation: a 404 that names the operation taking this body, when
// one does (the source document's own sample posts to /oauth/token), or a 405 with the `Allow` header HTTP requires.
import type { IHttpRequest, ProblemJsonError } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { MockError } from './errors.js';
import { formMediaType, formSchemaOf } from './form.js';
import { route } from './prism.js';

const describeOperation = (operation: IHttpOperation) => `${operation.method.toUpperCase()} ${operation.path}`;

/** Operations whose form takes every field of this body: the ones a caller who got the path wrong meant. */
function operationsTaking(operations: readonly IHttpOperation[], mediaType: string | undefined, body: string) {
  if (mediaType !== formMediaType) return [];
  const fields = [...new URLSearchParams(body).keys()];
  if (fields.length === 0) return [];
  return operations.filter((operation) => {
    const schema = formSchemaOf(operation);
    const accepted = Object.keys(schema?.properties ?? {});
    return fields.every((field) => accepted.includes(field));
  });
}

/** The methods the request's path accepts, in the spec's order. */
function allowedMethods(operations: IHttpOperation[], input: IHttpRequest): string[] {
  const methods = [...new Set(operations.map((operation) => operation.method))];
  return methods
    .filter(
      (method) =>
        route({ resources: operations, input: { ...input, method: method as IHttpRequest['method'] } })._tag ===
        'Right',
    )
    .map((method) => method.toUpperCase());
}

/** Prism's routing error, in the mock's error shape. */
export function notRouted(
  error: ProblemJsonError,
  operations: IHttpOperation[],
  input: IHttpRequest,
  mediaType: string | undefined,
): MockError {
  const path = input.url.path;
  const prismCode = error.name.split('#')[1];
  if (prismCode === 'NO_PATH_MATCHED_ERROR') {
    const meant = operationsTaking(operations, mediaType, typeof input.body === 'string' ? input.body : '');
    const hint = meant.length > 0 ? ` Did you mean ${meant.map(describeOperation).join(' or ')}?` : '';
    return new MockError('NOT_FOUND', `No operation of the API is at ${path}.${hint}`, {
      originalMessage: error.detail,
    });
  }
  if (prismCode === 'NO_METHOD_MATCHED_ERROR') {
    const allowed = allowedMethods(operations, input);
    return new MockError(
      'METHOD_NOT_ALLOWED',
      `${path} does not accept ${input.method.toUpperCase()}; it accepts ${allowed.join(', ')}.`,
      {
        originalMessage: error.detail,
        headers: { allow: allowed.join(', ') },
      },
    );
  }
  return new MockError('BAD_REQUEST', `${error.message}.`, { originalMessage: error.detail || error.message });
}
