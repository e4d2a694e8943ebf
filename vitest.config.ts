import { defineConfig } from 'vitest/config';

// Lets `vitest` at the root (and editors) see every package's tests; turbo runs each package's own config.
export default defineConfig({
  test: {
    projects: ['spec', 'packages/*', 'apps/*', 'tools/*', 'tests/*'],
  },
});
