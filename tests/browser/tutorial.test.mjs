// The MkDocs tutorial (web/tutorial, built into dist/tutorial/ by build-site) in headless
// Chromium: every live example renders and shows the mode its markup declares, the whole
// page downloads the wasm module once, and nothing logs an error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { SCREENSHOTS, startHarness } from './harness.mjs';
import { rowSums, waitRendered, wasmFetches, widgetInfo, widgetScreenshot } from './widget-fixtures.mjs';
import { readState } from '../../web/shared/state.js';

const TUTORIAL = new URL('../../dist/tutorial/index.html', import.meta.url);
// The title each way of looking shows (shared/state.js's CHOICES), spelled out here so a
// changed label is a visible change.
const TITLES = {
  self: 'Self-attention',
  causal: 'Causal (masked)',
  masked: 'Masked and unmasked',
  cross: 'Cross-attention',
  multihead: 'Multi-head',
};
const titleOf = (s) => TITLES[s.layout === 'heads' ? 'multihead' : s.layout === 'compare' ? 'masked' : s.mode];

let harness;
before(async () => {
  assert.ok(
    existsSync(TUTORIAL),
    'dist/tutorial/index.html is missing: build the site with mkdocs installed (node web/tools/build-site.mjs)',
  );
  harness = await startHarness();
});
after(async () => harness?.close());

// Checks one matrix against the mode it declares: causal blocks exactly the upper triangle.
function checkMatrix(info, mode, where) {
  const rows = info.rowLabels.length;
  const cols = info.colLabels.length;
  assert.ok(rows > 0 && cols > 0, `${where}: the heat map has no cells`);
  assert.equal(info.cells.length, rows * cols, `${where}: cells`);
  for (const cell of info.cells) {
    const shouldBlock = mode === 'causal' && cell.col > cell.row;
    assert.equal(cell.blocked, shouldBlock, `${where}: cell (${cell.row}, ${cell.col}) blocked=${cell.blocked}`);
  }
  for (const sum of rowSums(info.cells)) assert.ok(Math.abs(sum - 1) < 1e-3, `${where}: a row sums to ${sum}`);
}

test('every widget in the tutorial renders the mode it declares; one wasm download; no errors', async () => {
  const { page, errors, requests, context } = await harness.openPage('tutorial/index.html');
  const declared = await page.$$eval('attention-playground', (nodes) =>
    nodes.map((n) => Object.fromEntries([...n.attributes].map((a) => [a.name, a.value]))),
  );
  assert.ok(declared.length >= 8, `only ${declared.length} widgets on the tutorial page`);
  const states = declared.map((attrs) => readState((name) => attrs[name] ?? null).state);
  const shown = new Set(states.map((s) => `${s.mode}/${s.layout}`));
  for (const kind of ['self/single', 'causal/single', 'cross/single', 'self/heads', 'causal/compare'])
    assert.ok(shown.has(kind), `no ${kind} example`);

  for (let i = 0; i < declared.length; ++i) {
    const attrs = declared[i];
    const state = states[i];
    const where = `widget ${i} (${state.mode}/${state.layout}, "${attrs.sentence}")`;
    await page.locator('attention-playground').nth(i).scrollIntoViewIfNeeded();
    await waitRendered(page, { index: i });
    const info = await widgetInfo(page, { index: i });
    assert.equal(info.status, 'ready', where);
    assert.deepEqual(info.messages, [], `${where} shows problems`);
    assert.equal(info.mode, state.mode, where);
    assert.equal(info.layout, state.layout, where);
    assert.equal(info.title, titleOf(state), where);
    assert.match(info.footnote, /hand-built/i, `${where}: the hand-built disclaimer`);
    const view = state.layout === 'heads' ? 'multihead' : state.view;
    assert.equal(info.view, view, where);
    if (attrs.head) assert.match(info.subtitle, new RegExp(`^${attrs.head} head`), where);
    if (view === 'matrix') {
      checkMatrix(info, state.mode, where);
      const words = attrs.sentence.split(/\s+/);
      assert.deepEqual(info.rowLabels, words, `${where}: row labels`);
      if (state.mode === 'cross')
        assert.deepEqual(info.colLabels, attrs.source.split(/\s+/), `${where}: columns are the source`);
    } else {
      assert.ok(info.elements.length > 10, `${where}: the ${view} view drew nothing`);
      for (const word of attrs.sentence.split(/\s+/).slice(0, 3))
        assert.ok(info.text.includes(word), `${where}: "${word}" is not shown`);
    }
    await widgetScreenshot(page, `tutorial-widget-${i}-${state.mode}-${state.layout}-${view}`, { index: i });
  }
  assert.equal(wasmFetches(requests), 1, 'the wasm module is downloaded exactly once for the whole page');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: new URL('tutorial-top.png', SCREENSHOTS).pathname });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the tutorial says the heads are hand-built and links the playground and the embedding guide', async () => {
  const { page, errors, context } = await harness.openPage('tutorial/index.html');
  const text = await page.textContent('article');
  assert.match(text, /not a trained model/);
  for (const topic of [
    'Queries, keys and values',
    'The three steps',
    'Reading a heat map',
    'Many heads',
    'cross-attention',
    'Masked and unmasked',
  ]) {
    assert.ok(text.toLowerCase().includes(topic.toLowerCase()), `the tutorial has no section on ${topic}`);
  }
  assert.equal(await page.getAttribute('a[href="../index.html"] >> nth=0', 'href'), '../index.html');
  await page.click('a[href="embedding.html"] >> nth=0');
  await page.waitForURL(/embedding\.html$/);
  await page.locator('attention-playground').first().scrollIntoViewIfNeeded();
  await waitRendered(page);
  const info = await widgetInfo(page);
  checkMatrix(info, 'causal', 'embedding page example');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a widget far down the page loads only when it scrolls into view', async () => {
  const { page, errors, context } = await harness.openPage('tutorial/index.html');
  await page.locator('attention-playground').first().scrollIntoViewIfNeeded();
  await waitRendered(page, { index: 0 });
  const statuses = await page.$$eval('attention-playground', (nodes) => nodes.map((n) => n.status));
  assert.equal(statuses[0], 'ready');
  assert.equal(statuses.at(-1), 'idle', 'the last example should wait until it is scrolled to');
  await page.locator('attention-playground').last().scrollIntoViewIfNeeded();
  await waitRendered(page, { index: statuses.length - 1 });
  assert.deepEqual(errors, []);
  await context.close();
});

