// Issue 20, the items its second session finished, as a person sees them: the step-by-step
// stage says "nothing here" (and why) on a word the head has no signal for, exactly where the
// core's evidence says so; the widget's word and head chips are one Tab stop each with arrow
// keys, Escape unpins, and its full controls focus a word and Play; on a 390 × 844 phone a
// tapped cell's "why this score" leaves the tapped row visible and stays on screen.
// Screenshots go to artifacts/screenshots/ (the closing note's copies are in
// tests/browser/artifacts/issue-20/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SCREENSHOTS, startHarness } from './harness.mjs';
import { ready, settled } from './page-helpers.mjs';
import { hostPage, openHost, waitRendered } from './widget-fixtures.mjs';

let harness;
before(async () => {
  harness = await startHarness({ csp: true });
});
after(async () => harness?.close());

const PHONE = { width: 390, height: 844 };
const STEPS = '#text=John+ate+his+lunch&heads=References&view=steps&step=4';

test('step by step: the stage says "nothing here" and why on exactly the words the core finds no signal for', async () => {
  const { page, errors, context } = await harness.openPage(`${STEPS}&token=3`);
  await ready(page);
  const idle = await page.evaluate(async () => {
    const { loadAttention } = await import(new URL('lib/index.js', document.baseURI).href);
    const a = (await loadAttention()).analyze({ text: 'John ate his lunch', mode: 'self', heads: ['References'] });
    return Array.from(a.heads[0].evidence.idle);
  });
  assert.deepEqual(idle, [1, 1, 0, 1], 'the core: References has a signal only from "his"');
  const seen = () =>
    page.evaluate(() => {
      const note = document.querySelector('.ap-steps-quiet');
      return {
        note: note.hidden ? '' : note.textContent,
        faded: document.querySelector('.ap-step-body').classList.contains('ap-steps-idle'),
        bars: document.querySelectorAll('.ap-key-row').length,
      };
    });
  let shown = await seen();
  assert.match(shown.note, /^∅ Nothing here\. References asks only from pronouns and possessives; “lunch” is not one/);
  assert.equal(shown.faded, true);
  assert.equal(shown.bars, 4, 'the weights are still drawn, faded');
  await harness.screenshot(page, 'ux-steps-nothing-here');
  for (const [token, expectIdle] of idle.entries()) {
    await page.evaluate(
      (t) => (location.hash = `#text=John+ate+his+lunch&heads=References&view=steps&step=4&token=${t}`),
      token,
    );
    await page.waitForFunction(
      (t) => document.querySelector('.ap-steps-intro')?.textContent.includes(['John', 'ate', 'his', 'lunch'][t]),
      token,
    );
    await settled(page);
    shown = await seen();
    assert.equal(Boolean(shown.note), Boolean(expectIdle), `word ${token}: the note follows the core's verdict`);
    assert.equal(shown.faded, Boolean(expectIdle));
  }
  // Every step of a quiet word carries it (the verdict is the word's, not one step's).
  await page.evaluate(() => (location.hash = '#text=John+ate+his+lunch&heads=References&view=steps&step=1&token=1'));
  await page.waitForFunction(() => document.querySelector('.ap-step-current')?.dataset.stepId === 'dot');
  assert.match((await seen()).note, /“ate” is not one/);
  assert.deepEqual(errors, []);
  await context.close();
});

const WIDGET = (attrs) =>
  hostPage(`<attention-playground sentence="John ate his lunch" controls="full" ${attrs}></attention-playground>`);
const inWidget = (page) => page.locator('attention-playground');
const attr = (page, name) => page.getAttribute('attention-playground', name);
// What has the keyboard inside the widget's shadow root.
const active = (page) =>
  page.evaluate(() => {
    const a = document.querySelector('attention-playground').shadowRoot.activeElement;
    return a ? { text: a.textContent, group: a.closest('[role=group]')?.getAttribute('aria-label') ?? '' } : null;
  });

