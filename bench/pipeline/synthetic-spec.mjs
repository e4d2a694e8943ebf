import { documentedHeaders, operations } from '@vault/spec/document';

// A spec of N operations with the shape of the real one: operation i is the real operation at `<path>-i`, with its
// own copy of every component it uses, so that the spec grows in paths, schemas and examples alike. The error shape
// stays one schema for all, as in any real API (and as the project's lint rule wants).

const componentRef = /#\/components\/(schemas|parameters|responses|examples|requestBodies|headers)\/([\w.-]+)/g;
const sharedComponents = new Set(['ErrorResponse']);

/** A deep copy of `node` in which every component reference points at that component's copy number `suffix`. */
function renamed(node, suffix) {
  return JSON.parse(
    JSON.stringify(node).replace(componentRef, (ref, kind, name) =>
      sharedComponents.has(name) ? ref : `#/components/${kind}/${name}${suffix}`,
    ),
  );
}

export function syntheticSpec(real, operationCount) {
  const { components = {}, paths, ...rest } = real;
  const spec = { ...rest, paths: {}, components: { securitySchemes: components.securitySchemes } };
  for (let index = 1; index <= operationCount; index++) {
    for (const [path, pathItem] of Object.entries(paths)) {
      const copy = renamed(pathItem, index);
      for (const operation of Object.values(copy)) {
        if (operation?.operationId) operation.operationId = `${operation.operationId}${index}`;
      }
      spec.paths[`${path}-${index}`] = copy;
    }
    for (const [kind, named] of Object.entries(components)) {
      if (kind === 'securitySchemes') continue;
      spec.components[kind] ??= {};
      for (const [name, component] of Object.entries(named)) {
        if (sharedComponents.has(name)) spec.components[kind][name] = component;
        else spec.components[kind][`${name}${index}`] = renamed(component, index);
      }
    }
  }
  return spec;
}

/**
 * TypeScript that calls every operation of a synthetic spec: by path (`client[path].POST(init)`, as @vault/client's
 * `paths`), by method (`client.POST(path, init)`, as its `api`), or by generated method (`client.<operationId>(init)`,
 * with `OperationMethods` from an `operations.ts` beside it, as @vault/client's methods).
 */
export function clientUsage(spec, style) {
  const merchant = JSON.stringify(documentedHeaders(spec, operations(spec)[0].operation)['X-Merchant-ID']);
  const init = `{ params: { header: { 'X-Merchant-ID': ${merchant} } }, body: { grant_type: 'mobile_phone', number: '+447871239999', password: 'x' } }`;
  const calls = operations(spec).map(({ path, operation }) => {
    if (style === 'by path') return `  await client['${path}'].POST(${init});`;
    if (style === 'by method') return `  await client.POST('${path}', ${init});`;
    return `  await client.${operation.operationId}(${init});`;
  });
  const client = {
    'by path': [
      "import { createPathBasedClient } from 'openapi-fetch';",
      "import type { paths } from './schema.js';",
      "const client = createPathBasedClient<paths>({ baseUrl: 'http://127.0.0.1' });",
    ],
    'by method': [
      "import createClient from 'openapi-fetch';",
      "import type { paths } from './schema.js';",
      "const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });",
    ],
    'by generated method': [
      "import type { OperationMethods } from './operations.js';",
      'declare const client: OperationMethods;',
    ],
  }[style];
  return [...client, 'export async function callEveryOperation(): Promise<void> {', ...calls, '}', ''].join('\n');
}
