// `stryker run` here: the mutation testing of the mock's own code (see ../../stryker.base.mjs); Prism's is not ours.
import { mutationConfig } from '../../stryker.base.mjs';

export default mutationConfig({
  project: 'mock',
  // What the mock decides itself: how a form or JSON body is read, media types, the 401 and its challenges, which
  // violations it answers with, the error table, the documented test inputs, and the handler that puts them together
  // around Prism.
  mutate: [
    'src/form.ts',
    'src/json-body.ts',
    'src/media-types.ts',
    'src/credentials.ts',
    'src/violations.ts',
    'src/errors.ts',
    'src/documented-inputs.ts',
    'src/handler.ts',
  ],
  // The tests that run the mock in this process, and quickly. Not those that start dist/cli.js (cli, watch), the
  // README's commands (documented-commands: its request timeout alone waits 10 s), nor the fuzz test's seconds of
  // random requests, which would run for every mutant that survives the others.
  tests: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/cli.test.ts', 'src/watch.test.ts', 'src/documented-commands.test.ts', 'src/fuzz.test.ts'],
  },
  target: 85,
  breakBelow: 95,
});
