// Emits the client's runtime checks of response bodies from their schemas, as TypeScript that imports nothing at run
// time. Ajv's standalone code for the same two schemas is 1.6 kB gzipped, a quarter of the client's 6 kB budget, so
// this emits plain conditions instead. It checks the keywords below and refuses any other, so that no schema passes for
// checked when part of it is not.
import { escapePointer, isJsonObject, nodeAt, resolved } from '@vault/spec/document';

/** Keywords that describe a value without constraining it. */
const annotations = new Set([
  '$comment',
  'default',
  'deprecated',
  'description',
  'example',
  'examples',
  'readOnly',
  'title',
  'writeOnly',
]);

/** JavaScript that tells each JSON type, for an expression `at` that holds a parsed JSON value. */
const typeChecks = {
  array: (at) => `Array.isArray(${at})`,
  boolean: (at) => `typeof ${at} === 'boolean'`,
  integer: (at) => `typeof ${at} === 'number' && Number.isInteger(${at})`,
  null: (at) => `${at} === null`,
  number: (at) => `typeof ${at} === 'number'`,
  object: (at) => `isObject(${at})`,
  string: (at) => `typeof ${at} === 'string'`,
};

const checkedKeywords = new Set([
  '$ref',
  'type',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'minimum',
  'maximum',
  'pattern',
]);

const identifier = /^[A-Za-z_$][\w$]*$/;

/** Stops the generation at the part of the spec it cannot turn into a check. */
function refuse(pointer, problem) {
  throw new Error(
    `generate: #${pointer} ${problem}; scripts/schema-guards.mjs checks only ${[...checkedKeywords].join(', ')}`,
  );
}

/**
 * The TypeScript source of `is<Name>(value): value is components['schemas'][Name]` for each of `schemaNames` (schemas
 * of `document`'s components), and of a function for each schema they reference. Throws, naming the keyword and its
 * JSON pointer, at a keyword it does not check.
 */
