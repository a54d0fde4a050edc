// <attention-playground model="…"> on a host page: the checkpoint's URL is relative to the host
// page, the widget shows the layers × heads grid and the picked head with the core's numbers,
// and two widgets naming the same file load it once (as many requests as one widget makes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { startHarness } from './harness.mjs';
import { hostPage, waitRendered } from './widget-fixtures.mjs';
import { checkDrawn, readMatrixInPage } from './matrix-reader.mjs';
import { readablePiece } from '../../web/shared/model-source.js';

const PATH = new URL('../golden/checkpoints/gpt2_f32.safetensors', import.meta.url);
// The checkpoints come with the loader (branch ckpt, issue 17); without them there is nothing to open.
const MISSING = !existsSync(PATH) && 'tests/golden/checkpoints/ is not here yet';
const MODEL = MISSING ? Buffer.alloc(0) : readFileSync(PATH);
const TEXT = 'A,B.C'; // ids below 61, the tiny GPT-2's vocabulary (see model-checkpoint.test.mjs)

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

// Opens a host page in fixture/ whose widgets name models/tiny-random-gpt2.safetensors, served
// beside it (both routes are set before the page loads) -> {page, context, errors, served()}.
async function openWithModel(body) {
  const context = await harness.browser.newContext({ viewport: { width: 1000, height: 900 } });
  const at = (path) => new URL(path, harness.url).href;
  let served = 0;
  await context.route(at('fixture/models/tiny-random-gpt2.safetensors'), (route) => {
    served += 1;
    return route.fulfill({ status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: MODEL });
  });
  // The tiny model's heads are 8 wide, not the standard 64: its config.json beside it says so.
  await context.route(at('fixture/models/config.json'), (route) =>
    route.fulfill({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"n_head": 2}' }),
  );
  await context.route(at('fixture/models-host.html'), (route) =>
    route.fulfill({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: hostPage(body) }),
  );
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(at('fixture/models-host.html'));
  return { page, context, errors, served: () => served };
}

const widget = (extra = '') =>
  `<attention-playground model="models/tiny-random-gpt2.safetensors" sentence="${TEXT}" ${extra}></attention-playground>`;

async function gridOf(page, index) {
  return page.evaluate((i) => {
    const root = document.querySelectorAll('attention-playground')[i].shadowRoot;
    return {
      cells: root.querySelectorAll('.ap-headgrid-cell').length,
      rows: [...root.querySelectorAll('.ap-headgrid-rowhead')].map((n) => n.textContent),
      title: root.querySelector('.apw-title').textContent,
      note: root.querySelector('.apw-note').textContent,
      view: root.querySelector('.apw').dataset.view,
    };
  }, index);
}

test('a widget with model= shows the grid and the picked head with the core’s numbers', { skip: MISSING }, async () => {
  const { page, errors, context } = await openWithModel(widget('layer="1" head="0"'));
  await page.waitForFunction(
    () => document.querySelector('attention-playground')?.shadowRoot.querySelector('.apw')?.dataset.view === 'model',
    null,
    { timeout: 30000 },
  );
  const grid = await gridOf(page, 0);
  assert.deepEqual(
    [grid.cells, grid.rows, grid.title],
    [4, ['layer 0', 'layer 1'], 'GPT-2: 2 layers × 2 heads, 16 wide'],
  );
  assert.match(grid.note, /^Random weights/);
  const core = await page.evaluate(
    async ({ bytes, text }) => {
      const { loadAttention } = await import(new URL('../lib/index.js', document.baseURI).href);
      const attn = await loadAttention();
      const m = await attn.loadCheckpoint(new Uint8Array(bytes), { config: { n_head: 2 } });
      const r = m.run({ text });
      const T = r.tokens.length;
      const out = { tokens: r.tokens.map((t) => t.text), weights: Array.from(r.attention[1].subarray(0, T * T)) };
      m.dispose();
      return out;
    },
    { bytes: [...MODEL], text: TEXT },
  );
  const matrix = await page.evaluate(readMatrixInPage, { host: 'attention-playground', index: 0 });
  assert.deepEqual(
    matrix.rows,
    core.tokens.map((t) => readablePiece(t, 'gpt2').text),
  );
  const T = core.tokens.length;
  const mask = Array.from({ length: T * T }, (_, i) => i % T > Math.floor(i / T));
  checkDrawn(matrix, { weights: core.weights, mask }, 'widget layer 1 head 0');
  await harness.screenshot(page, 'model-widget');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two widgets naming one model load it once', { skip: MISSING }, async () => {
  const one = await openWithModel(widget());
  await waitRendered(one.page, { index: 0, timeout: 30000 });
  await one.page.waitForFunction(
    () => document.querySelector('attention-playground').shadowRoot.querySelector('.apw').dataset.view === 'model',
  );
  const single = one.served();
  await one.context.close();
  assert.ok(single >= 1, 'the model was never requested');

  const two = await openWithModel(`${widget()}<p style="height:50px"></p>${widget('view="lines"')}`);
  await two.page.waitForFunction(
    () =>
      [...document.querySelectorAll('attention-playground')].every(
        (w) => w.shadowRoot.querySelector('.apw')?.dataset.view === 'model',
      ),
    null,
    { timeout: 30000 },
  );
  assert.equal(two.served(), single, 'two widgets made more model requests than one');
  assert.equal((await gridOf(two.page, 1)).cells, 4);
  assert.ok(
    await two.page.evaluate(
      () => !!document.querySelectorAll('attention-playground')[1].shadowRoot.querySelector('.ap-lines svg'),
    ),
  );
  assert.deepEqual(two.errors, []);
  await two.context.close();
});

test('the iframe page takes model= too, relative to embed.html', { skip: MISSING }, async () => {
  const { page, errors, context } = await openWithModel('');
  await page.goto(
    new URL(
      `embed.html?model=fixture/models/tiny-random-gpt2.safetensors&sentence=${encodeURIComponent(TEXT)}`,
      harness.url,
    ).href,
  );
  await page.waitForFunction(
    () => document.querySelector('attention-playground')?.shadowRoot.querySelector('.apw')?.dataset.view === 'model',
    null,
    { timeout: 30000 },
  );
  assert.equal((await gridOf(page, 0)).cells, 4);
  assert.deepEqual(errors, []);
  await context.close();
});