test('widget: word and head chips are one Tab stop each with arrow keys; step keys; Escape unpins', async () => {
  const { page, errors, context } = await openHost(harness, WIDGET('view="steps" head="References"'));
  await waitRendered(page);
  const words = inWidget(page).getByRole('group', { name: 'Focus on' });
  const heads = inWidget(page).getByRole('group', { name: 'Head' });
  assert.deepEqual(await words.locator('button').allTextContents(), ['John', 'ate', 'his', 'lunch']);
  assert.equal(await heads.locator('button').count(), 8);
  for (const group of [words, heads])
    assert.equal(await group.locator('button[tabindex="0"]').count(), 1, 'one Tab stop per group');
  assert.equal(await heads.locator('button[aria-pressed="true"]').textContent(), 'References');
  // Tab from the sentence field: mode, then the head chips (one stop), the view, the word chips.
  await inWidget(page).getByRole('textbox').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.deepEqual(await active(page), { text: 'References', group: 'Head' });
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await active(page), { text: 'Context', group: 'Head' });
  assert.equal(await attr(page, 'head'), 'References', 'an arrow moves, Enter picks');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('attention-playground').getAttribute('head') === '3');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await active(page)).group, 'Focus on');
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('attention-playground').getAttribute('focus') === '3');
  assert.deepEqual(await active(page), { text: 'lunch', group: 'Focus on' });
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('attention-playground').getAttribute('focus') === '2');
  // Step shortcuts anywhere in the widget (here the stage): → ← End Home, Space plays and pauses.
  await inWidget(page).locator('.ap-stage').focus();
  const step = () => attr(page, 'step');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('attention-playground').getAttribute('step') === '1');
  await page.keyboard.press('End');
  assert.equal(await step(), '6');
  await page.keyboard.press('Home');
  assert.equal(await step(), '0');
  await page.keyboard.press(' ');
  const play = inWidget(page).getByRole('button', { name: /Pause/ });
  assert.equal(await play.getAttribute('aria-pressed'), 'true');
  await page.keyboard.press(' ');
  assert.equal(await inWidget(page).getByRole('button', { name: /Play/ }).getAttribute('aria-pressed'), 'false');
  // Escape unpins: a clicked cell holds the focus word against hovering until Escape.
  await page.evaluate(() => document.querySelector('attention-playground').setAttribute('view', 'matrix'));
  await waitRendered(page, {
    after: Number(
      await page.evaluate(
        () => document.querySelector('attention-playground').shadowRoot.querySelector('.apw').dataset.rendered,
      ),
    ),
  });
  const grid = await inWidget(page).locator('[role=grid]').boundingBox();
  const pitch = grid.width / 4;
  const focusRow = () =>
    page.evaluate(() =>
      [...document.querySelector('attention-playground').shadowRoot.querySelectorAll('.ap-matrix-rowlabel')].findIndex(
        (n) => n.classList.contains('ap-focus'),
      ),
    );
  const frame = inWidget(page).locator('.apw');
  await page.mouse.click(grid.x + 0.5 * pitch, grid.y + 0.5 * pitch);
  await page.waitForFunction(
    () => document.querySelector('attention-playground').shadowRoot.querySelector('.apw').dataset.pinned === 'true',
  );
  await page.mouse.move(grid.x + 0.5 * pitch, grid.y + 3.5 * pitch);
  await settled(page);
  assert.equal(await focusRow(), 0, 'pinned: hovering does not move the focus word');
  await page.keyboard.press('Escape'); // closes the cell's "why" box first
  await page.keyboard.press('Escape');
  await page.waitForFunction(
    () => document.querySelector('attention-playground').shadowRoot.querySelector('.apw').dataset.pinned === 'false',
  );
  await page.mouse.move(grid.x + 0.5 * pitch, grid.y + 2.5 * pitch);
  await page.waitForFunction(() =>
    document
      .querySelector('attention-playground')
      .shadowRoot.querySelectorAll('.ap-matrix-rowlabel')[2]
      .classList.contains('ap-focus'),
  );
  assert.equal(await frame.getAttribute('data-pinned'), 'false');
  assert.deepEqual(errors, []);
  await context.close();
});

