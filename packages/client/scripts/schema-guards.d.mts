import type { Json } from '@vault/spec/document';

/**
 * The TypeScript source of `is<Name>(value): value is components['schemas'][Name]` for each of `schemaNames`, schemas
 * of `document`'s components. Throws, naming the keyword and its JSON pointer, at a keyword it does not check.
 */
export declare function schemaGuards(document: Json, schemaNames: readonly string[]): string;
