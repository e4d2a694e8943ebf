// `stryker run` here: the mutation testing of the gate (see ../../stryker.base.mjs).
import { mutationConfig } from '../../stryker.base.mjs';

export default mutationConfig({
  project: 'spec-gate',
  // Not what only runs against the outside world, which no test here can afford per mutant: cli.ts runs as the built
  // dist/cli.js (cli.test.ts), and publish.ts drives npm against a registry (the release test of tests/pipeline).
  mutate: ['src/**/*.ts', '!src/**/*.test.ts', '!src/testing/**', '!src/cli.ts', '!src/publish.ts'],
  tests: { include: ['src/**/*.test.ts'], exclude: ['src/cli.test.ts'] },
  target: 90,
  breakBelow: 95,
});
