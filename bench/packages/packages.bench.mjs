// Packs each published package as `pnpm release` would (pnpm pack: workspace and catalog versions resolved) and
// reports the tarball's size and file count, beside the unpacked size of the same files. Asserts nothing; the release
// test checks what the tarballs hold. Run with `pnpm --filter @vault/bench bench:packages` after `pnpm build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { releasedPackageDirs } from '@vault/spec-gate';
import { saveResults } from '../results.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

const destination = mkdtempSync(join(tmpdir(), 'vault-pack-'));
try {
  const rows = Object.entries(releasedPackageDirs).map(([name, dir]) => {
    const packed = JSON.parse(
      execFileSync('pnpm', ['pack', '--json', '--pack-destination', destination], {
        cwd: join(repoRoot, dir),
        encoding: 'utf8',
      }),
    );
    const tarball = statSync(packed.filename).size;
    const unpacked = packed.files.reduce((sum, { path }) => sum + statSync(join(repoRoot, dir, path)).size, 0);
    return {
      measure: `${name} tarball`,
      value: `${kib(tarball)}, ${packed.files.length} files`,
      baseline: `${kib(unpacked)} (its files unpacked)`,
      ratio: (tarball / unpacked).toFixed(2),
    };
  });
  console.table(rows);
  saveResults('packages', rows, 'pnpm pack of each published package after `pnpm build`; sizes in KiB (1,024 bytes)');
} finally {
  rmSync(destination, { recursive: true, force: true });
}
