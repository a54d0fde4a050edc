// Issue 20 beyond the page's desktop view, as a person sees it: every tutorial link into the
// playground opens the state it names (query and hash forms, either name of a setting);
// mode=cross alone opens on Alignment; the Share dialog's snippets work pasted into a page on
// another origin, the iframe sized by the documented helper; the widget uses the page's names
// and its full controls focus a word and Play; multi-head clicks lead the detail view; and on
// a 390 × 844 phone the picture is near the top, a tap shows the tapped cell's tooltip, no text
// says "hover", long sentences keep column labels apart and no widget button is clipped.
// Screenshots at 390 × 844 go to artifacts/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { startHarness } from './harness.mjs';
import { ready, settled } from './page-helpers.mjs';
import { hostPage, openHost, waitRendered, widgetInfo } from './widget-fixtures.mjs';
import { parseLocation, VIEW_LABELS, CHOICES } from '../../web/shared/state.js';
import { shareSnippets } from '../../web/shared/share-dialog.js';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

const PHONE = { width: 390, height: 844 };
const DOCS = new URL('../../web/tutorial/docs/', import.meta.url);

// Every href of the tutorial's pages that points into the playground page.
function playgroundLinks() {
  const links = [];
  for (const file of readdirSync(DOCS).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(new URL(file, DOCS), 'utf8');
    for (const [, href] of text.matchAll(/href="(\.\.\/index\.html[^"]*)"/g))
      links.push({ file, href: href.replaceAll('&amp;', '&') });
  }
  return links;
}

test('every tutorial link into the playground opens the state it names', async () => {
  const links = playgroundLinks().filter((l) => l.href.includes('?') || l.href.includes('#'));
  assert.ok(links.length >= 5, `${links.length} links with settings`);
  for (const { file, href } of links) {
    const url = new URL(href, new URL(`tutorial/${file.replace(/\.md$/, '.html')}`, harness.url));
    const want = parseLocation(url.search, url.hash);
    const { page, errors, context } = await harness.openPage(url.href.slice(harness.url.length));
    const at = `${file}: ${href}`;
    if (want.mode === 'train') {
      // The Train panel draws no matrix: its controls show the linked task and model.
      await page.waitForSelector('#train-panel[data-status=ready]', { timeout: 30000 });
      assert.equal(await page.$eval('#train-task', (n) => n.value), want.task, at);
      assert.equal(await page.$eval('#train-layers', (n) => n.value), String(want.layers), at);
      assert.deepEqual(errors, [], at);
      await context.close();
      continue;
    }
    await ready(page);
    assert.equal(await page.inputValue('#sentence'), want.text, at);
    assert.equal(
      await page.textContent('#tokens [aria-pressed=true]'),
      (await page.$$eval('#tokens [data-token]', (b) => b.map((x) => x.textContent)))[want.focus],
      at,
    );
    const heads = await page.$$eval('#heads [aria-pressed=true]', (b) => b.map((x) => x.textContent));
    if (want.mode === 'cross' && !href.match(/head/))
      assert.deepEqual(heads, ['Alignment'], `${at}: cross opens on Alignment`);
    else if (want.heads.every((h) => /\D/.test(h))) assert.deepEqual(heads, want.heads, at);
    // The settings now live in the hash, in the page's names; nothing is left in the query.
    // (The page may write its address a moment after drawing.)
    await page.waitForFunction(() => location.search === '' && location.hash.includes('text='), null, {
      timeout: 5000,
    });
    assert.deepEqual(errors, [], at);
    await context.close();
  }
});

async function openOther(url, html) {
  const context = await harness.browser.newContext({ permissions: ['local-network-access'] });
  await context.route(url, (route) =>
    route.fulfill({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html }),
  );
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, context, errors };
}

