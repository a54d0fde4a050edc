// Fallbacks and failure, in headless Chromium, for the page (dist/index.html) and for a host page
// holding one <attention-playground> widget:
//   (a) no WebAssembly SIMD, or no WebAssembly exception handling (WebAssembly.validate says no
//       to that probe of load-module.js; the SIMD module is built with wasm exceptions):
//       everything works on attention_core_nosimd.wasm, and the SIMD module is never fetched;
//   (b) the wasm file is missing (404) and (c) it is garbage that does not compile: a clear,
//       visible message says the core could not load, within a bounded time (no endless spinner);
//   (d) a server that sends the wasm as something other than application/wasm: the page works.
// Then URL parameters carrying <script> and <img onerror> payloads (page hash and query,
// embed.html's query) must show as text and run nothing: a window.__pwned sentinel the payloads
// would set stays undefined, and no element from the payload exists anywhere in the DOM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { hostPage } from './widget-fixtures.mjs';
import { readMatrixInPage } from './matrix-reader.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

const FAIL_TIMEOUT = 20000; // a failure must be shown within this (the load itself takes ~1-5 s here)

// Installed before any page script: a feature probe of load-module.js (under 64 bytes, holding
// the given opcode bytes) is declared invalid, everything else is validated as usual. The SIMD
// probe holds the v128 opcode 0xfd 0x11; the exception-handling one try (0x06 0x40) catch_all
// (0x19).
function refuseProbe(opcodes) {
  const validate = WebAssembly.validate.bind(WebAssembly);
  WebAssembly.validate = (bytes) => {
    const view = ArrayBuffer.isView(bytes)
      ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : new Uint8Array(bytes);
    const holds = (i) => opcodes.every((b, j) => view[i + j] === b);
    if (view.length < 64 && view.some((_, i) => holds(i))) return false;
    return validate(bytes);
  };
}

const WASM = '**/attention_core*.wasm';
const SETUPS = {
  'no SIMD': async (context) => context.addInitScript(refuseProbe, [0xfd, 0x11]),
  'no wasm exceptions': async (context) => context.addInitScript(refuseProbe, [0x06, 0x40, 0x19]),
  'wasm missing (404)': async (context) =>
    context.route(WASM, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' })),
  'wasm does not compile': async (context) =>
    context.route(WASM, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/wasm',
        body: Buffer.from('\0asm\x01\0\0\0 this is not a module '.repeat(50)),
      }),
    ),
};

