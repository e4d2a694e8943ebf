/** The extension that lists an operation's test inputs. */
export declare const testInputsExtension = 'x-vault-test-inputs';

/** One documented test input: a request whose fields equal `given` is answered with the named example. */
export interface TestInput {
  description: string;
  given: Record<string, string>;
  status: number;
  example: string;
}

/**
 * Reads the extension's value (undefined when the operation has none), refusing a malformed one so that a spec mistake
 * is loud, not ignored. `where` names the operation in the error.
 */
export declare function parseTestInputs(declared: unknown, where: string): TestInput[];
