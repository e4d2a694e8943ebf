// The property-based checks are only worth something if each catches the fault it is named for, including faults that
// only generated inputs reach (a Unicode value, a length, a boundary number). Each server here stands in front of a
// mock of the multi-operation fixture and breaks the contract in one way; the suite must report that check, with a
// curl command that replays the fault.
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { type RunningMock, startMock } from '@vault/mock';
import { multiOperationSpec, readSpecFile } from '@vault/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Check, runPropertyChecks } from './properties.js';

interface Exchange {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
interface Fault {
  /** Rewrites the request before the mock sees it. */
  request?(exchange: Exchange): Exchange;
  /** Rewrites the mock's answer, or answers in its stead. */
  answer?(exchange: Exchange, answer: Answer): Answer;
}

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ spec: multiOperationSpec });
});
afterAll(() => mock.close());

/** A server that forwards to the mock, with `fault` applied. */
async function brokenServer(fault: Fault): Promise<{ url: string; server: Server }> {
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const given: Exchange = {
      method: incoming.method ?? 'GET',
      url: new URL(incoming.url ?? '/', mock.url),
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const exchange = fault.request?.(given) ?? given;
    const headers = Object.entries(exchange.headers).flatMap(([name, value]) =>
      name === 'host' || name === 'content-length' || value === undefined
        ? []
        : [[name, String(value)] as [string, string]],
    );
    const response = await fetch(new URL(`${exchange.url.pathname}${exchange.url.search}`, mock.url), {
      method: exchange.method,
      headers,
      redirect: 'manual',
      ...(exchange.body === '' ? {} : { body: exchange.body }),
    });
    const answered: Answer = {
      status: response.status,
      headers: Object.fromEntries(
        [...response.headers].filter(
          ([name]) => !['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date'].includes(name),
        ),
      ),
      body: await response.text(),
    };
    const { status, headers: answerHeaders, body } = fault.answer?.(exchange, answered) ?? answered;
    outgoing.writeHead(status, answerHeaders).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const refusal = (message: string): Answer => ({
  status: 400,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: 'VALIDATION', errorId: 1, message, systemId: 'broken', field: 'body' }),
});
const isPayment = ({ method, url }: Exchange) => method === 'POST' && url.pathname === '/v2/payments';
const paymentOf = (exchange: Exchange) => {
  try {
    return JSON.parse(exchange.body) as { beneficiary?: { name?: string }; references?: string[] };
  } catch {
    return {};
  }
};

const faults: [string, { given: Fault; want: Check }][] = [
  [
    'a 500 for a payment whose body holds a character outside ASCII, which only generated inputs send',
    {
      given: {
        answer: (exchange, answer) =>
          isPayment(exchange) && /[^\x20-\x7e]/.test(exchange.body)
            ? { status: 500, headers: { 'content-type': 'text/plain' }, body: 'boom' }
            : answer,
      },
      want: 'not_a_server_error',
    },
  ],
  [
    'a valid payment refused when the beneficiary’s name is over 12 characters (the spec allows 70)',
    {
      given: {
        answer: (exchange, answer) =>
          isPayment(exchange) && answer.status === 201 && (paymentOf(exchange).beneficiary?.name?.length ?? 0) > 12
            ? refusal('name too long')
            : answer,
      },
      want: 'positive_data_acceptance',
    },
  ],
  [
    'a page size over its maximum of 100 served as if it were 100, a boundary that only the bound itself reaches',
    {
      given: {
        request: (exchange) => {
          const limit = Number(exchange.url.searchParams.get('limit'));
          if (limit > 100) exchange.url.searchParams.set('limit', '100');
          return exchange;
        },
      },
      want: 'negative_data_rejection',
    },
  ],
  [
    'a payment without its Idempotency-Key taken all the same',
    {
      given: {
        request: (exchange) => ({
          ...exchange,
          headers: { 'idempotency-key': '4c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', ...exchange.headers },
        }),
      },
      want: 'missing_required_header',
    },
  ],
  [
    'a request without credentials served as if it had them',
    {
      given: {
        request: (exchange) => ({ ...exchange, headers: { authorization: 'Bearer forged', ...exchange.headers } }),
      },
      want: 'ignored_auth',
    },
  ],
  [
    'a 200 where the spec documents 201, for a payment with three references',
    {
      given: {
        answer: (exchange, answer) =>
          isPayment(exchange) && paymentOf(exchange).references?.length === 3 ? { ...answer, status: 200 } : answer,
      },
      want: 'status_code_conformance',
    },
  ],
  [
    'JSON answers sent as text/plain',
    {
      given: {
        answer: (_exchange, answer) =>
          answer.headers['content-type'] === 'application/json'
            ? { ...answer, headers: { ...answer.headers, 'content-type': 'text/plain' } }
            : answer,
      },
      want: 'content_type_conformance',
    },
  ],
  [
    'a 201 without the Location it documents',
    {
      given: {
        answer: (_exchange, answer) => {
          const { location: _dropped, ...headers } = answer.headers;
          return { ...answer, headers };
        },
      },
      want: 'response_headers_conformance',
    },
  ],
  [
    'a payment answered with a status outside its enum',
    {
      given: {
        answer: (exchange, answer) =>
          isPayment(exchange) && answer.status === 201
            ? { ...answer, body: JSON.stringify({ ...JSON.parse(answer.body), status: 'lost' }) }
            : answer,
      },
      want: 'response_schema_conformance',
    },
  ],
  [
    'a 405 without the Allow header HTTP requires',
    {
      given: {
        answer: (_exchange, answer) => {
          const { allow: _dropped, ...headers } = answer.headers;
          return { ...answer, headers };
        },
      },
      want: 'unsupported_method',
    },
  ],
];

describe('the property-based checks against a server that breaks the contract in one way', () => {
  const document = readSpecFile(multiOperationSpec);

  it.each(faults)('catch %s', async (_name, { given, want }) => {
    const { url, server } = await brokenServer(given);
    try {
      const failures = await runPropertyChecks({ baseUrl: url, document, seed: 20261206, runs: 50 });
      const caught = failures.find((failure) => failure.check === want);
      expect(caught, JSON.stringify(failures, null, 2)).toMatchObject({
        check: want,
        curl: expect.stringMatching(new RegExp(`^curl -i -X [A-Z]+ '${url}/`)),
        seed: 20261206,
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('print a curl command that replays the shrunk failure', async () => {
    const [, { given }] = faults[0] as (typeof faults)[number];
    const { url, server } = await brokenServer(given);
    try {
      const [failure] = await runPropertyChecks({ baseUrl: url, document, seed: 20261206, runs: 50 });
      const { stdout } = await promisify(execFile)('bash', ['-c', failure?.curl ?? 'false']);
      expect(stdout.split('\r\n')[0]).toBe('HTTP/1.1 500 Internal Server Error');
      // Shrunk: of the generated body's characters, one outside ASCII is left where the fault needs one.
      expect([...(failure?.curl ?? '')].filter((char) => /[^\x20-\x7e]/.test(char))).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
