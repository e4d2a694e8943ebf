// Compares two bundled OpenAPI 3.1 documents and lists every change, marking those that break a consumer: a client
// generated from the old document, or a client written against it. Small on purpose: it knows the constructs this
// project uses (paths, operations, parameters, form and JSON bodies, responses, object schemas, enums, patterns).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type ChangeKind =
  | 'path-removed'
  | 'path-added'
  | 'operation-removed'
  | 'operation-added'
  | 'operation-renamed'
  | 'parameter-added'
  | 'required-parameter-added'
  | 'parameter-became-required'
  | 'parameter-removed'
  | 'request-body-became-required'
  | 'request-content-type-removed'
  | 'request-content-type-added'
  | 'response-status-removed'
  | 'response-status-added'
  | 'response-content-type-removed'
  | 'response-content-type-added'
  | 'type-changed'
  | 'request-field-added'
  | 'required-request-field-added'
  | 'request-field-became-required'
  | 'request-field-removed'
  | 'response-field-added'
  | 'response-field-removed'
  | 'response-field-became-optional'
  | 'enum-narrowed'
  | 'enum-widened'
  | 'pattern-narrowed'
  | 'pattern-removed'
  | 'format-changed'
  | 'length-narrowed'
  | 'additional-properties-refused'
  | 'description-changed'
  | 'security-required'
  | 'security-changed'
  | 'other-change';

export interface SpecChange {
  kind: ChangeKind;
  breaking: boolean;
  /** Where, as `POST /path` plus a path into the operation. */
  location: string;
  message: string;
}

type Direction = 'request' | 'response';

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const objectAt = (value: Json | undefined): JsonObject => (isObject(value) ? value : {});

/** Resolves local `$ref`s (a bundle has no others); a reference cycle resolves to an empty schema. */
function resolver(document: JsonObject) {
  const resolving = new Set<string>();
  return function resolve(node: Json | undefined): JsonObject {
    if (!isObject(node)) return {};
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    if (resolving.has(ref)) return {};
    resolving.add(ref);
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<Json | undefined>(
        (parent, key) => objectAt(parent)[key.replaceAll('~1', '/').replaceAll('~0', '~')],
        document,
      );
    const resolved = resolve(target);
    resolving.delete(ref);
    return resolved;
  };
}

const stringList = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const typeOf = (schema: JsonObject): string => JSON.stringify(schema.type ?? null);

