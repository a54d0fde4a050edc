// web/views/head-grid.js's DOM-free part in Node: what the layers × heads grid labels, names and
// selects for a given input, and where the arrow keys move. (The drawn grid is checked in
// Chromium: tests/browser/model-head-grid.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headGridModel, moveInGrid } from '../../web/views/head-grid.js';

const tokens = [{ text: 'a' }, { text: 'b' }, { text: 'c' }];
const head = (extra = {}) => ({ weights: new Float32Array(9), ...extra });
const data = (L, H, extra) => ({
  tokens,
  layers: Array.from({ length: L }, () => ({ heads: Array.from({ length: H }, () => head(extra)) })),
});

test('rows are layers and columns heads, labelled from 0', () => {
  const m = headGridModel(data(2, 3));
  assert.equal(m.T, 3);
  assert.equal(m.layers, 2);
  assert.equal(m.heads, 3);
  assert.deepEqual(m.columns, ['head 0', 'head 1', 'head 2']);
  assert.deepEqual(
    m.rows.map((r) => r.label),
    ['layer 0', 'layer 1'],
  );
  assert.deepEqual(
    m.rows[1].cells.map((c) => [c.layer, c.head, c.name]),
    [
      [1, 0, 'Layer 1, head 0'],
      [1, 1, 'Layer 1, head 1'],
      [1, 2, 'Layer 1, head 2'],
    ],
  );
  assert.ok(m.rows.flatMap((r) => r.cells).every((c) => !c.selected && c.label === '' && c.score === null));
});

test('labels and scores are shown when given, and named for screen readers', () => {
  const input = data(1, 2);
  input.layers[0].heads[0] = head({ label: 'previous token', score: 0.8312 });
  input.layers[0].heads[1] = head({ score: -0.5 });
  const [a, b] = headGridModel(input).rows[0].cells;
  assert.equal(a.label, 'previous token');
  assert.equal(a.scoreText, '0.83');
  assert.equal(a.name, 'Layer 0, head 0: previous token, score 0.83');
  assert.equal(b.label, '');
  assert.equal(b.scoreText, '−0.50');
  assert.equal(b.name, 'Layer 0, head 1: score −0.50');
  // A score that is not a finite number is not shown (nothing is made up).
  input.layers[0].heads[1] = head({ score: NaN });
  assert.equal(headGridModel(input).rows[0].cells[1].scoreText, '');
  // Under the thumbnail: the source's short form when it gives one, else the whole label.
  assert.equal(a.shortLabel, 'previous token');
  input.layers[0].heads[0] = head({ label: 'previous word, 94% of positions', shortLabel: 'previous word 94%' });
  const c = headGridModel(input).rows[0].cells[0];
  assert.equal(c.shortLabel, 'previous word 94%');
  assert.equal(c.name, 'Layer 0, head 0: previous word, 94% of positions');
});

test('the selection comes from the data, else from the option', () => {
  const selectedOf = (m) => m.rows.flatMap((r) => r.cells).filter((c) => c.selected);
  assert.deepEqual(
    selectedOf(headGridModel(data(2, 2), { layer: 1, head: 0 })).map((c) => [c.layer, c.head]),
    [[1, 0]],
  );
  const input = { ...data(2, 2), selected: { layer: 0, head: 1 } };
  assert.deepEqual(
    selectedOf(headGridModel(input, { layer: 1, head: 0 })).map((c) => [c.layer, c.head]),
    [[0, 1]],
  );
  assert.equal(selectedOf(headGridModel({ ...data(2, 2), selected: null }, { layer: 1, head: 0 })).length, 0);
});

test('weights that are not T·T numbers are a caller bug, named', () => {
  const input = data(2, 2);
  input.layers[1].heads[1] = { weights: new Float32Array(8) };
  assert.throws(() => headGridModel(input), /layer 1 head 1 has 8 weights; expected 3·3 = 9/);
  input.layers[1].heads[1] = {};
  assert.throws(() => headGridModel(input), /layer 1 head 1 has no weights/);
});

test('an empty input gives an empty grid', () => {
  const m = headGridModel({ tokens: [], layers: [] });
  assert.deepEqual([m.T, m.layers, m.heads, m.rows.length], [0, 0, 0, 0]);
  assert.equal(moveInGrid(m, { layer: 0, head: 0 }, 'ArrowDown'), null);
});

test('arrow keys move one head, stopping at the edges; Home/End along the row, Ctrl to the corners', () => {
  const m = headGridModel(data(3, 4));
  const at = { layer: 1, head: 2 };
  assert.deepEqual(moveInGrid(m, at, 'ArrowLeft'), { layer: 1, head: 1 });
  assert.deepEqual(moveInGrid(m, at, 'ArrowRight'), { layer: 1, head: 3 });
  assert.deepEqual(moveInGrid(m, at, 'ArrowUp'), { layer: 0, head: 2 });
  assert.deepEqual(moveInGrid(m, at, 'ArrowDown'), { layer: 2, head: 2 });
  assert.deepEqual(moveInGrid(m, { layer: 0, head: 0 }, 'ArrowUp'), { layer: 0, head: 0 });
  assert.deepEqual(moveInGrid(m, { layer: 0, head: 0 }, 'ArrowLeft'), { layer: 0, head: 0 });
  assert.deepEqual(moveInGrid(m, { layer: 2, head: 3 }, 'ArrowRight'), { layer: 2, head: 3 });
  assert.deepEqual(moveInGrid(m, { layer: 2, head: 3 }, 'ArrowDown'), { layer: 2, head: 3 });
  assert.deepEqual(moveInGrid(m, at, 'Home'), { layer: 1, head: 0 });
  assert.deepEqual(moveInGrid(m, at, 'End'), { layer: 1, head: 3 });
  assert.deepEqual(moveInGrid(m, at, 'Home', true), { layer: 0, head: 0 });
  assert.deepEqual(moveInGrid(m, at, 'End', true), { layer: 2, head: 3 });
  assert.equal(moveInGrid(m, at, 'a'), null);
});

test('ragged rows (a layer with fewer heads): moves land on a head that exists', () => {
  const input = data(2, 4);
  input.layers[1].heads = input.layers[1].heads.slice(0, 2);
  const m = headGridModel(input);
  assert.equal(m.heads, 4);
  assert.deepEqual(moveInGrid(m, { layer: 0, head: 3 }, 'ArrowDown'), { layer: 1, head: 1 });
  assert.deepEqual(moveInGrid(m, { layer: 1, head: 1 }, 'End', true), { layer: 1, head: 1 });
});
