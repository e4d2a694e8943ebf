import type { JsonObject } from '@vault/spec/document';

/** The TypeScript source of a client's operations.ts for `document`; `imports` are module paths from that file. */
export declare function operationMethods(
  document: JsonObject,
  imports: { schema: string; operationTypes: string },
): string;
