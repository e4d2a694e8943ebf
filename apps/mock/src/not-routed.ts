// What the mock answers when a request reaches no operation: a 404 that names the operation taking this body, when
// one does (the source document's own sample posts to /oauth/token), or a 405 with the `Allow` header HTTP requires.
// `originalMessage` keeps the words of Prism's router, which answered these before the route index did.
import type { IHttpOperation } from '@stoplight/types';
import { MockError } from './errors.js';
import { formMediaType, formSchemaOf } from './form.js';
import type { Routing } from './route-index.js';

/** How many operations a 404 names at most: enough to point the way, bounded however large the spec. */
const suggestionsNamed = 3;

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

export interface UnroutedRequest {
  /** Lowercase, as Prism was given it. */
  method: string;
  path: string;
  mediaType: string | undefined;
  body: string;
}

/** The route index's refusal, in the mock's error shape. */
export function notRouted(
  routing: Exclude<Routing, { kind: 'found' }>,
  operations: readonly IHttpOperation[],
  { method, path, mediaType, body }: UnroutedRequest,
): MockError {
  switch (routing.kind) {
    case 'no-path': {
      const meant = operationsTaking(operations, mediaType, body);
      const named = meant.slice(0, suggestionsNamed).map(describeOperation);
      const more = meant.length - named.length;
      const hint =
        named.length > 0 ? ` Did you mean ${named.join(' or ')}${more > 0 ? ` (or ${more} more taking it)` : ''}?` : '';
      return new MockError('NOT_FOUND', `No operation of the API is at ${path}.${hint}`, {
        originalMessage: `The route ${path} hasn't been found in the specification file`,
      });
    }
    case 'no-method':
      return new MockError(
        'METHOD_NOT_ALLOWED',
        `${path} does not accept ${method.toUpperCase()}; it accepts ${routing.allowed.join(', ')}.`,
        {
          originalMessage: `The route ${path} has been matched, but it does not have "${method}" method defined`,
          headers: { allow: routing.allowed.join(', ') },
        },
      );
    case 'no-operations':
      return new MockError('BAD_REQUEST', 'Route not resolved, no resource provided.', {
        originalMessage: 'The current document does not have any resource to match with.',
      });
  }
}
