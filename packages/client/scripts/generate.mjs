// Generates src/generated/ (see generated-files.mjs) from the bundled OpenAPI document, `@vault/spec/openapi.json`,
// and src/testing/generated/, the methods of the multi-operation fixture spec that the tests call as well.
// With --check, it writes nothing and only says whether both are there and made from the specs as they are now,
// for `build` to fail with one line rather than a TypeScript error or a client that checks an older spec.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const specUrl = new URL(import.meta.resolve('@vault/spec/openapi.json'));
const outputDir = new URL('../src/generated/', import.meta.url);
const fixtureDir = new URL('../src/testing/generated/', import.meta.url);

/** Ends the run with one line that names the command that works from a fresh clone. */
function stop(what) {
  console.error(`generate: ${what}: run \`pnpm build --filter @vault/client...\` from the repository's root`);
  process.exit(1);
}

const checking = process.argv.includes('--check');
if (checking && !existsSync(new URL('schema.ts', outputDir))) stop('src/generated/ is missing');
if (!existsSync(specUrl)) stop(`${fileURLToPath(specUrl)} is missing (@vault/spec is not built)`);

// Imported here, after the checks above: the fixtures package, which the generators read too, unbuilt would stop the
// script with a stack trace instead of a line.
const fixtures = await import('@vault/test-fixtures').catch(() => stop('@vault/test-fixtures is not built'));
const { multiOperationSpec, readSpecFile } = fixtures;
const { generatedFiles, operationFiles, staleFiles, writeGenerated } = await import('./generated-files.mjs');
const outputs = [
  [outputDir, await generatedFiles(specUrl)],
  [fixtureDir, await operationFiles(pathToFileURL(multiOperationSpec), readSpecFile(multiOperationSpec), '../../')],
];
for (const [dir, files] of outputs) {
  if (!checking) await writeGenerated(dir, files);
  const stale = checking ? staleFiles(dir, files) : [];
  if (stale.length > 0) stop(`${fileURLToPath(dir)} does not match its spec (${stale.join(', ')})`);
}