export function schemaGuards(document, schemaNames) {
  /**
   * The function that checks the schema at each pointer: `is<Name>`, a type predicate, for a component schema whose
   * name can name a function, else `matches<N>`. And the pointers whose function is still to write.
   */
  const functions = new Map();
  const unwritten = [];
  const patterns = [];

  function functionFor(pointer) {
    if (!functions.has(pointer)) {
      const component = pointer.match(/^\/components\/schemas\/([^/]+)$/)?.[1];
      functions.set(
        pointer,
        component !== undefined && identifier.test(component)
          ? { name: `is${component}`, returns: `value is components['schemas'][${JSON.stringify(component)}]` }
          : { name: `matches${functions.size}`, returns: 'boolean' },
      );
      unwritten.push(pointer);
    }
    return functions.get(pointer).name;
  }

  /** A condition that holds when the JSON value at the expression `at` matches `schema`, at `pointer` in the spec. */
  function condition(schema, pointer, at, depth) {
    if (typeof schema === 'boolean') return String(schema);
    if (!isJsonObject(schema)) refuse(pointer, 'is not a schema');
    const unchecked = Object.keys(schema).find(
      (keyword) => !checkedKeywords.has(keyword) && !annotations.has(keyword) && !keyword.startsWith('x-'),
    );
    if (unchecked !== undefined) refuse(`${pointer}/${escapePointer(unchecked)}`, `uses "${unchecked}"`);

    const types = schema.type === undefined ? [] : [schema.type].flat();
    const unknownType = types.find((type) => !Object.hasOwn(typeChecks, type));
    if (unknownType !== undefined) refuse(`${pointer}/type`, `names no JSON type: ${unknownType}`);
    // With one type, its keywords need no test of the type of their own.
    const onlyType = types.length === 1 ? types[0].replace('integer', 'number') : undefined;

    const conditions = [];
    if (schema.$ref !== undefined) {
      conditions.push(`${functionFor(resolved(document, { $ref: schema.$ref }).pointer)}(${at})`);
    }
    if (types.length === 1) conditions.push(typeChecks[types[0]](at));
    if (types.length > 1) conditions.push(`(${types.map((type) => typeChecks[type](at)).join(' || ')})`);
    if (schema.enum !== undefined) {
      if (!Array.isArray(schema.enum) || schema.enum.some((value) => typeof value === 'object' && value !== null)) {
        refuse(`${pointer}/enum`, 'lists an object or an array, or is no list');
      }
      conditions.push(`(${JSON.stringify(schema.enum)} as unknown[]).includes(${at})`);
    }
    // A keyword of objects, arrays, numbers or strings lets a value of another type pass, as JSON Schema says.
    const byType = {
      object: objectConditions(schema, pointer, at, depth),
      array: arrayConditions(schema, pointer, at, depth),
      number: numberConditions(schema, pointer, at),
      string: stringConditions(schema, pointer, at),
    };
    for (const [type, typeConditions] of Object.entries(byType)) {
      if (typeConditions.length === 0) continue;
      if (type === onlyType) conditions.push(...typeConditions);
      else conditions.push(`(!(${typeChecks[type](at)}) || (${typeConditions.join(' && ')}))`);
    }
    return conditions.length === 0 ? 'true' : conditions.join(' && ');
  }

  function objectConditions(schema, pointer, at, depth) {
    const { required = [], properties = {}, additionalProperties } = schema;
    if (!Array.isArray(required) || !required.every((name) => typeof name === 'string')) {
      refuse(`${pointer}/required`, 'is no list of property names');
    }
    if (!isJsonObject(properties)) refuse(`${pointer}/properties`, 'is no object');
    const propertyCondition = (name) =>
      condition(
        properties[name],
        `${pointer}/properties/${escapePointer(name)}`,
        `${at}[${JSON.stringify(name)}]`,
        depth,
      );
    const conditions = [];
    for (const name of required) {
      conditions.push(`has(${at}, ${JSON.stringify(name)})`);
      const check = Object.hasOwn(properties, name) ? propertyCondition(name) : 'true';
      if (check !== 'true') conditions.push(check);
    }
    for (const name of Object.keys(properties).filter((name) => !required.includes(name))) {
      const check = propertyCondition(name);
      if (check !== 'true') conditions.push(`(!has(${at}, ${JSON.stringify(name)}) || ${check})`);
    }
    if (additionalProperties !== undefined) {
      const item = `value${depth + 1}`;
      const check = condition(additionalProperties, `${pointer}/additionalProperties`, item, depth + 1);
      const named = Object.keys(properties);
      if (check !== 'true' && named.length === 0) conditions.push(`Object.values(${at}).every((${item}) => ${check})`);
      if (check !== 'true' && named.length > 0) {
        conditions.push(
          `Object.entries(${at}).every(([key, ${item}]) => ${JSON.stringify(named)}.includes(key) || ${check})`,
        );
      }
    }
    return conditions;
  }

  function arrayConditions(schema, pointer, at, depth) {
    if (schema.items === undefined) return [];
    const item = `value${depth + 1}`;
    const check = condition(schema.items, `${pointer}/items`, item, depth + 1);
    return check === 'true' ? [] : [`${at}.every((${item}) => ${check})`];
  }

  function numberConditions(schema, pointer, at) {
    return Object.entries({ minimum: '>=', maximum: '<=' })
      .filter(([keyword]) => schema[keyword] !== undefined)
      .map(([keyword, operator]) => {
        if (!Number.isFinite(schema[keyword])) refuse(`${pointer}/${keyword}`, 'is no number');
        return `${at} ${operator} ${schema[keyword]}`;
      });
  }

  function stringConditions(schema, pointer, at) {
    if (schema.pattern === undefined) return [];
    try {
      new RegExp(schema.pattern, 'u');
    } catch {
      refuse(`${pointer}/pattern`, 'is no regular expression that JavaScript reads with the u flag');
    }
    patterns.push(schema.pattern);
    return [`pattern${patterns.length - 1}.test(${at})`];
  }

  for (const name of schemaNames) {
    const pointer = `/components/schemas/${escapePointer(name)}`;
    if (nodeAt(document, pointer) === undefined || !identifier.test(name)) {
      throw new Error(`generate: the spec has no schema at #${pointer} that can name a function; the client needs it`);
    }
    functionFor(pointer);
  }
  const sources = [];
  while (unwritten.length > 0) {
    const pointer = unwritten.shift();
    const { name, returns } = functions.get(pointer);
    const body = condition(nodeAt(document, pointer), pointer, 'value', 0);
    sources.push(`/** Whether a parsed JSON value matches the schema at #${pointer}. */
export function ${name}(value: unknown): ${returns} {
  return ${body.replaceAll(' && ', ' &&\n    ')};
}
`);
  }
  return `import type { components } from './schema.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const has = (object: object, key: string): boolean => Object.hasOwn(object, key);
${patterns.map((pattern, index) => `const pattern${index} = new RegExp(${JSON.stringify(pattern)}, 'u');\n`).join('')}
${sources.join('\n')}`;
}