export function diffSpecs(base: JsonObject, head: JsonObject): SpecChange[] {
  const changes: SpecChange[] = [];
  const resolveBase = resolver(base);
  const resolveHead = resolver(head);
  const add = (kind: ChangeKind, breaking: boolean, location: string, message: string) =>
    changes.push({ kind, breaking, location, message });

  function compareSchemas(baseNode: Json | undefined, headNode: Json | undefined, direction: Direction, at: string) {
    const before = resolveBase(baseNode);
    const after = resolveHead(headNode);
    if (typeOf(before) !== typeOf(after)) {
      add('type-changed', true, at, `type changed from ${typeOf(before)} to ${typeOf(after)}`);
      return;
    }
    const baseProperties = objectAt(before.properties);
    const headProperties = objectAt(after.properties);
    const baseRequired = stringList(before.required);
    const headRequired = stringList(after.required);
    for (const name of Object.keys(baseProperties)) {
      const field = `${at}.${name}`;
      if (!(name in headProperties)) {
        if (direction === 'response') add('response-field-removed', true, field, `response field "${name}" removed`);
        else {
          const refused = after.additionalProperties === false;
          add(
            'request-field-removed',
            refused,
            field,
            `request field "${name}" removed${refused ? ' and now refused' : ''}`,
          );
        }
        continue;
      }
      if (direction === 'request' && !baseRequired.includes(name) && headRequired.includes(name)) {
        add('request-field-became-required', true, field, `request field "${name}" became required`);
      }
      if (direction === 'response' && baseRequired.includes(name) && !headRequired.includes(name)) {
        add('response-field-became-optional', true, field, `response field "${name}" is no longer always present`);
      }
      compareSchemas(baseProperties[name], headProperties[name], direction, field);
    }
    for (const name of Object.keys(headProperties)) {
      if (name in baseProperties) continue;
      const field = `${at}.${name}`;
      if (direction === 'response') add('response-field-added', false, field, `response field "${name}" added`);
      else if (headRequired.includes(name))
        add('required-request-field-added', true, field, `required request field "${name}" added`);
      else add('request-field-added', false, field, `optional request field "${name}" added`);
    }
    if (direction === 'request' && before.additionalProperties !== false && after.additionalProperties === false) {
      add('additional-properties-refused', true, at, 'fields outside the schema are now refused');
    }
    compareValueRules(before, after, direction, at);
    if (before.items !== undefined || after.items !== undefined)
      compareSchemas(before.items, after.items, direction, `${at}[]`);
  }

  function compareValueRules(before: JsonObject, after: JsonObject, direction: Direction, at: string) {
    const baseEnum = Array.isArray(before.enum) ? before.enum.map((value) => JSON.stringify(value)) : undefined;
    const headEnum = Array.isArray(after.enum) ? after.enum.map((value) => JSON.stringify(value)) : undefined;
    const removed = baseEnum
      ? headEnum
        ? baseEnum.filter((value) => !headEnum.includes(value))
        : []
      : (headEnum ?? []);
    const added = headEnum ? headEnum.filter((value) => !(baseEnum ?? []).includes(value)) : [];
    if (baseEnum && removed.length > 0)
      add('enum-narrowed', direction === 'request', at, `enum lost ${removed.join(', ')}`);
    if (!baseEnum && headEnum)
      add('enum-narrowed', direction === 'request', at, `values now limited to ${headEnum.join(', ')}`);
    if (baseEnum && headEnum && added.length > 0)
      add('enum-widened', direction === 'response', at, `enum gained ${added.join(', ')}`);
    if (direction === 'response') return;
    if (after.pattern !== undefined && after.pattern !== before.pattern) {
      // Whether one pattern accepts all that another does is undecidable in general: any new pattern may refuse values.
      add(
        'pattern-narrowed',
        true,
        at,
        `pattern ${JSON.stringify(before.pattern ?? null)} became ${JSON.stringify(after.pattern)}`,
      );
    } else if (before.pattern !== undefined && after.pattern === undefined) {
      add('pattern-removed', false, at, `pattern ${JSON.stringify(before.pattern)} removed`);
    }
    if (after.format !== undefined && after.format !== before.format) {
      add(
        'format-changed',
        true,
        at,
        `format ${JSON.stringify(before.format ?? null)} became ${JSON.stringify(after.format)}`,
      );
    }
    const longerMinimum = Number(after.minLength ?? 0) > Number(before.minLength ?? 0);
    const shorterMaximum = Number(after.maxLength ?? Infinity) < Number(before.maxLength ?? Infinity);
    if (longerMinimum || shorterMaximum) add('length-narrowed', true, at, 'allowed length narrowed');
  }

  function compareParameters(baseOperation: JsonObject, headOperation: JsonObject, at: string) {
    const keyed = (operation: JsonObject, resolve: (node: Json | undefined) => JsonObject) =>
      new Map(
        (Array.isArray(operation.parameters) ? operation.parameters : []).map((node) => {
          const parameter = resolve(node);
          const name = String(parameter.name);
          return [`${parameter.in}:${parameter.in === 'header' ? name.toLowerCase() : name}`, parameter] as const;
        }),
      );
    const before = keyed(baseOperation, resolveBase);
    const after = keyed(headOperation, resolveHead);
    for (const [key, parameter] of before) {
      const where = `${at} ${parameter.in} ${parameter.name}`;
      const next = after.get(key);
      if (!next) {
        add('parameter-removed', false, where, `${parameter.in} parameter "${parameter.name}" removed`);
        continue;
      }
      if (parameter.required !== true && next.required === true) {
        add('parameter-became-required', true, where, `${parameter.in} parameter "${parameter.name}" became required`);
      }
      compareSchemas(parameter.schema, next.schema, 'request', where);
    }
    for (const [key, parameter] of after) {
      if (before.has(key)) continue;
      const where = `${at} ${parameter.in} ${parameter.name}`;
      if (parameter.required === true) {
        add('required-parameter-added', true, where, `required ${parameter.in} parameter "${parameter.name}" added`);
      } else add('parameter-added', false, where, `optional ${parameter.in} parameter "${parameter.name}" added`);
    }
  }

  function compareContent(baseContent: JsonObject, headContent: JsonObject, direction: Direction, at: string) {
    const [removedKind, addedKind] =
      direction === 'request'
        ? (['request-content-type-removed', 'request-content-type-added'] as const)
        : (['response-content-type-removed', 'response-content-type-added'] as const);
    for (const mediaType of Object.keys(baseContent)) {
      if (!(mediaType in headContent)) {
        add(removedKind, true, at, `${direction} content type ${mediaType} removed`);
        continue;
      }
      compareSchemas(
        objectAt(baseContent[mediaType]).schema,
        objectAt(headContent[mediaType]).schema,
        direction,
        `${at} ${mediaType}`,
      );
    }
    for (const mediaType of Object.keys(headContent)) {
      if (!(mediaType in baseContent)) add(addedKind, false, at, `${direction} content type ${mediaType} added`);
    }
  }

  /** Whether an operation needs credentials: its own `security`, else the document's, has no empty requirement. */
  function needsCredentials(operation: JsonObject, document: JsonObject): boolean {
    const requirements = (operation.security ?? document.security ?? []) as Json[];
    return (
      requirements.length > 0 && !requirements.some((requirement) => Object.keys(objectAt(requirement)).length === 0)
    );
  }

  function compareOperations(baseOperation: JsonObject, headOperation: JsonObject, at: string) {
    const changesBefore = changes.length;
    compareOperationParts(baseOperation, headOperation, at);
    const baseSecurity = JSON.stringify(baseOperation.security ?? base.security ?? []);
    const headSecurity = JSON.stringify(headOperation.security ?? head.security ?? []);
    if (!needsCredentials(baseOperation, base) && needsCredentials(headOperation, head)) {
      add('security-required', true, at, `the operation now needs credentials (${headSecurity})`);
    } else if (baseSecurity !== headSecurity) {
      add('security-changed', false, at, `security ${baseSecurity} became ${headSecurity}`);
    }
    // The changelog lists every change: what the kinds above do not classify is listed as such, as safe.
    if (changes.length === changesBefore && JSON.stringify(baseOperation) !== JSON.stringify(headOperation)) {
      add('other-change', false, at, 'changed in a way the gate does not classify (examples, extensions, ...)');
    }
  }

  function compareOperationParts(baseOperation: JsonObject, headOperation: JsonObject, at: string) {
    if (baseOperation.operationId !== headOperation.operationId) {
      add(
        'operation-renamed',
        true,
        at,
        `operationId ${String(baseOperation.operationId)} became ${String(headOperation.operationId)}`,
      );
    }
    if (baseOperation.description !== headOperation.description || baseOperation.summary !== headOperation.summary) {
      add('description-changed', false, at, 'summary or description changed');
    }
    compareParameters(baseOperation, headOperation, at);
    const baseBody = resolveBase(baseOperation.requestBody);
    const headBody = resolveHead(headOperation.requestBody);
    if (baseBody.required !== true && headBody.required === true) {
      add('request-body-became-required', true, `${at} body`, 'the request body became required');
    }
    compareContent(objectAt(baseBody.content), objectAt(headBody.content), 'request', `${at} body`);
    const baseResponses = objectAt(baseOperation.responses);
    const headResponses = objectAt(headOperation.responses);
    for (const status of Object.keys(baseResponses)) {
      const where = `${at} ${status}`;
      if (!(status in headResponses)) {
        add('response-status-removed', true, where, `response ${status} removed`);
        continue;
      }
      const content = (resolve: typeof resolveBase, responses: JsonObject) =>
        objectAt(resolve(responses[status]).content);
      compareContent(content(resolveBase, baseResponses), content(resolveHead, headResponses), 'response', where);
    }
    for (const status of Object.keys(headResponses)) {
      if (!(status in baseResponses))
        add('response-status-added', false, `${at} ${status}`, `response ${status} added`);
    }
  }

  const basePaths = objectAt(base.paths);
  const headPaths = objectAt(head.paths);
  for (const [path, pathItem] of Object.entries(basePaths)) {
    if (!(path in headPaths)) {
      add('path-removed', true, path, `path ${path} removed`);
      continue;
    }
    const before = resolveBase(pathItem);
    const after = resolveHead(headPaths[path]);
    for (const method of httpMethods) {
      if (!isObject(before[method])) continue;
      const at = `${method.toUpperCase()} ${path}`;
      if (!isObject(after[method])) add('operation-removed', true, at, `operation ${at} removed`);
      else compareOperations(before[method], after[method], at);
    }
    for (const method of httpMethods) {
      if (isObject(after[method]) && !isObject(before[method])) {
        add(
          'operation-added',
          false,
          `${method.toUpperCase()} ${path}`,
          `operation ${method.toUpperCase()} ${path} added`,
        );
      }
    }
  }
  for (const path of Object.keys(headPaths)) {
    if (!(path in basePaths)) add('path-added', false, path, `path ${path} added`);
  }
  for (const key of new Set([...Object.keys(base), ...Object.keys(head)])) {
    if (key === 'paths' || key === 'components') continue; // compared above, where operations use them
    if (JSON.stringify(base[key]) !== JSON.stringify(head[key])) {
      add('other-change', false, key, `${key} changed in a way the gate does not classify`);
    }
  }
  return changes;
}

/** A readable changelog: breaking changes first, each line with its location. */
export function changelog(changes: SpecChange[]): string {
  if (changes.length === 0) return 'No changes to the API.';
  const breaking = changes.filter((change) => change.breaking);
  const ordered = [...breaking, ...changes.filter((change) => !change.breaking)];
  const line = (change: SpecChange) =>
    `  ${change.breaking ? 'BREAKING' : 'safe    '}  ${change.location}: ${change.message}`;
  return [`${changes.length} change(s), ${breaking.length} breaking:`, ...ordered.map(line)].join('\n');
}
