import * as viaPackageName from '@vault/client';
import { describe, expect, it } from 'vitest';
import * as source from './src/index.js';

// publint and attw run on every published package in tests/pipeline's release test, on what the release packs.
describe('the package', () => {
  it('resolves to its TypeScript source in the workspace, through the @vault/source condition', () => {
    expect(viaPackageName.createVaultClient).toBe(source.createVaultClient);
  });
});
