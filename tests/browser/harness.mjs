// harness: serves dist/ on a free port and drives Debian's Chromium through playwright-core.
// Every page opened through openPage() records console errors and page errors, so a test
// can assert there were none. Screenshots go to artifacts/screenshots/ (gitignored).
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { serve } from '../../web/tools/serve.mjs';

export const SCREENSHOTS = new URL('../../artifacts/screenshots/', import.meta.url);

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Starts a server on dist/ (or dir, or $ATTN_SITE_DIR) and a browser.
 * Returns {url, browser, openPage, screenshot, close}.
 */
export async function startHarness({ csp = false, dir = process.env.ATTN_SITE_DIR } = {}) {
  const { server, url } = await serve({ dir: dir ?? new URL('../../dist/', import.meta.url).pathname, port: 0, csp });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  await mkdir(SCREENSHOTS, { recursive: true });

  async function openPage(path = '', { viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
    const context = await browser.newContext({ viewport, colorScheme });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(new URL(path, url).href);
    return { page, context, errors, requests };
  }

  async function screenshot(page, name) {
    await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
  }

  async function close() {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }

  return { url, browser, openPage, screenshot, close };
}
