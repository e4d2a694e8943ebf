import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../diff.js';
import { credentials, operation, pair, type Spec, token } from '../testing/documents.js';
import type { SpecChange } from './change.js';

const grantType =
  '/paths/~1v2~1mobile~1phone~1confirm/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/grant_type';

describe('what no rule classifies is listed, with its pointer and both values', () => {
  it.each<[string, { given: (spec: Spec) => void; want: { kind: string; location: string; message: string }[] }]>([
    [
      'a keyword no rule knows, in a component the operation uses: at the place it is used',
      {
        given: (spec) => {
          credentials(spec).properties.grant_type['x-vault-expected'] = 'a grant type';
        },
        want: [
          {
            kind: 'other-change',
            location: `${grantType}/x-vault-expected`,
            message: 'not classified by the gate: absent became "a grant type"',
          },
        ],
      },
    ],
    [
      'prose anywhere, which needs only a patch release',
      {
        given: (spec) => {
          credentials(spec).properties.grant_type.description = 'How the user proves who they are.';
        },
        want: [
          {
            kind: 'description-changed',
            location: `${grantType}/description`,
            message: 'absent became "How the user proves who they are."',
          },
        ],
      },
    ],
    [
      'a component no operation uses: once, at its own place, as written',
      {
        given: (spec) => {
          spec.components.schemas.Page = {
            type: 'object',
            properties: { next: { $ref: '#/components/schemas/Token' } },
          };
        },
        want: [
          {
            kind: 'other-change',
            location: '/components/schemas/Page',
            message:
              'not classified by the gate: absent became {"type":"object","properties":{"next":{"$ref":"#/components/schemas/Token"}}}',
          },
        ],
      },
    ],
    [
      'values that only moved, since the document still changed',
      {
        given: (spec) => credentials(spec).properties.grant_type.enum.reverse(),
        want: [
          {
            kind: 'other-change',
            location: `${grantType}/enum/0`,
            message: 'not classified by the gate: "mobile_phone" became "sms"',
          },
          {
            kind: 'other-change',
            location: `${grantType}/enum/1`,
            message: 'not classified by the gate: "sms" became "mobile_phone"',
          },
        ],
      },
    ],
    [
      'a title, which is prose',
      {
        given: (spec) => {
          spec.info.title = 'Vault';
        },
        want: [{ kind: 'description-changed', location: '/info/title', message: '"Gate fixture" became "Vault"' }],
      },
    ],
    [
      'a summary, which is prose',
      {
        given: (spec) => {
          spec.paths['/v2/items'].summary = 'Items';
        },
        want: [
          { kind: 'description-changed', location: '/paths/~1v2~1items/summary', message: 'absent became "Items"' },
        ],
      },
    ],
    [
      'a description that is no text, which is no prose',
      {
        given: (spec) => {
          spec.info.description = 5;
        },
        want: [
          {
            kind: 'other-change',
            location: '/info/description',
            message: 'not classified by the gate: absent became 5',
          },
        ],
      },
    ],
    [
      'a long value, cut short',
      {
        given: (spec) => {
          operation(spec)['x-note'] = 'n'.repeat(200);
        },
        want: [
          {
            kind: 'other-change',
            location: '/paths/~1v2~1mobile~1phone~1confirm/post/x-note',
            message: `not classified by the gate: absent became "${'n'.repeat(118)}…`,
          },
        ],
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const changes = diffSpecs(...pair(given));
    expect(changes.map(({ kind, location, message }) => ({ kind, location, message }))).toEqual(want);
    expect(changes.every((change) => change.pointer === change.location && !change.breaking)).toBe(true);
  });
});

describe('components: compared where the operations use them, else listed as written', () => {
  const cursor = '#/components/schemas/Cursor';
  /** An unused Page that refers to an unused Cursor of `type`. */
  const unusedChain = (type: string) => (spec: Spec) => {
    spec.components.schemas.Page = { type: 'object', properties: { next: { $ref: cursor } } };
    spec.components.schemas.Cursor = { type };
  };

  it.each<[string, { before: (spec: Spec) => void; after: (spec: Spec) => void; want: SpecChange[] }]>([
    [
      'a component that only an unused one refers to is unused too',
      {
        before: unusedChain('string'),
        after: unusedChain('integer'),
        want: [listed('/components/schemas/Cursor/type', '"string" became "integer"')],
      },
    ],
    [
      'a component that only the head uses is listed as written, besides its new use',
      {
        before: unusedChain('string'),
        after: (spec) => {
          unusedChain('integer')(spec);
          token(spec).properties.cursor = { $ref: cursor };
        },
        want: [
          {
            kind: 'response-field-added',
            breaking: false,
            location: 'POST /v2/mobile/phone/confirm 200 application/json.cursor',
            message: 'response field "cursor" added',
            pointer:
              '/paths/~1v2~1mobile~1phone~1confirm/post/responses/200/content/application~1json/schema/properties/cursor',
          },
          listed('/components/schemas/Cursor/type', '"string" became "integer"'),
        ],
      },
    ],
    [
      'a $ref to what is no component, which uses no component',
      {
        before: () => {},
        after: (spec) => {
          operation(spec).responses['401'] = { $ref: '#/paths/~1v2~1mobile~1phone~1confirm/post/responses/400' };
        },
        want: [
          {
            kind: 'response-status-added',
            breaking: false,
            location: 'POST /v2/mobile/phone/confirm 401',
            message: 'response 401 added',
            pointer: '/paths/~1v2~1mobile~1phone~1confirm/post/responses/401',
          },
        ],
      },
    ],
    [
      'parameters that became no list: each one removed, and the list itself',
      {
        before: () => {},
        after: (spec) => {
          spec.paths['/v2/items'].parameters = {};
        },
        want: [
          {
            kind: 'parameter-removed',
            breaking: false,
            location: 'GET /v2/items header X-Tenant',
            message: 'header parameter "X-Tenant" removed',
            pointer: '/paths/~1v2~1items/parameters/0',
          },
          listed(
            '/paths/~1v2~1items/parameters',
            '[{"name":"X-Tenant","in":"header","schema":{"type":"string"}}] became {}',
          ),
        ],
      },
    ],
  ])('%s', (_name, { before, after, want }) => {
    const [, base] = pair(before);
    const [, head] = pair(after);
    expect(diffSpecs(base, head)).toEqual(want);
  });
});

/** A difference no rule classifies, at `pointer`. */
function listed(pointer: string, values: string): SpecChange {
  return {
    kind: 'other-change',
    breaking: false,
    location: pointer,
    message: `not classified by the gate: ${values}`,
    pointer,
  };
}
