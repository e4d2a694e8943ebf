import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'pipeline',
    include: ['src/**/*.test.ts'],
    // Each test installs and builds a whole copy of the repository: minutes, not seconds, on two cores.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
