// The mock against the engine it wraps, on real OpenAPI documents that no one here wrote: GitHub's REST API (1,223
// operations) and every document of ReadMe's collection of classic examples. Each document is served by `vault-mock
// --spec` and by `prism mock`; one valid request per operation, built from the document's own examples, goes to both;
// their answers are compared. Then, on GitHub's document, start-up and the throughput of a GET and a JSON POST.
// Prints a table and saves the counts; asserts nothing.
import { readFileSync } from 'node:fs';
import { operations } from '@vault/spec/document';
import { exampleRequest } from '@vault/test-fixtures';
import autocannon from 'autocannon';
import { saveResults } from '../results.mjs';
import { classicExamples, githubSpec } from './public-specs.mjs';
import { candidates, spawnUntilServing, stop } from './servers.mjs';

const loadSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 20;
const probe = { method: 'GET', path: '/__vault_bench_probe__' };
const isSuccess = (status) => status >= 200 && status < 300;

/** Every operation's example request; an operation the builder cannot make one for is counted, not sent. */
function requestsOf(document) {
  return operations(document).map((entry) => {
    try {
      const { name, method, target, headers, body } = exampleRequest(document, entry);
      return { name, method, path: target, headers, ...(body === undefined ? {} : { body }) };
    } catch (error) {
      return { name: `${entry.method.toUpperCase()} ${entry.path}`, unbuilt: String(error) };
    }
  });
}

async function answer(url, request) {
  try {
    // A redirect is an answer: following it would leave loopback.
    const response = await fetch(`${url}${request.path}`, { ...request, redirect: 'manual' });
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    // A refusal, as against an answer the spec documents: Prism's server lists the request's violations in a header
    // (warnings too, on a 2xx); the mock answers with an error of its own.
    const violations = response.headers.get('sl-violations');
    const refused = response.status >= 400 && (violations !== null || body?.systemId === 'vault-mock');
    return { status: response.status, field: body?.field, refused, violation: violations?.slice(0, 200) };
  } catch (error) {
    return { status: 0, field: undefined, error: String(error.cause ?? error) };
  }
}

/** Both servers' answers to each operation's request, or why a server could not serve the document. */
async function compare(file) {
  const document = JSON.parse(readFileSync(file, 'utf8'));
  const requests = requestsOf(document);
  const servers = [];
  try {
    for (const candidate of candidates) servers.push(await spawnUntilServing(candidate, file, probe));
  } catch (error) {
    await Promise.all(servers.map(({ child }) => stop(child)));
    return { requests, failedToServe: String(error.message) };
  }
  const answers = [];
  for (const request of requests) {
    if (request.unbuilt) continue;
    answers.push({
      request,
      ours: await answer(servers[0].url, request),
      prism: await answer(servers[1].url, request),
    });
  }
  await Promise.all(servers.map(({ child }) => stop(child)));
  return { requests, answers };
}

const tally = {
  documents: 0,
  notServed: [],
  operations: 0,
  compared: 0,
  unbuilt: 0,
  bothAccept: 0,
  refusedWherePrismAccepts: [],
  acceptedWherePrismRefuses: [],
  bothRefuse: 0,
  bothRefuseNamed: 0,
  refusedUnnamed: [],
  ours5xx: [],
  prism5xx: 0,
};

function count(name, { requests, answers = [], failedToServe }) {
  tally.documents++;
  console.log(`${name}: ${failedToServe ? `not served (${failedToServe})` : `${answers.length} operations compared`}`);
  if (failedToServe) {
    tally.notServed.push(`${name}: ${failedToServe}`);
    return;
  }
  tally.operations += requests.length;
  tally.unbuilt += requests.filter((request) => request.unbuilt).length;
  tally.compared += answers.length;
  for (const { request, ours, prism } of answers) {
    const where = `${name} ${request.name}: ${ours.status} where prism mock answers ${prism.status}`;
    if (ours.status >= 500 || ours.status === 0) tally.ours5xx.push(where);
    if (prism.status >= 500 || prism.status === 0) tally.prism5xx++;
    if (isSuccess(prism.status) && isSuccess(ours.status)) tally.bothAccept++;
    if (isSuccess(prism.status) && !isSuccess(ours.status)) tally.refusedWherePrismAccepts.push(where);
    if (prism.refused) {
      if (!ours.refused) tally.acceptedWherePrismRefuses.push(where);
      else {
        tally.bothRefuse++;
        if (typeof ours.field === 'string') tally.bothRefuseNamed++;
        else tally.refusedUnnamed.push(`${where} (${prism.violation})`);
      }
    }
  }
}

