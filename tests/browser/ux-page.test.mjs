// Issue 20 on the playground page, as a person sees it: a head with nothing to do says so (the
// faded rows, "nothing here", the reason), the matrix reads as a table with row and column
// headers in the accessibility tree, axis captions, keyboard groups (one Tab stop, arrows,
// Home/End, Escape unpins, the skip link), the Lines view's buttons outside any role="img",
// and contrast >= 4.5:1 computed from the rendered colours (page text in both themes, every
// printed cell value). Screenshots at 1280 × 900 go to artifacts/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { ready, settled } from './page-helpers.mjs';
import { cellContrastInPage, textContrastInPage } from './contrast-reader.mjs';

let harness;
before(async () => {
  harness = await startHarness({ csp: true });
});
after(async () => harness?.close());

const JOHN = '#text=John+ate+his+lunch&heads=References&token=3';

async function open(path, options) {
  const opened = await harness.openPage(path, options);
  await ready(opened.page);
  return opened;
}

test('References on a word that is not a pronoun: faded rows, "nothing here" and the reason', async () => {
  const { page, errors, context } = await open(JOHN);
  const seen = await page.evaluate(() => ({
    quiet: [...document.querySelectorAll('.ap-matrix-rowlabel')].map((n) => n.classList.contains('ap-quiet-label')),
    marks: document.querySelectorAll('.ap-quiet-mark').length,
    note: document.querySelector('.ap-quiet-note:not([hidden])')?.textContent ?? '',
    axes: document.querySelector('.ap-axis-caption')?.textContent ?? '',
    cell: document.querySelector('[role=gridcell]').getAttribute('aria-label'),
  }));
  assert.deepEqual(seen.quiet, [true, true, false, true]);
  assert.equal(seen.marks, 3);
  assert.match(
    seen.note,
    /^Faded rows have no signal \(John, ate, lunch\)\. References asks only from pronouns and possessives; “lunch” is not one/,
  );
  assert.match(seen.axes, /Rows ↓ .*\(query\) · columns → .*\(key\)/);
  assert.match(seen.cell, /^“lunch” looks at “John”: \d+\.\d%\. No signal: References asks only/);
  // The pronoun's own row has a signal: no reason on it.
  await page.click('#tokens [data-token="2"]');
  await settled(page);
  assert.doesNotMatch(
    await page.getAttribute('[role=gridcell]', 'aria-label'),
    /No signal/,
    'the active cell is on the row of “his”',
  );
  await harness.screenshot(page, 'ux-references-nothing-here');
  // Emotions on a neutral sentence: every row says so.
  await page.evaluate(() => (location.hash = '#text=The+cat+sat+on+the+mat&heads=Emotions'));
  await page.waitForFunction(() => document.querySelectorAll('.ap-quiet-mark').length === 6);
  assert.match(await page.textContent('.ap-quiet-note'), /Nothing in the sentence is what Emotions looks for/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the matrix is also a table with row and column headers in the accessibility tree', async () => {
  const { page, errors, context } = await open(JOHN);
  await page.waitForFunction(() => document.querySelectorAll('.ap-matrix-table tbody tr').length === 4);
  const tree = await page.locator('table.ap-matrix-table').ariaSnapshot();
  assert.match(tree, /table "[^"]*Rows ↓[^"]*"/);
  for (const word of ['John', 'ate', 'his', 'lunch']) assert.match(tree, new RegExp(`- columnheader "${word}"`));
  assert.match(tree, /- rowheader "his"/);
  assert.match(tree, /- rowheader "lunch \(no signal\)"/);
  const core = await page.evaluate(async () => {
    const { loadAttention } = await import(new URL('lib/index.js', document.baseURI).href);
    const a = (await loadAttention()).analyze({ text: 'John ate his lunch', mode: 'self', heads: ['References'] });
    return Array.from(a.heads[0].weights.slice(8, 12), (w) => `${(100 * w).toFixed(1)}%`);
  });
  const row = await page.$$eval('.ap-matrix-table tbody tr:nth-child(3) td', (cells) =>
    cells.map((c) => c.textContent),
  );
  assert.deepEqual(row, core);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard: a skip link to the picture; chips and tabs are one Tab stop each with arrows, Home and End; Escape unpins', async () => {
  const { page, errors, context } = await open(JOHN);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the picture');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'views');
  assert.equal(await page.evaluate(() => location.hash), JOHN, 'the skip link leaves the settings alone');
  // Word chips: one Tab stop (the focused word); arrows move the focus word, Home and End jump.
  assert.deepEqual(await page.$$eval('#tokens [data-token]', (b) => b.map((x) => x.tabIndex)), [-1, -1, -1, 0]);
  await page.focus('#tokens [data-token="3"]');
  await page.keyboard.press('ArrowLeft');
  await settled(page);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'his');
  assert.equal(await page.getAttribute('#tokens [data-token="2"]', 'aria-pressed'), 'true');
  await page.keyboard.press('Home');
  await settled(page);
  assert.equal(await page.getAttribute('#tokens [data-token="0"]', 'aria-pressed'), 'true');
  await page.keyboard.press('End');
  await settled(page);
  assert.equal(await page.getAttribute('#tokens [data-token="3"]', 'aria-pressed'), 'true');
  // Head chips: one Tab stop on the selected head; arrows move, Enter picks.
  assert.equal(await page.$$eval('#heads [tabindex="0"]', (b) => b.map((x) => x.textContent).join()), 'References');
  await page.focus('#heads [data-head="2"]');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal(await page.textContent('#heads [aria-pressed=true]'), 'Context');
  // Tabs: End and Home activate the last and first.
  await page.focus('#view-tabs [aria-selected=true]');
  await page.keyboard.press('End');
  await settled(page);
  assert.equal(await page.getAttribute('[data-view=steps]', 'aria-selected'), 'true');
  await page.keyboard.press('Home');
  await settled(page);
  assert.equal(await page.getAttribute('[data-view=matrix]', 'aria-selected'), 'true');
  // Escape lets go of a pinned word.
  await page.click('#tokens [data-token="1"]');
  await settled(page);
  assert.equal(await page.getAttribute('#pin', 'aria-pressed'), 'true');
  await page.keyboard.press('Escape');
  await settled(page);
  assert.equal(await page.getAttribute('#pin', 'aria-pressed'), 'false');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Lines view: the word buttons are in the accessibility tree, not inside an image', async () => {
  const { page, errors, context } = await open(`${JOHN}&view=lines`);
  assert.equal(await page.locator('.ap-lines [role=img]').count(), 0);
  const tree = await page.locator('.ap-lines').ariaSnapshot();
  for (const word of ['John', 'ate', 'his', 'lunch']) assert.match(tree, new RegExp(`- button "Focus on “${word}”"`));
  assert.match(await page.textContent('.ap-lines .ap-quiet-note'), /^∅ Nothing here: References asks only/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('contrast >= 4.5:1 from the rendered colours: page text in both themes and every printed cell value', async () => {
  for (const theme of ['light', 'dark']) {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(new URL(`${JOHN}&theme=${theme}`, harness.url).href);
    await ready(page);
    const texts = await page.evaluate(textContrastInPage);
    assert.ok(texts.length > 40, `${theme}: ${texts.length} texts read`);
    const low = texts.filter((t) => t.ratio < 4.5);
    assert.deepEqual(low, [], `${theme}: text below 4.5:1`);
    const cells = await page.evaluate(cellContrastInPage, '.ap-panel-main');
    assert.equal(cells.length, 16, `${theme}: every cell prints its value`);
    const faint = cells.filter((c) => c.ratio < 4.5);
    assert.deepEqual(faint, [], `${theme}: cell values below 4.5:1`);
    // The strip view's chips, blocked ones included (causal mode).
    await page.evaluate(() => (location.hash = '#text=John+ate+his+lunch&mode=causal&view=strip&token=1'));
    await page.waitForFunction(() => document.querySelector('.ap-chip-blocked'));
    const strip = (await page.evaluate(textContrastInPage)).filter((t) => t.ratio < 4.5);
    assert.deepEqual(strip, [], `${theme}: strip text below 4.5:1`);
    await context.close();
  }
});
