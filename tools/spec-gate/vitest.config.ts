import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'spec-gate',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