test('Share snippets pasted into a page on another origin: the element renders, the iframe sizes itself', async () => {
  const settings = { text: 'John ate his lunch', mode: 'causal', heads: ['References'], focus: 2 };
  const { element, iframe, note } = shareSnippets(settings, { siteUrl: harness.url });
  assert.match(note, /Access-Control-Allow-Origin/);
  assert.match(iframe, /<script src="http:\/\/[^"]+\/widget\/iframe-host\.js" defer><\/script>$/);
  // Another origin: another host name for the same loopback server. Chromium asks before a
  // page reaches a loopback address of another origin (Local Network Access); the test grants
  // that, as a reader would. Between two public sites no such prompt exists, only CORS.
  const other = new URL('blog/post.html', harness.url.replace('localhost', '127.0.0.1')).href;
  assert.notEqual(new URL(other).origin, new URL(harness.url).origin);
  const pasted = await openOther(
    other,
    `<!doctype html><html><head><meta charset="utf-8"><title>post</title></head><body><p>My post</p>${element}</body></html>`,
  );
  await waitRendered(pasted.page);
  const info = await widgetInfo(pasted.page);
  assert.equal(await pasted.page.evaluate(() => location.origin), new URL(other).origin);
  assert.match(info.subtitle, /^References head/);
  assert.ok(info.cells.some((c) => c.blocked));
  assert.deepEqual(pasted.errors, []);
  await pasted.context.close();

  const framed = await openOther(
    other,
    `<!doctype html><html><head><meta charset="utf-8"><title>post</title></head><body>${iframe}<p>after</p></body></html>`,
  );
  const frame = await (await framed.page.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => Number(document.documentElement.dataset.reportedHeight) > 200, null, {
    timeout: 30000,
  });
  const reported = Number(await frame.evaluate(() => document.documentElement.dataset.reportedHeight));
  await framed.page.waitForFunction((h) => document.querySelector('iframe').style.height === `${h}px`, reported);
  const box = await framed.page.$eval('iframe', (f) => f.getBoundingClientRect().height);
  assert.equal(Math.round(box), reported, 'the helper set the iframe to the reported height');
  assert.deepEqual(framed.errors, []);
  await framed.context.close();
});

