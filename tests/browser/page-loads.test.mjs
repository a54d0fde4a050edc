// The playground page in headless Chromium: the core loads under the strict CSP, the honest
// label is shown, and a core that cannot load gives a clear message instead of a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { readMatrix, ready } from './page-helpers.mjs';

let harness;
before(async () => {
  harness = await startHarness({ csp: true });
});
after(async () => harness?.close());

test('the page loads the wasm core under the strict CSP and draws the default sentence', async () => {
  const { page, errors, context } = await harness.openPage('');
  await ready(page);
  assert.match(await page.textContent('#status'), /6 words, \d+ heads/);
  assert.match(await page.textContent('#honest'), /Hand-built, not trained/);
  assert.ok(await page.isVisible('#honest'));
  assert.equal((await readMatrix(page)).cells.length, 36);
  assert.match(await page.textContent('#timings'), /core \d+\.\d+ ms.*rendering \d+\.\d+ ms/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('each data asset is preloaded and downloaded once: the HTML preloads are what the core uses', async () => {
  const { page, errors, context, requests } = await harness.openPage('');
  await ready(page);
  const requested = requests.map((url) => new URL(url).pathname);
  const preloads = await page.$$eval('link[rel=preload]', (links) => links.map((l) => new URL(l.href).pathname));
  for (const file of ['vectors.bin', 'tagger.bin', 'lexicon_fr.tsv']) {
    assert.ok(
      preloads.some((p) => p.endsWith(`/${file}`)),
      `${file} is preloaded`,
    );
    assert.equal(
      requested.filter((p) => p.endsWith(`/${file}`)).length,
      1,
      `${file} requested once: ${requested.join(' ')}`,
    );
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("the page's modules arrive as one bundle: no module is fetched on its own", async () => {
  // build-site bundles app/main.js's graph with esbuild; without it the page falls back to ~25
  // separate modules (slower to a first picture), which this catches.
  const { page, errors, context, requests } = await harness.openPage('');
  await ready(page);
  const scripts = requests.map((url) => new URL(url).pathname).filter((p) => /\.m?js$/.test(p));
  assert.deepEqual(
    scripts.map((p) => p.split('/').slice(-2).join('/')),
    ['app/main.bundle.js', 'lib/attention_core.mjs'],
    scripts.join(' '),
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('when the wasm cannot be downloaded, the page says so clearly', async () => {
  const context = await harness.browser.newContext();
  const page = await context.newPage();
  await page.route(/attention_core(_nosimd)?\.wasm$/, (route) => route.fulfill({ status: 404, body: 'missing' }));
  await page.goto(harness.url);
  await page.waitForSelector('.ap-failed');
  const message = await page.textContent('#status');
  assert.match(message, /could not be loaded/);
  assert.match(message, /HTTP 404/);
  assert.ok(await page.$eval('#status', (s) => s.classList.contains('ap-error')));
  await context.close();
});

test('a module that fails to compile is reported, not left spinning', async () => {
  const context = await harness.browser.newContext();
  const page = await context.newPage();
  await page.route(/attention_core(_nosimd)?\.wasm$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm at all') }),
  );
  await page.goto(harness.url);
  await page.waitForSelector('.ap-failed');
  assert.match(await page.textContent('#status'), /could not be loaded.*compile/);
  await context.close();
});

test('once loaded, the page warms the core up in idle time without changing anything it shows', async () => {
  // app/warm-up.js: 6 rounds of self, causal and cross at 64 words, one call per idle period.
  const { page, errors, context } = await harness.openPage('#text=John+ate+his+lunch+because+he+was+hungry');
  await ready(page);
  const shown = async () => ({
    matrix: await readMatrix(page),
    status: await page.textContent('#status'),
    address: await page.evaluate(() => location.href),
  });
  const before = await shown();
  await page.waitForSelector('#timings[data-warmed-up]', { state: 'attached', timeout: 60000 });
  assert.equal(await page.getAttribute('#timings', 'data-warmed-up'), '18', 'every call ran');
  assert.deepEqual(await shown(), before);
  assert.deepEqual(errors, []);
  await context.close();
});
