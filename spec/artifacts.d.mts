/** The bundled OpenAPI document as YAML (built by `pnpm build`). */
export declare const bundledSpecYaml: string;
/** The bundled OpenAPI document as JSON (built by `pnpm build`). */
export declare const bundledSpecJson: string;
/** The Arazzo journeys that drive the bundled API (run them with `redocly respect`). */
export declare const arazzoJourneys: string;
/**
 * The spec's release history: the CHANGELOG.md that `pnpm version-packages` writes, with the API's changes of each
 * released version. There is none before the first release.
 */
export declare const releaseHistory: string;
