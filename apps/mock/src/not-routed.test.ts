import type { IHttpOperation } from '@stoplight/types';
import { describe, expect, it } from 'vitest';
import { formMediaType } from './form.js';
import { notRouted } from './not-routed.js';

/** `count` operations whose forms all take `number`, at /token-1 to /token-N. */
const formOperations = (count: number) =>
  Array.from(
    { length: count },
    (_, index) =>
      ({
        id: `o${index}`,
        method: 'post',
        path: `/token-${index + 1}`,
        responses: [],
        request: {
          body: { id: 'b', contents: [{ id: 'c', mediaType: formMediaType, schema: { properties: { number: {} } } }] },
        },
      }) as unknown as IHttpOperation,
  );

const notFound = (operations: IHttpOperation[]) =>
  notRouted({ kind: 'no-path' }, operations, {
    method: 'post',
    path: '/oauth/token',
    mediaType: formMediaType,
    body: 'number=1',
  }).message;

describe('notRouted', () => {
  it.each<[string, { given: number; want: string }]>([
    ['names the one operation that takes the body', { given: 1, want: 'Did you mean POST /token-1?' }],
    ['names each of three', { given: 3, want: 'Did you mean POST /token-1 or POST /token-2 or POST /token-3?' }],
    [
      'names three and counts the others, however many the spec has',
      { given: 1000, want: 'Did you mean POST /token-1 or POST /token-2 or POST /token-3 (or 997 more taking it)?' },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(notFound(formOperations(given))).toBe(`No operation of the API is at /oauth/token. ${want}`);
  });

  it('names none when no operation takes the body', () => {
    expect(notFound([])).toBe('No operation of the API is at /oauth/token.');
  });
});
