// Where the bundle is, for the packages that read it: one place that knows the layout of dist/.
import { fileURLToPath } from 'node:url';

/** The bundled OpenAPI document as YAML (built by `pnpm build`). */
export const bundledSpecYaml = fileURLToPath(new URL('./dist/openapi.yaml', import.meta.url));

/** The bundled OpenAPI document as JSON (built by `pnpm build`). */
export const bundledSpecJson = fileURLToPath(new URL('./dist/openapi.json', import.meta.url));

/** The Arazzo journeys that drive the bundled API (run them with `redocly respect`). */
export const arazzoJourneys = fileURLToPath(new URL('./arazzo/vault.arazzo.yaml', import.meta.url));

/**
 * The spec's release history: the CHANGELOG.md that `pnpm version-packages` writes, with the API's changes of each
 * released version. There is none before the first release.
 */
export const releaseHistory = fileURLToPath(new URL('./CHANGELOG.md', import.meta.url));