test('the widget uses the page names for views and modes; its full controls focus a word and Play', async () => {
  const { page, errors, context } = await openHost(
    harness,
    hostPage(
      '<attention-playground sentence="John ate his lunch" controls="full" view="steps" head="References"></attention-playground>',
    ),
    { viewport: PHONE },
  );
  await waitRendered(page);
  const views = await page
    .locator('attention-playground')
    .locator('label', { hasText: /^View/ })
    .locator('option')
    .allTextContents();
  assert.deepEqual(views, Object.values(VIEW_LABELS));
  // The page's tabs, as index.html writes them.
  const html = readFileSync(new URL('../../web/index.html', import.meta.url), 'utf8');
  const pageTabs = {
    tabs: [...html.matchAll(/data-view="\w+"[^>]*>([^<]+)</g)].map((m) => m[1].trim()),
    modes: [...html.matchAll(/data-mode="(\w+)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2].trim()]),
  };
  assert.equal(pageTabs.tabs.length, 4);
  assert.deepEqual(views, pageTabs.tabs);
  for (const [key, label] of pageTabs.modes) assert.equal(label, CHOICES[key].label, key);
  // Focus on: the word chips pick the word the steps are about.
  const focus = page.locator('attention-playground').getByRole('group', { name: 'Focus on' });
  assert.deepEqual(await focus.locator('button').allTextContents(), ['John', 'ate', 'his', 'lunch']);
  await focus.getByRole('button', { name: 'Focus on “his”' }).click();
  await page.waitForFunction(() => document.querySelector('attention-playground').getAttribute('focus') === '2');
  // Play walks the steps.
  const play = page.locator('attention-playground').getByRole('button', { name: /Play/ });
  const before = await page.getAttribute('attention-playground', 'step');
  await play.click();
  await page.waitForFunction((b) => document.querySelector('attention-playground').getAttribute('step') !== b, before, {
    timeout: 10000,
  });
  await page.locator('attention-playground').getByRole('button', { name: /Pause/ }).click();
  // No button is clipped at 390 px: each shows its whole label inside the widget.
  const clipped = await page.evaluate(() => {
    const host = document.querySelector('attention-playground');
    const outer = host.getBoundingClientRect();
    return [...host.shadowRoot.querySelectorAll('button, select')]
      .filter((b) => b.offsetParent)
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return b.scrollWidth > b.clientWidth + 1 || r.right > outer.right + 1 || r.left < outer.left - 1;
      })
      .map((b) => b.textContent);
  });
  assert.deepEqual(clipped, []);
  await page.screenshot({
    path: new URL('ux-widget-phone.png', new URL('../../artifacts/screenshots/', import.meta.url)).pathname,
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('multi-head: a clicked head leads the detail view; thumbnails carry their words', async () => {
  const { page, errors, context } = await harness.openPage('#text=John+ate+his+lunch&layout=heads');
  await ready(page);
  const detail = () => page.textContent('.ap-panel-main .ap-view-title');
  assert.match(await detail(), /^Head “Grammar”/);
  await page.click('.ap-head-card[data-head="2"]');
  await page.waitForFunction(() =>
    document.querySelector('.ap-panel-main .ap-view-title').textContent.startsWith('Head “References”'),
  );
  assert.equal(await page.textContent('#heads [tabindex="0"]'), 'References');
  assert.ok((await page.getAttribute('.ap-head-card[data-head="2"]', 'class')).includes('ap-detail'));
  assert.deepEqual(
    await page.$$eval('.ap-head-card[data-head="2"] .ap-thumb-rows li', (l) => l.map((x) => x.textContent)),
    ['John', 'ate', 'his', 'lunch'],
  );
  assert.deepEqual(
    await page.$$eval('.ap-head-card[data-head="2"] .ap-thumb-cols li', (l) => l.map((x) => x.textContent)),
    ['John', 'ate', 'his', 'lunch'],
  );
  // Both stay combined in the concatenation.
  assert.match(await page.textContent('.ap-combine-step figcaption'), /In colour: Grammar \+ References/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('phone 390 × 844: the picture near the top, a tap shows the tapped cell, no "hover", long sentences keep labels apart', async () => {
  const context = await harness.browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL('#text=John+ate+his+lunch&heads=References&token=2', harness.url).href);
  await ready(page);
  const grid = await page.$eval('.ap-panel-main [role=grid]', (g) => g.getBoundingClientRect().toJSON());
  assert.ok(grid.top < PHONE.height - 100, `the matrix starts at ${Math.round(grid.top)} px`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scroll');
  const pitch = grid.width / 4;
  await page.touchscreen.tap(grid.left + 3.5 * pitch, grid.top + 0.5 * pitch);
  await settled(page);
  assert.match(await page.textContent('.ap-tooltip:not([hidden])'), /^“John” looks at “lunch”: /);
  // The tap also opened the cell's "why this score" sheet (ux-more.test.mjs): close it. The
  // page may have scrolled to keep the tapped cell above the sheet: read the grid again.
  await page.click('.ap-panel-main .ap-popover-close');
  const moved = await page.$eval('.ap-panel-main [role=grid]', (g) => g.getBoundingClientRect().toJSON());
  await page.touchscreen.tap(moved.left + 1.5 * pitch, moved.top + 2.5 * pitch);
  await settled(page);
  assert.match(await page.textContent('.ap-tooltip:not([hidden])'), /^“his” looks at “ate”: /);
  await page.screenshot({
    path: new URL('ux-phone-references.png', new URL('../../artifacts/screenshots/', import.meta.url)).pathname,
  });
  for (const view of ['matrix', 'steps']) {
    await page.evaluate((v) => (location.hash = `#text=John+ate+his+lunch&view=${v}`), view);
    await settled(page);
    await page.waitForTimeout(300);
    assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /hover/i, view);
  }
  const long = 'The cat that was sleeping on the mat suddenly woke up and looked around the quiet room';
  await page.evaluate((t) => (location.hash = `#text=${encodeURIComponent(t)}`), long);
  await page.waitForFunction(() => document.querySelectorAll('.ap-col-label').length === 17);
  const boxes = await page.$$eval('.ap-col-label', (l) => l.map((x) => x.getBoundingClientRect().toJSON()));
  for (let i = 1; i < boxes.length; ++i)
    assert.ok(boxes[i].left >= boxes[i - 1].right - 0.5, `column labels ${i - 1} and ${i} overlap`);
  assert.ok(await page.$eval('.ap-col-label', (t) => parseFloat(getComputedStyle(t).fontSize) >= 12));
  await page.screenshot({
    path: new URL('ux-phone-long.png', new URL('../../artifacts/screenshots/', import.meta.url)).pathname,
  });
  assert.deepEqual(errors, []);
  await context.close();
});
