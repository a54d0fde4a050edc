// Attention computed elsewhere, opened on the playground page as a person does (the "Open a
// model…" input, or dropped on the page): the grid shows every layer × head, labelled as
// imported, and a picked head's matrix shows the file's numbers; a broken file gives a readable
// message and the page keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { settled } from './page-helpers.mjs';
import { checkHeadMatrix, dropFiles, openFiles, openPlayground, pickHead, readGrid } from './model-helpers.mjs';
import { nest, npy, rows } from '../fixtures/attention-files.mjs';

let harness;
before(async () => {
  harness = await startHarness({ csp: true }); // the page under its strict CSP, as playground.test.mjs
});
after(async () => harness?.close());

const TOKENS = ['[CLS]', 'the', 'cat', 'sat', '[SEP]'];
const FLAT = rows(2, 3, 5);
const json = Buffer.from(JSON.stringify({ tokens: TOKENS, attention: nest(FLAT, [2, 3, 5, 5]) }));
const headWeights = (flat, H, T, l, h) => flat.slice((l * H + h) * T * T, (l * H + h + 1) * T * T);

test('an imported Hugging Face / BertViz JSON: grid, label, and a head with the file’s numbers', async () => {
  const { page, errors, context } = await openPlayground(harness);
  await openFiles(page, [{ name: 'bertviz.json', buffer: json }]);
  assert.equal(await page.textContent('#model-message'), 'Opened bertviz.json.');
  assert.match(
    await page.textContent('#model-title'),
    /^Imported: computed elsewhere \(bertviz\.json\): 2 layers × 3 heads, 5 tokens$/,
  );
  assert.match(await page.textContent('#model-honest'), /computed elsewhere/);
  assert.match(await page.evaluate(() => location.hash), /model=opened/);
  const grid = await readGrid(page);
  assert.equal(grid.cells, 6);
  assert.deepEqual(grid.rows, ['layer 0', 'layer 1']);
  assert.deepEqual(grid.cols, ['head 0', 'head 1', 'head 2']);
  assert.deepEqual(grid.selected, ['Layer 0, head 0']);
  // The hand-built heads' own controls are hidden while the import shows.
  assert.equal(await page.isVisible('#views'), false);
  assert.equal(await page.isVisible('#honest'), false);
  assert.deepEqual(await page.$$eval('#model-tokens [data-token]', (b) => b.map((x) => x.textContent)), TOKENS);

  await pickHead(page, 1, 2);
  assert.deepEqual((await readGrid(page)).selected, ['Layer 1, head 2']);
  await checkHeadMatrix(page, { rows: TOKENS, weights: headWeights(FLAT, 3, 5, 1, 2), mask: null });
  await harness.screenshot(page, 'model-import-json');
  // Lines and strip views read the same head; step by step needs q and k, which a file lacks.
  await page.click('[data-view="steps"]');
  await settled(page);
  assert.equal(await page.getAttribute('#model-head', 'data-view'), 'matrix');
  assert.match(await page.textContent('#model-notes'), /an imported file has only the weights/);
  await page.click('[data-view="lines"]');
  await settled(page);
  assert.equal(await page.getAttribute('#model-head', 'data-view'), 'lines');
  assert.ok(await page.locator('#model-head .ap-lines svg').count());

  // Back to the hand-built heads: their views return.
  await page.click('#model-back');
  await settled(page);
  assert.equal(await page.isVisible('#model-area'), false);
  assert.ok(await page.isVisible('#views .ap-view'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dropped .npy with its tokens file, float64 with a row that is not softmax: shown and flagged', async () => {
  const { page, errors, context } = await openPlayground(harness);
  const flat = rows(1, 2, 3);
  flat[0] += 0.25;
  await dropFiles(page, [
    { name: 'attn.npy', buffer: Buffer.from(npy('<f8', [1, 1, 2, 3, 3], flat)) },
    { name: 'tokens.txt', buffer: Buffer.from('Ġthe\nĠcat\n.\n') },
  ]);
  assert.equal(await page.textContent('#model-message'), 'Opened attn.npy, tokens.txt.');
  assert.equal((await readGrid(page)).cells, 2);
  assert.match(
    await page.textContent('#model-notes'),
    /1 of 6 rows do not sum to 1 \(first: layer 0 head 0 row 0 sums to 1\.2500\)/,
  );
  await pickHead(page, 0, 1);
  await checkHeadMatrix(page, {
    rows: ['Ġthe', 'Ġcat', '.'],
    weights: headWeights(flat, 2, 3, 0, 1).map(Math.fround),
    mask: null,
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken file: a readable message, and the page keeps working', async () => {
  const { page, errors, context } = await openPlayground(harness);
  const broken = npy('<f4', [1, 2, 2], [Number.NaN, 1, 0, 1]);
  await openFiles(page, [{ name: 'broken.npy', buffer: Buffer.from(broken) }]);
  assert.equal(
    await page.textContent('#model-message'),
    'Could not read broken.npy: importAttention: layer 0 head 0 row 0 column 0 is NaN; attention weights must be finite numbers',
  );
  assert.equal(await page.isVisible('#model-area'), false);
  await openFiles(page, [{ name: 'notes.pdf', buffer: Buffer.from('%PDF') }]);
  assert.match(await page.textContent('#model-message'), /^notes\.pdf: not a file this page opens/);
  // Still works: the hand-built views redraw on typing, and a good file opens afterwards.
  await page.fill('#sentence', 'A dog barked');
  await settled(page);
  assert.equal(await page.getAttribute('#timings', 'data-tokens'), '3');
  await openFiles(page, [{ name: 'bertviz.json', buffer: json }]);
  assert.equal((await readGrid(page)).cells, 6);
  await harness.screenshot(page, 'model-import-after-error');
  assert.deepEqual(errors, []);
  await context.close();
});
