import { describe, expect, it } from 'vitest';
import { pair, type Spec } from '../../fixtures/documents.js';
import { diffSpecs } from '../diff.js';
import type { ChangeKind } from './change.js';

const items = (spec: Spec) => spec.paths['/v2/items'];
const tenant = (spec: Spec) => items(spec).parameters[0];

describe('path-level parameters: each operation of the path takes them, unless it redefines one', () => {
  it.each<[string, { given: (spec: Spec) => void; want: { kind: ChangeKind; breaking: boolean }[] }]>([
    [
      'a path-level parameter that became required',
      {
        given: (spec) => {
          tenant(spec).required = true;
        },
        want: [{ kind: 'parameter-became-required', breaking: true }],
      },
    ],
    [
      'a required path-level parameter added',
      {
        given: (spec) => items(spec).parameters.push({ name: 'X-Region', in: 'header', required: true, schema: {} }),
        want: [{ kind: 'required-parameter-added', breaking: true }],
      },
    ],
    [
      'a path-level parameter narrowed',
      {
        given: (spec) => {
          tenant(spec).schema.maxLength = 8;
        },
        want: [{ kind: 'length-narrowed', breaking: true }],
      },
    ],
    [
      'a path-level parameter moved into the operation unchanged: the same API, listed as the document changed',
      {
        given: (spec) => {
          items(spec).get.parameters.push(tenant(spec));
          delete items(spec).parameters;
        },
        want: [{ kind: 'other-change', breaking: false }],
      },
    ],
    [
      'each operation of the path, once per operation',
      {
        given: (spec) => {
          items(spec).post = { operationId: 'addItem', responses: {} };
          tenant(spec).required = true;
        },
        want: [
          { kind: 'parameter-became-required', breaking: true },
          { kind: 'operation-added', breaking: false },
        ],
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const changes = diffSpecs(...pair(given));
    expect(changes.map(({ kind, breaking }) => ({ kind, breaking }))).toEqual(want);
  });

  it("compares the operation's own parameter where it redefines one of its path", () => {
    const redefined = (spec: Spec) => items(spec).get.parameters.push(structuredClone(tenant(spec)));
    const [, base] = pair(redefined);
    const [, head] = pair((spec) => {
      redefined(spec);
      tenant(spec).schema.maxLength = 8;
    });
    // The path's parameter no longer applies to any operation: its change is listed, not judged.
    expect(diffSpecs(base, head).map(({ kind, location }) => ({ kind, location }))).toEqual([
      { kind: 'other-change', location: '/paths/~1v2~1items/parameters/0/schema/maxLength' },
    ]);
  });
});
