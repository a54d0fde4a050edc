// The layers × heads grid (web/views/head-grid.js) as a person sees and uses it in Chromium: its
// labels, one thumbnail per head whose pixels are the given weights on the viridis scale, one
// Tab stop with arrow keys inside, Enter and clicks that pick a head. The view alone, on a host
// page with made-up weights; the model panel's tests use it on a real model.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { openHost } from './widget-fixtures.mjs';
import { viridisRgb } from '../../web/shared/palette.js';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Head grid</title>
<link rel="stylesheet" href="../shared/theme.css"><link rel="stylesheet" href="../views/views.css"></head>
<body><button id="before">before</button><div id="host"></div><button id="after">after</button>
<script type="module">
import { createHeadGrid } from '../views/head-grid.js';
const T = 4;
// Head (l, h) puts weight on key (l + h) % T, the rest spread evenly: a picture each head differs in.
const weights = (l, h) => Float32Array.from({ length: T * T }, (_, i) => (i % T === (l + h) % T ? 0.7 : 0.1));
window.input = {
  tokens: ['The', 'Ġcat', 'Ġsat', '.'].map((text) => ({ text })),
  layers: [0, 1].map((l) => ({ heads: [0, 1, 2].map((h) => ({ weights: weights(l, h) })) })),
};
window.input.layers[0].heads[1].label = 'previous token';
window.input.layers[1].heads[2].score = 0.875;
window.picked = [];
window.grid = createHeadGrid(document.getElementById('host'), { onSelect: (at) => window.picked.push(at) });
window.grid.update(window.input);
window.weightsOf = (l, h) => Array.from(window.input.layers[l].heads[h].weights);
document.body.dataset.ready = '1';
</script></body></html>`;

async function open() {
  const opened = await openHost(harness, HOST, { path: 'fixture/head-grid.html' });
  await opened.page.waitForSelector('body[data-ready]');
  return opened;
}

const focusedCell = (page) =>
  page.evaluate(() => {
    const node = document.activeElement;
    return node?.classList.contains('ap-headgrid-cell')
      ? [Number(node.dataset.layer), Number(node.dataset.head)]
      : null;
  });

test('the grid shows L × H thumbnails with layer and head labels, labels and scores when given', async () => {
  const { page, errors, context } = await open();
  assert.equal(await page.locator('.ap-headgrid-cell').count(), 6);
  assert.deepEqual(await page.locator('.ap-headgrid-rowhead').allTextContents(), ['layer 0', 'layer 1']);
  assert.deepEqual(await page.locator('.ap-headgrid-colhead').allTextContents(), ['head 0', 'head 1', 'head 2']);
  const cell = (l, h) => page.locator(`.ap-headgrid-cell[data-layer="${l}"][data-head="${h}"]`);
  assert.equal(await cell(0, 1).locator('.ap-headgrid-label').textContent(), 'previous token');
  assert.ok(await cell(0, 1).locator('.ap-headgrid-label').isVisible());
  assert.equal(await cell(1, 2).locator('.ap-headgrid-score').textContent(), '0.88');
  assert.equal(await cell(0, 0).locator('.ap-headgrid-label').isVisible(), false);
  assert.equal(await cell(1, 2).getAttribute('aria-label'), 'Layer 1, head 2: score 0.88');
  assert.equal(await page.locator('[role="grid"]').getAttribute('aria-label'), 'Every head of every layer');
  await harness.screenshot(page, 'model-head-grid');
  assert.deepEqual(errors, []);
  await context.close();
});

test('each thumbnail is its head: one pixel per weight, coloured on the viridis scale', async () => {
  const { page, errors, context } = await open();
  for (const [l, h] of [
    [0, 0],
    [1, 2],
  ]) {
    const { width, height, pixels } = await page.evaluate(
      ([l, h]) => {
        const canvas = document.querySelector(`.ap-headgrid-cell[data-layer="${l}"][data-head="${h}"] canvas`);
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        return { width: canvas.width, height: canvas.height, pixels: Array.from(data) };
      },
      [l, h],
    );
    assert.deepEqual([width, height], [4, 4]);
    const weights = await page.evaluate(([l, h]) => window.weightsOf(l, h), [l, h]);
    weights.forEach((w, i) =>
      assert.deepEqual(pixels.slice(4 * i, 4 * i + 3), viridisRgb(w), `head ${l}.${h} cell ${i}`),
    );
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('one Tab stop, arrow keys move inside, Enter and click pick a head', async () => {
  const { page, errors, context } = await open();
  await page.focus('#before');
  await page.keyboard.press('Tab');
  assert.deepEqual(await focusedCell(page), [0, 0]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await focusedCell(page), [1, 1]);
  await page.keyboard.press('ArrowDown'); // the last layer: stays
  await page.keyboard.press('End');
  assert.deepEqual(await focusedCell(page), [1, 2]);
  await page.keyboard.press('Enter');
  assert.deepEqual(await page.evaluate(() => window.picked), [{ layer: 1, head: 2 }]);
  await page.keyboard.press('Tab'); // leaves the grid: one stop only
  assert.equal(await page.evaluate(() => document.activeElement.id), 'after');
  await page.keyboard.press('Shift+Tab'); // comes back to the cell it left
  assert.deepEqual(await focusedCell(page), [1, 2]);

  await page.click('.ap-headgrid-cell[data-layer="0"][data-head="1"]');
  assert.deepEqual(await page.evaluate(() => window.picked.at(-1)), { layer: 0, head: 1 });
  // The host marks the pick: one cell is selected and is the Tab stop.
  await page.evaluate(() => window.grid.select({ layer: 0, head: 1 }));
  assert.deepEqual(
    await page.$$eval('.ap-headgrid-cell[aria-selected="true"]', (n) => n.map((x) => x.getAttribute('aria-label'))),
    ['Layer 0, head 1: previous token'],
  );
  assert.deepEqual(
    await page.$$eval('.ap-headgrid-cell[tabindex="0"]', (n) => n.map((x) => [x.dataset.layer, x.dataset.head])),
    [['0', '1']],
  );
  assert.deepEqual(errors, []);
  await context.close();
});
