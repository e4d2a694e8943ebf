// Redocly decorators for the docs page. They read the bundled spec and add what readers need, from one place: the
// local mock as a second server, correct cURL and TypeScript samples for each server on every operation, the mock's
// documented test inputs, and the sections after the operations (the token, the errors, the changes).
import { existsSync, readFileSync } from 'node:fs';
import { releaseHistory } from '@vault/spec';
import { documentedHeaders, operations, resolve } from '@vault/spec/document';
import { errorCatalogue } from '@vault/spec/errors';
import { parseTestInputs, testInputsExtension } from '@vault/spec/test-inputs';
import { changesSection, downloadLinks, errorsSection, tokenGuide } from './sections.mjs';

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

/** Single-quotes a value for a POSIX shell. */
const shellQuote = (value) => `'${String(value).replaceAll("'", `'\\''`)}'`;

/**
 * A cURL command that works as written: the server and path of the spec, every header parameter at its example or
 * default, and form fields sent with --data-urlencode so that `+` in a phone number arrives as `+`.
 */
function curlSample(root, path, method, operation, serverUrl) {
  const lines = [`curl --request ${method.toUpperCase()}`, `--url ${shellQuote(`${serverUrl}${path}`)}`];
  const content = resolve(root, operation.requestBody)?.content ?? {};
  const [mediaType, media] = Object.entries(content)[0] ?? [];
  if (operation.responses?.['200']) lines.push(`--header ${shellQuote('Accept: application/json')}`);
  for (const [name, value] of Object.entries(documentedHeaders(root, operation)))
    lines.push(`--header ${shellQuote(`${name}: ${value}`)}`);
  if (mediaType === 'application/x-www-form-urlencoded') {
    lines.push(`--header ${shellQuote(`Content-Type: ${mediaType}`)}`);
    const example = Object.values(media.examples ?? {}).map((node) => resolve(root, node))[0]?.value ?? {};
    for (const [field, value] of Object.entries(example))
      lines.push(`--data-urlencode ${shellQuote(`${field}=${value}`)}`);
  }
  return lines.join(' \\\n  ');
}

/**
 * A hand-written TypeScript sample, `samples/<name>.ts`, type-checked and run by the tests, as it reads for
 * `serverUrl`. The file is written for the spec's server and names it once, as its `baseUrl`.
 */
function typeScriptSample(root, name, serverUrl) {
  const source = readFileSync(new URL(`${name}.ts`, samplesDir), 'utf8').trimEnd();
  const written = `'${root.servers[0].url}'`;
  if (source.split(written).length !== 2)
    throw new Error(`samples/${name}.ts must name ${written} once, as its baseUrl`);
  return source.replace(written, `'${serverUrl}'`);
}

/** The local mock beside the spec's servers: the page offers both, and the spec's own stay as they are. */
function localMockServer() {
  return {
    Root: {
      leave(root) {
        root.servers = [...root.servers, localMock];
      },
    },
  };
}

function codeSamples() {
  return {
    Root: {
      leave(root) {
        const servers = sampleServers(root);
        for (const { path, method, operation } of operations(root)) {
          operation['x-codeSamples'] = [
            ...servers.map(({ name, url }) => ({
              lang: 'Shell',
              label: `cURL (${name})`,
              source: curlSample(root, path, method, operation, url),
            })),
            ...servers.map(({ name, url }) => ({
              lang: 'TypeScript',
              label: `TypeScript (${name})`,
              source: typeScriptSample(root, operation.operationId, url),
            })),
          ];
        }
      },
    },
  };
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

function testInputsDescription() {
  return {
    Root: {
      leave(root) {
        for (const { path, method, operation } of operations(root)) {
          const testInputs = parseTestInputs(operation[testInputsExtension], `${method.toUpperCase()} ${path}`);
          if (testInputs.length === 0) continue;
          operation.description = `${operation.description ?? ''}\n\n${testInputsSection(testInputs)}\n`;
        }
      },
    },
  };
}

/** The spec's release history, or undefined before the first release. */
const readReleaseHistory = () => (existsSync(releaseHistory) ? readFileSync(releaseHistory, 'utf8') : undefined);

/** The download links in the overview, and the sections after the operations, each a tag with no operations. */
function pageSections() {
  return {
    Root: {
      leave(root) {
        root.info.description = `${root.info.description ?? ''}\n\n${downloadLinks}\n`;
        const servers = sampleServers(root);
        const guideSamples = servers.map(({ name, url }) => ({
          name,
          source: typeScriptSample(root, 'usingTheToken', url),
        }));
        root.tags = [
          ...(root.tags ?? []),
          { name: 'Using the token', 'x-traitTag': true, description: tokenGuide(guideSamples) },
          { name: 'Errors', 'x-traitTag': true, description: errorsSection(errorCatalogue(root)) },
          {
            name: 'Changes',
            'x-traitTag': true,
            description: changesSection(readReleaseHistory(), root.info.version),
          },
        ];
      },
    },
  };
}

export default function docsDecorators() {
  return {
    id: 'vault-docs',
    decorators: {
      oas3: {
        'local-mock-server': localMockServer,
        'code-samples': codeSamples,
        'test-inputs-section': testInputsDescription,
        'page-sections': pageSections,
      },
    },
  };
}
