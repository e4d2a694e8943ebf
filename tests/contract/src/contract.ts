// The contract cases, drawn from the spec, and the check that runs one against a server and judges its answer.
import { createVaultClient, defaultMerchantId, isVaultError, VaultApiError } from '@vault/client';
import { parseTestInputs, testInputsExtension } from '@vault/spec/test-inputs';
import { bundle, type ObservedResponse, resolved, responseViolations } from './spec-validator.js';

export const confirmPath = '/v2/mobile/phone/confirm';

type JsonObject = Record<string, unknown>;
const operation = (bundle.paths as Record<string, JsonObject>)[confirmPath]?.post as JsonObject;
const examples = bundle.components as { examples: Record<string, { value: JsonObject }> };
const credentialsExample = examples.examples.Credentials?.value as { number: string; password: string };
const clientError = resolved((operation.responses as JsonObject)['400']).node as {
  content: Record<string, { examples?: Record<string, unknown> }>;
};
/** The 400's named examples, by name: their values are what the server answers for each documented failure. */
const errorExamples = Object.fromEntries(
  Object.entries(clientError.content['application/json']?.examples ?? {}).map(([name, example]) => [
    name,
    (resolved(example).node as { value: JsonObject }).value,
  ]),
);

/** What a case expects: a status, and for an error the fields its ErrorResponse must have. */
export interface Expectation {
  status: number;
  body?: JsonObject;
}

/** A call made through @vault/client, as an app developer would make it. */
export interface ClientCase {
  name: string;
  credentials: { number: string; password: string };
  /** Client headers; `Prefer` picks a documented response on the mock. */
  headers?: Record<string, string>;
  want: Expectation;
}

/** A request the client would refuse to send, sent raw: the server must still answer as the spec says. */
export interface RawCase {
  name: string;
  headers: Record<string, string>;
  body: string;
  want: Expectation;
}

const form = (fields: Record<string, string>) =>
  new URLSearchParams({ grant_type: 'mobile_phone', ...fields }).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'x-merchant-id': defaultMerchantId };

export const clientCases: ClientCase[] = [
  { name: 'the example credentials get a token', credentials: credentialsExample, want: { status: 200 } },
  ...parseTestInputs(operation[testInputsExtension], `POST ${confirmPath}`).map((input) => ({
    name: `test input: ${input.description}`,
    credentials: { ...credentialsExample, ...input.given } as ClientCase['credentials'],
    want: { status: input.status, body: errorExamples[input.example] as JsonObject },
  })),
];

/** Cases that only the mock can answer: Prefer picks each documented 400 example. */
export const mockOnlyCases: ClientCase[] = Object.entries(errorExamples).map(([name, value]) => ({
  name: `Prefer picks the documented 400 example "${name}"`,
  credentials: credentialsExample,
  headers: { prefer: `code=400, example=${name}` },
  want: { status: 400, body: value as JsonObject },
}));

export const rawCases: RawCase[] = [
  {
    name: 'a number without its +',
    headers: formHeaders,
    body: form({ number: '447871239999', password: credentialsExample.password }),
    want: { status: 400, body: { field: 'number' } },
  },
  {
    name: 'a + sent unencoded, which arrives as a space',
    headers: formHeaders,
    body: `grant_type=mobile_phone&number=${credentialsExample.number}&password=${credentialsExample.password}`,
    want: { status: 400, body: { field: 'number' } },
  },
  {
    name: 'no X-Merchant-ID',
    headers: { 'content-type': formHeaders['content-type'] },
    body: form(credentialsExample),
    want: { status: 400, body: { field: 'X-Merchant-ID' } },
  },
  {
    name: 'a JSON body',
    headers: { ...formHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'mobile_phone', ...credentialsExample }),
    want: { status: 400 },
  },
];

/** What is wrong with an observed answer: against the spec, then against the case's expectation. */
function judge(observed: ObservedResponse, want: Expectation): string[] {
  const violations = responseViolations('POST', confirmPath, observed);
  if (observed.status !== want.status) violations.push(`status ${observed.status}, expected ${want.status}`);
  if (want.body) {
    const body = JSON.parse(observed.body) as JsonObject;
    for (const [key, value] of Object.entries(want.body)) {
      if (JSON.stringify(body[key]) !== JSON.stringify(value)) {
        violations.push(`body.${key} is ${JSON.stringify(body[key])}, expected ${JSON.stringify(value)}`);
      }
    }
  }
  return violations;
}

/** Runs a case through @vault/client and returns its violations; `fetch` lets a test tamper with the wire. */
export async function checkClientCase(
  baseUrl: string,
  testCase: ClientCase,
  fetch: (request: Request) => Promise<Response> = globalThis.fetch,
): Promise<string[]> {
  let observed: ObservedResponse | undefined;
  const recordingFetch = async (request: Request) => {
    const response = await fetch(request);
    observed = { status: response.status, headers: response.headers, body: await response.clone().text() };
    return response;
  };
  const client = createVaultClient({
    baseUrl,
    fetch: recordingFetch,
    ...(testCase.headers ? { headers: testCase.headers } : {}),
  });
  const outcome = await client.confirmPhoneNumber(testCase.credentials).then(
    () => 'token',
    (error: unknown) => error,
  );
  if (!observed) return [`no response: ${isVaultError(outcome) ? outcome.message : String(outcome)}`];
  const violations = judge(observed, testCase.want);
  // The client must report what the server said: a token for a 2xx, a VaultApiError with the same status otherwise.
  const clientAgrees =
    observed.status < 300
      ? outcome === 'token'
      : outcome instanceof VaultApiError && outcome.status === observed.status;
  if (!clientAgrees) violations.push(`the client reported ${isVaultError(outcome) ? outcome.kind : String(outcome)}`);
  return violations;
}

/** Sends a raw case and returns its violations. */
export async function checkRawCase(baseUrl: string, testCase: RawCase): Promise<string[]> {
  const response = await fetch(`${baseUrl}${confirmPath}`, {
    method: 'POST',
    headers: testCase.headers,
    body: testCase.body,
  });
  return judge({ status: response.status, headers: response.headers, body: await response.text() }, testCase.want);
}
