// Redocly decorators for the docs page. They read the bundled spec and add what readers need, from one place:
// correct cURL and TypeScript samples on every operation, and the mock's documented test inputs.
import { readFileSync } from 'node:fs';
import { documentedHeaders, operations, resolve } from '@vault/spec/document';
import { parseTestInputs, testInputsExtension } from '@vault/spec/test-inputs';

const samplesDir = new URL('./samples/', import.meta.url);

/** Single-quotes a value for a POSIX shell. */
const shellQuote = (value) => `'${String(value).replaceAll("'", `'\\''`)}'`;

/**
 * A cURL command that works as written: the server and path of the spec, every header parameter at its example or
 * default, and form fields sent with --data-urlencode so that `+` in a phone number arrives as `+`.
 */
function curlSample(root, path, method, operation) {
  const lines = [`curl --request ${method.toUpperCase()}`, `--url ${shellQuote(`${root.servers[0].url}${path}`)}`];
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

/** The hand-written TypeScript sample for an operation: `samples/<operationId>.ts`, type-checked by the tests. */
function typeScriptSample(operationId) {
  return readFileSync(new URL(`${operationId}.ts`, samplesDir), 'utf8').trimEnd();
}

function codeSamples() {
  return {
    Root: {
      leave(root) {
        for (const { path, method, operation } of operations(root)) {
          operation['x-codeSamples'] = [
            { lang: 'Shell', label: 'cURL', source: curlSample(root, path, method, operation) },
            { lang: 'TypeScript', label: 'TypeScript', source: typeScriptSample(operation.operationId) },
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
    'The mock (`pnpm mock`) answers these documented test inputs with the named example of the spec:',
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

export default function docsDecorators() {
  return {
    id: 'vault-docs',
    decorators: {
      oas3: {
        'code-samples': codeSamples,
        'test-inputs-section': testInputsDescription,
      },
    },
  };
}
