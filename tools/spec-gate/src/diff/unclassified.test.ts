import { describe, expect, it } from 'vitest';
import { credentials, operation, pair, type Spec } from '../../fixtures/documents.js';
import { diffSpecs } from '../diff.js';

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
