// The samples of every operation, made from the spec: a cURL command and a TypeScript call through @vault/client,
// with the operation's example values, for a given server. A hand-written `samples/<operationId>.ts` wins over the
// TypeScript one made here. The decorators put them on the page; the tests type-check them and run them on the mock.
import { existsSync, readFileSync } from 'node:fs';
import { isJsonObject, type Json, type JsonObject, resolve } from '@vault/spec/document';
import {
  bodyContent,
  type ExampleRequest,
  exampleRequest,
  exampleValues,
  fetchInput,
  type Operation,
  parametersOf,
} from '@vault/test-fixtures';

/** Where the samples read the bearer token: the environment variable that the page's token guide fills. */
export const tokenVariable = 'VAULT_TOKEN';

const tokenNote = `An access token (see "Using the token"), from the environment: ${tokenVariable}=<token>`;

/** Single-quotes a value for a POSIX shell. */
const shellQuote = (value: string) => `'${String(value).replaceAll("'", `'\\''`)}'`;

const text = (value: Json) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Whether the operation's lowest 2xx answers JSON, for the cURL sample to ask for it. */
function answersJson(root: JsonObject, { operation }: Operation, success: string): boolean {
  const response = resolve(root, (operation.responses as JsonObject | undefined)?.[success]) as JsonObject | undefined;
  return Object.keys((response?.content as JsonObject | undefined) ?? {}).some((mediaType) => /json/i.test(mediaType));
}

/**
 * A cURL command that works as written against `serverUrl`: the operation's example path, query and headers, its body
 * by media type (form fields with --data-urlencode, so that a `+` arrives as `+`; JSON with its Content-Type; multipart
 * with --form), and the bearer token from $VAULT_TOKEN where its security asks for one.
 */
export function curlSample(root: JsonObject, entry: Operation, serverUrl: string): string {
  const request = exampleRequest(root, entry);
  const lines = [`curl --request ${request.method}`, `--url ${shellQuote(`${serverUrl}${request.target}`)}`];
  let comment = '';
  if (answersJson(root, entry, request.success)) lines.push(`--header ${shellQuote('Accept: application/json')}`);
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'Content-Type') continue;
    if (name === 'Authorization' && value.startsWith('Bearer ')) {
      comment = `# ${tokenNote}\n`;
      lines.push(`--header "Authorization: Bearer $${tokenVariable}"`);
    } else lines.push(`--header ${shellQuote(`${name}: ${value}`)}`);
  }
  const declared = bodyContent(root, entry)?.declared;
  const { body } = exampleValues(root, entry);
  if (declared !== undefined && body !== undefined) lines.push(...curlBody(declared, body, request));
  return `${comment}${lines.join(' \\\n  ')}`;
}

/** The body options of a cURL command, by the media type the operation declares. */
function curlBody(declared: string, body: Json, request: ExampleRequest): string[] {
  // One field per item of an array, as the client and the tests' requests send a form.
  const fields = (isJsonObject(body) ? Object.entries(body) : []).flatMap(([field, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) => [field, item] as const),
  );
  if (/^application\/x-www-form-urlencoded/i.test(declared)) {
    return [
      `--header ${shellQuote(`Content-Type: ${declared}`)}`,
      ...fields.map(([field, value]) => `--data-urlencode ${shellQuote(`${field}=${text(value)}`)}`),
    ];
  }
  // curl writes the parts and the boundary itself; a part that starts with @ or < would be read from a file.
  if (/^multipart\/form-data/i.test(declared)) {
    return fields.map(([field, value]) => `--form-string ${shellQuote(`${field}=${text(value)}`)}`);
  }
  return [
    `--header ${shellQuote(`Content-Type: ${request.headers['Content-Type']}`)}`,
    // --data-raw: --data and --data-binary read a body that starts with @ from a file.
    `--data-raw ${shellQuote(request.body ?? '')}`,
  ];
}

