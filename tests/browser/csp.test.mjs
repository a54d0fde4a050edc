// The strict Content-Security-Policy (web/tools/serve.mjs STRICT_CSP: script-src 'self'
// 'wasm-unsafe-eval'; style-src 'self'): the widget on a host page, the iframe page, the
// tutorial and the playground page all work with it, and a CSP violation (which Chromium logs
// as a console error) fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { hostPage, openHost, waitRendered, widgetInfo } from './widget-fixtures.mjs';

let harness;
before(async () => {
  harness = await startHarness({ csp: true });
});
after(async () => harness?.close());

test('the server really sends the strict policy', async () => {
  const response = await fetch(new URL('embed.html', harness.url));
  assert.match(
    response.headers.get('content-security-policy'),
    /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/,
  );
});

test('a widget on a host page served with the strict CSP renders, with no violation', async () => {
  const { page, errors, context } = await openHost(
    harness,
    hostPage(
      '<attention-playground sentence="The cat sat on the mat" mode="causal" controls="full"></attention-playground><attention-playground sentence="The cat sat" mode="multihead"></attention-playground>',
    ),
    { csp: true },
  );
  await waitRendered(page, { index: 0 });
  await waitRendered(page, { index: 1 });
  const info = await widgetInfo(page);
  assert.equal(info.cells.filter((c) => c.blocked).length, 15);
  // The views' and the widget's stylesheets applied (linked files are allowed; inline styles would not be).
  const display = await page.evaluate(
    () => getComputedStyle(document.querySelector('attention-playground').shadowRoot.querySelector('.apw')).display,
  );
  assert.equal(display, 'flex');
  assert.deepEqual(errors, []);
  await context.close();
});

test('embed.html works under the strict CSP', async () => {
  const { page, errors, context } = await harness.openPage(
    'embed.html?sentence=The+cat+sleeps&source=Le+chat+dort&source-lang=fr&mode=cross&head=Alignment',
  );
  await waitRendered(page);
  const info = await widgetInfo(page);
  assert.deepEqual(info.colLabels, ['Le', 'chat', 'dort']);
  assert.deepEqual(info.messages, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the tutorial works under the strict CSP (its theme scripts are files, not inline)', async () => {
  const { page, errors, context } = await harness.openPage('tutorial/index.html');
  const count = await page.locator('attention-playground').count();
  await page
    .locator('attention-playground')
    .nth(count - 1)
    .scrollIntoViewIfNeeded();
  await waitRendered(page, { index: count - 1 });
  assert.equal((await widgetInfo(page, { index: count - 1 })).status, 'ready');
  // Material's own script ran (it builds the search box and marks the page as ready).
  await page.waitForFunction(
    () => typeof window.__md_get === 'function' && document.querySelector('[data-md-component=search]') !== null,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('the playground page loads under the strict CSP', async () => {
  const { page, errors, context } = await harness.openPage('');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(errors, []);
  await context.close();
});
