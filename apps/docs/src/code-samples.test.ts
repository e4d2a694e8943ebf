import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Json, JsonObject } from '@vault/spec/document';
import { operations } from '@vault/spec/document';
import { describe, expect, it } from 'vitest';
import { curlSample, literal } from './code-samples.js';

describe('literal', () => {
  it.each<[string, { given: Json }]>([
    ['quotes and backslashes', { given: { text: `it's "quoted" \\ here\nand on` } }],
    ['keys that name no identifier', { given: { "it's": 1, 'a-b': 2, '1st': 3 } }],
    ['a __proto__ key, as an own property', { given: JSON.parse('{"__proto__": {"x": 1}, "y": [true, null, 2.5]}') }],
    ['nested empty values', { given: { list: [], object: {}, deeper: { list: [{}] } } }],
  ])('writes %s as JavaScript that reads back the same value', (_name, { given }) => {
    const read = new Function(`return (${literal(given)});`)();

    expect(JSON.stringify(read)).toBe(JSON.stringify(given));
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
  });
});

/** A document with one POST operation whose body is `mediaType`, with `example` as its example. */
function documentWith(mediaType: string, example: Json): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'Probe', version: '1.0.0' },
    servers: [{ url: 'https://probe.example' }],
    paths: {
      '/probe': {
        post: {
          operationId: 'probe',
          requestBody: { content: { [mediaType]: { schema: {}, example } } },
          responses: { 204: { description: 'Done.' } },
        },
      },
    },
  };
}

/** The arguments bash would give curl for the sample: what curl is asked to do. */
async function curlArguments(sample: string): Promise<string[]> {
  const script = `print() { printf '%s\\n' "$@"; }; ${sample.replace(/^curl /m, 'print ')}`;
  const { stdout } = await promisify(execFile)('bash', ['-c', script]);
  return stdout.trimEnd().split('\n');
}

describe('curlSample', () => {
  it.each<[string, { given: { mediaType: string; example: Json }; want: string[] }]>([
    [
      'a text body that starts with @, sent as it is rather than read from a file',
      { given: { mediaType: 'text/plain', example: '@team see this' }, want: ['--data-raw', '@team see this'] },
    ],
    [
      'a form field once per item of an array',
      {
        given: { mediaType: 'application/x-www-form-urlencoded', example: { tag: ['a', 'b'] } },
        want: ['--data-urlencode', 'tag=a', '--data-urlencode', 'tag=b'],
      },
    ],
    [
      'a multipart part once per item, never read from a file',
      {
        given: { mediaType: 'multipart/form-data', example: { tag: ['<a', '@b'] } },
        want: ['--form-string', 'tag=<a', '--form-string', 'tag=@b'],
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const document = documentWith(given.mediaType, given.example);
    const [entry] = operations(document);

    const args = await curlArguments(curlSample(document, entry as never, 'https://probe.example'));

    expect(args.join('\n')).toContain(want.join('\n'));
  });
});
