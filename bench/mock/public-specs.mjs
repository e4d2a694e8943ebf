// Real OpenAPI documents that no one here wrote, from npm packages that publish them. A package is fetched once with
// `npm pack` (the registry is the only network the benchmarks use) into a cache outside the repository, since GitHub's
// document alone unpacks to hundreds of megabytes that no install of the workspace should carry.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const cacheDir = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vault-bench');

/** The folder of `name@version`'s unpacked tarball (its `package/`), fetched on first use. */
export function publicPackage(name, version) {
  const folder = join(cacheDir, `${name.replace('/', '+')}@${version}`);
  const unpacked = join(folder, 'package');
  if (existsSync(unpacked)) return unpacked;
  mkdirSync(folder, { recursive: true });
  const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', folder, '--silent'], {
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
  }).trim();
  execFileSync('tar', ['-xzf', join(folder, tarball), '-C', folder]);
  return unpacked;
}

/** GitHub's REST API: 1,223 operations in `@octokit/openapi` 23.0.2. */
export const githubSpec = () => join(publicPackage('@octokit/openapi', '23.0.2'), 'generated', 'api.github.com.json');

/** Every JSON document of ReadMe's collection of classic examples (OpenAPI 3.0 and 3.1). */
export function classicExamples() {
  const root = publicPackage('@readme/oas-examples', '8.2.2');
  return ['3.0', '3.1'].flatMap((version) =>
    readdirSync(join(root, version, 'json'), { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => ({ name: `${version}/${entry.name}`, file: join(root, version, 'json', entry.name) })),
  );
}
