// @ts-check
// Builds the docs page of an OpenAPI document into a folder: the Vault spec's bundle into dist/ (`pnpm build:page`), or
// any other document, for the tests (the fixture spec) and the benchmark (synthetic specs):
//   node scripts/build-page.mjs [--spec FILE] [--out DIR]
// 1. `redocly bundle` runs the decorators (decorators.mjs) into openapi.decorated.json;
// 2. `redocly build-docs` renders that file into index.html (the decorators see it is done and leave it as it is);
// 3. Redocly's badge is served from the folder instead of its CDN, and any other CDN address fails the build, so that a
//    Redocly upgrade cannot quietly make the page depend on the network again;
// 4. for the Vault spec, its bundle goes beside the page, byte for byte, as the downloads (openapi.json, openapi.yaml);
// 5. every text file gets a gzip and a brotli copy, which the server sends to a browser that takes them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundledSpecJson, bundledSpecYaml } from '@vault/spec';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { spec: { type: 'string' }, out: { type: 'string' } } });
const spec = values.spec === undefined ? bundledSpecJson : resolve(values.spec);
const out = resolve(values.out ?? join(docsDir, 'dist'));
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const config = join(docsDir, 'redocly.yaml');
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' };

mkdirSync(out, { recursive: true });
// The compressed copies of the last build go first: a server would send them for a page this build has replaced.
for (const stale of readdirSync(out).filter((file) => /\.(br|gz)$/.test(file))) rmSync(join(out, stale));
const decorated = join(out, 'openapi.decorated.json');
const page = join(out, 'index.html');
/** @param {string[]} args */
const redoclyRun = (args) =>
  execFileSync(process.execPath, [redocly, ...args], { cwd: docsDir, env, stdio: 'inherit' });
redoclyRun(['bundle', spec, '--config', config, '--output', decorated]);
redoclyRun(['build-docs', decorated, '--config', config, '--inlineBundle', '--output', page]);

const localCopies = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': 'redocly-logo.svg',
  'https://cdn.redoc.ly/redoc/logo-mini.svg': 'redocly-logo.svg',
};
let html = readFileSync(page, 'utf8');
for (const [remote, local] of Object.entries(localCopies)) {
  html = html.replaceAll(remote, local);
  copyFileSync(join(docsDir, 'assets', local), join(out, local));
}
const remaining = [...new Set(html.match(/https:\/\/cdn\.redoc\.ly\/[^\s"'`)]+/g) ?? [])];
if (remaining.length > 0) {
  console.error(`The docs page still loads from Redocly's CDN:\n  ${remaining.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(page, html);

if (values.spec === undefined) {
  copyFileSync(bundledSpecJson, join(out, 'openapi.json'));
  copyFileSync(bundledSpecYaml, join(out, 'openapi.yaml'));
}

for (const name of readdirSync(out).filter((file) => /\.(html|json|yaml|svg)$/.test(file))) {
  const content = readFileSync(join(out, name));
  writeFileSync(join(out, `${name}.gz`), gzipSync(content, { level: 9 }));
  writeFileSync(
    join(out, `${name}.br`),
    brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
  );
}
