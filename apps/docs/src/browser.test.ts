import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDocsServer } from './serve.js';

// Debian's chromium: `.ci/run` installs it; nothing here downloads a browser.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = fileURLToPath(new URL('../screenshots/', import.meta.url));
const deepLink = '/#/authentication/confirmphonenumber';

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

  it('switches the sample to TypeScript from the language picker', async () => {
    await page.getByRole('button', { name: 'curl' }).click();
    await page.getByRole('menuitem', { name: 'TypeScript' }).click();
    await page
      .getByText('createVaultClient', { exact: false })
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: 10_000 });
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
      for (const word of (text.textContent ?? '').matchAll(/\S+/g)) {
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
    await deepPage.locator('[data-section-id="/"]').waitFor({ state: 'attached' });
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
      // Redoc renders a section once it is scrolled to, and then paints it only while it is near the screen
      // (content-visibility: auto): a full-page screenshot would show the others blank.
      await deepPage.evaluate(() => window.scrollTo(0, 0));
      await deepPage.getByRole('heading', { name: 'Vault API (2.0.0)' }).waitFor({ timeout: 10_000 });
      await deepPage.addStyleTag({ content: '* { content-visibility: visible !important; }' });
    });

    it.each<[string, string, FitRules]>([
      ['heading', '#api-content :is(h1, h2, h3, h4, h5, h6)', { wordsMayBreak: false, mayScroll: true }],
      ['table cell', '#api-content :is(td, th)', { wordsMayBreak: false, mayScroll: true }],
      [
        'line of a sample',
        ':is(.panel-request-samples, .panel-response-samples) pre',
        { wordsMayBreak: true, mayScroll: false },
      ],
    ])('fits every %s in its box', async (_what, selector, rules) => {
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
