import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from './index.js';
import { errorResponseViolations, formHeaders, specExamples, validForm } from './testing/vault-spec.js';

const confirmPath = '/v2/mobile/phone/confirm';
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

async function post(body: string, headers: Record<string, string> = formHeaders, path = confirmPath) {
  const response = await fetch(`${mock.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('startMock answers as the spec says', () => {
  it('gives a valid request the 200 example', async () => {
    expect(await post(validForm)).toMatchObject({ status: 200, body: specExamples.Token?.value });
  });

  it('keeps the token out of caches, as RFC 6749 and the spec require', async () => {
    const { headers } = await post(validForm);
    expect({ cacheControl: headers.get('cache-control'), pragma: headers.get('pragma') }).toEqual({
      cacheControl: 'no-store',
      pragma: 'no-cache',
    });
  });

  it.each<
    [string, { given: { body: string; headers?: Record<string, string> }; want: { field: string; message: RegExp } }]
  >([
    [
      'a missing number',
      {
        given: { body: 'grant_type=mobile_phone&password=1234Qwerty' },
        want: { field: 'number', message: /^number is required\.$/ },
      },
    ],
    [
      'a missing password',
      {
        given: { body: 'grant_type=mobile_phone&number=%2B447871239999' },
        want: { field: 'password', message: /required/ },
      },
    ],
    [
      'a number that is no phone number, in the words the spec promises',
      {
        given: { body: 'grant_type=mobile_phone&number=12&password=x' },
        want: {
          field: 'number',
          message: /^number must be a phone number in E\.164 format, such as \+447871239999\.$/,
        },
      },
    ],
    [
      'a + sent unencoded, which decodes to a space, with how to send it',
      {
        given: { body: 'grant_type=mobile_phone&number=+447871239999&password=x' },
        want: {
          field: 'number',
          message:
            /^number must be a phone number in E\.164 format, such as \+447871239999; a \+ in a form body must be sent as %2B \(curl --data-urlencode does this\)\.$/,
        },
      },
    ],
    [
      'a wrong grant_type',
      {
        given: { body: 'grant_type=password&number=%2B447871239999&password=x' },
        want: { field: 'grant_type', message: /allowed values: mobile_phone/ },
      },
    ],
    [
      'an unknown field',
      {
        given: { body: `${validForm}&admin=true` },
        want: { field: 'admin', message: /^admin is not an accepted field\.$/ },
      },
    ],
    [
      'a repeated field',
      { given: { body: `${validForm}&number=%2B447871239998` }, want: { field: 'number', message: /more than once/ } },
    ],
    [
      'a broken percent-escape',
      {
        given: { body: 'grant_type=mobile_phone&number=%ZZ&password=x' },
        want: { field: 'number', message: /percent-encoded/ },
      },
    ],
    [
      'a missing X-Merchant-ID',
      {
        given: { body: validForm, headers: { 'content-type': formHeaders['content-type'] } },
        want: { field: 'X-Merchant-ID', message: /^X-Merchant-ID is required\.$/ },
      },
    ],
    [
      'an X-Merchant-ID that is not a uuid',
      {
        given: { body: validForm, headers: { ...formHeaders, 'x-merchant-id': 'merchant' } },
        want: { field: 'X-Merchant-ID', message: /uuid/ },
      },
    ],
    [
      'a JSON body',
      {
        given: {
          body: '{"grant_type":"mobile_phone"}',
          headers: { ...formHeaders, 'content-type': 'application/json' },
        },
        want: { field: 'Content-Type', message: /application\/x-www-form-urlencoded/ },
      },
    ],
    ['an empty body', { given: { body: '' }, want: { field: 'body', message: /body is required/ } }],
  ])('refuses %s with a 400 that names the field', async (_name, { given, want }) => {
    const { status, headers, body } = await post(given.body, given.headers);
    expect(status).toBe(400);
    expect(errorResponseViolations(body)).toEqual([]);
    expect(body).toMatchObject({ error: 'VALIDATION', field: want.field });
    expect(body.message).toMatch(want.message);
    if (body.originalMessage !== undefined && headers.has('sl-violations')) {
      expect(JSON.parse(headers.get('sl-violations') ?? '[]')).toContainEqual(
        expect.objectContaining({ message: body.originalMessage }),
      );
    }
  });

  it("keeps Prism's sl-violations header with the validator's text", async () => {
    const { headers, body } = await post('grant_type=mobile_phone&number=1&password=x');
    expect(JSON.parse(headers.get('sl-violations') ?? 'null')).toEqual([
      { location: ['request', 'body', 'number'], severity: 'Error', code: 'pattern', message: body.originalMessage },
    ]);
  });

  it.each([
    [
      'the number that stands for the COMMON error',
      'grant_type=mobile_phone&number=%2B447700900400&password=x',
      'CommonError',
    ],
    [
      'the password that is always wrong',
      'grant_type=mobile_phone&number=%2B447871239999&password=wrong-password',
      'RejectedPassword',
    ],
  ])('serves %s from the spec', async (_name, form, example) => {
    expect(await post(form)).toMatchObject({ status: 400, body: specExamples[example]?.value });
  });

  it('lets Prefer pick a documented example', async () => {
    const answer = await post(validForm, { ...formHeaders, prefer: 'code=400, example=validation' });
    expect(answer).toMatchObject({ status: 400, body: specExamples.ValidationError?.value });
  });

  it('invents a dynamic token on Prefer dynamic=true (Prism loads faker on first use)', async () => {
    const { status, body } = await post(validForm, { ...formHeaders, prefer: 'dynamic=true' });
    expect(status).toBe(200);
    expect(body).toEqual(expect.objectContaining({ access_token: expect.any(String), expires_in: expect.any(Number) }));
    expect(body.access_token).not.toBe(specExamples.Token?.value.access_token);
  });

  it.each<[string, { given: string; want: RegExp }]>([
    [
      'a status it lacks',
      {
        given: 'code=500',
        want: /^Prefer asks for code=500, which POST \/v2\/mobile\/phone\/confirm does not have: it answers 200 \(examples: token\) or 400 \(examples: [a-zA-Z, ]+\)\.$/,
      },
    ],
    [
      'an example it lacks',
      {
        given: 'code=400, example=nope',
        want: /^Prefer asks for example=nope of a 400 response, which .* does not have: it answers 200/,
      },
    ],
    [
      'an example of another status',
      { given: 'example=validation', want: /^Prefer asks for example=validation of a 200 response/ },
    ],
    [
      'a code that is no number',
      {
        given: 'code=abc',
        want: /^Prefer is not valid \(code: cannot decode "abc", should be a number\)\. .* answers 200/,
      },
    ],
  ])('refuses a Prefer header asking for %s with a 400 that lists what there is', async (_name, { given, want }) => {
    const { status, body } = await post(validForm, { ...formHeaders, prefer: given });
    expect({ status, error: body.error, field: body.field }).toEqual({
      status: 400,
      error: 'VALIDATION',
      field: 'Prefer',
    });
    expect(body.message).toMatch(want);
    expect(body.message).toContain('400 (examples: common, validation, rejectedPassword)');
  });

  it.each<
    [
      string,
      {
        given: { method: string; path: string; body?: string };
        want: { status: number; error: string; message: RegExp; allow?: string };
      },
    ]
  >([
    [
      "the source sample's path /oauth/token, naming the operation that takes its body",
      {
        given: {
          method: 'POST',
          path: '/oauth/token',
          body: 'password=+447871239999&number=1234Qwerty&grant_type=mobile_phone',
        },
        want: {
          status: 404,
          error: 'NOT_FOUND',
          message: /^No operation of the API is at \/oauth\/token\. Did you mean POST \/v2\/mobile\/phone\/confirm\?$/,
        },
      },
    ],
    [
      'an unknown path with a body no operation takes, without a guess',
      {
        given: { method: 'POST', path: '/oauth/token', body: 'username=x' },
        want: { status: 404, error: 'NOT_FOUND', message: /^No operation of the API is at \/oauth\/token\.$/ },
      },
    ],
    [
      'a wrong method, with the Allow header HTTP requires',
      {
        given: { method: 'GET', path: confirmPath },
        want: {
          status: 405,
          error: 'METHOD_NOT_ALLOWED',
          message: /^\/v2\/mobile\/phone\/confirm does not accept GET; it accepts POST\.$/,
          allow: 'POST',
        },
      },
    ],
  ])('answers %s with a JSON error', async (_name, { given, want }) => {
    const response = await fetch(`${mock.url}${given.path}`, {
      method: given.method,
      ...(given.body ? { body: given.body, headers: { 'content-type': formHeaders['content-type'] } } : {}),
    });
    const body = await response.json();
    expect({ status: response.status, error: body.error, allow: response.headers.get('allow') ?? undefined }).toEqual({
      status: want.status,
      error: want.error,
      allow: want.allow,
    });
    expect(body.message).toMatch(want.message);
    expect(errorResponseViolations(body)).toEqual([]);
  });

  it('answers with one content-type, as JSON', async () => {
    const response = await fetch(`${mock.url}${confirmPath}`, {
      method: 'POST',
      headers: formHeaders,
      body: validForm,
    });
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it("lets a browser page call it: CORS preflight and allow-origin, as Prism's own server does", async () => {
    const origin = 'http://127.0.0.1:5173';
    const preflight = await fetch(`${mock.url}${confirmPath}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-merchant-id' },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'x-merchant-id',
    });
    const answer = await fetch(`${mock.url}${confirmPath}`, {
      method: 'POST',
      headers: { ...formHeaders, origin },
      body: validForm,
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
  });
});
