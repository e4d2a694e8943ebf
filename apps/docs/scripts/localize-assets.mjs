// @ts-check
// Redoc's page fetches its "API docs by Redocly" badge from Redocly's CDN, even with --inlineBundle. Offline, that is a
// failed request and a console error, so the badge is served from dist/ instead. Any other CDN address fails the build,
// so that a Redocly upgrade cannot quietly make the page depend on the network again.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const page = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const localCopies = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': 'redocly-logo.svg',
  'https://cdn.redoc.ly/redoc/logo-mini.svg': 'redocly-logo.svg',
};

let html = readFileSync(page, 'utf8');
for (const [remote, local] of Object.entries(localCopies)) {
  html = html.replaceAll(remote, local);
  copyFileSync(new URL(`../assets/${local}`, import.meta.url), new URL(`../dist/${local}`, import.meta.url));
}
const remaining = [...new Set(html.match(/https:\/\/cdn\.redoc\.ly\/[^\s"'`)]+/g) ?? [])];
if (remaining.length > 0) {
  console.error(`The docs page still loads from Redocly's CDN:\n  ${remaining.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(page, html);