// Opens path (or the given html at fixture/host.html) in a fresh context prepared by setup.
async function open(path, setup, html) {
  const context = await harness.browser.newContext({ viewport: { width: 1100, height: 900 } });
  await setup(context);
  if (html) {
    await context.route(new URL(path, harness.url).href, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
  }
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('dialog', (dialog) => {
    errors.push(`a dialog opened: ${dialog.message()}`);
    dialog.dismiss();
  });
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(new URL(path, harness.url).href);
  return { context, page, errors, requests };
}

// The no-SIMD tests need both modules in the site (bash .ci/build.sh builds both; a site built
// with a single --wasm-dir has only the SIMD one, and then browsers without SIMD cannot load it).
async function assertNoSimdModuleServed() {
  const response = await fetch(new URL('lib/attention_core_nosimd.wasm', harness.url), { method: 'HEAD' });
  assert.equal(response.status, 200, 'the site has no lib/attention_core_nosimd.wasm: build it with bash .ci/build.sh');
}

const wasmRequests = (requests) =>
  requests.filter((p) => /attention_core(_nosimd)?\.wasm$/.test(p)).map((p) => p.split('/').pop());

// ---- the page ----

async function pageOutcome(page) {
  await page.waitForSelector('.ap-ready .ap-matrix-stage, .ap-failed', { timeout: FAIL_TIMEOUT });
  const matrix = await page.evaluate(readMatrixInPage, { panel: '.ap-panel-main' });
  return page.evaluate(
    (drawn) => ({
      failed: document.querySelector('.ap-failed') !== null,
      cells: drawn, // cells painted on the canvas
      status: document.getElementById('status').textContent,
    }),
    matrix?.cells.filter((c) => c.alpha === 255).length ?? 0,
  );
}

for (const name of ['no SIMD', 'no wasm exceptions']) {
  test(`page, ${name}: works on the no-SIMD module, never fetches the SIMD one`, async () => {
    await assertNoSimdModuleServed();
    const { context, page, errors, requests } = await open('', SETUPS[name]);
    const outcome = await pageOutcome(page);
    assert.equal(outcome.failed, false, outcome.status);
    assert.ok(outcome.cells > 0, 'a matrix is drawn');
    assert.equal(
      await page.evaluate(() => WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))),
      true,
      'only the probe is refused',
    );
    assert.deepEqual(wasmRequests(requests), ['attention_core_nosimd.wasm']);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

for (const name of ['wasm missing (404)', 'wasm does not compile']) {
  test(`page, ${name}: a visible message says the core could not load`, async () => {
    const { context, page, errors } = await open('', SETUPS[name]);
    const outcome = await pageOutcome(page);
    assert.equal(outcome.failed, true);
    assert.equal(outcome.cells, 0);
    const status = page.locator('#status');
    assert.ok(await status.isVisible(), 'the message is visible');
    assert.match(outcome.status, /attention core could not be loaded/i);
    assert.match(outcome.status, name.includes('404') ? /404|download/i : /compile/i, 'the message says why');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// Browsers compile the wasm from its response while it downloads (and may cache the optimized
// code) when the server says application/wasm; any other type falls back to compiling its bytes.
// Either way the page works; a spy on WebAssembly.instantiateStreaming tells which way was taken.
for (const [served, streamed] of [
  ['application/wasm', 1],
  ['application/octet-stream', 0],
]) {
  test(`page, wasm served as ${served}: works, ${streamed ? 'compiled from the response' : 'compiled from its bytes'}`, async () => {
    const { context, page, errors } = await open('', async (context) => {
      await context.addInitScript(() => {
        const streaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
        window.__streamed = 0;
        WebAssembly.instantiateStreaming = (...args) => (++window.__streamed, streaming(...args));
      });
      await context.route(WASM, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-type': served } });
      });
    });
    const outcome = await pageOutcome(page);
    assert.equal(outcome.failed, false, outcome.status);
    assert.ok(outcome.cells > 0, 'a matrix is drawn');
    assert.equal(await page.evaluate(() => window.__streamed), streamed);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// ---- a page with the widget ----

const WIDGET_HOST = hostPage('<attention-playground sentence="The cat sat on the mat."></attention-playground>');

async function widgetOutcome(page) {
  await page.waitForFunction(
    () => ['ready', 'error'].includes(document.querySelector('attention-playground')?.status),
    null,
    {
      timeout: FAIL_TIMEOUT,
    },
  );
  // A ready widget has drawn its first matrix once its render counter moved.
  await page.waitForFunction(() => {
    const host = document.querySelector('attention-playground');
    return host.status === 'error' || Number(host.shadowRoot.querySelector('.apw')?.dataset.rendered ?? 0) > 0;
  });
  const matrix = await page.evaluate(readMatrixInPage, { host: 'attention-playground' });
  return page.evaluate(
    (drawn) => {
      const host = document.querySelector('attention-playground');
      const root = host.shadowRoot;
      return {
        status: host.status,
        cells: drawn, // cells painted on the canvas
        messages: [...root.querySelectorAll('.apw-messages li')].map((li) => li.textContent),
      };
    },
    matrix?.cells.filter((c) => c.alpha === 255).length ?? 0,
  );
}

test('widget without SIMD: works on the no-SIMD module, never fetches the SIMD one', async () => {
  await assertNoSimdModuleServed();
  const { context, page, errors, requests } = await open('fixture/host.html', SETUPS['no SIMD'], WIDGET_HOST);
  const outcome = await widgetOutcome(page);
  assert.equal(outcome.status, 'ready', outcome.messages.join(' | '));
  assert.ok(outcome.cells > 0, 'a matrix is drawn');
  assert.deepEqual(wasmRequests(requests), ['attention_core_nosimd.wasm']);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const name of ['wasm missing (404)', 'wasm does not compile']) {
  test(`widget, ${name}: a visible message says the core could not load`, async () => {
    const { context, page, errors } = await open('fixture/host.html', SETUPS[name], WIDGET_HOST);
    const outcome = await widgetOutcome(page);
    assert.equal(outcome.status, 'error');
    assert.equal(outcome.cells, 0);
    const message = page.locator('attention-playground .apw-messages li').first();
    assert.ok(await message.isVisible(), 'the message is visible');
    assert.match(outcome.messages.join(' '), /attention core could not be loaded/i);
    assert.match(
      outcome.messages.join(' '),
      name.includes('404') ? /404|download/i : /compile/i,
      'the message says why',
    );
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// ---- URL payloads ----

const PAYLOAD =
  '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><svg onload="window.__pwned=3">';

// Looks through the document and every open shadow root for elements the payload would create.
function injected() {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (
        el.matches('img[src="x"], svg[onload], [onerror], [onload]') ||
        (el.tagName === 'SCRIPT' && /__pwned/.test(el.textContent))
      )
        found.push(el.outerHTML.slice(0, 80));
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return { pwned: window.__pwned, found };
}

const URL_CASES = [
  ['page hash', `#text=${encodeURIComponent(PAYLOAD)}`, '#sentence'],
  ['page hash, cross source', `#mode=cross&text=The%20cat&source=${encodeURIComponent(PAYLOAD)}`, '#source'],
  ['page query', `?text=${encodeURIComponent(PAYLOAD)}#text=${encodeURIComponent(PAYLOAD)}`, '#sentence'],
  ['embed.html query', `embed.html?sentence=${encodeURIComponent(PAYLOAD)}&view=strip`, null],
  ['embed.html query, cross', `embed.html?mode=cross&sentence=The%20cat&source=${encodeURIComponent(PAYLOAD)}`, null],
];

for (const [name, path, input] of URL_CASES) {
  test(`URL payload in the ${name} shows as text and runs nothing`, async () => {
    const { context, page, errors } = await open(path, async () => {});
    if (input) {
      await pageOutcome(page);
      assert.equal(await page.inputValue(input), PAYLOAD, 'the payload is the input text');
    } else {
      await widgetOutcome(page);
    }
    await page.waitForTimeout(300); // an onerror of a broken image would have fired by now
    const result = await page.evaluate(injected);
    assert.equal(result.pwned, undefined, 'no payload code ran');
    assert.deepEqual(result.found, [], 'no element from the payload is in the DOM');
    // The payload's words are shown as token labels (text), e.g. "img", "onerror", "script".
    const shown = await page.evaluate(() => {
      const texts = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) walk(el.shadowRoot);
        }
        texts.push(root === document ? document.body.textContent : root.textContent);
      };
      walk(document);
      return texts.join(' ');
    });
    assert.match(shown, /onerror|script/, 'the payload words are shown as text');
    assert.deepEqual(errors, []);
    await context.close();
  });
}
