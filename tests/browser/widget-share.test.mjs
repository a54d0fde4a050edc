// The Share / Embed dialog (web/shared/share-dialog.js): it offers a link, an iframe snippet and
// a web-component snippet for the current state, and each snippet, pasted into a new page,
// shows a live widget configured the same way — the tutorial author's round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { openHost, waitRendered, widgetInfo } from './widget-fixtures.mjs';
import { parseHash } from '../../web/shared/state.js';
import { shareSnippets } from '../../web/shared/share-dialog.js';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

// A state of shared/state.js's table (its property names).
const SETTINGS = {
  text: 'John ate his "big" <lunch> & left',
  mode: 'causal',
  heads: ['References'],
  view: 'matrix',
  focus: 2,
};

const DIALOG_HOST = `<!doctype html><html><head><meta charset="utf-8"><title>share</title>
<script type="module">import { openShareDialog } from '../shared/share-dialog.js'; window.openShare = openShareDialog;</script></head><body></body></html>`;

async function openDialog() {
  const opened = await openHost(harness, DIALOG_HOST);
  await opened.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await opened.page.waitForFunction(() => typeof window.openShare === 'function');
  await opened.page.evaluate((settings) => window.openShare(settings), SETTINGS);
  return opened;
}

test('the dialog offers the link, the iframe and the web component for the current state', async () => {
  const { page, errors, context } = await openDialog();
  const dialog = page.locator('dialog.ap-share');
  assert.equal(await dialog.isVisible(), true);
  const value = (kind) => dialog.locator(`[data-snippet=${kind}]`).inputValue();
  const [link, iframe, element] = [await value('link'), await value('iframe'), await value('element')];
  assert.match(link, /\/index\.html#text=John\+ate/);
  assert.match(
    iframe,
    /^<iframe src="http:\/\/[^"]+\/embed\.html\?sentence=John\+ate[^"]*&amp;mode=causal&amp;head=References[^"]*"/,
  );
  assert.match(
    element,
    /^<script type="module" src="http:\/\/[^"]+\/attention-playground\.js"><\/script>\n<attention-playground sentence="John ate his &quot;big&quot; &lt;lunch&gt; &amp; left" mode="causal" head="References" focus="2"><\/attention-playground>$/,
  );
  await harness.screenshot(page, 'share-dialog');
  await dialog.locator('button', { hasText: 'Copy' }).nth(2).click();
  await page.waitForFunction(() => document.querySelector('dialog.ap-share').textContent.includes('Copied'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), element);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog.ap-share'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the web-component snippet pasted into a page gives the same live widget', async () => {
  const { element } = shareSnippets(SETTINGS, { siteUrl: harness.url });
  const { page, errors, context } = await openHost(
    harness,
    `<!doctype html><html><head><meta charset="utf-8"><title>pasted</title></head><body><p>My tutorial</p>\n${element}\n</body></html>`,
    { path: 'elsewhere/deep/page.html' },
  );
  await waitRendered(page);
  const info = await widgetInfo(page);
  assert.equal(await page.getAttribute('attention-playground', 'sentence'), SETTINGS.text);
  assert.equal(info.title, 'Causal (masked)');
  assert.match(info.subtitle, /^References head/);
  assert.ok(info.cells.some((c) => c.blocked));
  assert.deepEqual(info.messages, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the iframe snippet pasted into a page gives the same live widget', async () => {
  const { iframe } = shareSnippets(SETTINGS, { siteUrl: harness.url });
  const { page, errors, context } = await openHost(
    harness,
    `<!doctype html><html><head><meta charset="utf-8"><title>pasted</title></head><body>${iframe}</body></html>`,
  );
  await page.waitForFunction(() =>
    document.querySelector('iframe')?.contentDocument?.querySelector('attention-playground'),
  );
  const frame = page.frames().find((f) => f.url().includes('embed.html'));
  await waitRendered(frame);
  const info = await widgetInfo(frame);
  assert.equal(info.title, 'Causal (masked)');
  assert.match(info.subtitle, /^References head/);
  assert.equal(await frame.getAttribute('attention-playground', 'sentence'), SETTINGS.text);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the link opens the playground page in the same state (its URL names)', async () => {
  const { link } = shareSnippets(SETTINGS, { siteUrl: harness.url });
  const state = parseHash(new URL(link).hash);
  assert.deepEqual(
    [state.text, state.mode, state.layout, state.heads, state.focus],
    [SETTINGS.text, 'causal', 'single', ['References'], 2],
  );
  const { page, errors, context } = await harness.openPage(new URL(link).href.slice(harness.url.length));
  await page.waitForFunction(() => document.querySelector('#timings[data-tokens]'), null, { timeout: 30000 });
  assert.equal(await page.inputValue('#sentence'), SETTINGS.text);
  assert.equal(await page.getAttribute('[data-mode=masked]', 'aria-selected'), 'true');
  assert.equal(await page.textContent('#heads [aria-pressed=true]'), 'References');
  assert.equal(await page.textContent('#tokens [aria-pressed=true]'), 'his');
  assert.deepEqual(errors, []);
  await context.close();
});

test("the playground page's Share / embed button gives snippets that reproduce its view", async () => {
  const { page, errors, context } = await harness.openPage(
    'index.html#text=John+ate+his+lunch&mode=masked&heads=2&view=matrix',
  );
  await page.waitForFunction(() => document.querySelector('.ap-matrix-stage canvas')?.width > 0, null, {
    timeout: 30000,
  });
  await page.click('[data-export=share]');
  const dialog = page.locator('dialog.ap-share');
  await dialog.waitFor();
  const element = await dialog.locator('[data-snippet=element]').inputValue();
  assert.match(
    element,
    /<attention-playground sentence="John ate his lunch" mode="causal" layout="compare" head="References"/,
  );
  assert.equal(await dialog.locator('[data-snippet=link]').inputValue(), page.url());
  await harness.screenshot(page, 'share-dialog-on-page');
  assert.deepEqual(errors, []);
  await context.close();

  const pasted = await openHost(
    harness,
    `<!doctype html><html><head><meta charset="utf-8"><title>pasted</title></head><body>${element}</body></html>`,
  );
  await waitRendered(pasted.page);
  const info = await widgetInfo(pasted.page);
  assert.equal(info.layout, 'compare');
  assert.deepEqual(info.rowLabels, ['John', 'ate', 'his', 'lunch']);
  assert.match(info.subtitle, /^References head/);
  assert.equal(info.cells.filter((c) => c.blocked).length, 6);
  assert.deepEqual(pasted.errors, []);
  await pasted.context.close();
});
