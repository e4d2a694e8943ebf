import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDocsServer } from './serve.mjs';

// Debian's chromium: `.ci/run` installs it; nothing here downloads a browser.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshot = fileURLToPath(new URL('../screenshots/docs.png', import.meta.url));

let docs: Awaited<ReturnType<typeof startDocsServer>>;
let browser: Browser;
let page: Page;
const blockedRequests: string[] = [];
const failedRequests: string[] = [];
const consoleErrors: string[] = [];

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
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // The page must work offline: anything not served by the local docs server is refused and recorded.
  await page.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || route.request().url().startsWith('data:')) return route.continue();
    blockedRequests.push(route.request().url());
    return route.abort();
  });
  page.on('requestfailed', (request) => failedRequests.push(`${request.url()} ${request.failure()?.errorText}`));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
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

  it('switches the sample to TypeScript from the language picker, and saves a screenshot', async () => {
    await page.getByRole('button', { name: 'curl' }).click();
    await page.getByRole('menuitem', { name: 'TypeScript' }).click();
    await page
      .getByText('createVaultClient', { exact: false })
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: 10_000 });
    await mkdir(fileURLToPath(new URL('../screenshots/', import.meta.url)), { recursive: true });
    await page.screenshot({ path: screenshot });
  });

  it('made no request off the machine, no failed request and no console error', () => {
    expect({ blockedRequests, failedRequests, consoleErrors }).toEqual({
      blockedRequests: [],
      failedRequests: [],
      consoleErrors: [],
    });
  });
});
