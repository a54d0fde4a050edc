// Issue 20 on the matrix, as a person sees it: typing a word eases the cells from their old
// colours to the new ones (the old picture fades out over the new one, which is the core's
// numbers from the first frame; reduced motion: no fade), and clicking a cell — or Enter on the
// keyboard's cell — opens its "why this score" (the core's named contributions) right beside the
// cell (under it, or above it near the bottom of the window); the focus stays on the grid, Escape or the close button closes it.
// A matrix out of the window changes at once (no fade nobody sees).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { readMatrix, ready, settled } from './page-helpers.mjs';

let harness;
before(async () => {
  harness = await startHarness({ csp: true });
});
after(async () => harness?.close());

// In the page: how many cell fades run, and the fading layer's opacity.
function fadeInPage() {
  const fade = document.querySelector('.ap-panel-main .ap-matrix-fade');
  const running = document.getAnimations().filter((a) => a.id === 'ap-cells' && a.playState === 'running');
  return { running: running.length, opacity: fade ? Number(getComputedStyle(fade).opacity) : null };
}
// the T × S colours a canvas shows (the cells, or the fading copy), sampled 3 px inside each cell
function cellColoursInPage(which = '.ap-matrix-canvas') {
  const canvas = document.querySelector(`.ap-panel-main ${which}`);
  const grid = canvas.closest('[role=grid]');
  const T = Number(grid.getAttribute('aria-rowcount'));
  const S = Number(grid.getAttribute('aria-colcount'));
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const pitch = canvas.getBoundingClientRect().width / S;
  const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const out = [];
  for (let r = 0; r < T; ++r)
    for (let c = 0; c < S; ++c) {
      const i = 4 * (Math.round((r * pitch + 3) * ratio) * canvas.width + Math.round((c * pitch + 3) * ratio));
      out.push(px[i], px[i + 1], px[i + 2], 255);
    }
  return out;
}

test('typing eases the cells: the old colours fade out over the new ones', async () => {
  const { page, errors, context } = await harness.openPage('#text=The+cat+sat+on+the+mat&heads=1');
  await ready(page);
  const before = await page.evaluate(cellColoursInPage, '.ap-matrix-canvas');
  await page.focus('#sentence');
  await page.keyboard.press('End');
  await page.keyboard.type(' today');
  await page.keyboard.press('Backspace'); // "toda": the same 7 words, other numbers
  await page.keyboard.type('y');
  await page.waitForFunction(() => document.getAnimations().some((a) => a.id === 'ap-cells'));
  // (a loaded machine may reach this line after the 200 ms fade ended: then nothing runs)
  const during = await page.evaluate(fadeInPage);
  assert.ok(during.running <= 1, 'at most one fade at a time');
  if (during.running) assert.ok(during.opacity > 0 && during.opacity <= 1, `fading: opacity ${during.opacity}`);
  await page.waitForFunction(() => !document.getAnimations().some((a) => a.id === 'ap-cells'));
  const after = await page.evaluate(fadeInPage);
  assert.equal(after.opacity, 0, 'the old picture is gone');
  // the canvas below already showed the core's new numbers; read as a person would
  await readMatrix(page);
  // the same words with other weights (another head): the fade starts from what was drawn
  const drawn = await page.evaluate(cellColoursInPage, '.ap-matrix-canvas');
  await page.click('#heads [data-head="0"]');
  await page.waitForFunction(() => document.getAnimations().some((a) => a.id === 'ap-cells'));
  const fade = await page.evaluate(cellColoursInPage, '.ap-matrix-fade');
  assert.deepEqual(fade, drawn, 'the fading cells are the colours drawn before');
  assert.notDeepEqual(before, drawn);
  assert.deepEqual(errors, []);
  await context.close();
});

// The fade is for the eye: a matrix out of the window (the multi-head layout's detail view
// below 8 heads' cards and two pictures) changes at once, and fades again once scrolled to.
test('a matrix out of the window changes without a fade; in view it fades again', async () => {
  const text = 'the cat that was sleeping on the warm mat suddenly woke up and ran to the door because it heard a dog';
  const { page, errors, context } = await harness.openPage(`#text=${encodeURIComponent(text)}&mode=multihead`);
  await ready(page);
  const top = await page.$eval('.ap-panel-main .ap-matrix-canvas', (c) => c.getBoundingClientRect().top - innerHeight);
  assert.ok(top > 0, `the detail matrix starts below the window (${top} px)`);
  // every cell fade started from here on is counted (a short fade may be over before a check)
  await page.evaluate(() => {
    window.__fades = 0;
    const animate = Element.prototype.animate;
    Element.prototype.animate = function (keyframes, options) {
      if (options?.id === 'ap-cells') window.__fades += 1;
      return animate.call(this, keyframes, options);
    };
  });
  const fades = () => page.evaluate(() => window.__fades);
  await page.focus('#sentence');
  await page.keyboard.press('End');
  await page.keyboard.type(' bar');
  await settled(page);
  assert.equal(await fades(), 0, 'no fade below the window');
  assert.deepEqual((await readMatrix(page)).cols.slice(-2), ['dog', 'bar'], 'the cells are the new numbers');
  await page.locator('.ap-panel-main .ap-matrix-canvas').scrollIntoViewIfNeeded();
  await settled(page);
  await page.focus('#sentence');
  await page.keyboard.type('k');
  await settled(page);
  assert.equal(await fades(), 1, 'one fade once in view');
  assert.deepEqual(errors, []);
  await context.close();
});

