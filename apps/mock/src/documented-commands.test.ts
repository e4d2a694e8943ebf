// Runs every command of the README's "Try it" sections against a mock of the spec each section serves, as a reader
// would, and checks the answer that the block's first line promises (`# 405 METHOD_NOT_ALLOWED, with Allow: POST`).
// Only the address changes: the README's 127.0.0.1:4010 becomes the port this test's mock got.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { multiOperationSpec } from '@vault/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from './index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The blocks of the README's section that starts at `heading`, up to the next heading. */
function blocksOf(heading: string) {
  const start = readme.indexOf(`${heading}\n`);
  const section = readme.slice(start, readme.indexOf('\n### ', start + heading.length));
  return [...section.matchAll(/```sh\n(# (\d{3})( [A-Z_]+)?[^\n]*)\n([\s\S]*?)```/g)].map(
    ([, comment, status, error, command]) => ({
      comment: comment as string,
      status: Number(status),
      error: error?.trim(),
      header: /with ([\w-]+): (\S+)/.exec(comment as string)?.slice(1),
      command: command as string,
    }),
  );
}

const sections = [
  {
    heading: '### Try it',
    spec: undefined,
    rows: [
      '200',
      '200',
      '400 BAD_REQUEST',
      '400 COMMON',
      '400 VALIDATION',
      '400 VALIDATION',
      '400 VALIDATION',
      '404 NOT_FOUND',
      '405 METHOD_NOT_ALLOWED',
      '408 REQUEST_TIMEOUT',
      '413 PAYLOAD_TOO_LARGE',
      '431 HEADERS_TOO_LARGE',
    ],
  },
  {
    heading: '### Try it on another spec',
    spec: multiOperationSpec,
    rows: ['201', '204', '400 VALIDATION', '400 VALIDATION', '401 UNAUTHORIZED'],
  },
];

describe.each(sections)("the README's commands under $heading", ({ heading, spec, rows }) => {
  const blocks = blocksOf(heading);
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock(spec === undefined ? {} : { spec });
  });
  afterAll(() => mock.close());

  it('show every row they stand for', () => {
    expect(blocks.map(({ status, error }) => `${status}${error ? ` ${error}` : ''}`).sort()).toEqual(rows.sort());
  });

  it.each(blocks.map((block) => [block.comment, block] as const))(
    'answer as they say: %s',
    async (_comment, { status, error, header, command }) => {
      const output = await run(mock, command);
      const [head = '', body = ''] = output.split(/\r\n\r\n/);
      expect(head.split('\r\n')[0], output).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      if (error) expect(JSON.parse(body).error).toBe(error);
      if (header) expect(head.toLowerCase()).toContain(`\r\n${header.join(': ').toLowerCase()}`);
    },
    30_000,
  );
});

function run(mock: RunningMock, command: string): Promise<string> {
  const { port } = new URL(mock.url);
  const here = command
    .replaceAll('127.0.0.1:4010', `127.0.0.1:${port}`)
    .replaceAll('127.0.0.1/4010', `127.0.0.1/${port}`);
  return new Promise((resolve) => {
    execFile('bash', ['-c', here], { timeout: 30_000 }, (_error, stdout) => resolve(stdout));
  });
}
