import type { JsonObject } from '@vault/spec/document';
import { describe, expect, it } from 'vitest';
import { changelog } from './changelog.js';
import type { SpecChange } from './diff/change.js';
import { diffSpecs, UnreadableSpecError } from './diff.js';
import { credentials, fixture, operation, pair, type Spec, token } from './testing/documents.js';

// Where the changes of the fixture's operations are: their pointers, and their locations as the changelog shows them.
const confirm = '/paths/~1v2~1mobile~1phone~1confirm/post';
const items = '/paths/~1v2~1items/get';
const formSchema = `${confirm}/requestBody/content/application~1x-www-form-urlencoded/schema`;
const tokenSchema = `${confirm}/responses/200/content/application~1json/schema`;
const formField = 'POST /v2/mobile/phone/confirm body application/x-www-form-urlencoded';
const tokenField = 'POST /v2/mobile/phone/confirm 200 application/json';

// The summary and the description are one change, listed at the summary, whichever of them changed.
const proseChanged: SpecChange = {
  kind: 'description-changed',
  breaking: false,
  location: 'POST /v2/mobile/phone/confirm',
  message: 'summary or description changed',
  pointer: `${confirm}/summary`,
};

describe('diffSpecs finds each kind of change, says whether it breaks consumers, where, and in what words', () => {
  it.each<[string, { given: (spec: Spec) => void; want: SpecChange }]>([
    // Breaking
    [
      'a removed path',
      {
        given: (spec) => delete spec.paths['/v2/items'],
        want: {
          kind: 'path-removed',
          breaking: true,
          location: '/v2/items',
          message: 'path /v2/items removed',
          pointer: '/paths/~1v2~1items',
        },
      },
    ],
    [
      'a removed operation',
      {
        given: (spec) => {
          delete spec.paths['/v2/items'].get;
        },
        want: {
          kind: 'operation-removed',
          breaking: true,
          location: 'GET /v2/items',
          message: 'operation GET /v2/items removed',
          pointer: items,
        },
      },
    ],
    [
      'a renamed operation',
      {
        given: (spec) => {
          operation(spec).operationId = 'exchange';
        },
        want: {
          kind: 'operation-renamed',
          breaking: true,
          location: 'POST /v2/mobile/phone/confirm',
          message: 'operationId confirmPhoneNumber became exchange',
          pointer: `${confirm}/operationId`,
        },
      },
    ],
    [
      'a new required header',
      {
        given: (spec) =>
          operation(spec).parameters.push({
            name: 'X-Trace',
            in: 'header',
            required: true,
            schema: { type: 'string' },
          }),
        want: {
          kind: 'required-parameter-added',
          breaking: true,
          location: 'POST /v2/mobile/phone/confirm header X-Trace',
          message: 'required header parameter "X-Trace" added',
          pointer: `${confirm}/parameters/1`,
        },
      },
    ],
    [
      'a parameter that became required',
      {
        given: (spec) => {
          spec.paths['/v2/items'].get.parameters[0].required = true;
        },
        want: {
          kind: 'parameter-became-required',
          breaking: true,
          location: 'GET /v2/items query page',
          message: 'query parameter "page" became required',
          pointer: `${items}/parameters/0/required`,
        },
      },
    ],
    [
      'a body that became required',
      {
        given: (spec) => {
          operation(spec).requestBody.required = true;
        },
        want: {
          kind: 'request-body-became-required',
          breaking: true,
          location: 'POST /v2/mobile/phone/confirm body',
          message: 'the request body became required',
          pointer: `${confirm}/requestBody/required`,
        },
      },
    ],
    [
      'a new required request field',
      {
        given: (spec) => {
          credentials(spec).properties.otp = { type: 'string' };
          credentials(spec).required.push('otp');
        },
        want: {
          kind: 'required-request-field-added',
          breaking: true,
          location: `${formField}.otp`,
          message: 'required request field "otp" added',
          pointer: `${formSchema}/properties/otp`,
        },
      },
    ],
    [
      'a request field that became required',
      {
        given: (spec) => credentials(spec).required.push('password'),
        want: {
          kind: 'request-field-became-required',
          breaking: true,
          location: `${formField}.password`,
          message: 'request field "password" became required',
          pointer: `${formSchema}/required`,
        },
      },
    ],
    [
      'a removed request field the schema now refuses',
      {
        given: (spec) => delete credentials(spec).properties.password,
        want: {
          kind: 'request-field-removed',
          breaking: true,
          location: `${formField}.password`,
          message: 'request field "password" removed and now refused',
          pointer: `${formSchema}/properties/password`,
        },
      },
    ],
    [
      'a narrowed request enum',
      {
        given: (spec) => {
          credentials(spec).properties.grant_type.enum = ['mobile_phone'];
        },
        want: {
          kind: 'enum-narrowed',
          breaking: true,
          location: `${formField}.grant_type`,
          message: 'enum lost "sms"',
          pointer: `${formSchema}/properties/grant_type/enum`,
        },
      },
    ],
    [
      'a changed request pattern',
      {
        given: (spec) => {
          credentials(spec).properties.number.pattern = '^\\+44[0-9]+$';
        },
        want: {
          kind: 'pattern-narrowed',
          breaking: true,
          location: `${formField}.number`,
          message: 'pattern "^\\\\+[0-9]+$" became "^\\\\+44[0-9]+$"',
          pointer: `${formSchema}/properties/number/pattern`,
        },
      },
    ],
    [
      'a changed header format',
      {
        given: (spec) => {
          spec.components.parameters.MerchantId.schema.format = 'uri';
        },
        want: {
          kind: 'format-changed',
          breaking: true,
          location: 'POST /v2/mobile/phone/confirm header X-Merchant-ID',
          message: 'format "uuid" became "uri"',
          pointer: `${confirm}/parameters/0/schema/format`,
        },
      },
    ],
    [
      'a narrowed length',
      {
        given: (spec) => {
          credentials(spec).properties.password.minLength = 8;
        },
        want: {
          kind: 'length-narrowed',
          breaking: true,
          location: `${formField}.password`,
          message: 'minLength 1 became 8',
          pointer: `${formSchema}/properties/password/minLength`,
        },
      },
    ],
    [
      'a retyped request field',
      {
        given: (spec) => {
          credentials(spec).properties.number.type = 'integer';
        },
        want: {
          kind: 'type-changed',
          breaking: true,
          location: `${formField}.number`,
          message: 'type changed from "string" to "integer"',
          pointer: `${formSchema}/properties/number/type`,
        },
      },
    ],
    [
      'a removed request content type',
      {
        given: (spec) => {
          operation(spec).requestBody.content = {};
        },
        want: {
          kind: 'request-content-type-removed',
          breaking: true,
          location: 'POST /v2/mobile/phone/confirm body',
          message: 'request content type application/x-www-form-urlencoded removed',
          pointer: `${confirm}/requestBody/content/application~1x-www-form-urlencoded`,
        },
      },
    ],
    [
      'a removed response status',
      {
        given: (spec) => delete operation(spec).responses['400'],
        want: {
          kind: 'response-status-removed',
          breaking: true,
          location: 'POST /v2/mobile/phone/confirm 400',
          message: 'response 400 removed',
          pointer: `${confirm}/responses/400`,
        },
      },
    ],
    [
      'a removed response content type',
      {
        given: (spec) => {
          operation(spec).responses['200'].content = {};
        },
        want: {
          kind: 'response-content-type-removed',
          breaking: true,
          location: 'POST /v2/mobile/phone/confirm 200',
          message: 'response content type application/json removed',
          pointer: `${confirm}/responses/200/content/application~1json`,
        },
      },
    ],
    [
      'a removed response field',
      {
        given: (spec) => delete token(spec).properties.token_type,
        want: {
          kind: 'response-field-removed',
          breaking: true,
          location: `${tokenField}.token_type`,
          message: 'response field "token_type" removed',
          pointer: `${tokenSchema}/properties/token_type`,
        },
      },
    ],
    [
      'a retyped response field',
      {
        given: (spec) => {
          token(spec).properties.expires_in.type = 'string';
        },
        want: {
          kind: 'type-changed',
          breaking: true,
          location: `${tokenField}.expires_in`,
          message: 'type changed from "integer" to "string"',
          pointer: `${tokenSchema}/properties/expires_in/type`,
        },
      },
    ],
    [
      'a response field no longer always present',
      {
        given: (spec) => {
          token(spec).required = ['access_token'];
        },
        want: {
          kind: 'response-field-became-optional',
          breaking: true,
          location: `${tokenField}.expires_in`,
          message: 'response field "expires_in" is no longer always present',
          pointer: `${tokenSchema}/required`,
        },
      },
    ],
    [
      'a retyped field of array items',
      {
        given: (spec) => {
          spec.paths['/v2/items'].get.responses['200'].content['application/json'].schema.items.properties.id.type =
            'integer';
        },
        want: {
          kind: 'type-changed',
          breaking: true,
          location: 'GET /v2/items 200 application/json[].id',
          message: 'type changed from "string" to "integer"',
          pointer: `${items}/responses/200/content/application~1json/schema/items/properties/id/type`,
        },
      },
    ],
    [
      'a widened response enum',
      {
        given: (spec) => token(spec).properties.token_type.enum.push('mac'),
        want: {
          kind: 'enum-widened',
          breaking: true,
          location: `${tokenField}.token_type`,
          message: 'enum gained "mac"',
          pointer: `${tokenSchema}/properties/token_type/enum`,
        },
      },
    ],
    [
      'a public operation that now needs credentials',
      {
        given: (spec) => {
          operation(spec).security = [{ bearer: [] }];
        },
        want: {
          kind: 'security-required',
          breaking: true,
          location: 'POST /v2/mobile/phone/confirm',
          message: 'the operation now needs credentials ([{"bearer":[]}])',
          pointer: `${confirm}/security`,
        },
      },
    ],
    // Safe
    [
      'a changed server, which the gate lists without classifying',
      {
        given: (spec) => {
          spec.servers = [{ url: 'https://api.example.test' }];
        },
        want: {
          kind: 'other-change',
          breaking: false,
          location: '/servers',
          message: 'not classified by the gate: absent became [{"url":"https://api.example.test"}]',
          pointer: '/servers',
        },
      },
    ],
    [
      'an operation whose change the gate does not classify, such as an extension',
      {
        given: (spec) => {
          operation(spec)['x-internal'] = true;
        },
        want: {
          kind: 'other-change',
          breaking: false,
          location: `${confirm}/x-internal`,
          message: 'not classified by the gate: absent became true',
          pointer: `${confirm}/x-internal`,
        },
      },
    ],
    [
      'an added path',
      {
        given: (spec) => {
          spec.paths['/v2/health'] = { get: { operationId: 'health', responses: {} } };
        },
        want: {
          kind: 'path-added',
          breaking: false,
          location: '/v2/health',
          message: 'path /v2/health added',
          pointer: '/paths/~1v2~1health',
        },
      },
    ],
    [
      'an added operation',
      {
        given: (spec) => {
          spec.paths['/v2/items'].post = { operationId: 'addItem', responses: {} };
        },
        want: {
          kind: 'operation-added',
          breaking: false,
          location: 'POST /v2/items',
          message: 'operation POST /v2/items added',
          pointer: '/paths/~1v2~1items/post',
        },
      },
    ],
    [
      'a new optional parameter',
      {
        given: (spec) =>
          spec.paths['/v2/items'].get.parameters.push({ name: 'size', in: 'query', schema: { type: 'integer' } }),
        want: {
          kind: 'parameter-added',
          breaking: false,
          location: 'GET /v2/items query size',
          message: 'optional query parameter "size" added',
          pointer: `${items}/parameters/1`,
        },
      },
    ],
    [
      'a removed parameter',
      {
        given: (spec) => {
          spec.paths['/v2/items'].get.parameters = [];
        },
        want: {
          kind: 'parameter-removed',
          breaking: false,
          location: 'GET /v2/items query page',
          message: 'query parameter "page" removed',
          pointer: `${items}/parameters/0`,
        },
      },
    ],
    [
      'a new optional request field',
      {
        given: (spec) => {
          credentials(spec).properties.device = { type: 'string' };
        },
        want: {
          kind: 'request-field-added',
          breaking: false,
          location: `${formField}.device`,
          message: 'optional request field "device" added',
          pointer: `${formSchema}/properties/device`,
        },
      },
    ],
    [
      'a widened request enum',
      {
        given: (spec) => credentials(spec).properties.grant_type.enum.push('email'),
        want: {
          kind: 'enum-widened',
          breaking: false,
          location: `${formField}.grant_type`,
          message: 'enum gained "email"',
          pointer: `${formSchema}/properties/grant_type/enum`,
        },
      },
    ],
    [
      'a removed request pattern',
      {
        given: (spec) => delete credentials(spec).properties.number.pattern,
        want: {
          kind: 'pattern-removed',
          breaking: false,
          location: `${formField}.number`,
          message: 'pattern "^\\\\+[0-9]+$" removed',
          pointer: `${formSchema}/properties/number/pattern`,
        },
      },
    ],
    [
      'an added request content type',
      {
        given: (spec) => {
          operation(spec).requestBody.content['application/json'] = { schema: { type: 'object' } };
        },
        want: {
          kind: 'request-content-type-added',
          breaking: false,
          location: 'POST /v2/mobile/phone/confirm body',
          message: 'request content type application/json added',
          pointer: `${confirm}/requestBody/content/application~1json`,
        },
      },
    ],
    [
      'an added response status',
      {
        given: (spec) => {
          operation(spec).responses['429'] = { description: 'Slow down.' };
        },
        want: {
          kind: 'response-status-added',
          breaking: false,
          location: 'POST /v2/mobile/phone/confirm 429',
          message: 'response 429 added',
          pointer: `${confirm}/responses/429`,
        },
      },
    ],
    [
      'an added response content type',
      {
        given: (spec) => {
          operation(spec).responses['200'].content['application/xml'] = { schema: { type: 'object' } };
        },
        want: {
          kind: 'response-content-type-added',
          breaking: false,
          location: 'POST /v2/mobile/phone/confirm 200',
          message: 'response content type application/xml added',
          pointer: `${confirm}/responses/200/content/application~1xml`,
        },
      },
    ],
    [
      'an added response field',
      {
        given: (spec) => {
          token(spec).properties.scope = { type: 'string' };
        },
        want: {
          kind: 'response-field-added',
          breaking: false,
          location: `${tokenField}.scope`,
          message: 'response field "scope" added',
          pointer: `${tokenSchema}/properties/scope`,
        },
      },
    ],
    [
      'a request field no longer required',
      {
        given: (spec) => {
          credentials(spec).required = ['grant_type'];
        },
        want: {
          kind: 'request-field-became-optional',
          breaking: false,
          location: `${formField}.number`,
          message: 'request field "number" is no longer required',
          pointer: `${formSchema}/required`,
        },
      },
    ],
    [
      'a response field now always present',
      {
        given: (spec) => token(spec).required.push('token_type'),
        want: {
          kind: 'response-field-became-required',
          breaking: false,
          location: `${tokenField}.token_type`,
          message: 'response field "token_type" is now always present',
          pointer: `${tokenSchema}/required`,
        },
      },
    ],
    [
      'a new info.version, which is the release number and no change to the API',
      {
        given: (spec) => {
          spec.info.version = '2.4.0';
        },
        want: {
          kind: 'version-changed',
          breaking: false,
          location: 'info.version',
          message: '"2.3.0" became "2.4.0"',
          pointer: '/info/version',
        },
      },
    ],
    [
      'a changed description, listed as the summary is',
      {
        given: (spec) => {
          operation(spec).description = 'Exchanges credentials for a token.';
        },
        want: proseChanged,
      },
    ],
    [
      'a changed summary',
      {
        given: (spec) => {
          operation(spec).summary = 'Exchange credentials for a token';
        },
        want: proseChanged,
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(diffSpecs(...pair(given))).toEqual([want]);
  });

  it.each<[string, (spec: Spec) => void]>([
    ['as it is', () => {}],
    [
      'with a required body',
      (spec) => {
        operation(spec).requestBody.required = true;
      },
    ],
  ])('finds nothing between a document and itself, %s', (_name, edit) => {
    const [, document] = pair(edit);
    expect(diffSpecs(document, structuredClone(document))).toEqual([]);
  });
});

describe("security: whether an operation needs credentials, its own requirements or else the document's", () => {
  const bearer = [{ bearer: [] }];
  const optional = [{}, { bearer: [] }];
  const needsCredentials = (location: string, operationPointer: string): SpecChange => ({
    kind: 'security-required',
    breaking: true,
    location,
    message: 'the operation now needs credentials ([{"bearer":[]}])',
    pointer: `${operationPointer}/security`,
  });
  const securityBecame = (after: string): SpecChange => ({
    kind: 'security-changed',
    breaking: false,
    location: 'POST /v2/mobile/phone/confirm',
    message: `security [{"bearer":[]}] became ${after}`,
    pointer: `${confirm}/security`,
  });

  it.each<[string, { before: (spec: Spec) => void; after: (spec: Spec) => void; want: SpecChange[] }]>([
    [
      'the document requiring credentials: a break of each operation without requirements of its own',
      {
        before: () => {},
        after: (spec) => {
          spec.security = bearer;
        },
        want: [needsCredentials('POST /v2/mobile/phone/confirm', confirm), needsCredentials('GET /v2/items', items)],
      },
    ],
    [
      'credentials no longer optional',
      {
        before: (spec) => {
          operation(spec).security = optional;
        },
        after: (spec) => {
          operation(spec).security = bearer;
        },
        want: [needsCredentials('POST /v2/mobile/phone/confirm', confirm)],
      },
    ],
    [
      'an operation made public by an empty requirement of its own, which is safe',
      {
        before: (spec) => {
          spec.security = bearer;
        },
        after: (spec) => {
          spec.security = bearer;
          operation(spec).security = [{}];
        },
        want: [securityBecame('[{}]')],
      },
    ],
    [
      'requirements removed altogether, which is safe',
      {
        before: (spec) => {
          operation(spec).security = bearer;
        },
        after: () => {},
        want: [securityBecame('[]')],
      },
    ],
  ])('%s', (_name, { before, after, want }) => {
    const [, base] = pair(before);
    const [, head] = pair(after);
    expect(diffSpecs(base, head)).toEqual(want);
  });
});

describe('the examples of issue #12, which the gate used to miss', () => {
  it('reports a const added to the request field grant_type as breaking', () => {
    const changes = diffSpecs(
      ...pair((spec) => {
        credentials(spec).properties.grant_type.const = 'sms';
      }),
    );
    expect(changelog(changes).split('\n')).toEqual([
      '1 change(s), 1 breaking:',
      '  BREAKING  POST /v2/mobile/phone/confirm body application/x-www-form-urlencoded.grant_type: const "sms" added',
    ]);
  });

  it('reports a minimum added to a response field, as safe: clients receive fewer values than before', () => {
    const changes = diffSpecs(
      ...pair((spec) => {
        token(spec).properties.expires_in.minimum = 0;
      }),
    );
    expect(changes).toEqual([
      {
        kind: 'range-narrowed',
        breaking: false,
        location: 'POST /v2/mobile/phone/confirm 200 application/json.expires_in',
        message: 'minimum 0 added',
        pointer:
          '/paths/~1v2~1mobile~1phone~1confirm/post/responses/200/content/application~1json/schema/properties/expires_in/minimum',
      },
    ]);
  });
});

describe('documents the gate cannot compare', () => {
  it.each<[string, { given: (spec: Spec) => void; want: string }]>([
    [
      'a $ref that points at nothing',
      {
        given: (spec) => delete spec.components.schemas.Token,
        want: 'the head document cannot be compared: $ref #/components/schemas/Token points at nothing',
      },
    ],
    [
      'a $ref that leads only to itself',
      {
        given: (spec) => {
          spec.components.schemas.Token = { $ref: '#/components/schemas/Token' };
        },
        want: 'the head document cannot be compared: $ref cycle at #/components/schemas/Token',
      },
    ],
  ])('refuses %s with an error that names it, and changes neither document', (_name, { given, want }) => {
    const [base, head] = pair(given);
    const [baseBefore, headBefore] = [structuredClone(base), structuredClone(head)];
    expect(() => diffSpecs(base, head)).toThrow(new UnreadableSpecError(want));
    expect([base, head]).toEqual([baseBefore, headBefore]);
  });

  it.each<[string, { given: unknown; want: string }]>([
    ['an array', { given: [], want: 'the base document is not a JSON object' }],
    ['null', { given: null, want: 'the base document is not a JSON object' }],
  ])('refuses a base document that is %s with an UnreadableSpecError', (_name, { given, want }) => {
    const compare = () => diffSpecs(given as JsonObject, fixture);
    expect(compare).toThrow(UnreadableSpecError);
    expect(compare).toThrow(expect.objectContaining({ name: 'UnreadableSpecError', message: want }));
  });

  it('names the base document when the base is the broken one', () => {
    const [base, head] = pair((spec) => delete spec.components.parameters);
    expect(() => diffSpecs(head, base)).toThrow('the base document cannot be compared');
  });

  it('compares a recursive schema (a $ref inside it to itself)', () => {
    const recursive = (spec: Spec) => {
      token(spec).properties.scopes = { type: 'array', items: { $ref: '#/components/schemas/Token' } };
    };
    const [, base] = pair(recursive);
    const [, head] = pair((spec) => {
      recursive(spec);
      token(spec).properties.expires_in.maximum = 86400;
    });
    // The schema is followed once into itself, so its change is reported once, where it is first used.
    expect(diffSpecs(base, head).map(({ kind, location }) => ({ kind, location }))).toEqual([
      { kind: 'range-narrowed', location: 'POST /v2/mobile/phone/confirm 200 application/json.expires_in' },
    ]);
  });
});

describe('changelog', () => {
  it('prints every change, breaking first', () => {
    const changes = diffSpecs(
      ...pair((spec) => {
        token(spec).properties.scope = { type: 'string' };
        delete token(spec).properties.token_type;
      }),
    );
    expect(changelog(changes).split('\n')).toEqual([
      '2 change(s), 1 breaking:',
      '  BREAKING  POST /v2/mobile/phone/confirm 200 application/json.token_type: response field "token_type" removed',
      '  safe      POST /v2/mobile/phone/confirm 200 application/json.scope: response field "scope" added',
    ]);
  });

  it('says so when nothing changed', () => {
    expect(changelog([])).toBe('No changes to the API.');
  });
});
