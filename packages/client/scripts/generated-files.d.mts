/** Generated files: each name in the output folder, with its contents. */
export type GeneratedFiles = Record<string, string>;

/** The generated files' names and contents, for the bundled document at `specUrl` (a file: URL). */
export declare function generatedFiles(specUrl: URL): Promise<GeneratedFiles>;
/** Writes `files` (names and contents) into the folder `outputDir` (a URL that ends in `/`), which it creates. */
export declare function writeGenerated(outputDir: URL, files: GeneratedFiles): Promise<void>;
/** The names of `files` that `outputDir` lacks or holds with other contents. */
export declare function staleFiles(outputDir: URL, files: GeneratedFiles): string[];
/** `schema.ts` and `operations.ts` of any OpenAPI document; `clientSource` is the client's src/ from their folder. */
export declare function operationFiles(
  specUrl: URL,
  spec: import('@vault/spec/document').JsonObject,
  clientSource: string,
): Promise<GeneratedFiles>;