const github = githubSpec();
count('GitHub REST API', await compare(github));
for (const { name, file } of classicExamples()) count(name, await compare(file));

/** Start-up, then `seconds` of load on one request, of each server on GitHub's document. */
async function loadOnGithub(request) {
  const figures = new Map();
  for (const candidate of candidates) {
    const { child, url, startupMs } = await spawnUntilServing(candidate, github, probe);
    const load = await autocannon({ url, connections, duration: loadSeconds, requests: [request] });
    await stop(child);
    figures.set(candidate.name, {
      startupMs,
      requestsPerSecond: load.requests.average,
      p99Ms: load.latency.p99,
      non2xx: load.non2xx,
    });
  }
  return figures;
}
const githubRequests = requestsOf(JSON.parse(readFileSync(github, 'utf8')));
const getRequest = githubRequests.find((request) => request.name === 'repos/get');
const postRequest = githubRequests.find((request) => request.name === 'repos/create-for-authenticated-user');
const getLoad = await loadOnGithub(getRequest);
const postLoad = await loadOnGithub(postRequest);

const [ours, baseline] = candidates.map((candidate) => candidate.name);
const ratio = (value, base) => (base > 0 ? (value / base).toFixed(2) : 'n/a');
console.log(`\nDifferential: ${tally.documents} documents, ${tally.operations} operations`);
for (const [label, list] of [
  ['refused where prism mock answers 2xx', tally.refusedWherePrismAccepts],
  ['answered 5xx (or no answer)', tally.ours5xx],
  ['not refused where prism mock refuses', tally.acceptedWherePrismRefuses],
  ['refused without naming the field', tally.refusedUnnamed],
  ['documents a server could not serve', tally.notServed],
]) {
  console.log(`\n${label}: ${list.length}`);
  for (const line of list.slice(0, 20)) console.log(`  ${line}`);
}
const rows = [
  {
    measure: 'requests refused where prism mock answers 2xx',
    value: String(tally.refusedWherePrismAccepts.length),
    baseline: `${tally.bothAccept + tally.refusedWherePrismAccepts.length} answered 2xx by ${baseline}`,
    ratio: ratio(tally.refusedWherePrismAccepts.length, tally.bothAccept + tally.refusedWherePrismAccepts.length),
    target: '0',
  },
  {
    measure: 'answers 5xx (or none)',
    value: String(tally.ours5xx.length),
    baseline: `${tally.prism5xx} (${baseline})`,
    ratio: ratio(tally.ours5xx.length, tally.prism5xx),
    target: `≤ ${baseline}'s`,
  },
  {
    measure: 'refused where prism mock refuses, naming the field',
    value: `${tally.bothRefuseNamed} of ${tally.bothRefuse}`,
    baseline: `${tally.bothRefuse + tally.acceptedWherePrismRefuses.length} refused by ${baseline}`,
    ratio: ratio(tally.bothRefuseNamed, tally.bothRefuse + tally.acceptedWherePrismRefuses.length),
    target: '1.00',
  },
];
for (const [kind, figures] of [
  ['GitHub GET /repos/{owner}/{repo}', getLoad],
  ['GitHub JSON POST /user/repos', postLoad],
]) {
  const [a, b] = [figures.get(ours), figures.get(baseline)];
  rows.push({
    measure: `${kind}: throughput (p99)`,
    value: `${a.requestsPerSecond.toFixed(0)} req/s (${a.p99Ms} ms)`,
    baseline: `${b.requestsPerSecond.toFixed(0)} req/s (${b.p99Ms} ms) (${baseline})`,
    ratio: ratio(a.requestsPerSecond, b.requestsPerSecond),
    target: '≥ 3.00',
  });
}
rows.push({
  measure: 'GitHub REST API: start to first answer',
  value: `${getLoad.get(ours).startupMs.toFixed(0)} ms`,
  baseline: `${getLoad.get(baseline).startupMs.toFixed(0)} ms (${baseline})`,
  ratio: ratio(getLoad.get(ours).startupMs, getLoad.get(baseline).startupMs),
  target: '≤ 0.50',
});
saveResults(
  'mock-differential',
  rows,
  `${tally.documents} public documents (GitHub's REST API from @octokit/openapi 23.0.2, and every JSON document of ` +
    `@readme/oas-examples 8.2.2), ${tally.operations} operations, ${tally.compared} compared (${tally.unbuilt} without an ` +
    `example request; ${tally.notServed.length} documents that a server could not serve). One valid request per ` +
    `operation from the document's examples (@vault/test-fixtures' exampleRequest), sent to vault-mock --spec and to ` +
    `prism mock. Throughput: ${loadSeconds} s of autocannon load at ${connections} connections each.`,
);
