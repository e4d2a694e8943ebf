// `stryker run` here: the mutation testing of the client's hand-written code (see ../../stryker.base.mjs).
import { mutationConfig } from '../../stryker.base.mjs';

export default mutationConfig({
  project: 'client',
  // Not src/generated/ (made by scripts/ from the spec; guards.test.ts tests what it makes) nor the test doubles.
  mutate: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/generated/**', '!src/testing/**'],
  // Not the package's own tests at the top (packaging, README samples).
  tests: { include: ['src/**/*.test.ts'] },
  target: 95,
  breakBelow: 98.5,
});
