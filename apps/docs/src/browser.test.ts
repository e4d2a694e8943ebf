import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundledSpecJson, bundledSpecYaml, releaseHistory } from '@vault/spec';
import { type JsonObject, operations, readBundledSpec } from '@vault/spec/document';
import { errorCatalogue } from '@vault/spec/errors';
import { multiOperationSpec, readSpecFile } from '@vault/test-fixtures';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDocsServer } from './serve.js';

// Debian's chromium: `.ci/run` installs it; nothing here downloads a browser.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = fileURLToPath(new URL('../screenshots/', import.meta.url));
const deepLink = '/#/authentication/confirmphonenumber';
const sandbox = 'https://api.vault.sandbox.testessential.net';
const localMock = 'http://127.0.0.1:4010';
const bundle = readBundledSpec() as { info: { version: string } };

let docs: Awaited<ReturnType<typeof startDocsServer>>;
let browser: Browser;
let page: Page;
const blockedRequests: string[] = [];
const failedRequests: string[] = [];
const notFound: string[] = [];
const consoleErrors: string[] = [];

/** A new page of the given size that must work offline: anything not served by the local docs server is refused. */
async function offlinePage(width: number, height: number): Promise<Page> {
  const opened = await browser.newPage({ viewport: { width, height } });
  await opened.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || route.request().url().startsWith('data:')) return route.continue();
    blockedRequests.push(route.request().url());
    return route.abort();
  });
  opened.on('requestfailed', (request) => failedRequests.push(`${request.url()} ${request.failure()?.errorText}`));
  opened.on('response', (response) => {
    if (response.status() === 404) notFound.push(response.url());
  });
  opened.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  opened.on('pageerror', (error) => consoleErrors.push(error.message));
  return opened;
}

beforeAll(async () => {
  if (!existsSync(chromiumPath))
    throw new Error(`No browser at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH)`);
  docs = await startDocsServer({ port: 0 });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  page = await offlinePage(1400, 1000);
  await page.goto(`${docs.url}/`, { waitUntil: 'networkidle' });
  // Reported, not asserted: timings come from benchmarks, and this one is a single run on a shared machine.
  const { loadEventEnd, domContentLoadedEventEnd } = await page.evaluate(
    // The entry's fields are getters, which only its toJSON() copies out of the page.
    () => performance.getEntriesByType('navigation')[0]?.toJSON() as PerformanceNavigationTiming,
  );
  console.log(
    `The docs page loaded in ${Math.round(loadEventEnd)} ms (DOM after ${Math.round(domContentLoadedEventEnd)} ms).`,
  );
  // A reader opens the operation from the tag's list; this only works once Redoc's script runs in the page.
  await page.getByText('/v2/mobile/phone/confirm').first().click();
  await page.waitForURL(/confirmphonenumber/);
});

afterAll(async () => {
  await browser?.close();
  await docs?.close();
});

