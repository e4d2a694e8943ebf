import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../diff.js';
import { operation, pair, type Spec } from '../testing/documents.js';
import type { SpecChange } from './change.js';

const confirm = '/paths/~1v2~1mobile~1phone~1confirm/post';
const headers = (spec: Spec) => operation(spec).responses['200'].headers;
const cacheControl = (spec: Spec) => spec.components.headers.CacheControl;

describe('response headers: a client may rely on a header that is always sent, and on its value', () => {
  // The location of each change, after the response's; the pointer, after the response's.
  it.each<[string, { given: (spec: Spec) => void; want: SpecChange }]>([
    [
      'a required header removed',
      {
        given: (spec) => delete headers(spec)['Cache-Control'],
        want: {
          kind: 'response-header-removed',
          breaking: true,
          location: 'header Cache-Control',
          message: 'required response header "Cache-Control" removed',
          pointer: '/headers/Cache-Control',
        },
      },
    ],
    [
      'an optional header removed, which clients already do without',
      {
        given: (spec) => delete headers(spec)['X-Request-ID'],
        want: {
          kind: 'response-header-removed',
          breaking: false,
          location: 'header X-Request-ID',
          message: 'optional response header "X-Request-ID" removed',
          pointer: '/headers/X-Request-ID',
        },
      },
    ],
    [
      'a header no longer always sent (in a referenced component)',
      {
        given: (spec) => delete cacheControl(spec).required,
        want: {
          kind: 'response-header-became-optional',
          breaking: true,
          location: 'header Cache-Control',
          message: 'response header "Cache-Control" is no longer always sent',
          pointer: '/headers/Cache-Control/required',
        },
      },
    ],
    [
      'a header value changed (const, in a referenced component)',
      {
        given: (spec) => {
          cacheControl(spec).schema.const = 'no-cache';
        },
        want: {
          kind: 'const-changed',
          breaking: true,
          location: 'header Cache-Control',
          message: 'const "no-store" became "no-cache"',
          pointer: '/headers/Cache-Control/schema/const',
        },
      },
    ],
    [
      'a header value no longer fixed',
      {
        given: (spec) => delete cacheControl(spec).schema.const,
        want: {
          kind: 'const-widened',
          breaking: true,
          location: 'header Cache-Control',
          message: 'const "no-store" removed',
          pointer: '/headers/Cache-Control/schema/const',
        },
      },
    ],
    [
      'a header value newly limited, which clients accept',
      {
        given: (spec) => {
          headers(spec)['X-Request-ID'].schema.maxLength = 64;
        },
        want: {
          kind: 'length-narrowed',
          breaking: false,
          location: 'header X-Request-ID',
          message: 'maxLength 64 added',
          pointer: '/headers/X-Request-ID/schema/maxLength',
        },
      },
    ],
    [
      'a header added',
      {
        given: (spec) => {
          headers(spec).Pragma = { schema: { type: 'string' } };
        },
        want: {
          kind: 'response-header-added',
          breaking: false,
          location: 'header Pragma',
          message: 'response header "Pragma" added',
          pointer: '/headers/Pragma',
        },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const response = { location: 'POST /v2/mobile/phone/confirm 200', pointer: `${confirm}/responses/200` };
    expect(diffSpecs(...pair(given))).toEqual([
      { ...want, location: `${response.location} ${want.location}`, pointer: `${response.pointer}${want.pointer}` },
    ]);
  });

  it("lists a header's new pattern rather than judging it, as in any response", () => {
    const pointer = `${confirm}/responses/200/headers/X-Request-ID/schema/pattern`;
    const changes = diffSpecs(
      ...pair((spec) => {
        headers(spec)['X-Request-ID'].schema.pattern = '^[0-9a-f]+$';
      }),
    );
    expect(changes).toEqual([
      {
        kind: 'other-change',
        breaking: false,
        location: pointer,
        message: 'not classified by the gate: absent became "^[0-9a-f]+$"',
        pointer,
      },
    ]);
  });

  it('compares a header whatever the case of its name, and lists the new spelling', () => {
    const changes = diffSpecs(
      ...pair((spec) => {
        headers(spec)['cache-control'] = { ...cacheControl(spec), required: false };
        delete headers(spec)['Cache-Control'];
      }),
    );
    expect(changes.map(({ kind, location }) => ({ kind, location }))).toEqual([
      { kind: 'response-header-became-optional', location: 'POST /v2/mobile/phone/confirm 200 header cache-control' },
      {
        kind: 'other-change',
        location: '/paths/~1v2~1mobile~1phone~1confirm/post/responses/200/headers/Cache-Control',
      },
      {
        kind: 'other-change',
        location: '/paths/~1v2~1mobile~1phone~1confirm/post/responses/200/headers/cache-control',
      },
    ]);
  });
});
