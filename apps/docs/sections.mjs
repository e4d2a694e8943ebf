// @ts-check
// What the page adds to the spec's own text, as Markdown for Redoc: the download links of the overview, and the
// sections after the operations: using the token, every error code, and what changed in each release. The decorators
// add each section as a tag without operations (`x-traitTag`), which gives it a place of its own in the menu.
// Markdown joins the lines of a paragraph or a list item, so the text is kept in lines of a readable length.

/**
 * Links that download the OpenAPI document as the spec package has it (scripts/build-page.mjs puts it beside the
 * page), as HTML: a Markdown link would open the file in the browser instead.
 */
export const downloadLinks = [
  'Download the OpenAPI document this page is built from, for your own generator or tests:',
  '<a href="openapi.json" download>openapi.json</a>, <a href="openapi.yaml" download>openapi.yaml</a>.',
].join(' ');

/**
 * How to use the token once obtained, with the client's token session as the one-line way. `samples` is the TypeScript
 * sample once per server of the page, so that it can be copied for either.
 * @param {{ name: string, source: string }[]} samples
 */
export function tokenGuide(samples) {
  return [
    '1. **Obtain it** with the operation above: `access_token` is the token, and `expires_in` the seconds it stays',
    '   valid, counted from your request.',
    '2. **Send it** to the other Vault resources in the `Authorization` header:',
    '   `Authorization: Bearer <access_token>`. The token operation itself needs none.',
    '3. **Renew it before `expires_in` runs out**: ask for a new one a little earlier, so that none expires in flight.',
    '   A resource answers an expired token with 401: get a new one and send the request once more.',
    '',
    '`createTokenSession` of `@vault/client` does all three in one line: it obtains the token, keeps it, and gets a',
    'new one 30 s before it expires. Its `middleware` authorizes an openapi-fetch client of a resource',
    '(`client.use(session.middleware)`) and retries once with a new token after a 401.',
    ...samples.flatMap(({ name, source }) => ['', `With the ${name}:`, '', '```ts', source, '```']),
  ].join('\n');
}

/**
 * One code of the catalogue as a list item: its errorId, status, meaning and next step.
 * @param {import('@vault/spec/errors').ErrorCode} code
 */
function errorItem({ error, errorId, status, meaning, nextStep, mockOnly }) {
  return (
    `- **\`${error}\`** errorId ${errorId}, HTTP ${status}${mockOnly ? ', *mock only*' : ''}: ${meaning}\n` +
    `  **Next:** ${nextStep}`
  );
}

/**
 * The error codes one operation can answer, each as the catalogue has it (or with its status alone, when the
 * catalogue lacks it), under a heading of the operation's description.
 * @param {{ error: string, status: string }[]} codes
 * @param {import('@vault/spec/errors').ErrorCode[]} catalogue
 */
export function operationErrorsSection(codes, catalogue) {
  const items = codes.map(({ error, status }) => {
    const listed = catalogue.find((code) => code.error === error);
    return listed === undefined ? `- **\`${error}\`** HTTP ${status}` : errorItem(listed);
  });
  return ['## Errors', '', 'The error codes this operation answers (see "Errors" for them all):', '', ...items].join(
    '\n',
  );
}

/**
 * The error catalogue, one item per `error` code with its `errorId`, HTTP status, meaning and the caller's next step,
 * the codes that only the mock sends marked as such. A list, not a table: a table of sentences does not fit a phone.
 * @param {import('@vault/spec/errors').ErrorCode[]} catalogue
 */
export function errorsSection(catalogue) {
  const items = catalogue.map(errorItem);
  return [
    'Every error comes as an `ErrorResponse` in JSON: `error` names what went wrong and `errorId` numbers it,',
    '`message` says it to people, and `field`, when there is one, names the part of the request at fault. Only the',
    'mock sends the codes marked *mock only*.',
    '',
    ...items,
  ].join('\n');
}

/**
 * What changed in each release, from the spec's CHANGELOG.md as Changesets writes it (`# <package>`, then a
 * `## <version>` per release, newest first), or a sentence saying that there is no release history yet.
 * @param {string | undefined} changelog the file's text, undefined when there is none
 * @param {string} version the API's version now
 */
export function changesSection(changelog, version) {
  if (changelog === undefined) return `No release has changed the API yet: ${version} is its first version.`;
  const releases = changelog
    .replace(/^# .*\n+/, '') // the package's name
    .replaceAll(/^- [0-9a-f]{7,40}: /gm, '- ') // the commit of each change, which says nothing to a reader of the API
    .trim();
  if (!/^## \S/m.test(releases)) {
    throw new Error(
      'the spec has a CHANGELOG.md with no "## <version>" heading: not a changelog that Changesets wrote',
    );
  }
  return [
    'What changed in the API in each release, newest first. Breaking changes come first in each, marked **Breaking**.',
    '',
    releases,
  ].join('\n');
}
