import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mock',
    include: ['src/**/*.test.ts'],
    // Some tests start the CLI as a child process: a second alone, longer under a full parallel test run.
    testTimeout: 30_000,
  },
});
