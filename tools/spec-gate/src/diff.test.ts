import { describe, expect, it } from 'vitest';
import { credentials, fixture, operation, pair, type Spec, token } from '../fixtures/documents.js';
import { changelog } from './changelog.js';
import type { ChangeKind } from './diff/change.js';
import { diffSpecs, UnreadableSpecError } from './diff.js';

describe('diffSpecs finds each kind of change and says whether it breaks consumers', () => {
  it.each<[string, { given: (spec: Spec) => void; want: { kind: ChangeKind; breaking: boolean } }]>([
    // Breaking
    [
      'a removed path',
      { given: (spec) => delete spec.paths['/v2/items'], want: { kind: 'path-removed', breaking: true } },
    ],
    [
      'a removed operation',
      {
        given: (spec) => {
          delete spec.paths['/v2/items'].get;
        },
        want: { kind: 'operation-removed', breaking: true },
      },
    ],
    [
      'a renamed operation',
      {
        given: (spec) => {
          operation(spec).operationId = 'exchange';
        },
        want: { kind: 'operation-renamed', breaking: true },
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
        want: { kind: 'required-parameter-added', breaking: true },
      },
    ],
    [
      'a parameter that became required',
      {
        given: (spec) => {
          spec.paths['/v2/items'].get.parameters[0].required = true;
        },
        want: { kind: 'parameter-became-required', breaking: true },
      },
    ],
    [
      'a body that became required',
      {
        given: (spec) => {
          operation(spec).requestBody.required = true;
        },
        want: { kind: 'request-body-became-required', breaking: true },
      },
    ],
    [
      'a new required request field',
      {
        given: (spec) => {
          credentials(spec).properties.otp = { type: 'string' };
          credentials(spec).required.push('otp');
        },
        want: { kind: 'required-request-field-added', breaking: true },
      },
    ],
    [
      'a request field that became required',
      {
        given: (spec) => credentials(spec).required.push('password'),
        want: { kind: 'request-field-became-required', breaking: true },
      },
    ],
    [
      'a removed request field the schema now refuses',
      {
        given: (spec) => delete credentials(spec).properties.password,
        want: { kind: 'request-field-removed', breaking: true },
      },
    ],
    [
      'a narrowed request enum',
      {
        given: (spec) => {
          credentials(spec).properties.grant_type.enum = ['mobile_phone'];
        },
        want: { kind: 'enum-narrowed', breaking: true },
      },
    ],
    [
      'a changed request pattern',
      {
        given: (spec) => {
          credentials(spec).properties.number.pattern = '^\\+44[0-9]+$';
        },
        want: { kind: 'pattern-narrowed', breaking: true },
      },
    ],
    [
      'a changed header format',
      {
        given: (spec) => {
          spec.components.parameters.MerchantId.schema.format = 'uri';
        },
        want: { kind: 'format-changed', breaking: true },
      },
    ],
    [
      'a narrowed length',
      {
        given: (spec) => {
          credentials(spec).properties.password.minLength = 8;
        },
        want: { kind: 'length-narrowed', breaking: true },
      },
    ],
    [
      'a retyped request field',
      {
        given: (spec) => {
          credentials(spec).properties.number.type = 'integer';
        },
        want: { kind: 'type-changed', breaking: true },
      },
    ],
    [
      'a removed request content type',
      {
        given: (spec) => {
          operation(spec).requestBody.content = {};
        },
        want: { kind: 'request-content-type-removed', breaking: true },
      },
    ],
    [
      'a removed response status',
      {
        given: (spec) => delete operation(spec).responses['400'],
        want: { kind: 'response-status-removed', breaking: true },
      },
    ],
    [
      'a removed response content type',
      {
        given: (spec) => {
          operation(spec).responses['200'].content = {};
        },
        want: { kind: 'response-content-type-removed', breaking: true },
      },
    ],
    [
      'a removed response field',
      {
        given: (spec) => delete token(spec).properties.token_type,
        want: { kind: 'response-field-removed', breaking: true },
      },
    ],
    [
      'a retyped response field',
      {
        given: (spec) => {
          token(spec).properties.expires_in.type = 'string';
        },
        want: { kind: 'type-changed', breaking: true },
      },
    ],
    [
      'a response field no longer always present',
      {
        given: (spec) => {
          token(spec).required = ['access_token'];
        },
        want: { kind: 'response-field-became-optional', breaking: true },
      },
    ],
    [
      'a retyped field of array items',
      {
        given: (spec) => {
          spec.paths['/v2/items'].get.responses['200'].content['application/json'].schema.items.properties.id.type =
            'integer';
        },
        want: { kind: 'type-changed', breaking: true },
      },
    ],
    [
      'a widened response enum',
      {
        given: (spec) => token(spec).properties.token_type.enum.push('mac'),
        want: { kind: 'enum-widened', breaking: true },
      },
    ],
    [
      'a public operation that now needs credentials',
      {
        given: (spec) => {
          operation(spec).security = [{ bearer: [] }];
        },
        want: { kind: 'security-required', breaking: true },
      },
    ],
    // Safe
    [
      'a changed server, which the gate lists without classifying',
      {
        given: (spec) => {
          spec.servers = [{ url: 'https://api.example.test' }];
        },
        want: { kind: 'other-change', breaking: false },
      },
    ],
    [
      'an operation whose change the gate does not classify, such as an extension',
      {
        given: (spec) => {
          operation(spec)['x-internal'] = true;
        },
        want: { kind: 'other-change', breaking: false },
      },
    ],
    [
      'an added path',
      {
        given: (spec) => {
          spec.paths['/v2/health'] = { get: { operationId: 'health', responses: {} } };
        },
        want: { kind: 'path-added', breaking: false },
      },
    ],
    [
      'an added operation',
      {
        given: (spec) => {
          spec.paths['/v2/items'].post = { operationId: 'addItem', responses: {} };
        },
        want: { kind: 'operation-added', breaking: false },
      },
    ],
    [
      'a new optional parameter',
      {
        given: (spec) =>
          spec.paths['/v2/items'].get.parameters.push({ name: 'size', in: 'query', schema: { type: 'integer' } }),
        want: { kind: 'parameter-added', breaking: false },
      },
    ],
    [
      'a removed parameter',
      {
        given: (spec) => {
          spec.paths['/v2/items'].get.parameters = [];
        },
        want: { kind: 'parameter-removed', breaking: false },
      },
    ],
    [
      'a new optional request field',
      {
        given: (spec) => {
          credentials(spec).properties.device = { type: 'string' };
        },
        want: { kind: 'request-field-added', breaking: false },
      },
    ],
    [
      'a widened request enum',
      {
        given: (spec) => credentials(spec).properties.grant_type.enum.push('email'),
        want: { kind: 'enum-widened', breaking: false },
      },
    ],
    [
      'a removed request pattern',
      {
        given: (spec) => delete credentials(spec).properties.number.pattern,
        want: { kind: 'pattern-removed', breaking: false },
      },
    ],
    [
      'an added request content type',
      {
        given: (spec) => {
          operation(spec).requestBody.content['application/json'] = { schema: { type: 'object' } };
        },
        want: { kind: 'request-content-type-added', breaking: false },
      },
    ],
    [
      'an added response status',
      {
        given: (spec) => {
          operation(spec).responses['429'] = { description: 'Slow down.' };
        },
        want: { kind: 'response-status-added', breaking: false },
      },
    ],
    [
      'an added response content type',
      {
        given: (spec) => {
          operation(spec).responses['200'].content['application/xml'] = { schema: { type: 'object' } };
        },
        want: { kind: 'response-content-type-added', breaking: false },
      },
    ],
    [
      'an added response field',
      {
        given: (spec) => {
          token(spec).properties.scope = { type: 'string' };
        },
        want: { kind: 'response-field-added', breaking: false },
      },
    ],
    [
      'a request field no longer required',
      {
        given: (spec) => {
          credentials(spec).required = ['grant_type'];
        },
        want: { kind: 'request-field-became-optional', breaking: false },
      },
    ],
    [
      'a response field now always present',
      {
        given: (spec) => token(spec).required.push('token_type'),
        want: { kind: 'response-field-became-required', breaking: false },
      },
    ],
    [
      'a new info.version, which is the release number and no change to the API',
      {
        given: (spec) => {
          spec.info.version = '2.4.0';
        },
        want: { kind: 'version-changed', breaking: false },
      },
    ],
    [
      'a changed summary',
      {
        given: (spec) => {
          operation(spec).summary = 'Exchange credentials for a token';
        },
        want: { kind: 'description-changed', breaking: false },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const changes = diffSpecs(...pair(given));
    expect(changes.map(({ kind, breaking }) => ({ kind, breaking }))).toEqual([want]);
  });

  it('finds nothing between a document and itself', () => {
    expect(diffSpecs(fixture, structuredClone(fixture))).toEqual([]);
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
