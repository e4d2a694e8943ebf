import type { ViteUserConfig } from 'vitest/config';

/**
 * Workspace packages resolve to their TypeScript source through the `@vault/source` export condition, so tests run
 * without a build. Setting the option replaces Vite's server defaults, so they are listed again.
 */
export const workspaceSource = {
  ssr: { resolve: { conditions: ['@vault/source', 'module', 'node', 'development|production'] } },
} satisfies ViteUserConfig;
