// The property-based contract checks, for every operation of a spec, after Schemathesis: requests generated from the
// spec with fast-check, valid ones and ones broken in one place, sent to a server whose every answer is checked against
// the spec. A failure is shrunk to a minimal request and reported as a curl command with the seed that replays it.
import { dereference, type Json, type JsonObject, operations, resolve } from '@vault/spec/document';
import {
  bodyContent,
  type ExampleRequest,
  type Operation,
  parametersOf,
  type RequestValues,
  requestFor,
  undeclaredMethod,
} from '@vault/test-fixtures';
import fc from 'fast-check';
import { type RequestBreak, requestBreaks } from './request-breaks.js';
import { arbitraryOf, type Place } from './schema-arbitrary.js';
import { createResponseValidator, type ObservedResponse } from './spec-validator.js';

/** The checks this suite runs, by Schemathesis' names (the README's table says which covers what). */
export type Check =
  | 'not_a_server_error'
  | 'status_code_conformance'
  | 'content_type_conformance'
  | 'response_headers_conformance'
  | 'response_schema_conformance'
  | 'positive_data_acceptance'
  | 'negative_data_rejection'
  | 'missing_required_header'
  | 'ignored_auth'
  | 'unsupported_method';

export interface Failure {
  check: Check;
  operation: string;
  /** What went wrong, for the shrunk request. */
  problem: string;
  /** The shrunk request, to paste into a shell. */
  curl: string;
  /** The seed that replays the run (`VAULT_CONTRACT_SEED`). */
  seed: number;
}

export interface PropertyOptions {
  baseUrl: string;
  document: JsonObject;
  seed: number;
  /** Generated requests per operation and property. */
  runs: number;
  /** Whether a valid request may get any documented status, as from a real server (only a 2xx from the mock). */
  documentedRefusals?: boolean;
}

/** A request as curl sends it, single-quoted for a POSIX shell. */
export function curlOf(
  baseUrl: string,
  request: Pick<ExampleRequest, 'method' | 'target' | 'headers' | 'body'>,
): string {
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  const parts = ['curl -i', `-X ${request.method}`, quote(`${baseUrl}${request.target}`)];
  for (const [name, value] of Object.entries(request.headers)) parts.push(`-H ${quote(`${name}: ${value}`)}`);
  if (request.body !== undefined) parts.push(`--data-binary ${quote(request.body)}`);
  return parts.join(' ');
}