// What the tutorial's text says each example shows: [sentence, head, query word, key word it attends to most].
const CLAIMS = [
  ['The cat sat on the mat', 'Grammar', 'sat', 'cat'],
  ['The cat that was sleeping on the mat suddenly woke up', 'Grammar', 'woke', 'cat'],
  ['The cat that I saw yesterday was sleeping', 'Grammar', 'sleeping', 'cat'],
  ['John ate his lunch', 'References', 'his', 'John'],
  ['The cat sleeps', 'Alignment', 'The', 'Le'],
  ['The cat sleeps', 'Alignment', 'cat', 'chat'],
  ['The cat sleeps', 'Alignment', 'sleeps', 'dort'],
];

test('the sentences the tutorial makes claims about show what it says (computed by the core)', async () => {
  const { page, errors, context } = await harness.openPage('tutorial/index.html');
  const count = await page.locator('attention-playground').count();
  for (let i = 0; i < count; ++i) {
    await page.locator('attention-playground').nth(i).scrollIntoViewIfNeeded();
    await waitRendered(page, { index: i });
  }
  const shown = await page.$$eval('attention-playground', (nodes) =>
    nodes.map((n) => {
      const a = n.analysis;
      const head = a.heads.find((h) => h.name.toLowerCase() === (n.getAttribute('head') ?? '').toLowerCase());
      return {
        sentence: n.getAttribute('sentence'),
        head: head?.name,
        tokens: a.tokens.map((t) => t.text),
        keys: a.sourceTokens.map((t) => t.text),
        weights: head ? [...head.weights] : [],
      };
    }),
  );
  for (const [sentence, headName, query, key] of CLAIMS) {
    const example = shown.find((w) => w.sentence === sentence && w.head === headName);
    assert.ok(example, `no ${headName} example for "${sentence}"`);
    const row = example.tokens.indexOf(query);
    const S = example.keys.length;
    const weights = example.weights.slice(row * S, row * S + S);
    const best = example.keys[weights.indexOf(Math.max(...weights))];
    assert.equal(best, key, `"${sentence}", ${headName}: "${query}" attends most to "${best}", the text says "${key}"`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