describe('the docs page in a real browser, offline', () => {
  it.each([
    ['the path', '/v2/mobile/phone/confirm'],
    ['the merchant header', 'X-Merchant-ID'],
    ['the grant_type field', 'grant_type'],
    ['the number field', 'number'],
    ['the password field', 'password'],
    ['the token field of the 200', 'access_token'],
    ['the test inputs section', 'Testing with the mock'],
    ['a test input', '+447700900400'],
    ['the cURL sample', '--data-urlencode'],
  ])('shows %s', async (_name, text) => {
    // Exact text: a field's name is an element of its own, not a word inside a sentence or a heading.
    const shown = page.getByText(text, { exact: true }).filter({ visible: true }).first();
    await shown.waitFor({ state: 'visible', timeout: 10_000 }); // Redoc renders the operation after navigation
    expect(await shown.textContent()).toBe(text);
  });

  it.each(['200', '400'])('shows the %s response as a tab', async (status) => {
    const tab = page.getByRole('tab', { name: status, exact: true }).first();
    await tab.waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('shows the operation as a heading', async () => {
    const heading = page.getByRole('heading', { name: 'Exchange a phone number and password for an access token' });
    await expect(heading.isVisible()).resolves.toBe(true);
  });

  it('tells a reader outside this repository how to start the mock', async () => {
    const commands = page.locator('pre', { hasText: 'npx vault-mock' }).first();
    expect((await commands.textContent())?.trim()).toBe('npm install --save-dev @vault/mock\nnpx vault-mock');
  });

  it('offers the sandbox and the local mock as servers of the operation', async () => {
    await page
      .locator('.panel-request-samples')
      .getByRole('button', { name: /^post ?\/v2\/mobile\/phone\/confirm$/i })
      .click();
    const servers = page.getByRole('menuitem');
    await servers.first().waitFor({ timeout: 10_000 });
    expect(await servers.allTextContents()).toEqual([
      expect.stringContaining(`${sandbox}/v2/mobile/phone/confirm`),
      expect.stringContaining(`${localMock}/v2/mobile/phone/confirm`),
    ]);
    await page.keyboard.press('Escape');
  });

  it.each([
    ['cURL (sandbox)', `--url '${sandbox}/v2/mobile/phone/confirm'`],
    ['cURL (local mock)', `--url '${localMock}/v2/mobile/phone/confirm'`],
    ['TypeScript (sandbox)', `createVaultClient({ baseUrl: '${sandbox}' })`],
    ['TypeScript (local mock)', `createVaultClient({ baseUrl: '${localMock}' })`],
  ])('shows the %s sample when the reader picks it', async (label, line) => {
    await page
      .locator('.panel-request-samples')
      .getByRole('button', { name: /^(cURL|TypeScript) \((sandbox|local mock)\)$/ })
      .click();
    await page.getByRole('menuitem', { name: label, exact: true }).click();
    const sample = page.locator('.panel-request-samples pre').first();
    await expect.poll(() => sample.textContent(), { timeout: 10_000 }).toContain(line);
  });

  it('has an icon of its own, inline, so that no browser asks the server for one', async () => {
    const icon = await page.evaluate(async () => {
      const href = document.querySelector('link[rel="icon"]')?.getAttribute('href');
      if (!href) return { href };
      const image = new Image();
      image.src = href;
      await image.decode();
      return { href: href.slice(0, 'data:image/svg+xml,'.length), drawn: image.naturalWidth > 0 };
    });
    expect(icon).toEqual({ href: 'data:image/svg+xml,', drawn: true });
  });
});

describe('the page beside the operation', () => {
  let sections: Page;
  beforeAll(async () => {
    sections = await offlinePage(1400, 1000);
  });

  /** Opens the section at the menu's deep link `#id` once Redoc has rendered it, for the tests of a describe. */
  function openSection(id: string) {
    const section = () => sections.locator(`[data-section-id="${id}"]`);
    beforeAll(async () => {
      await sections.goto(`${docs.url}/#${id}`, { waitUntil: 'networkidle' });
      await section().getByRole('heading').first().waitFor({ timeout: 10_000 });
    });
    return section;
  }

  describe('the download of the OpenAPI document', () => {
    openSection('/');

    it.each([
      ['openapi.json', bundledSpecJson],
      ['openapi.yaml', bundledSpecYaml],
    ])('downloads %s, byte for byte the bundle of @vault/spec', async (file, bundle) => {
      const link = sections.getByRole('link', { name: file, exact: true });
      expect(await link.getAttribute('href')).toBe(file); // beside the page, served or opened from disk alike
      const [download] = await Promise.all([sections.waitForEvent('download'), link.click()]);
      expect((await readFile(await download.path())).equals(readFileSync(bundle))).toBe(true);
    });
  });

  describe('the error catalogue', () => {
    const errors = openSection('/errors');

    it.each(errorCatalogue(bundle).map((code) => [code.error, code] as const))(
      'lists %s with its errorId, status, meaning, next step and whether only the mock sends it',
      async (error, { errorId, status, meaning, nextStep, mockOnly }) => {
        const item = errors()
          .getByRole('listitem')
          .filter({ has: sections.getByText(error, { exact: true }) });
        const text = (await item.textContent()) ?? '';
        // The catalogue is Markdown: what it puts in backticks the page shows as code.
        for (const part of [`errorId ${errorId}, HTTP ${status}`, meaning, nextStep])
          expect(text).toContain(part.replaceAll('`', ''));
        expect(text.includes('mock only')).toBe(mockOnly);
      },
    );
  });

  describe('the changes', () => {
    const changes = openSection('/changes');

    it('shows the latest release, or says that there is none yet', async () => {
      const history = existsSync(releaseHistory) ? readFileSync(releaseHistory, 'utf8') : undefined;
      const latest = history === undefined ? undefined : /^## (\S+)/m.exec(history)?.[1];
      const shown = latest
        ? changes().getByRole('heading', { name: latest, exact: true })
        : changes().getByText(`No release has changed the API yet: ${bundle.info.version} is its first version.`, {
            exact: true,
          });
      await shown.waitFor({ timeout: 10_000 });
    });
  });

  describe('the guide to using the token', () => {
    const guide = openSection('/using-the-token');

    it.each([
      ['how to send the token', 'Authorization: Bearer <access_token>'],
      ['its lifetime', 'expires_in'],
      ['the one-line way', 'createTokenSession'],
    ])('explains %s', async (_what, code) => {
      await guide().getByText(code, { exact: true }).first().waitFor({ timeout: 10_000 });
    });

    it.each([
      ['sandbox', sandbox],
      ['local mock', localMock],
    ])('gives the token session sample for the %s', async (name, url) => {
      await guide().getByText(`With the ${name}:`, { exact: true }).waitFor({ timeout: 10_000 });
      const sample = guide().locator('pre', { hasText: `createVaultClient({ baseUrl: '${url}' })` });
      expect(await sample.textContent()).toContain('session.getAccessToken()');
    });
  });
});

/**
 * Text in the page that runs out of its box, as "text (why)" lines, and how many boxes were looked at. A box holds
 * its text when its content is no wider than it is (scrollWidth against clientWidth), unless it scrolls sideways on
 * purpose (overflow-x auto or scroll). A word broken over two lines did not fit its box either: that is how
 * "Authenticatio|n" and "+4477009|00400" fitted boxes too narrow for them. Code may wrap anywhere, but may not scroll:
 * Redoc's code blocks scroll sideways, and a reader takes the part scrolled out of sight for the end of the line.
 * Runs in the page.
 */
function textOutsideItsBox({ selector, wordsMayBreak, mayScroll }: FitRules & { selector: string }) {
  const problems: string[] = [];
  const boxes = [...document.querySelectorAll(selector)];
  for (const box of boxes) {
    const scrolls = mayScroll && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
    const excerpt = (box.textContent ?? '').trim().slice(0, 50);
    if (box.scrollWidth > box.clientWidth && !scrolls)
      problems.push(`${excerpt} (${box.scrollWidth - box.clientWidth}px wider than its box)`);
    if (wordsMayBreak) continue;
    const texts = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      // A hyphen is where a line may break ("Multi-|operation"); anywhere else, a word broke because its box is too narrow.
      for (const word of (text.textContent ?? '').matchAll(/[^\s-]+-*/g)) {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) problems.push(`${excerpt} (breaks "${word[0]}" over ${lines.size} lines)`);
      }
    }
  }
  return { looked: boxes.length, problems };
}
type FitRules = { wordsMayBreak: boolean; mayScroll: boolean };

