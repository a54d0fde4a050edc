// The page and the widget read one table of settings (web/shared/state.js) and ask the core the
// same way (web/shared/analyses.js): on the same settings, given under the page's URL names and
// the widget's attribute names, both draw the same heat map (words, colours, tooltips), name the
// same head, focus the same word, open cross-attention on the same French pair and show the same
// empty state (no matrix, one note) for an emptied cross-attention source.
// Old mode names (masked, multihead, bidirectional) still open the same views.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';
import { ready } from './page-helpers.mjs';
import { readMatrixInPage } from './matrix-reader.mjs';
import { hostPage, openHost, waitRendered, widgetInfo } from './widget-fixtures.mjs';
import { readState, serializeHash, writeState } from '../../web/shared/state.js';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

const escape = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

// attributes (the widget's names) -> what the page and the widget show for them.
async function both(attributes) {
  const state = readState((name) => attributes[name] ?? null, 'attr').state;
  const panel = state.layout === 'compare' ? '.ap-panel-causal' : '.ap-panel-main';
  const page = await harness.openPage(`index.html${serializeHash(state)}`);
  await ready(page.page);
  const pageSeen = await page.page.evaluate(() => ({
    status: document.getElementById('status').textContent,
    head: document.querySelector('#heads [aria-pressed=true]')?.textContent,
    focus: document.querySelector('#tokens [aria-pressed=true]')?.textContent,
  }));
  const pageMatrix = await page.page.evaluate(readMatrixInPage, { panel });
  const element = `<attention-playground${writeState(state, 'attr')
    .map(([name, value]) => ` ${name}="${escape(value)}"`)
    .join('')}></attention-playground>`;
  const widget = await openHost(harness, hostPage(element));
  await waitRendered(widget.page);
  const widgetMatrix = await widget.page.evaluate(readMatrixInPage, {
    host: 'attention-playground',
    panel,
  });
  const info = await widgetInfo(widget.page);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(widget.errors, []);
  await page.context.close();
  await widget.context.close();
  return { state, pageMatrix, pageSeen, widgetMatrix, info };
}

// The cells as a person reads them: colour and tooltip (the weight, as a percentage).
const seen = (matrix) => matrix.cells.map((c) => [c.row, c.col, c.rgb.join(' '), c.blocked, c.label]);

function sameHeatMap({ pageMatrix, widgetMatrix }, where) {
  assert.ok(pageMatrix && widgetMatrix, `${where}: a heat map is missing`);
  assert.deepEqual(widgetMatrix.rows, pageMatrix.rows, `${where}: row words`);
  assert.deepEqual(widgetMatrix.cols, pageMatrix.cols, `${where}: column words`);
  assert.deepEqual(seen(widgetMatrix), seen(pageMatrix), `${where}: cells`);
}

test('defaults: the same sentence, head, focused word and heat map', async () => {
  const r = await both({});
  sameHeatMap(r, 'defaults');
  assert.deepEqual(r.pageMatrix.rows, ['The', 'cat', 'sat', 'on', 'the', 'mat']);
  assert.equal(r.pageSeen.head, 'Grammar');
  assert.match(r.info.subtitle, /^Grammar head/);
  assert.equal(r.pageSeen.focus, 'The');
  assert.deepEqual(r.pageMatrix.focused, r.widgetMatrix.focused);
  assert.deepEqual(r.widgetMatrix.focused, { row: 'The', col: null });
  assert.deepEqual(r.info.messages, []);
});

test('cross-attention by default: both read the French pair of the default sentence', async () => {
  const r = await both({ mode: 'cross', head: 'Alignment' });
  sameHeatMap(r, 'default cross');
  assert.deepEqual(r.pageMatrix.rows, ['The', 'cat', 'sat', 'on', 'the', 'mat']);
  assert.deepEqual(r.pageMatrix.cols, ['Le', 'chat', 'est', 'assis', 'sur', 'le', 'tapis']);
  assert.equal(r.pageSeen.head, 'Alignment');
  assert.match(r.info.subtitle, /^Alignment head/);
  assert.deepEqual(r.info.messages, []);
  assert.doesNotMatch(r.pageSeen.status, /source|vocabulary/);
});

test('cross-attention with an emptied source: neither draws a matrix, both say what to do', async () => {
  const r = await both({ sentence: 'The cat sat', mode: 'cross', source: '', head: 'Alignment' });
  assert.equal(r.pageMatrix, null, 'the page draws a matrix without source words');
  assert.equal(r.widgetMatrix, null, 'the widget draws a matrix without source words');
  const note = /Cross-attention needs a source sentence \(the words to read from\): type one/;
  assert.match(r.pageSeen.status, note);
  assert.match(r.info.messages.join('\n'), note);
  assert.equal(r.pageSeen.head, 'Alignment');
});

test('old names: masked is causal side by side, multihead is every head, bidirectional is self', async () => {
  const masked = await both({ sentence: 'John ate his lunch', mode: 'masked', head: 'References', focus: '2' });
  assert.deepEqual([masked.state.mode, masked.state.layout], ['causal', 'compare']);
  sameHeatMap(masked, 'masked');
  assert.equal(masked.info.layout, 'compare');
  assert.equal(masked.widgetMatrix.cells.filter((c) => c.blocked).length, 6);
  assert.equal(masked.pageSeen.focus, 'his');
  assert.deepEqual(masked.widgetMatrix.focused, { row: 'his', col: null });

  const heads = await both({ sentence: 'The cat sat', mode: 'multihead', head: '2' });
  assert.equal(heads.state.layout, 'heads');
  sameHeatMap(heads, 'multihead');
  assert.equal(heads.info.view, 'multihead');
  assert.equal(heads.pageSeen.head, 'References');

  const plain = await both({ sentence: 'The cat sat', mode: 'bidirectional' });
  assert.deepEqual([plain.state.mode, plain.state.layout], ['self', 'single']);
  sameHeatMap(plain, 'bidirectional');
  assert.equal(plain.info.title, 'Self-attention');
});
