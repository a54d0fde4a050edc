// embed.html, the iframe page: it honours its URL parameters, tells its parent its height,
// accepts settings only in the documented message shape, and shows hostile URL values as text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { openHost, waitRendered, wasmFetches, widgetInfo } from './widget-fixtures.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

test('embed.html honours its URL parameters', async () => {
  const query = new URLSearchParams({
    sentence: 'John ate his lunch',
    mode: 'causal',
    head: 'References',
    view: 'matrix',
    controls: 'none',
    theme: 'dark',
  });
  const { page, errors, requests, context } = await harness.openPage(`embed.html?${query}`);
  await waitRendered(page);
  const info = await widgetInfo(page);
  assert.deepEqual(info.rowLabels, ['John', 'ate', 'his', 'lunch']);
  assert.equal(info.title, 'Causal (masked)');
  assert.match(info.subtitle, /^References head/);
  assert.deepEqual(
    info.cells.filter((c) => c.blocked).map((c) => [c.row, c.col]),
    [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ],
  );
  assert.equal(info.dark, true);
  assert.equal(await page.locator('attention-playground select').count(), 0, 'controls="none" shows no controls');
  assert.equal(wasmFetches(requests), 1);
  await harness.screenshot(page, 'embed-causal');
  assert.deepEqual(errors, []);
  await context.close();
});

// A host page with the embed iframe, the optional resize helper (widget/iframe-host.js) and a
// listener that records every height message.
const HOST = `<!doctype html><html><head><meta charset="utf-8"><title>iframe host</title>
<script type="module" src="../widget/iframe-host.js"></script></head><body>
<h1>Host</h1><iframe id="frame" title="Attention playground" width="700" height="150" style="border:0"
 src="../embed.html?sentence=The+cat+that+was+sleeping+on+the+mat+suddenly+woke+up&amp;mode=self&amp;head=Grammar&amp;view=matrix"></iframe>
<script>
  window.heights = [];
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'attention-playground:height') window.heights.push(event.data.height);
  });
</script></body></html>`;

const frameRendered = (page) =>
  page
    .frames()
    .find((f) => f.url().includes('embed.html'))
    .evaluate(() =>
      Number(document.querySelector('attention-playground').shadowRoot.querySelector('.apw').dataset.rendered ?? 0),
    );

test('the iframe page reports its height to the parent, which can resize the frame to fit', async () => {
  const { page, errors, context } = await openHost(harness, HOST);
  await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 300, null, { timeout: 20000 });
  const frame = page.frames().find((f) => f.url().includes('embed.html'));
  await waitRendered(frame);
  await page.waitForTimeout(300); // let the last resize message arrive before comparing
  const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  const reported = await page.evaluate(() => window.heights.at(-1));
  assert.equal(reported, inner);
  const outer = await page.$eval('#frame', (f) => f.getBoundingClientRect().height);
  assert.equal(Math.round(outer), reported, 'iframe-host.js resized the iframe to the reported height');
  assert.equal(
    await frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight),
    true,
    'no scroll bar inside',
  );
  await harness.screenshot(page, 'embed-in-host');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the parent can change settings with the documented message; other shapes are ignored', async () => {
  const { page, errors, context } = await openHost(harness, HOST);
  const frame = () => page.frames().find((f) => f.url().includes('embed.html'));
  await page.waitForFunction(() => window.heights.length > 0, null, { timeout: 20000 });
  await waitRendered(frame());
  let count = await frameRendered(page);
  const post = (message) =>
    page.evaluate((m) => document.getElementById('frame').contentWindow.postMessage(m, '*'), message);
  await post({ type: 'attention-playground:set', settings: { mode: 'causal', sentence: 'The cat sat' } });
  await waitRendered(frame(), { after: count });
  let info = await widgetInfo(frame());
  assert.deepEqual(info.rowLabels, ['The', 'cat', 'sat']);
  assert.equal(info.cells.filter((c) => c.blocked).length, 3);
  count = await frameRendered(page);
  // Wrong shapes: unknown key, non-string value, array, wrong type, plain string.
  await post({ type: 'attention-playground:set', settings: { mode: 'self', onclick: 'alert(1)' } });
  await post({ type: 'attention-playground:set', settings: { mode: { toString: null } } });
  await post({ type: 'attention-playground:set', settings: ['mode', 'self'] });
  await post({ type: 'attention-playground:configure', settings: { mode: 'self' } });
  await post('mode=self');
  await page.waitForTimeout(500);
  assert.equal(await frameRendered(page), count, 'no ignored message re-rendered the widget');
  info = await widgetInfo(frame());
  assert.equal(info.mode, 'causal');
  assert.equal(
    await frame().evaluate(() => document.querySelector('attention-playground').hasAttribute('onclick')),
    false,
  );
  const before = await page.evaluate(() => window.heights.length);
  await post({ type: 'attention-playground:get-height' });
  await page.waitForFunction((n) => window.heights.length > n, before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile URL parameters show as text or a friendly message; nothing runs', async () => {
  const payload = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  const query = new URLSearchParams({
    sentence: payload,
    mode: '<svg onload=alert(1)>',
    head: '-1',
    focus: '99999999',
    step: 'javascript:alert(1)',
    view: '"><b>x</b>',
    theme: 'evil',
    height: '1e9',
  });
  const { page, errors, context } = await harness.openPage(`embed.html?${query}`);
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  await waitRendered(page);
  const info = await widgetInfo(page);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  for (const tag of ['img', 'script', 'b']) assert.ok(!info.elements.includes(tag), `a <${tag}> element appeared`);
  assert.ok(info.rowLabels.join(' ').includes('<'), `the payload is shown as text: ${info.rowLabels.join(' ')}`);
  const messages = info.messages.join('\n');
  assert.match(messages, /Unknown mode/);
  assert.match(messages, /no head “-1”/);
  assert.match(messages, /step/);
  assert.match(messages, /Unknown view/);
  assert.match(messages, /Unknown theme/);
  assert.match(messages, /height/);
  assert.equal(info.mode, 'self', 'falls back to self-attention');
  assert.ok(info.cells.length > 0, 'and still shows a heat map');
  await harness.screenshot(page, 'embed-hostile');
  assert.deepEqual(errors, []);
  await context.close();
});