/** The boxes whose text must fit, by what they are: headings, table cells and the lines of the samples. */
const fitChecks: [string, string, FitRules][] = [
  ['heading', '#api-content :is(h1, h2, h3, h4, h5, h6)', { wordsMayBreak: false, mayScroll: true }],
  ['table cell', '#api-content :is(td, th)', { wordsMayBreak: false, mayScroll: true }],
  [
    'line of a sample',
    ':is(.panel-request-samples, .panel-response-samples) pre',
    { wordsMayBreak: true, mayScroll: false },
  ],
];

/**
 * Renders every section of the page, scrolled back to the top. Redoc renders a section once it is scrolled to, and
 * then paints it only while it is near the screen (content-visibility: auto): a full-page screenshot or a measure of
 * the others would find them blank.
 */
async function renderEverySection(rendered: Page): Promise<void> {
  const sections = rendered.locator('[data-section-id]');
  const ids = await sections.evaluateAll((boxes) => boxes.map((box) => box.getAttribute('data-section-id')));
  for (const [index, id] of ids.entries())
    await scrollUntilDrawn(rendered, sections.nth(index), `${id} (${index + 1})`);
  await rendered.evaluate(() => window.scrollTo(0, 0));
  await rendered.addStyleTag({ content: '* { content-visibility: visible !important; }' });
}

/**
 * Scrolls to a section until Redoc has drawn it. On a busy machine drawing can take seconds, the scroll come before
 * Redoc watches for it, or Redoc replace the section's box while it is scrolled to; so each new try scrolls from the
 * top, which Redoc sees as a scroll, to the section as it is then.
 */