/** A JavaScript literal of a JSON value, as a person writes it: keys unquoted where they can be, two-space indents. */
export function literal(value: Json, indent = ''): string {
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, indent)).join(', ')}]`;
  if (typeof value === 'string')
    return `'${JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Object.entries(value).map(
    // A key that names no identifier is quoted; `__proto__` is computed, or the literal would set the prototype.
    ([key, item]) => `${inner}${propertyName(key)}: ${literal(item, inner)},`,
  );
  return entries.length === 0 ? '{}' : `{\n${entries.join('\n')}\n${indent}}`;
}

function propertyName(key: string): string {
  if (key === '__proto__') return `[${literal(key)}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : literal(key);
}

/**
 * The call a reader writes with @vault/client: the operation's method with its example values, the client's own
 * headers left to it (an idempotency key it makes up), and a session that reads the token where security asks for one.
 */
export function generatedTypeScriptSample(root: JsonObject, entry: Operation, serverUrl: string): string {
  const request = exampleRequest(root, entry);
  const input = fetchInput(exampleValues(root, entry));
  const header = Object.fromEntries(
    Object.entries(input.params.header ?? {}).filter(([name]) => !/^idempotency-key$/i.test(name)),
  );
  const params: Record<string, Record<string, Json>> = { ...input.params, header };
  for (const [place, values] of Object.entries(params)) if (Object.keys(values).length === 0) delete params[place];
  const call = {
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...('body' in input ? { body: input.body } : {}),
  };
  const bearer = request.headers.Authorization?.startsWith('Bearer ') === true;
  // What the example request sends that is neither a parameter nor the body: the credentials of another scheme.
  const parameterHeaders = new Set(
    parametersOf(root, entry)
      .filter((parameter) => parameter.in === 'header')
      .map(({ name }) => String(name)),
  );
  const credentials = Object.fromEntries(
    Object.entries(request.headers).filter(
      ([name]) => !parameterHeaders.has(name) && name !== 'Content-Type' && !(name === 'Authorization' && bearer),
    ),
  );
  return [
    "import { createVaultClient, isVaultError } from '@vault/client';",
    '',
    'const vault = createVaultClient({',
    `  baseUrl: '${serverUrl}',`,
    ...(bearer
      ? [`  // ${tokenNote}`, `  session: { getAccessToken: async () => process.env.${tokenVariable} ?? '' },`]
      : []),
    ...(Object.keys(credentials).length > 0
      ? [
          "  // The operation's credentials, here the spec's examples: put yours.",
          `  headers: ${literal(credentials, '  ')},`,
        ]
      : []),
    '});',
    '',
    'try {',
    `  const answer = await vault.${entry.operation.operationId}(${Object.keys(call).length > 0 ? literal(call, '  ') : ''});`,
    '  console.log(answer);',
    '} catch (error) {',
    '  if (!isVaultError(error)) throw error;',
    '  console.error(error.message); // what went wrong, with the status, the error code and the request id',
    '}',
  ].join('\n');
}

/**
 * The TypeScript sample of an operation for `serverUrl`: `samples/<operationId>.ts` in `samplesDir` when someone wrote
 * one (for the spec's first server, whose URL it names once, as its `baseUrl`), else the generated call.
 */
export function typeScriptSample(root: JsonObject, entry: Operation, serverUrl: string, samplesDir: URL): string {
  const file = new URL(`${entry.operation.operationId}.ts`, samplesDir);
  return existsSync(file) ? handWrittenSample(file, serverUrl) : generatedTypeScriptSample(root, entry, serverUrl);
}

/**
 * A hand-written TypeScript sample as it reads for `serverUrl`: the file names one server, once, as its `baseUrl`
 * (the spec's first, for a reader who copies the file itself).
 */
export function handWrittenSample(file: URL, serverUrl: string): string {
  const source = readFileSync(file, 'utf8').trimEnd();
  const baseUrls = [...source.matchAll(/baseUrl: '[^']*'/g)];
  if (baseUrls.length !== 1) {
    throw new Error(`samples/${file.pathname.split('/').pop()} must name its server once, as baseUrl: '<url>'`);
  }
  return source.replace(/baseUrl: '[^']*'/, `baseUrl: '${serverUrl}'`);
}
