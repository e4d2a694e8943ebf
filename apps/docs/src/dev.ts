// The docs' part of `pnpm dev`: serves the page, and rebuilds it whenever the bundled spec or the docs' own sources
// change. A failed build leaves the last page served.
import { runCommand, watchPaths } from '@vault/dev-tools/watch';
import { bundledSpecJson } from '@vault/spec';
import { closeOnSignals, startFromCommandLine } from './serve.js';

const docs = await startFromCommandLine();
console.log(`Vault docs at ${docs.url}/ (rebuilt on every change)`);
closeOnSignals(docs);

// The page, and the samples' maker it loads from lib/; the server that is running now keeps its code.
await watchPaths(
  [
    bundledSpecJson,
    'redocly.yaml',
    'template.hbs',
    'decorators.mjs',
    'sections.mjs',
    'src/code-samples.ts',
    'samples',
    'assets',
  ],
  async (changed) => {
    console.log(`[docs] changed: ${changed.join(', ')}`);
    const code = await runCommand('pnpm run build');
    console.log(
      code === 0 ? `[docs] rebuilt ${docs.url}/` : `[docs] build failed (exit ${code}); serving the last page`,
    );
  },
);