// A keystroke is drawn by its input event, so the next frame only lays out and paints (the
// latency figure of issue 20); hovering still waits for the frame.
test('typing draws the new word in the input event, before the next frame', async () => {
  const { page, errors, context } = await harness.openPage('#text=The+cat+sat+on+the+mat');
  await ready(page);
  const seen = await page.evaluate(() => {
    const input = document.getElementById('sentence');
    const labels = () => [...document.querySelectorAll('.ap-panel-main .ap-col-label')].map((n) => n.textContent);
    const renders = Number(document.getElementById('timings').dataset.renders);
    input.value = 'The cat sat on the rug today';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // read in the same task: no animation frame has run since the event
    return { labels: labels(), renders: Number(document.getElementById('timings').dataset.renders) - renders };
  });
  assert.deepEqual(seen.labels, ['The', 'cat', 'sat', 'on', 'the', 'rug', 'today']);
  assert.equal(seen.renders, 1, 'one render, in the event');
  await settled(page);
  // and the cells drawn are the core's numbers for the new sentence
  assert.deepEqual((await readMatrix(page)).cols, ['The', 'cat', 'sat', 'on', 'the', 'rug', 'today']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with reduced motion the cells change at once', async () => {
  const context = await harness.browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${harness.url}#text=The+cat+sat+on+the+mat`);
  await ready(page);
  await page.click('#heads [data-head="1"]');
  await settled(page);
  assert.equal(await page.evaluate(() => document.getAnimations().length), 0);
  await readMatrix(page);
  await context.close();
});

test('a clicked cell explains its score right there; Escape closes it; Enter opens it', async () => {
  const { page, errors, context } = await harness.openPage('#text=The+cat+sat+on+the+mat');
  await ready(page);
  // the cells' own box (the grid may also hold marks beside the cells)
  const box = await (await page.$('.ap-panel-main .ap-matrix-canvas')).boundingBox();
  const cell = box.width / 6;
  // row "sat" (2), column "cat" (1)
  const at = { x: box.x + 1.5 * cell, y: box.y + 2.5 * cell };
  await page.mouse.click(at.x, at.y);
  await settled(page);
  const dialog = page.locator('.ap-panel-main .ap-popover');
  assert.equal(await dialog.isVisible(), true);
  assert.equal(await dialog.getAttribute('role'), 'region');
  assert.match(await dialog.getAttribute('aria-label'), /“sat” → “cat”/);
  assert.match(await dialog.locator('h4').textContent(), /Why “sat” → “cat” scores −?\d/);
  assert.ok((await dialog.locator('.ap-contributions li').count()) >= 1);
  assert.match(await dialog.locator('.ap-popover-weight').textContent(), /\d+\.\d%/);
  // anchored at the cell: just under it, overlapping its column (the page may have scrolled to
  // show the box, so the cells are measured again)
  const pop = await dialog.boundingBox();
  const cells = await (await page.$('.ap-panel-main .ap-matrix-canvas')).boundingBox();
  Object.assign(at, { x: cells.x + 1.5 * cell, y: cells.y + 2.5 * cell });
  Object.assign(box, cells);
  // under the cell, or above it when the window has no room below (ux-more.test.mjs)
  const under = pop.y >= box.y + 3 * cell - 1 && pop.y <= box.y + 3 * cell + 12;
  const over = pop.y + pop.height <= box.y + 2 * cell + 1 && pop.y + pop.height >= box.y + 2 * cell - 12;
  assert.ok(
    under || over,
    `box ${pop.y}-${pop.y + pop.height} beside the cell ${box.y + 2 * cell}-${box.y + 3 * cell}`,
  );
  assert.ok(pop.x <= at.x && pop.x + pop.width >= at.x, 'over the cell’s column');
  // the focus stays on the grid; Tab reaches the box's close button
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'grid');
  await page.keyboard.press('Escape');
  assert.equal(await dialog.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'grid');
  // keyboard only: the grid's active cell, Enter
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal(await dialog.isVisible(), true);
  assert.match(await dialog.getAttribute('aria-label'), /“sat” → “sat”/);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Close');
  await page.keyboard.press('Enter');
  assert.equal(await dialog.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'grid');
  await page.keyboard.press('Enter'); // Enter on the same cell opens it, again closes it
  await settled(page);
  assert.equal(await dialog.isVisible(), true);
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal(await dialog.isVisible(), false);
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal(await dialog.isVisible(), true);
  // typing keeps it open with the new numbers; a click elsewhere closes it
  await page.fill('#sentence', 'The cat sat on the mats');
  await settled(page);
  assert.equal(await dialog.isVisible(), true);
  await page.mouse.click(5, 5);
  assert.equal(await dialog.isVisible(), false);
  assert.deepEqual(errors, []);
  await context.close();
});
