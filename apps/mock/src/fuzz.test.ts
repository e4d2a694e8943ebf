import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type JsonObject, readBundledSpec } from '@vault/spec/document';
import { exampleRequests, multiOperationSpec, readSpecFile } from '@vault/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from './index.js';
import { errorResponseViolations, formHeaders, specExamples, validForm } from './testing/vault-spec.js';

/** mulberry32: a tiny seeded generator, so a failing case can be replayed from its seed and index. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seed = 20261125;
const requestCount = 2000;
/** The generator the requests draw from; each test sets its seed, so that each replays alone. */
let random = seededRandom(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (probability: number) => random() < probability;

const awkwardValues = [
  '',
  ' ',
  '%',
  '%2',
  '%ZZ',
  '%C3%28',
  '%FF%FE',
  '%00',
  '+',
  '%2B',
  '%2B447871239999',
  '%2B0',
  '447871239999',
  'mobile_phone',
  'MOBILE_PHONE',
  'password',
  '%F0%9F%94%91',
  '%E2%80%AE',
  '__proto__',
  'constructor',
  '[]',
  '{}',
  'null',
  'true',
  '-1',
  '1e309',
  '%3Cscript%3E',
  'a'.repeat(300),
  '%2B4478712399999999999999',
];
const keys = ['grant_type', 'number', 'password', 'Number', 'grant_type[]', 'extra', '', '=', '__proto__', '%ZZ'];
const contentTypes = [
  undefined,
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'APPLICATION/X-WWW-FORM-URLENCODED',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded;;;',
  '*/*',
  'garbage',
];
const merchantIds = [
  undefined,
  formHeaders['x-merchant-id'],
  '',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '%',
];
const preferParts = [
  'code=400',
  'code=200',
  'code=500',
  'code=401',
  'code=999',
  'code=abc',
  'code=',
  'example=nope',
  'example=validation',
  'example=common',
  'example=token',
  'example=',
  'dynamic=true',
  'dynamic=maybe',
  'seed=abc',
  'seed=1',
  ';;',
  '=',
  'unknown=1',
];
const methods = ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const paths = ['/v2/mobile/phone/confirm/', '/oauth/token', '/', '/v2/%ZZ', '/v2/mobile/phone/confirm?number=1'];

function randomForm(): string {
  const pairs = validForm.split('&').filter(() => chance(0.8));
  const extra = Math.floor(random() * 3);
  for (let i = 0; i < extra; i++) pairs.push(`${pick(keys)}=${pick(awkwardValues)}`);
  if (chance(0.5)) pairs[Math.floor(random() * pairs.length)] = `${pick(keys)}=${pick(awkwardValues)}`;
  return pairs.sort(() => random() - 0.5).join(chance(0.1) ? '&&' : '&');
}

function randomBytes(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(Math.floor(random() * 64));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

function randomBody(): string | Uint8Array<ArrayBuffer> {
  if (chance(0.15)) return randomBytes();
  if (chance(0.1)) return JSON.stringify({ grant_type: 'mobile_phone', number: '+447871239999' });
  return randomForm();
}

function randomRequest(): { method: string; path: string; init: RequestInit } {
  // Most requests aim at the operation, so that they reach validation rather than stop at routing.
  const aimed = chance(0.85);
  const method = aimed ? 'POST' : pick(methods);
  const path = aimed ? '/v2/mobile/phone/confirm' : pick(paths);
  const headers: Record<string, string> = {};
  const contentType = pick(contentTypes);
  const merchantId = pick(merchantIds);
  // Any of the parts Prism reads, in any mix: the mock must answer each with a 200 or a 4xx, never a 5xx.
  const prefer = chance(0.25)
    ? [pick(preferParts), pick(preferParts), pick(preferParts)].slice(0, 1 + Math.floor(random() * 3)).join(', ')
    : undefined;
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (merchantId !== undefined) headers['x-merchant-id'] = merchantId;
  if (prefer !== undefined) headers.prefer = prefer;
  const canHaveBody = method !== 'GET' && method !== 'HEAD';
  return { method, path, init: { method, headers, ...(canHaveBody ? { body: randomBody() } : {}) } };
}

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

describe(`a seeded fuzz of ${requestCount} bad requests (seed ${seed})`, () => {
  it('gets no 5xx, and every error body is a valid ErrorResponse', async () => {
    random = seededRandom(seed);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let index = 0; index < requestCount; index++) {
      const { method, path, init } = randomRequest();
      const response = await fetch(`${mock.url}${path}`, init);
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const replay = `#${index} ${method} ${path} ${JSON.stringify(init.headers)} ${String(init.body)}`;
      if (response.status >= 500) failures.push(`${replay} -> ${response.status} ${text}`);
      if (response.status >= 400 && method !== 'HEAD') {
        const violations = errorResponseViolations(JSON.parse(text));
        if (violations.length > 0)
          failures.push(`${replay} -> ${response.status} invalid body: ${violations.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
    // The fuzz is only worth something if most requests get past routing into validation.
    expect(statuses.get(400)).toBeGreaterThan(requestCount / 2);
  }, 120_000);

  it('leaves the mock serving a valid request its 200', async () => {
    const response = await fetch(`${mock.url}/v2/mobile/phone/confirm`, {
      method: 'POST',
      headers: formHeaders,
      body: validForm,
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: specExamples.Token?.value,
    });
  });
});

const confirmPath = '/v2/mobile/phone/confirm';
const largeSize = 1000;
const largeSeed = 20261126;
const largeRequestCount = 1000;

/** The bundle with its one operation at `${confirmPath}-1` to `-1000` instead: the same path shape, 1,000 times. */
function largeSpec(): JsonObject {
  const spec = readBundledSpec();
  const { [confirmPath]: pathItem, ...otherPaths } = spec.paths as JsonObject;
  const paths: JsonObject = { ...otherPaths };
  for (let copy = 1; copy <= largeSize; copy++) {
    const item = structuredClone(pathItem) as { post: JsonObject };
    item.post.operationId = `${item.post.operationId}${copy}`;
    paths[`${confirmPath}-${copy}`] = item;
  }
  return { ...spec, paths };
}

/**
 * An answer as the caller sees it, with every copy's path read as the operation's own (a 404's hint then names it
 * once, not the three it names and how many more), and a dynamic body, which Prism invents afresh each time, reduced to its field names.
 */
async function answerOf(url: string, init: RequestInit) {
  const response = await fetch(url, init);
  const asOne = (text: string | null) =>
    text
      ?.replaceAll(new RegExp(`${confirmPath}-\\d+`, 'g'), confirmPath)
      .replaceAll(new RegExp(`(?: or POST ${confirmPath})+(?: \\(or \\d+ more taking it\\))?\\?`, 'g'), '?');
  const body = asOne(await response.text());
  const dynamic = /dynamic=true/.test(new Headers(init.headers).get('prefer') ?? '') && response.status === 200;
  return {
    status: response.status,
    allow: response.headers.get('allow'),
    violations: asOne(response.headers.get('sl-violations')),
    body: dynamic ? Object.keys(JSON.parse(body ?? '{}')).sort() : body,
  };
}

describe(`the seeded fuzz against ${largeSize.toLocaleString('en-GB')} operations (seed ${largeSeed})`, () => {
  let large: RunningMock;
  beforeAll(async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'vault-mock-fuzz-')), 'large.json');
    await writeFile(file, JSON.stringify(largeSpec()));
    large = await startMock({ spec: file });
  }, 60_000);
  afterAll(() => large.close());

  it('answers each request as the one-operation spec does at the same path shape', async () => {
    random = seededRandom(largeSeed);
    const differences: string[] = [];
    for (let index = 0; index < largeRequestCount; index++) {
      const { method, path, init } = randomRequest();
      const copyPath = path.replace(confirmPath, `${confirmPath}-${1 + Math.floor(random() * largeSize)}`);
      const [want, got] = await Promise.all([
        answerOf(`${mock.url}${path}`, init),
        answerOf(`${large.url}${copyPath}`, init),
      ]);
      if (!isDeepStrictEqual(got, want)) {
        const replay = `#${index} ${method} ${copyPath} ${JSON.stringify(init.headers)} ${String(init.body)}`;
        differences.push(`${replay}: ${JSON.stringify(got)} where one operation gives ${JSON.stringify(want)}`);
      }
    }
    expect(differences).toEqual([]);
  }, 120_000);
});

const fixtureSeed = 20261206;
const fixtureRequestCount = 1500;

const awkwardJson: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  0.1,
  '',
  ' ',
  '\u0000',
  '🔑',
  '\u202e',
  'x'.repeat(600),
  [],
  {},
  [null],
  { __proto__: null },
];

/** A copy of `value` with one of its leaves (or the whole) replaced, removed or given a sibling. */
function mutateJson(value: unknown): unknown {
  if (chance(0.1) || typeof value !== 'object' || value === null) return pick(awkwardJson);
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const key = keys.length > 0 && chance(0.8) ? pick(keys) : pick(['extra', '__proto__', 'constructor', '']);
  if (chance(0.2)) delete copy[key];
  else copy[key] = mutateJson(copy[key]);
  return copy;
}

/** One of the fixture's example requests, broken in a place or two: body, parameters, media type or credentials. */
function fixtureRequest(examples: ReturnType<typeof exampleRequests>): {
  method: string;
  path: string;
  init: RequestInit;
} {
  const example = pick(examples);
  const headers: Record<string, string> = { ...example.headers };
  let body = example.body;
  let target = example.target;
  if (body !== undefined && /json/.test(headers['Content-Type'] ?? '')) {
    body = chance(0.1)
      ? body.slice(0, Math.floor(random() * body.length))
      : JSON.stringify(mutateJson(JSON.parse(body)));
  } else if (body !== undefined && chance(0.5)) {
    body = chance(0.5) ? randomForm() : String(pick(awkwardValues));
  }
  if (chance(0.2)) {
    const contentType = pick(contentTypes);
    if (contentType === undefined) delete headers['Content-Type'];
    else headers['Content-Type'] = contentType;
  }
  if (chance(0.2)) delete headers.Authorization;
  if (chance(0.3)) {
    const name = pick(
      Object.keys(headers)
        .filter((header) => header !== 'Content-Type')
        .concat(['X-Other']),
    );
    // A header value travels as Latin-1 text: an awkward one, percent-decoded where it can be, within that.
    const value = String(pick(awkwardValues));
    headers[name] = /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
  }
  if (chance(0.3)) {
    // A query value, or a path parameter's segment: the places where a value, not the route, is wrong.
    const value = encodeURIComponent(String(pick(awkwardValues)));
    target = target.includes('?')
      ? target.replace(/=[^&]*/, `=${value}`)
      : example.template.endsWith('}')
        ? target.replace(/[^/]+$/, value || 'x')
        : target;
  }
  if (chance(0.2)) headers.Prefer = [pick(preferParts), pick(preferParts)].join(', ');
  return {
    method: example.method,
    path: target,
    init: { method: example.method, headers, ...(body === undefined ? {} : { body }) },
  };
}

describe(`a seeded fuzz of ${fixtureRequestCount} broken requests to the fixture spec's operations (seed ${fixtureSeed})`, () => {
  let fixtureMock: RunningMock;
  const examples = exampleRequests(readSpecFile(multiOperationSpec));
  beforeAll(async () => {
    fixtureMock = await startMock({ spec: multiOperationSpec });
  });
  afterAll(() => fixtureMock.close());

  it('gets no 5xx, every error is a valid ErrorResponse, and every 400 names its field', async () => {
    random = seededRandom(fixtureSeed);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let index = 0; index < fixtureRequestCount; index++) {
      const { method, path, init } = fixtureRequest(examples);
      const response = await fetch(`${fixtureMock.url}${path}`, init);
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const replay = `#${index} ${method} ${path} ${JSON.stringify(init.headers)} ${String(init.body)}`;
      if (response.status >= 500) failures.push(`${replay} -> ${response.status} ${text}`);
      if (response.status >= 400) {
        const body = JSON.parse(text);
        const violations = errorResponseViolations(body);
        if (violations.length > 0)
          failures.push(`${replay} -> ${response.status} invalid body: ${violations.join('; ')}`);
        if (body.error === 'VALIDATION' && typeof body.field !== 'string')
          failures.push(`${replay} -> no field: ${text}`);
      }
    }
    expect(failures).toEqual([]);
    // Worth something only if the requests reach validation, and some still get through it.
    expect(statuses.get(400)).toBeGreaterThan(fixtureRequestCount / 3);
    expect([...statuses.keys()].filter((status) => status < 300).length).toBeGreaterThan(0);
  }, 120_000);
});
