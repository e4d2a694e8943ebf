import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IHttpOperation } from '@stoplight/types';
import { bundledSpecJson, bundledSpecYaml } from '@vault/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHttpOperations, prismAnswer, prismHttp } from './prism.js';

let folder: string;
/** Writes `text` to `name` in this test's folder and returns its path. */
const written = async (name: string, text: string) => {
  const file = join(folder, name);
  await writeFile(file, text);
  return file;
};

const ok = (example: string) => ({
  description: 'ok',
  content: { 'application/json': { example: { op: example } } },
});

/** Templated paths, parameters by $ref, a shared response: the parts of a spec that Prism's loader resolves. */
const templatedSpec = {
  openapi: '3.1.0',
  info: { title: 'templated', version: '1' },
  paths: {
    '/items': { get: { responses: { '200': { $ref: '#/components/responses/Ok' } } } },
    '/items/{id}': {
      parameters: [{ $ref: '#/components/parameters/Id' }],
      get: { responses: { '200': ok('item') } },
      delete: { responses: { '204': { description: 'gone' } } },
    },
  },
  components: {
    parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'integer' } } },
    responses: { Ok: ok('items') },
  },
};

/** A body schema that contains itself. */
const treeSpec = {
  openapi: '3.1.0',
  info: { title: 'tree', version: '1' },
  paths: {
    '/tree': {
      post: {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } },
        },
        responses: { '200': ok('tree'), '400': ok('not a tree') },
      },
    },
  },
  components: {
    schemas: {
      Node: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
        },
      },
    },
  },
};

/** What Prism's own loader gives, less the empty path-parameter lists that loadHttpOperations drops. */
async function prismLoaded(spec: string): Promise<IHttpOperation[]> {
  const operations = await prismHttp.getHttpOperationsFromSpec(spec);
  for (const operation of operations) {
    if (operation.request?.path?.length === 0) delete operation.request.path;
  }
  return operations;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vault-mock-prism-'));
});

describe('loadHttpOperations', () => {
  it.each<[string, () => Promise<string>]>([
    ['the bundle, as YAML', async () => bundledSpecYaml],
    ['the bundle, as JSON', async () => bundledSpecJson],
    ['templated paths with parameters by $ref', () => written('templated.json', JSON.stringify(templatedSpec))],
    [
      'a spec that refers to another file (which Prism loads)',
      async () => {
        await written(
          'responses.yaml',
          `Ok:\n  description: ok\n  content: { application/json: { example: { op: x } } }\n`,
        );
        return written(
          'split.yaml',
          'openapi: 3.1.0\ninfo: { title: split, version: "1" }\npaths:\n  /x:\n    get:\n      responses:\n        "200": { $ref: "./responses.yaml#/Ok" }\n',
        );
      },
    ],
  ])("gives Prism's operations for %s", async (_name, spec) => {
    const file = await spec();
    expect(await loadHttpOperations(file)).toEqual(await prismLoaded(file));
  });

  it('drops an empty list of path parameters, and keeps a full one', async () => {
    const file = await written('templated-lists.json', JSON.stringify(templatedSpec));
    const paths = (await loadHttpOperations(file)).map((operation) => operation.request?.path?.map(({ name }) => name));
    expect(paths).toEqual([undefined, ['id'], ['id']]);
  });

  it('validates a body against a schema that contains itself as Prism does, at any depth', async () => {
    const file = await written('tree.json', JSON.stringify(treeSpec));
    const [ours, prisms] = [(await loadHttpOperations(file))[0], (await prismLoaded(file))[0]];
    const violations = (operation: IHttpOperation | undefined, body: unknown) => {
      const input = {
        method: 'post' as const,
        url: { path: '/tree' },
        headers: { 'content-type': 'application/json', 'content-length': '1' },
        body,
      };
      const answer = prismAnswer(operation as IHttpOperation, input, { dynamic: false });
      return answer.ok ? answer.violations.map(({ message }) => message) : answer.error.message;
    };
    const deep = { name: 'a', children: [{ name: 'b', children: [{ name: 'c', children: [{ name: 1 }, {}] }] }] };
    expect(violations(ours, deep)).toEqual(violations(prisms, deep));
    expect(violations(ours, deep)).toEqual([
      'Request body property children.0.children.0.children.0.name must be string',
      "Request body property children.0.children.0.children.1 must have required property 'name'",
    ]);
  });

  it("refuses a $ref that points at nothing in the words of Prism's loader", async () => {
    const file = await written(
      'dangling.yaml',
      'openapi: 3.1.0\ninfo: { title: x, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200": { $ref: "#/components/responses/Nope" }\n',
    );
    await expect(loadHttpOperations(file)).rejects.toThrow(
      'at "#/paths/~1a/get/responses/200", token "components" in "#/components/responses/Nope" does not exist',
    );
  });
});
