// Mutation testing (Stryker, `pnpm test:mutation`): what every package's run shares. Each package that has one calls
// mutationConfig from its own stryker.config.mjs and runs `stryker run` in its folder; reports go to its
// reports/mutation/ (HTML and JSON), and the score per file to the console.
import { fileURLToPath } from 'node:url';

/**
 * @param {object} options
 * @param {string} options.project the package's project in vitest.config.ts
 * @param {string[]} options.mutate the package's own code, as Stryker globs relative to its folder
 * @param {{ include: string[], exclude?: string[] }} options.tests the tests that can see a mutant: not type tests, and
 *   not those of dist/ or of a server in another process, which run code that Stryker does not mutate
 * @param {number} options.target the score the package's tests should reach (issue #15)
 * @param {number} options.breakBelow the score under which the run fails: just below the one reached, so that tests
 *   that catch less fail the run
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function mutationConfig({ project, mutate, tests, target, breakBelow }) {
  // Read by vitest.mutation.config.ts in the test runner processes, which inherit Stryker's environment.
  process.env.VAULT_MUTATION_TESTS = JSON.stringify({ project, include: tests.include, exclude: tests.exclude ?? [] });
  return {
    // pnpm does not hoist the runner where Stryker's default plugin glob would find it.
    plugins: ['@stryker-mutator/vitest-runner'],
    testRunner: 'vitest',
    vitest: { configFile: fileURLToPath(new URL('./vitest.mutation.config.ts', import.meta.url)) },
    coverageAnalysis: 'perTest',
    // Incremental: the last run's result, committed beside the package's stryker.config.mjs, is reused for every
    // mutant whose code and killing (or covering) test files did not change, so a run re-tests only what a change
    // touched and still scores, and fails, on all mutants. It cannot see a change elsewhere that alters what a test
    // does (a helper module, another package): the full run (`pnpm test:mutation:full`, which sets
    // VAULT_MUTATION_FULL=1 for Stryker's --force) covers that, on ci.yml's schedule and before a release.
    incremental: true,
    incrementalFile: 'stryker-incremental.json',
    force: process.env.VAULT_MUTATION_FULL === '1',
    mutate,
    // The sandbox, a copy of the package, sits two folders below the repository's root as the package does, so that
    // its paths out of the package (`../../tsconfig.base.json`, `../../../.changeset/` from src/) lead where they do.
    // Stryker's rewrite of tsconfig.json's `extends`, made for a sandbox inside the package, is turned off by naming
    // a tsconfig file that does not exist.
    tempDirName: '../../.stryker-tmp',
    tsconfigFile: 'no-tsconfig-to-rewrite.json',
    ignorePatterns: ['/dist', '/reports', '/test-results', '/.turbo', '/.work'],
    // A shared two-core machine: one test runner, and room for a busy neighbour before a mutant counts as a timeout.
    concurrency: 1,
    timeoutMS: 10_000,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    clearTextReporter: { reportScoreTable: true, reportMutants: true, reportTests: false },
    htmlReporter: { fileName: 'reports/mutation/index.html' },
    jsonReporter: { fileName: 'reports/mutation/mutation.json' },
    // Stryker wants high ≥ low; a floor above the target (a score well past it) marks only the floor.
    thresholds: { high: target, low: Math.min(target, breakBelow), break: breakBelow },
  };
}
