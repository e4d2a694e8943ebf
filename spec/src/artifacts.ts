// Where the bundle is, for the packages that read it: one place that knows the layout of dist/. The paths are relative
// to the package's root, so that they hold from src/ (the tests) and from dist/ (the build) alike.
import { fileURLToPath } from 'node:url';

const packageFile = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The bundled OpenAPI document as YAML (built by `pnpm build`). */
export const bundledSpecYaml: string = packageFile('dist/openapi.yaml');

/** The bundled OpenAPI document as JSON (built by `pnpm build`). */
export const bundledSpecJson: string = packageFile('dist/openapi.json');

/** The Arazzo journeys that drive the bundled API (run them with `redocly respect`). */
export const arazzoJourneys: string = packageFile('arazzo/vault.arazzo.yaml');

/**
 * The spec's release history: the CHANGELOG.md that `pnpm version-packages` writes, with the API's changes of each
 * released version. There is none before the first release.
 */
export const releaseHistory: string = packageFile('CHANGELOG.md');
