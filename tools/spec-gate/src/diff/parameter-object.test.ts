import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../diff.js';
import { pair, type Spec } from '../testing/documents.js';
import type { SpecChange } from './change.js';

const items = (spec: Spec) => spec.paths['/v2/items'];
const tenant = (spec: Spec) => items(spec).parameters[0];

describe('path-level parameters: each operation of the path takes them, unless it redefines one', () => {
  const tenantRequired: SpecChange = {
    kind: 'parameter-became-required',
    breaking: true,
    location: 'GET /v2/items header X-Tenant',
    message: 'header parameter "X-Tenant" became required',
    pointer: '/paths/~1v2~1items/parameters/0/required',
  };

  it.each<[string, { given: (spec: Spec) => void; want: SpecChange[] }]>([
    [
      'a path-level parameter that became required',
      {
        given: (spec) => {
          tenant(spec).required = true;
        },
        want: [tenantRequired],
      },
    ],
    [
      'a required path-level parameter added',
      {
        given: (spec) => items(spec).parameters.push({ name: 'X-Region', in: 'header', required: true, schema: {} }),
        want: [
          {
            kind: 'required-parameter-added',
            breaking: true,
            location: 'GET /v2/items header X-Region',
            message: 'required header parameter "X-Region" added',
            pointer: '/paths/~1v2~1items/parameters/1',
          },
        ],
      },
    ],
    [
      'a path-level parameter narrowed',
      {
        given: (spec) => {
          tenant(spec).schema.maxLength = 8;
        },
        want: [
          {
            kind: 'length-narrowed',
            breaking: true,
            location: 'GET /v2/items header X-Tenant',
            message: 'maxLength 8 added',
            pointer: '/paths/~1v2~1items/parameters/0/schema/maxLength',
          },
        ],
      },
    ],
    [
      'a path-level parameter moved into the operation unchanged: the same API, listed as the document changed',
      {
        given: (spec) => {
          items(spec).get.parameters.push(tenant(spec));
          delete items(spec).parameters;
        },
        want: [
          {
            kind: 'other-change',
            breaking: false,
            location: '/paths/~1v2~1items/parameters',
            message:
              'not classified by the gate: [{"name":"X-Tenant","in":"header","schema":{"type":"string"}}] became absent',
            pointer: '/paths/~1v2~1items/parameters',
          },
        ],
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
          tenantRequired,
          {
            kind: 'operation-added',
            breaking: false,
            location: 'POST /v2/items',
            message: 'operation POST /v2/items added',
            pointer: '/paths/~1v2~1items/post',
          },
        ],
      },
    ],
    [
      'a header renamed only in case: the same parameter, whose new spelling is listed',
      {
        given: (spec) => {
          tenant(spec).name = 'x-tenant';
        },
        want: [
          {
            kind: 'other-change',
            breaking: false,
            location: '/paths/~1v2~1items/parameters/0/name',
            message: 'not classified by the gate: "X-Tenant" became "x-tenant"',
            pointer: '/paths/~1v2~1items/parameters/0/name',
          },
        ],
      },
    ],
    [
      'a query parameter renamed only in case: another parameter',
      {
        given: (spec) => {
          items(spec).get.parameters[0].name = 'Page';
        },
        want: [
          {
            kind: 'parameter-removed',
            breaking: false,
            location: 'GET /v2/items query page',
            message: 'query parameter "page" removed',
            pointer: '/paths/~1v2~1items/get/parameters/0',
          },
          {
            kind: 'parameter-added',
            breaking: false,
            location: 'GET /v2/items query Page',
            message: 'optional query parameter "Page" added',
            pointer: '/paths/~1v2~1items/get/parameters/0',
          },
        ],
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(diffSpecs(...pair(given))).toEqual(want);
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