async function send(baseUrl: string, request: ExampleRequest): Promise<ObservedResponse> {
  const response = await fetch(`${baseUrl}${request.target}`, {
    method: request.method,
    headers: request.headers,
    redirect: 'manual',
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const placeOf = (parameter: JsonObject): Place => String(parameter.in) as Place;

/** An arbitrary of the values of a valid request to `entry`: every required part, and the optional ones or not. */
function valuesArbitrary(document: JsonObject, entry: Operation): fc.Arbitrary<RequestValues> {
  const parameters = parametersOf(document, entry).filter((parameter) => parameter.in !== 'cookie');
  const parameterValues = parameters.map((parameter) => {
    const value = arbitraryOf(dereference(document, parameter.schema as Json), placeOf(parameter));
    return parameter.required === true ? value : fc.option(value, { nil: undefined });
  });
  const content = bodyContent(document, entry);
  const bodyPlace: Place = /form/.test(content?.declared ?? '') ? 'form' : 'body';
  // A required body must not be empty, or it is no body at all.
  const required = (resolve(document, entry.operation.requestBody) as JsonObject | undefined)?.required === true;
  const schema = dereference<JsonObject>(document, (content?.content.schema ?? {}) as Json);
  const bodySchema = required && schema.type === 'string' ? { minLength: 1, ...schema } : schema;
  const body = content ? arbitraryOf(bodySchema, bodyPlace) : fc.constant(undefined);
  return fc.tuple(fc.tuple(...parameterValues), body).map(([values, bodyValue]) => ({
    parameters: new Map(
      parameters.flatMap((parameter, index) =>
        values[index] === undefined ? [] : [[parameter, values[index] as Json]],
      ),
    ),
    credentials: true,
    ...(content ? { body: bodyValue as Json } : {}),
  }));
}

/** The answer's faults against the spec, each by its check. */
function conformance(document: JsonObject, request: ExampleRequest, observed: ObservedResponse) {
  const faults: { check: Check; problem: string }[] = [];
  if (observed.status >= 500)
    faults.push({
      check: 'not_a_server_error',
      problem: `answered ${observed.status}: ${observed.body.slice(0, 200)}`,
    });
  const validate = validators.get(document) ?? createResponseValidator(document);
  validators.set(document, validate);
  for (const { check, message } of validate(request.method, request.template, observed))
    faults.push({ check, problem: message });
  return faults;
}
const validators = new WeakMap<JsonObject, ReturnType<typeof createResponseValidator>>();

/**
 * What is wrong with the answer to a valid request: anything but a documented 2xx that keeps the spec. A real server
 * may refuse a valid request for what no spec can say (unknown credentials), so `documentedRefusals` lets it answer
 * any status the spec documents.
 */
function positiveFaults(
  document: JsonObject,
  request: ExampleRequest,
  observed: ObservedResponse,
  documentedRefusals: boolean,
) {
  const faults = conformance(document, request, observed);
  if ((observed.status < 200 || observed.status >= 300) && !(documentedRefusals && faults.length === 0)) {
    faults.push({
      check: 'positive_data_acceptance',
      problem: `a valid request got ${observed.status}: ${observed.body.slice(0, 200)}`,
    });
  }
  return faults;
}

/** What is wrong with the answer to a request broken by `broken`: it must be refused, naming the place. */
function negativeFaults(
  document: JsonObject,
  request: ExampleRequest,
  observed: ObservedResponse,
  broken: RequestBreak,
) {
  const faults = conformance(document, request, observed);
  let field: unknown;
  try {
    field = JSON.parse(observed.body).field;
  } catch {
    field = undefined;
  }
  if (observed.status !== broken.status) {
    faults.push({
      check: broken.check,
      problem: `${broken.what}, yet it got ${observed.status} where ${broken.status} was due`,
    });
  } else if (broken.field !== undefined && field !== broken.field) {
    faults.push({
      check: broken.check,
      problem: `${broken.what}, yet the ${broken.status} names ${JSON.stringify(field)}`,
    });
  } else if (broken.status === 401 && !observed.headers.has('www-authenticate')) {
    faults.push({ check: broken.check, problem: `${broken.what}, yet the 401 has no WWW-Authenticate` });
  }
  return faults;
}

/** Runs `property` with fast-check; on a failure, reports the shrunk case's first fault. */
async function checkProperty<Values>(
  arbitrary: fc.Arbitrary<Values>,
  build: (values: Values) => ExampleRequest,
  judge: (request: ExampleRequest, observed: ObservedResponse, values: Values) => { check: Check; problem: string }[],
  { baseUrl, seed, runs }: PropertyOptions,
  operation: string,
): Promise<Failure | undefined> {
  const faultsOf = async (values: Values) => {
    const request = build(values);
    try {
      return { request, faults: judge(request, await send(baseUrl, request), values) };
    } catch (error) {
      const problem = `no answer: ${error instanceof Error ? `${error.message} ${error.cause ?? ''}` : String(error)}`;
      return { request, faults: [{ check: 'not_a_server_error' as Check, problem }] };
    }
  };
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (values) => (await faultsOf(values)).faults.length === 0),
    { seed, numRuns: runs },
  );
  if (!details.failed || !details.counterexample) return undefined;
  // The shrunk case, sent once more for its report: a server that answers it well this time failed it only once.
  const { request, faults } = await faultsOf(details.counterexample[0]);
  const [fault = { check: 'not_a_server_error' as Check, problem: 'failed once, and passed when sent again' }] = faults;
  return { ...fault, operation, curl: curlOf(baseUrl, request), seed };
}

/** A method the path does not have, and the 405 with `Allow` that a server owes a request with it. */
async function unsupportedMethod(
  options: PropertyOptions,
  entry: Operation,
  example: ExampleRequest,
): Promise<Failure | undefined> {
  const undeclared = undeclaredMethod(options.document, entry.path);
  if (undeclared === undefined) return undefined;
  const { method, declared } = undeclared;
  const { body: _none, ...withoutBody } = example;
  const request = { ...withoutBody, method };
  const observed = await send(options.baseUrl, request);
  const allow = observed.headers.get('allow')?.split(/,\s*/).sort().join(', ');
  if (observed.status === 405 && allow === [...declared].sort().join(', ')) return undefined;
  const problem = `${method} got ${observed.status} with Allow ${JSON.stringify(allow)}, where 405 with Allow: ${declared.join(', ')} was due`;
  return {
    check: 'unsupported_method',
    operation: example.name,
    problem,
    curl: curlOf(options.baseUrl, request),
    seed: options.seed,
  };
}

/** Every check on every operation of the document; the failures, one per operation and check at most. */
export async function runPropertyChecks(options: PropertyOptions): Promise<Failure[]> {
  const { document } = options;
  const failures: Failure[] = [];
  for (const entry of operations(document)) {
    const values = valuesArbitrary(document, entry);
    const build = (given: RequestValues) => requestFor(document, entry, given);
    const example = build({ parameters: new Map(), credentials: true });
    const content = bodyContent(document, entry);
    const body = content && {
      schema: dereference<JsonObject>(document, content.content.schema as Json),
      mediaType: content.declared,
    };
    const breaks = requestBreaks(example, body);
    const positive = await checkProperty(
      values,
      build,
      (request, observed) => positiveFaults(document, request, observed, options.documentedRefusals ?? false),
      options,
      example.name,
    );
    const negative =
      breaks.length === 0
        ? undefined
        : await checkProperty(
            fc.tuple(values, fc.constantFrom(...breaks)),
            ([given, broken]) => build(broken.apply(given)),
            (request, observed, [, broken]) => negativeFaults(document, request, observed, broken),
            options,
            example.name,
          );
    // One valid request's path parameters, so that the undeclared method reaches the path.
    const [valid] = fc.sample(values, { numRuns: 1, seed: options.seed });
    const pathParameters = [...(valid?.parameters ?? [])].filter(([parameter]) => parameter.in === 'path');
    const method = await unsupportedMethod(
      options,
      entry,
      build({ parameters: new Map(pathParameters), credentials: true }),
    );
    failures.push(...[positive, negative, method].filter((failure): failure is Failure => failure !== undefined));
  }
  return failures;
}