const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

test('phone 390 × 844: a tapped cell\'s "why this score" is a sheet that leaves the cell and its row in sight', async () => {
  const context = await harness.browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const text = 'The cat that was sleeping on the mat suddenly woke up';
  await page.goto(new URL(`#text=${encodeURIComponent(text)}&heads=Semantics`, harness.url).href);
  await ready(page);
  // Bring the matrix's lower rows to the middle of the screen, then tap a cell in row 8.
  await page.$eval('.ap-panel-main [role=grid]', (g) => g.scrollIntoView({ block: 'center' }));
  let grid = await page.$eval('.ap-panel-main [role=grid]', (g) => g.getBoundingClientRect().toJSON());
  const pitch = grid.height / 11;
  await page.touchscreen.tap(grid.left + 2.5 * pitch, grid.top + 8.5 * pitch);
  await page.waitForSelector('.ap-panel-main .ap-popover:not([hidden])');
  await settled(page);
  grid = await page.$eval('.ap-panel-main [role=grid]', (g) => g.getBoundingClientRect().toJSON());
  const seen = await page.evaluate(() => {
    const box = document.querySelector('.ap-panel-main .ap-popover').getBoundingClientRect().toJSON();
    const label = document.querySelectorAll('.ap-panel-main .ap-matrix-rowlabel')[8].getBoundingClientRect().toJSON();
    return { box, label, w: innerWidth, h: innerHeight, sideways: document.documentElement.scrollWidth > innerWidth };
  });
  const cell = {
    left: grid.left + 2 * pitch,
    right: grid.left + 3 * pitch,
    top: grid.top + 8 * pitch,
    bottom: grid.top + 9 * pitch,
  };
  assert.ok(seen.box.left >= 0 && seen.box.right <= seen.w + 0.5, 'not clipped sideways');
  assert.ok(seen.box.top >= 0 && seen.box.bottom <= seen.h + 0.5, 'inside the screen');
  assert.ok(Math.abs(seen.box.bottom - seen.h) < 1, 'a sheet along the bottom');
  assert.ok(
    !overlap(seen.box, cell),
    `the sheet (top ${seen.box.top}) covers the tapped cell (${cell.top}-${cell.bottom})`,
  );
  assert.ok(!overlap(seen.box, seen.label), "the tapped row's word stays in sight");
  assert.ok(cell.top >= 0, 'the tapped cell is on screen');
  assert.equal(seen.sideways, false);
  assert.match(await page.getAttribute('.ap-panel-main .ap-popover', 'aria-label'), /“suddenly” → “that”/);
  await page.screenshot({ path: new URL('ux-phone-popover-sheet.png', SCREENSHOTS).pathname });
  assert.deepEqual(errors, []);
  await context.close();
});

test('desktop: near the bottom of the window the box opens above the cell', async () => {
  const { page, errors, context } = await harness.openPage(
    '#text=The+cat+that+was+sleeping+on+the+mat+suddenly+woke+up&heads=Semantics',
  );
  await ready(page);
  // Scroll so that row 10 sits near the bottom of the window.
  await page.$eval('.ap-panel-main [role=grid]', (g) => {
    const r = g.getBoundingClientRect();
    scrollBy(0, r.bottom - innerHeight + 20);
  });
  const grid = await page.$eval('.ap-panel-main [role=grid]', (g) => g.getBoundingClientRect().toJSON());
  const pitch = grid.height / 11;
  await page.mouse.click(grid.left + 1.5 * pitch, grid.top + 10.5 * pitch);
  await page.waitForSelector('.ap-panel-main .ap-popover:not([hidden])');
  const box = await page.$eval('.ap-panel-main .ap-popover', (b) => b.getBoundingClientRect().toJSON());
  const cellTop = grid.top + 10 * pitch;
  assert.ok(box.bottom <= cellTop + 0.5, `above the cell: box bottom ${box.bottom}, cell top ${cellTop}`);
  assert.ok(box.top >= 0, 'inside the window');
  assert.deepEqual(errors, []);
  await context.close();
});
