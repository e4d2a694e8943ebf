// Redocly decorators for the docs page. They read the bundled spec and add what readers need, from one place: the
// local mock as a second server, cURL and TypeScript samples for each server on every operation (samples.mjs), the
// mock's documented test inputs, and the sections after the operations (the token, the errors, the changes).
import { existsSync, readFileSync } from 'node:fs';
// Compiled into lib/ by `pnpm build`, before Redocly loads this file; type-checked from its source.
import { curlSample, handWrittenSample, typeScriptSample } from '@vault/docs/code-samples';
import { releaseHistory } from '@vault/spec';
import { operations, resolve } from '@vault/spec/document';
import { errorCatalogue, errorsExtension } from '@vault/spec/errors';
import { parseTestInputs, testInputsExtension } from '@vault/spec/test-inputs';
import { changesSection, downloadLinks, errorsSection, operationErrorsSection, tokenGuide } from './sections.mjs';

const samplesDir = new URL('./samples/', import.meta.url);

/** The mock as a reader runs it, `npx vault-mock`, at its default address. */
const localMock = {
  url: 'http://127.0.0.1:4010',
  description: 'Local mock: npx vault-mock, after npm install @vault/mock',
};

/** The servers every sample is given for, by the name in its label: the spec's sandbox, and the local mock. */
const sampleServers = (root) => [
  { name: 'sandbox', url: root.servers[0].url },
  { name: 'local mock', url: localMock.url },
];

/** The local mock beside the spec's servers: the page offers both, and the spec's own stay as they are. */
function addLocalMockServer(root) {
  root.servers = [...root.servers, localMock];
}

/** A cURL and a TypeScript sample for each server on every operation (samples.ts makes them). */
function addCodeSamples(root) {
  const servers = sampleServers(root);
  for (const entry of operations(root)) {
    entry.operation['x-codeSamples'] = [
      ...servers.map(({ name, url }) => ({
        lang: 'Shell',
        label: `cURL (${name})`,
        source: curlSample(root, entry, url),
      })),
      ...servers.map(({ name, url }) => ({
        lang: 'TypeScript',
        label: `TypeScript (${name})`,
        source: typeScriptSample(root, entry, url, samplesDir),
      })),
    ];
  }
}

/** A section of the operation's description that lists the mock's test inputs and how to pick a response. */
function testInputsSection(testInputs) {
  const rows = testInputs.map(({ given, status, example, description }) => {
    const fields = Object.entries(given)
      .map(([field, value]) => `\`${field}\` = \`${value}\``)
      .join(', ');
    return `| ${fields} | ${status} \`${example}\`: ${description} |`;
  });
  return [
    '## Testing with the mock',
    '',
    `Start the mock on your machine, and send it the samples for the local mock: it listens on \`${localMock.url}\`.`,
    '',
    '```sh',
    'npm install --save-dev @vault/mock',
    'npx vault-mock',
    '```',
    '',
    'It answers these documented test inputs with the named example of the spec:',
    '',
    // Two columns, not three: with its values kept whole, a third does not fit a phone's width.
    '| request with | response |',
    '| --- | --- |',
    ...rows,
    '',
    'Any documented response can also be asked for with the `Prefer` header, for example',
    '`Prefer: code=400, example=validation`; `Prefer: dynamic=true` makes up a valid response from the schema.',
  ].join('\n');
}

function addTestInputSections(root) {
  for (const { path, method, operation } of operations(root)) {
    const testInputs = parseTestInputs(operation[testInputsExtension], `${method.toUpperCase()} ${path}`);
    if (testInputs.length === 0) continue;
    operation.description = `${operation.description ?? ''}\n\n${testInputsSection(testInputs)}\n`;
  }
}

/** The error codes each operation can answer, from its responses' examples, with what the catalogue says of them. */
function addOperationErrors(root, catalogue) {
  for (const { operation } of operations(root)) {
    const codes = errorCodesOf(root, operation);
    if (codes.length === 0) continue;
    const section = operationErrorsSection(codes, catalogue);
    operation.description = `${operation.description ?? ''}\n\n${section}\n`;
  }
}

/** The `error` codes of an operation's 4xx and 5xx examples, with their status, in the order of its responses. */
function errorCodesOf(root, operation) {
  const codes = new Map();
  for (const [status, node] of Object.entries(operation.responses ?? {})) {
    if (!/^[45]/.test(status)) continue;
    for (const media of Object.values(resolve(root, node)?.content ?? {})) {
      const examples = [
        media.example,
        ...Object.values(media.examples ?? {}).map((example) => resolve(root, example)?.value),
      ];
      for (const example of examples) {
        if (typeof example?.error === 'string' && !codes.has(example.error)) codes.set(example.error, status);
      }
    }
  }
  return [...codes].map(([error, status]) => ({ error, status }));
}

/** The spec's release history, or undefined before the first release. */
const readReleaseHistory = () => (existsSync(releaseHistory) ? readFileSync(releaseHistory, 'utf8') : undefined);

/** The download links in the overview, and the sections after the operations, each a tag with no operations. */
function addPageSections(root, catalogue) {
  root.info.description = `${root.info.description ?? ''}\n\n${downloadLinks}\n`;
  const guideSamples = sampleServers(root).map(({ name, url }) => ({
    name,
    source: handWrittenSample(new URL('usingTheToken.ts', samplesDir), url),
  }));
  root.tags = [
    ...(root.tags ?? []),
    { name: 'Using the token', 'x-traitTag': true, description: tokenGuide(guideSamples) },
    ...(catalogue.length === 0 ? [] : [{ name: 'Errors', 'x-traitTag': true, description: errorsSection(catalogue) }]),
    { name: 'Changes', 'x-traitTag': true, description: changesSection(readReleaseHistory(), root.info.version) },
  ];
}

/** Marks a document the decorator has made into the page's, so that rendering it (which runs it again) adds nothing. */
const decoratedMark = 'x-vault-docs';

/** Everything the page adds to the spec, once: `redocly build-docs` runs the decorators again on what bundle made. */
function docsPage() {
  return {
    Root: {
      leave(root) {
        if (root[decoratedMark] === true) return;
        // A spec without the catalogue (the tests' fixture) gets no Errors section; the Vault spec's lint requires one.
        const catalogue = errorsExtension in root ? errorCatalogue(root) : [];
        addLocalMockServer(root);
        addCodeSamples(root);
        addTestInputSections(root);
        addOperationErrors(root, catalogue);
        addPageSections(root, catalogue);
        root[decoratedMark] = true;
      },
    },
  };
}

export default function docsDecorators() {
  return { id: 'vault-docs', decorators: { oas3: { page: docsPage } } };
}
