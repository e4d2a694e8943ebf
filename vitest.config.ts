import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Every package's tests, in one config. Each package's `test` script runs its own project (`vitest run --project
// NAME`), so turbo can cache and order them per package; `vitest` at the root runs them all.
/** A package's folder, whatever folder vitest starts in. */
const packageDir = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // Workspace packages resolve to their TypeScript source through the `@vault/source` export condition, so tests run
  // without a build. Setting the option replaces Vite's server defaults, so they are listed again.
  ssr: { resolve: { conditions: ['@vault/source', 'module', 'node', 'development|production'] } },
  test: {
    // The JSON report is what the last screen of `pnpm test` counts; it goes beside the package that ran.
    reporters: ['default', 'json'],
    outputFile: { json: join(process.cwd(), 'test-results', 'vitest.json') },
    projects: [
      {
        extends: true,
        test: { name: 'spec', root: packageDir('spec'), include: ['test/**/*.test.ts', 'lint/**/*.test.ts'] },
      },
      {
        extends: true,
        // The lint test starts Redocly: seconds alone, longer under a full parallel test run.
        test: {
          name: 'fixtures',
          root: packageDir('tests/fixtures'),
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          root: packageDir('packages/client'),
          include: ['src/**/*.test.ts', '*.test.ts'],
          typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        extends: true,
        // Some tests start the CLI as a child process: a second alone, longer under a full parallel test run.
        test: { name: 'mock', root: packageDir('apps/mock'), include: ['src/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'docs',
          root: packageDir('apps/docs'),
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'spec-gate',
          root: packageDir('tools/spec-gate'),
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          root: packageDir('tests/contract'),
          include: ['src/**/*.test.ts'],
          globalSetup: ['./global-setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'pipeline',
          root: packageDir('tests/pipeline'),
          include: ['src/**/*.test.ts'],
          // Each test installs and builds a whole copy of the repository: minutes, not seconds, on two cores.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
