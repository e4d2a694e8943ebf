// The tests that Stryker runs against each mutant of one package. Its vitest runner cannot pick a project of the root
// config (it passes no `--project`), so it is given this one: the root config with only that package's project, rooted
// in the folder the runner works in (Stryker's sandbox copy of the package), and only the tests that can see a mutant.
// The package's stryker.config.mjs says which (see stryker.base.mjs), through the environment its runners inherit.
import { relative } from 'node:path';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import workspace from './vitest.config.js';

interface MutationTests {
  project: string;
  include: string[];
  exclude: string[];
}

// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by stryker.base.mjs for Stryker's runs, which turbo does not start
const given = process.env.VAULT_MUTATION_TESTS;
if (given === undefined) throw new Error('vitest.mutation.config.ts is for `stryker run` in a package folder');
const { project, include, exclude }: MutationTests = JSON.parse(given);
const projects = (workspace.test?.projects ?? []) as TestProjectInlineConfiguration[];
const tested = projects.find(({ test }) => test?.name === project);
if (tested === undefined) throw new Error(`vitest.mutation.config.ts: vitest.config.ts has no project ${project}`);

/**
 * Each mutant's run stops at its first failing test, and runs the tests that cover the mutant, file by file. Vitest
 * runs the slowest file first; here the file that failed last runs first, as it likely fails again for the next mutant
 * of the same code, then the quickest.
 */
class FailedThenQuickest extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const last = (file: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`);
    return [...files].sort((a, b) => {
      const [first, second] = [last(a), last(b)];
      return (
        Number(second?.failed ?? false) - Number(first?.failed ?? false) ||
        (first?.duration ?? 0) - (second?.duration ?? 0)
      );
    });
  }
}

export default defineConfig({
  ...workspace,
  test: {
    ...workspace.test,
    sequence: { sequencer: FailedThenQuickest },
    projects: [
      {
        ...tested,
        test: {
          ...tested.test,
          root: process.cwd(),
          include,
          exclude: [...configDefaults.exclude, ...exclude],
          typecheck: { enabled: false },
        },
      },
    ],
  },
});