async function scrollUntilDrawn(rendered: Page, section: Locator, name: string): Promise<void> {
  const tries = 5;
  for (let tried = 1; ; tried++) {
    try {
      await section.scrollIntoViewIfNeeded({ timeout: 5_000 });
      await section.locator(':scope > *').first().waitFor({ state: 'attached', timeout: 5_000 });
      return;
    } catch (error) {
      if (tried === tries)
        throw new Error(`Redoc drew nothing in section ${name}, scrolled to ${tries} times`, { cause: error });
      await rendered.evaluate(() => window.scrollTo(0, 0));
    }
  }
}

/** Where the rightmost text of the page's content ends, and where the floating menu button begins. Runs in the page. */
function textBesideMenuButton() {
  const button = document.querySelector('[data-testid="floating-button"]');
  const content = document.getElementById('api-content');
  if (!button || !content) throw new Error('Redoc drew no menu button or no content');
  let textRight = 0;
  const texts = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let text = texts.nextNode(); text; text = texts.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const rect of range.getClientRects()) textRight = Math.max(textRight, rect.right);
  }
  return { textRight, buttonLeft: button.getBoundingClientRect().left };
}

describe.each([
  { width: 390, phone: true },
  { width: 1440, phone: false },
])('the deep link to the operation, $width px wide', ({ width, phone }) => {
  let deepPage: Page;
  const operation = () => deepPage.locator('[id="authentication/confirmphonenumber"]');
  const operationTop = () => operation().evaluate((section) => Math.round(section.getBoundingClientRect().top));
  /** Where the operation is on the screen once it has stopped moving; NaN while it moves. */
  const settledTop = async () => {
    const before = await operationTop();
    await deepPage.waitForTimeout(300);
    return before === (await operationTop()) ? before : Number.NaN;
  };

  beforeAll(async () => {
    deepPage = await offlinePage(width, 900);
    await deepPage.goto(`${docs.url}${deepLink}`, { waitUntil: 'networkidle' });
    // Hydrated once both are there: the page as served has the overview but not the operation, Redoc's first render
    // the operation alone.
    // The overview is two sections of that id: its heading, and the spec's description.
    await deepPage.locator('[data-section-id="/"]').first().waitFor({ state: 'attached' });
    await operation().waitFor({ state: 'attached' });
  });

  it('opens at the operation, with no empty band above it', async () => {
    // Redoc scrolls the operation to the top, and again as the sections above it render.
    await expect.poll(settledTop, { timeout: 10_000 }).toBe(0);
    // A section not rendered yet keeps its place with an empty box: at Redoc's 100px, a band above the operation.
    const emptyBands = await deepPage
      .locator('[data-section-id]:empty')
      .evaluateAll((boxes) =>
        boxes
          .filter((box) => box.getBoundingClientRect().height > 1)
          .map((box) => `${box.getAttribute('data-section-id')}: ${box.getBoundingClientRect().height}px`),
      );
    expect(emptyBands).toEqual([]);
  });

  it('shows the 400 example in the sample panel', async () => {
    const samples = deepPage.locator('.panel-response-samples');
    await samples.getByText('400', { exact: true }).first().click();
    await samples.getByText('Sorry for inconvenience', { exact: false }).first().waitFor({ timeout: 10_000 });
  });

  describe('with every section rendered', () => {
    beforeAll(async () => {
      await renderEverySection(deepPage);
      await deepPage.getByRole('heading', { name: 'Vault API (2.0.0)' }).waitFor({ timeout: 10_000 });
    });

    it.each(fitChecks)('fits every %s in its box', async (_what, selector, rules) => {
      const { looked, problems } = await deepPage.evaluate(textOutsideItsBox, { selector, ...rules });
      expect(looked).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });

    it(phone ? 'floats its menu button beside the text, never over it' : 'has no floating menu button', async () => {
      const button = deepPage.getByRole('button', { name: 'Open navigation menu' });
      expect(await button.isVisible()).toBe(phone);
      if (!phone) return;
      // The button stays put while the page scrolls under it: no text may reach into its column.
      const { textRight, buttonLeft } = await deepPage.evaluate(textBesideMenuButton);
      expect(textRight).toBeLessThanOrEqual(buttonLeft);
    });

    it(`saves a screenshot of the whole page to screenshots/docs-${width}.png`, async () => {
      await mkdir(screenshots, { recursive: true });
      await deepPage.screenshot({ path: `${screenshots}docs-${width}.png`, fullPage: true });
    });
  });
});

