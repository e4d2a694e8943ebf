// Every operation of every spec under test, answered as its spec says: the example request gets its documented success,
// credentials are asked for exactly where the spec's security asks, every documented status can be asked for, a wrong
// method gets the path's methods, and each missing required part is named. Nothing here knows which operations a spec
// has, so an operation added to spec/ is tested the moment it is added.
import { dereference, type JsonObject, operations, resolve } from '@vault/spec/document';
import {
  createSchemaValidator,
  type ExampleRequest,
  exampleRequests,
  type SpecUnderTest,
  specsUnderTest,
  undeclaredMethod,
} from '@vault/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthPath, type RunningMock, startMock } from './index.js';
import { errorResponseViolations } from './testing/vault-spec.js';

const ajv = createSchemaValidator();

const named = <T extends { name: string }>(items: T[]) => items.map((item) => [item.name, item] as [string, T]);

describe.each(specsUnderTest().map((spec) => [spec.name, spec] as [string, SpecUnderTest]))(
  'the mock serving the %s spec',
  (_name, { file, document }) => {
    let mock: RunningMock;
    beforeAll(async () => {
      mock = await startMock({ spec: file });
    });
    afterAll(() => mock.close());

    async function send(
      request: ExampleRequest,
      change: Partial<Omit<ExampleRequest, 'body'>> & { body?: string | undefined } = {},
    ) {
      const { method, target, headers, body } = { ...request, ...change };
      const response = await fetch(`${mock.url}${target}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    }

    const node = (value: unknown) => (resolve(document, value as never) ?? {}) as JsonObject;
    const responsesOf = (request: ExampleRequest) => node(request.operation.responses);
    const requests = exampleRequests(document);

    it.each(named(requests))('answers %s, built from its examples, with its documented success', async (_, request) => {
      const { status, headers, text } = await send(request);
      if (request.success !== 'default') expect({ status, text }).toMatchObject({ status: Number(request.success) });
      const documented = dereference<JsonObject>(document, responsesOf(request)[request.success]);
      const content = node(documented.content);
      const [mediaType] = Object.keys(content);
      if (mediaType === undefined) {
        expect({ contentType: headers.get('content-type'), text }).toEqual({ contentType: null, text: '' });
        // RFC 9110 §8.6: no Content-Length on a 204.
        if (status === 204) expect(headers.get('content-length')).toBeNull();
      } else {
        expect(headers.get('content-type')).toContain(mediaType);
        const validate = ajv.compile((node(content[mediaType]).schema ?? {}) as object);
        const body = /json/.test(mediaType) ? JSON.parse(text) : text;
        expect(validate(body) ? [] : validate.errors).toEqual([]);
      }
      const requiredHeaders = Object.entries(node(documented.headers))
        .filter(([, header]) => (header as JsonObject).required === true)
        .map(([name]) => name.toLowerCase());
      expect(requiredHeaders.filter((name) => !headers.has(name))).toEqual([]);
    });

    const withoutCredentials = named(
      exampleRequests(document, { credentials: false }).filter((r) => r.needsCredentials),
    );
    it.runIf(withoutCredentials.length > 0).each(withoutCredentials)(
      'answers %s without credentials with a 401 that challenges for them',
      async (_, request) => {
        const { status, headers, text } = await send(request);
        const body = JSON.parse(text);
        expect({ status, error: body.error, challenge: headers.get('www-authenticate') }).toEqual({
          status: 401,
          error: 'UNAUTHORIZED',
          challenge: expect.stringMatching(/realm=/), // every scheme of the specs under test has a challenge
        });
        expect(errorResponseViolations(body)).toEqual([]);
      },
    );

    const documentedStatuses = requests.flatMap((request) =>
      Object.keys(responsesOf(request))
        .filter((status) => /^\d{3}$/.test(status))
        .map((status) => [`${request.name} ${status}`, { request, status }] as const),
    );
    it.each(documentedStatuses)('answers Prefer: code for %s with that status', async (_, { request, status }) => {
      const response = await send(request, { headers: { ...request.headers, Prefer: `code=${status}` } });
      expect(response.status).toBe(Number(status));
    });

    const withUndeclaredMethod = requests.flatMap((request) => {
      const undeclared = undeclaredMethod(document, request.template);
      return undeclared ? [[request.name, { request, ...undeclared }] as const] : [];
    });
    it.runIf(withUndeclaredMethod.length > 0).each(withUndeclaredMethod)(
      'answers %s with a method its path lacks with a 405 listing the others',
      async (_, { request, method, declared }) => {
        const { status, headers } = await send(request, { method, body: undefined });
        expect({ status, allow: headers.get('allow')?.split(', ').sort() }).toEqual({
          status: 405,
          allow: [...declared].sort(),
        });
      },
    );

    const missingParameters = requests.flatMap((request) =>
      request.parameters
        .filter((parameter) => parameter.required === true && (parameter.in === 'header' || parameter.in === 'query'))
        .map((parameter) => [`${request.name}: ${parameter.name}`, { request, parameter }] as const),
    );
    it.runIf(missingParameters.length > 0).each(missingParameters)(
      'names the missing required parameter of %s',
      async (_, { request, parameter }) => {
        const name = String(parameter.name);
        const escaped = encodeURIComponent(name).replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const target = request.target.replace(new RegExp(`([?&])${escaped}=[^&]*&?`, 'g'), '$1');
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([key]) => key !== name));
        const body = JSON.parse((await send(request, { target, headers })).text);
        expect({ error: body.error, field: body.field, message: body.message }).toEqual({
          error: 'VALIDATION',
          field: name,
          message: `${name} is required.`,
        });
      },
    );

    const missingFields = requests.flatMap((request) => {
      const type = request.headers['Content-Type'] ?? '';
      const fields = /json/.test(type)
        ? Object.keys(JSON.parse(request.body ?? 'null') ?? {})
        : /x-www-form-urlencoded/.test(type)
          ? [...new URLSearchParams(request.body).keys()]
          : [];
      const schema = dereference<JsonObject>(
        document,
        node(node(request.operation.requestBody).content)[type] ?? {},
      ).schema;
      const required = ((schema as JsonObject | undefined)?.required ?? []) as string[];
      return fields
        .filter((field) => required.includes(field))
        .map((field) => [`${request.name}: ${field}`, { request, field, type }] as const);
    });
    it.runIf(missingFields.length > 0).each(missingFields)(
      'names the missing required body field of %s',
      async (_, { request, field, type }) => {
        const body = /json/.test(type)
          ? JSON.stringify({ ...JSON.parse(request.body ?? '{}'), [field]: undefined })
          : [...new URLSearchParams(request.body)]
              .filter(([key]) => key !== field)
              .map((pair) => pair.map(encodeURIComponent).join('='))
              .join('&');
        const answer = JSON.parse((await send(request, { body })).text);
        expect({ error: answer.error, field: answer.field, message: answer.message }).toEqual({
          error: 'VALIDATION',
          field,
          message: `${field} is required.`,
        });
      },
    );

    it(`counts the spec's operations on ${healthPath}`, async () => {
      const response = await fetch(`${mock.url}${healthPath}`);
      expect(await response.json()).toEqual({ status: 'ok', operations: operations(document).length });
    });
  },
);
