import { createRequire } from 'node:module';
import type { IHttpOperation } from '@stoplight/types';
import { describe, expect, it } from 'vitest';
import { createRouteIndex, type Routing } from './route-index.js';

/** Operations in the spec's order, each `METHOD path`. */
const declared = [
  'GET /items',
  'POST /items',
  'GET /items/{id}',
  'DELETE /items/{id}',
  'GET /items/special',
  'PUT /items/{id}/tags/{tag}',
  'GET /a%20b',
  'GET /files/{name}.json',
  'PATCH /users/{userId}',
  'GET /users/me',
  'GET /{any}/me',
  'OPTIONS /{x}/{y}',
  'GET /pets/{petId}',
  'GET /pets/{name}',
  'GET /pets/{petId}/owner',
  'GET /{kind}/{id}/owner',
];

function operationsOf(lines: readonly string[]): IHttpOperation[] {
  return lines.map((line, index) => {
    const [method = '', path = ''] = line.split(' ');
    return { id: String(index), method: method.toLowerCase(), path, responses: [] };
  });
}

const operations = operationsOf(declared);
const index = createRouteIndex(operations);

/** A routing in the words of the table below: the operation found, `404`, or `405 Allow: ...`. */
function described(routing: Routing): string {
  switch (routing.kind) {
    case 'found':
      return `${routing.operation.method.toUpperCase()} ${routing.operation.path}`;
    case 'no-path':
      return '404';
    case 'no-method':
      return `405 Allow: ${routing.allowed.join(', ')}`;
    case 'no-operations':
      return 'no operations';
  }
}

describe('createRouteIndex', () => {
  it.each<[string, { given: string; want: string }]>([
    ['a concrete path', { given: 'GET /items', want: 'GET /items' }],
    ["the request's method among a path's operations", { given: 'POST /items', want: 'POST /items' }],
    ['a template segment', { given: 'GET /items/42', want: 'GET /items/{id}' }],
    ['a concrete path before a templated one', { given: 'GET /items/special', want: 'GET /items/special' }],
    [
      'a templated path for a method the concrete one lacks',
      { given: 'DELETE /items/special', want: 'DELETE /items/{id}' },
    ],
    ['a percent-encoded segment, decoded', { given: 'GET /items/%73pecial', want: 'GET /items/special' }],
    ['a spec path with an escape, which is decoded too', { given: 'GET /a%20b', want: 'GET /a%20b' }],
    ['a template inside a segment', { given: 'GET /files/report.json', want: 'GET /files/{name}.json' }],
    ['a template inside a segment, unanchored', { given: 'GET /files/a.json.gz', want: 'GET /files/{name}.json' }],
    ['an empty segment, which fills a template', { given: 'GET /files/.json', want: 'GET /files/{name}.json' }],
    ['a trailing slash, whose empty segment fills a template', { given: 'GET /items/', want: 'GET /items/{id}' }],
    ['a trailing slash where no template takes it', { given: 'GET /users/me/', want: '404' }],
    ['a broken escape, compared as it is', { given: 'GET /%ZZ/me', want: 'GET /{any}/me' }],
    ['an encoded slash, which is no separator', { given: 'GET /items%2Fspecial', want: '404' }],
    ['a path in another case', { given: 'GET /Items', want: '404' }],
    [
      'the templated path that agrees with more segments',
      { given: 'GET /pets/1/owner', want: 'GET /pets/{petId}/owner' },
    ],
    ['of templated paths that agree as far, the later in the spec', { given: 'GET /pets/1', want: 'GET /pets/{name}' }],
    ['an unknown path', { given: 'GET /nothing/here/at/all', want: '404' }],
    [
      'a wrong method, with the methods in the order they first appear in the spec',
      { given: 'PUT /items', want: '405 Allow: GET, POST' },
    ],
    [
      'a wrong method on a path several templates take',
      { given: 'PATCH /items/1', want: '405 Allow: GET, DELETE, OPTIONS' },
    ],
    [
      'a method the concrete path lacks but templates have',
      { given: 'POST /users/me', want: '405 Allow: GET, PATCH, OPTIONS' },
    ],
  ])('finds %s', (_name, { given, want }) => {
    const [method = '', path = ''] = given.split(' ');
    expect(described(index.route(method.toLowerCase(), path))).toBe(want);
  });

  it('refuses every request when the spec has no operations', () => {
    expect(createRouteIndex([]).route('get', '/')).toEqual({ kind: 'no-operations' });
  });

  it("answers as Prism's router did, for every method and each path of the table and its edge cases", () => {
    const prismRoute = (
      createRequire(import.meta.url)('@stoplight/prism-http/dist/router/index.js') as {
        default: typeof import('@stoplight/prism-http/dist/router/index.js').default;
      }
    ).default;
    /** Prism's routing, in the index's terms: its 405 named no methods, so ask it for each one, as the mock did. */
    const prismRouting = (method: string, path: string): string => {
      const routed = (asked: string) =>
        prismRoute({ resources: operations, input: { method: asked as 'get', url: { path } } });
      const result = routed(method);
      if (result._tag === 'Right') return described({ kind: 'found', operation: result.right });
      if (!result.left.name.endsWith('NO_METHOD_MATCHED_ERROR')) return '404';
      const methods = [...new Set(operations.map((operation) => operation.method))];
      const allowed = methods.filter((candidate) => routed(candidate)._tag === 'Right');
      return `405 Allow: ${allowed.map((name) => name.toUpperCase()).join(', ')}`;
    };
    const paths = [
      ...new Set(declared.map((line) => line.split(' ')[1] as string)),
      ...['/', '//', '/items/', '/items//', '/items/%', '/items/%2', '/items/%E2%82', '/a b', '/a%2520b', '/users/'],
      ...[
        '/files/x.json/',
        '/x/y',
        '/x/me',
        '/me/me',
        '/pets/%7Bid%7D',
        '/pets/1/owner/',
        '/items/1/tags/',
        '/%7Bany%7D/me',
      ],
    ];
    const methods = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'trace'];
    const requests = methods.flatMap((method) => paths.map((path) => [method, path] as const));
    expect(requests.map(([method, path]) => `${method} ${path} -> ${described(index.route(method, path))}`)).toEqual(
      requests.map(([method, path]) => `${method} ${path} -> ${prismRouting(method, path)}`),
    );
  });
});