/** What the page's search lists for `query`, each result as its text (method, path, summary, description). */
async function searchResults(searched: Page, query: string): Promise<string[]> {
  await searched.getByTestId('search-trigger').click();
  await searched.getByPlaceholder('Search docs...').fill(query);
  const results = searched.locator('[data-component-name="Search/SearchItem"]');
  await results
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  const texts = (await results.allTextContents()).map((text) => text.replace(/\s+/g, ' '));
  await searched.keyboard.press('Escape');
  return texts;
}

describe.each([
  {
    name: 'the Vault spec',
    document: () => JSON.parse(readFileSync(new URL('../dist/openapi.decorated.json', import.meta.url), 'utf8')),
    build: undefined,
  },
  {
    name: 'the multi-operation fixture spec',
    document: () => readSpecFile(multiOperationSpec),
    build: multiOperationSpec,
  },
])('the page of $name', ({ document, build }) => {
  const spec = document() as JsonObject;
  const entries = operations(spec).map((entry) => [`${entry.method.toUpperCase()} ${entry.path}`, entry] as const);
  let searched: Page;
  let pageUrl: string;
  let server: Awaited<ReturnType<typeof startDocsServer>> | undefined;

  beforeAll(async () => {
    let url = docs.url;
    if (build !== undefined) {
      const out = fileURLToPath(new URL('../.work/fixture-page/', import.meta.url));
      await promisify(execFile)(process.execPath, [
        fileURLToPath(new URL('../scripts/build-page.mjs', import.meta.url)),
        '--spec',
        build,
        '--out',
        out,
      ]);
      server = await startDocsServer({ root: out, port: 0 });
      url = server.url;
    }
    pageUrl = `${url}/`;
    searched = await offlinePage(1400, 1000);
    await searched.goto(pageUrl, { waitUntil: 'networkidle' });
  }, 60_000);
  afterAll(() => server?.close());

  it.each(entries)('finds %s by its summary and by its path', async (_name, { method, path, operation }) => {
    const shown = `${method.toUpperCase()}${path}${operation.summary}`;
    expect((await searchResults(searched, String(operation.summary))).some((text) => text.startsWith(shown))).toBe(
      true,
    );
    expect((await searchResults(searched, path)).some((text) => text.startsWith(shown))).toBe(true);
  });

  it.each(entries)(
    'fits the headings, table cells and sample lines of %s on a phone',
    async (_name, { operation }) => {
      const [tag] = (operation.tags as string[] | undefined) ?? [];
      const id = `${String(tag).toLowerCase()}/${String(operation.operationId).toLowerCase()}`;
      const phone = await offlinePage(390, 900);
      await phone.goto(`${pageUrl}#/${id}`, { waitUntil: 'networkidle' });
      await phone.locator(`[id="${id}"]`).waitFor({ state: 'attached', timeout: 10_000 });
      await renderEverySection(phone);

      const looked: Record<string, number> = {};
      for (const [what, selector, rules] of fitChecks) {
        const fit = await phone.evaluate(textOutsideItsBox, { selector, ...rules });
        looked[what] = fit.looked;
        expect(fit.problems, what).toEqual([]);
      }
      // Not every operation has a table (a description may have none); every one has a heading and samples.
      expect(Math.min(looked.heading ?? 0, looked['line of a sample'] ?? 0)).toBeGreaterThan(0);
      await phone.close();
    },
    90_000,
  ); // room for scrollUntilDrawn's tries on a busy machine

  it('lists its operations in the menu under their tags', async () => {
    const tags = [...new Set(entries.flatMap(([, { operation }]) => (operation.tags as string[] | undefined) ?? []))];
    for (const tag of tags) {
      await searched
        .getByTestId('menu-item-label')
        .filter({ hasText: new RegExp(`^${tag}$`) })
        .first()
        .click();
      for (const [, { operation }] of entries.filter(([, { operation }]) =>
        (operation.tags as string[]).includes(tag),
      )) {
        const item = searched.getByTestId('menu-item-label').filter({ hasText: String(operation.summary) });
        await item.first().waitFor({ state: 'visible', timeout: 10_000 });
      }
    }
  });
});

describe('every page opened, offline', () => {
  it('made no request off the machine, none that failed or found nothing, and no console error', () => {
    expect({ blockedRequests, failedRequests, notFound, consoleErrors }).toEqual({
      blockedRequests: [],
      failedRequests: [],
      notFound: [],
      consoleErrors: [],
    });
  });
});
