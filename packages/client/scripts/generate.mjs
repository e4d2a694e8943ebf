// Generates src/generated/ (see generated-files.mjs) from the bundled OpenAPI document, `@vault/spec/openapi.json`.
// With --check, it writes nothing and only says whether src/generated/ is there and made from the spec as it is now,
// for `build` to fail with one line rather than a TypeScript error or a client that checks an older spec.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedFiles, staleFiles, writeGenerated } from './generated-files.mjs';

const specUrl = new URL(import.meta.resolve('@vault/spec/openapi.json'));
const outputDir = new URL('../src/generated/', import.meta.url);

/** Ends the run with one line that names the command that works from a fresh clone. */
function stop(what) {
  console.error(`generate: ${what}: run \`pnpm build --filter @vault/client...\` from the repository's root`);
  process.exit(1);
}

const checking = process.argv.includes('--check');
if (checking && !existsSync(new URL('schema.ts', outputDir))) stop('src/generated/ is missing');
if (!existsSync(specUrl)) stop(`${fileURLToPath(specUrl)} is missing (@vault/spec is not built)`);

const files = await generatedFiles(specUrl);
if (!checking) await writeGenerated(outputDir, files);
const stale = checking ? staleFiles(outputDir, files) : [];
if (stale.length > 0) stop(`src/generated/ does not match the spec (${stale.join(', ')})`);
