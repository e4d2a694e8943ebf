// Every operation's samples, of the Vault spec and of the multi-operation fixture spec, work as written: each
// TypeScript sample type-checks, and each sample for the local mock gets the operation's documented success from a
// mock of its spec. The tests walk the operations, so an operation added to the spec is checked by itself.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startMock } from '@vault/mock';
import { type JsonObject, operations, resolve } from '@vault/spec/document';
import { exampleRequest, multiOperationSpec, readSpecFile, specsUnderTest } from '@vault/test-fixtures';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import docsDecorators from '../decorators.mjs';
import { curlSample, tokenVariable, typeScriptSample } from './code-samples.js';

const run = promisify(execFile);
const docsDir = new URL('..', import.meta.url);
const samplesDir = new URL('samples/', docsDir);
const workDir = new URL('.work/samples/', docsDir);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const decorated = JSON.parse(readFileSync(new URL('dist/openapi.decorated.json', docsDir), 'utf8'));
const localMock = 'http://127.0.0.1:4010';
// The fixture's operations are not the Vault client's: its samples run on the client as generated from the fixture.
const clientOf = { vault: '@vault/client', 'multi-operation': '@vault/client/fixture' } as const;
// The hand-written samples are the Vault spec's; the fixture's are all generated.
const handWrittenOf = { vault: samplesDir, 'multi-operation': new URL('no-samples/', docsDir) } as const;

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.each(specsUnderTest().map((spec) => [spec.name, spec] as const))('the %s spec', (name, { file, document }) => {
  const entries = operations(document).map((entry) => [String(entry.operation.operationId), entry] as const);
  const folder = new URL(`${name}/`, workDir);
  let mockUrl = '';
  beforeAll(async () => {
    const mock = await startMock({ port: 0, host: '127.0.0.1', spec: file });
    mockUrl = mock.url;
    return () => mock.close();
  });

  /** Where a sample for the local mock goes: to the mock of this spec that the test started. */
  const atMock = (source: string) => source.replaceAll(localMock, mockUrl);

  it.each(entries)('%s: the cURL sample for the local mock gets the documented success status', async (_id, entry) => {
    const { success } = exampleRequest(document, entry);

    const { stdout } = await run(
      'bash',
      [
        '-c',
        `${atMock(curlSample(document, entry, localMock))} --silent --show-error --output /dev/null --write-out '%{http_code}'`,
      ],
      { env: { ...process.env, [tokenVariable]: 'example-token' } },
    );

    expect(stdout).toBe(success);
  });

  it('every TypeScript sample type-checks', async () => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    for (const [operationId, entry] of entries) {
      const source = typeScriptSample(document, entry, localMock, handWrittenOf[name]);
      writeFileSync(
        new URL(`${operationId}.ts`, folder),
        source.replace("from '@vault/client'", `from '${clientOf[name]}'`),
      );
    }
    writeFileSync(
      new URL('tsconfig.json', folder),
      JSON.stringify({ extends: '../../../tsconfig.json', include: ['*.ts'] }),
    );

    const output = await run(process.execPath, [tsc, '-p', fileURLToPath(folder)]).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );

    expect(output).toBe('');
  }, 60_000);

  it.each(entries)('%s: the TypeScript sample for the local mock runs without an error', async (operationId, entry) => {
    // Apart from the type-checked ones: these name the mock's port, which changes with each run.
    const runnable = new URL(`run/${operationId}.ts`, folder);
    const source = atMock(typeScriptSample(document, entry, localMock, handWrittenOf[name]));
    mkdirSync(new URL('run/', folder), { recursive: true });
    writeFileSync(runnable, source.replace("from '@vault/client'", `from '${clientOf[name]}'`));
    vi.stubEnv(tokenVariable, 'example-token');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await import(/* @vite-ignore */ runnable.href);
      expect(error).not.toHaveBeenCalled();
      expect(log).toHaveBeenCalledOnce();
    } finally {
      vi.unstubAllEnvs();
      log.mockRestore();
      error.mockRestore();
    }
  });
});

/** The page's document for a spec: what the decorators make of it, as `redocly bundle` runs them. */
function decoratedOf(spec: JsonObject): JsonObject {
  const copy = structuredClone(spec);
  docsDecorators().decorators.oas3.page().Root.leave(copy);
  return copy;
}

/** The `error` codes of an operation's documented 4xx and 5xx examples. */
function documentedErrors(document: JsonObject, operation: JsonObject): string[] {
  return Object.entries((operation.responses as JsonObject | undefined) ?? {})
    .filter(([status]) => /^[45]/.test(status))
    .flatMap(([, response]) => Object.values((resolve(document, response) as JsonObject).content ?? {}))
    .flatMap((media) => Object.values((media as JsonObject).examples ?? {}))
    .map((example) => (resolve(document, example) as { value?: { error?: string } }).value?.error)
    .filter((error): error is string => error !== undefined);
}

describe.each([
  ['the Vault spec, as built', () => decorated],
  ['the multi-operation spec', () => decoratedOf(readSpecFile(multiOperationSpec))],
])('the page of %s', (_name, pageDocument) => {
  const page = pageDocument() as JsonObject;
  const entries = operations(page).map((entry) => [String(entry.operation.operationId), entry] as const);

  it.each(entries)('%s has a cURL and a TypeScript sample for each server', (_id, { operation }) => {
    const labels = (operation['x-codeSamples'] as { label: string }[]).map(({ label }) => label);
    expect(labels).toEqual(['cURL (sandbox)', 'cURL (local mock)', 'TypeScript (sandbox)', 'TypeScript (local mock)']);
  });

  it.each(entries)('%s lists the error codes of its examples under Errors', (_id, { operation }) => {
    const codes = documentedErrors(page, operation);
    const section = String(operation.description).split('\n## Errors\n')[1] ?? '';
    for (const code of codes) expect(section).toContain(`**\`${code}\`**`);
    expect(section === '').toBe(codes.length === 0);
  });

  it('is decorated once, however often the decorators run', () => {
    expect(decoratedOf(page)).toEqual(page);
  });
});
