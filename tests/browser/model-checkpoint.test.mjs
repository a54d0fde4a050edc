// Real checkpoints opened on the playground page as a person does: the tiny random GPT-2 and BERT
// of tests/golden/checkpoints/ (the hub's exact layouts) through the "Open a model…" input and by
// drag-and-drop. What the page shows must be the core's: the grid has L × H heads, a picked head's
// matrix shows m.run's weights (asked for again in the page, independently of the page's code),
// GPT-2's future is blocked, the top 5 are m.run's; a corrupt file gives a readable message and
// the page keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { startHarness } from './harness.mjs';
import { settled } from './page-helpers.mjs';
import { checkHeadMatrix, dropFiles, openFiles, openPlayground, pickHead, readGrid } from './model-helpers.mjs';
import { readablePiece } from '../../web/shared/model-source.js';
import { percent } from '../../web/shared/dom.js';

const DIR = new URL('../golden/checkpoints/', import.meta.url);
// The checkpoints come with the loader (branch ckpt, issue 17); without them there is nothing to open.
const MISSING = !existsSync(new URL('gpt2_f32.safetensors', DIR)) && 'tests/golden/checkpoints/ is not here yet';
const file = (name) => (MISSING ? Buffer.alloc(0) : readFileSync(new URL(name, DIR)));
// "random" in the name, as the hub's test models are named: the page labels them random weights.
const GPT2 = { name: 'tiny-random-gpt2.safetensors', buffer: file('gpt2_f32.safetensors') };
const BERT = { name: 'tiny-random-bert.safetensors', buffer: file('bert_decoder.safetensors') };
const VOCAB = { name: 'vocab.txt', buffer: file('bert_vocab.txt') };
// The tiny models' heads are 8 wide, not the standard 64: their config.json says how many there are.
const CONFIG = { name: 'config.json', buffer: Buffer.from(JSON.stringify({ n_head: 2 })) };
const BERT_CONFIG = { name: 'config.json', buffer: Buffer.from(JSON.stringify({ num_attention_heads: 2 })) };
// The tiny GPT-2 has 61 tokens: ids 0-60 are GPT-2's single characters '!' to ']', so the
// sentence is letters and punctuation without spaces (each a token of its own).
const GPT2_TEXT = 'A,B.C';
const BERT_TEXT = 'the cat [MASK] unaffable'; // [CLS] … [SEP]: 8 tokens, the tiny BERT's context

let harness;
before(async () => {
  harness = await startHarness({ csp: true }); // the page under its strict CSP, as playground.test.mjs
});
after(async () => harness?.close());

/** In the page: the core's own run of the opened file (not the page's code) -> tokens, one head, top. */
function coreRunInPage({ bytes, vocab, config, text, layer, head }) {
  return (async () => {
    const { loadAttention } = await import(new URL('lib/index.js', document.baseURI).href);
    const attn = await loadAttention();
    const m = await attn.loadCheckpoint(new Uint8Array(bytes), { vocab, config });
    const r = m.run({ text });
    const T = r.tokens.length;
    const out = {
      family: m.family,
      config: m.config,
      tokens: r.tokens.map((t) => t.text),
      weights: Array.from(r.attention[layer].subarray(head * T * T, (head + 1) * T * T)),
      top: r.top,
      masks: r.masks ?? [],
    };
    m.dispose();
    return out;
  })();
}

const causalMask = (T) => Array.from({ length: T * T }, (_, i) => i % T > Math.floor(i / T));
const topShown = (page) =>
  page.$$eval('#model-top li', (items) =>
    items.map((li) => [li.querySelector('.ap-word').textContent, li.querySelector('.ap-num').textContent]),
  );

test(
  'a GPT-2 checkpoint from the file input: grid, causal head = the core’s numbers, next-token top 5',
  { skip: MISSING },
  async () => {
    const { page, errors, context } = await openPlayground(harness, `#text=${encodeURIComponent(GPT2_TEXT)}`);
    await openFiles(page, [GPT2, CONFIG]);
    assert.equal(await page.textContent('#model-message'), `Opened ${GPT2.name}, ${CONFIG.name}.`);
    assert.equal(await page.textContent('#model-title'), 'GPT-2: 2 layers × 2 heads, 16 wide');
    assert.match(await page.textContent('#model-honest'), /^Random weights/);
    const grid = await readGrid(page);
    assert.deepEqual([grid.cells, grid.rows, grid.cols], [4, ['layer 0', 'layer 1'], ['head 0', 'head 1']]);

    await pickHead(page, 1, 1);
    const core = await page.evaluate(coreRunInPage, {
      bytes: [...GPT2.buffer],
      config: { n_head: 2 },
      text: GPT2_TEXT,
      layer: 1,
      head: 1,
    });
    const rows = core.tokens.map((t) => readablePiece(t, 'gpt2').text);
    assert.deepEqual(rows, ['A', ',', 'B', '.', 'C']);
    await checkHeadMatrix(page, { rows, weights: core.weights, mask: causalMask(rows.length) });
    assert.equal(core.top.length, 5);
    assert.deepEqual(
      await topShown(page),
      core.top.map((p) => [readablePiece(p.token, 'gpt2').text, percent(p.probability)]),
    );
    await harness.screenshot(page, 'model-gpt2');

    // Step by step on the same head: the softmax column is the head's row of weights.
    await page.click('[data-view="steps"]');
    // Next until the stage shows the softmax step (each click re-renders the one stage).
    for (let i = 0; i < 8; ++i) {
      await settled(page);
      if ((await page.getAttribute('#model-head .ap-stage', 'data-step-id')) === 'softmax') break;
      await page.click('#step-next');
    }
    await settled(page);
    assert.equal(await page.getAttribute('#model-head .ap-stage', 'data-step-id'), 'softmax');
    assert.equal(await page.getAttribute('#model-head', 'data-view'), 'steps');
    const shownRow = await page.$$eval('#model-head .ap-key-row .ap-num', (n) => n.map((x) => x.textContent));
    const focus = Number(await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('token') ?? 0));
    const T = rows.length;
    assert.deepEqual(
      shownRow,
      // the steps board writes a blocked (future) key as 'blocked: 0%'
      core.weights.slice(focus * T, focus * T + T).map((w, j) => (j > focus ? 'blocked: 0%' : percent(w))),
    );
    await harness.screenshot(page, 'model-gpt2-steps');
    assert.deepEqual(errors, []);
    await context.close();
  },
);

test(
  'a BERT checkpoint dropped with its vocab.txt: sub-words, bidirectional head, fill-[MASK] top 5',
  { skip: MISSING },
  async () => {
    const { page, errors, context } = await openPlayground(harness, `#text=${encodeURIComponent(BERT_TEXT)}`);
    await dropFiles(page, [BERT, VOCAB, BERT_CONFIG]);
    assert.equal(await page.textContent('#model-message'), `Opened ${BERT.name}, ${VOCAB.name}, ${BERT_CONFIG.name}.`);
    assert.equal(await page.textContent('#model-title'), 'BERT: 2 layers × 2 heads, 16 wide');
    const chips = await page.$$eval('#model-tokens [data-token]', (b) => b.map((x) => [x.textContent, x.title]));
    assert.deepEqual(chips.slice(-4), [
      ['un', 'un'],
      ['-aff', 'vocabulary piece: ##aff'],
      ['-able', 'vocabulary piece: ##able'],
      ['[SEP]', '[SEP]'],
    ]);
    await pickHead(page, 0, 1);
    const core = await page.evaluate(coreRunInPage, {
      bytes: [...BERT.buffer],
      vocab: VOCAB.buffer.toString('utf8'),
      config: { num_attention_heads: 2 },
      text: BERT_TEXT,
      layer: 0,
      head: 1,
    });
    const rows = core.tokens.map((t) => readablePiece(t, 'bert').text);
    assert.equal(rows.length, chips.length);
    await checkHeadMatrix(page, { rows, weights: core.weights, mask: null });
    assert.equal(core.masks.length, 1);
    assert.match(await page.textContent('#model-top h3'), /^\[MASK\] \(token \d+\): top 5$/);
    assert.deepEqual(
      await topShown(page),
      core.masks[0].top.map((p) => [readablePiece(p.token, 'bert').text, percent(p.probability)]),
    );
    await harness.screenshot(page, 'model-bert');
    assert.deepEqual(errors, []);
    await context.close();
  },
);

test('a corrupt checkpoint: a readable message, and the page keeps working', { skip: MISSING }, async () => {
  const { page, errors, context } = await openPlayground(harness);
  const cut = { name: 'cut.safetensors', buffer: GPT2.buffer.subarray(0, 200) };
  await openFiles(page, [cut]);
  const message = await page.textContent('#model-message');
  assert.match(
    message,
    /^Could not open cut\.safetensors: safetensors: the header length \d+ runs past the end of the file \(200 bytes\)$/,
  );
  assert.equal(await page.getAttribute('#model-message', 'data-kind'), 'error');
  assert.equal(await page.isVisible('#model-area'), false);
  await page.fill('#sentence', 'A dog barked');
  await settled(page);
  assert.equal(await page.getAttribute('#timings', 'data-tokens'), '3');
  await openFiles(page, [GPT2, CONFIG]);
  // The tiny GPT-2 knows 61 tokens: this sentence has others, and the page says so.
  assert.match(await page.textContent('#model-title'), /^The model could not run on this sentence: .*id/);
  await page.fill('#sentence', GPT2_TEXT);
  await settled(page);
  assert.equal((await readGrid(page)).cells, 4);
  // Opening a file again frees the one it replaces: the wasm heap in use stays where it was.
  const inUse = () =>
    page.evaluate(async () => {
      const { loadAttention } = await import(new URL('lib/index.js', document.baseURI).href);
      return (await loadAttention()).memoryStats().inUseBytes;
    });
  const before = await inUse();
  for (let i = 0; i < 3; ++i) await openFiles(page, [GPT2, CONFIG]);
  assert.equal(await inUse(), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link to the page with #model=<checkpoint URL> opens it; a missing one says so', { skip: MISSING }, async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The model arrives after 1.5 s, so the progress bar can be seen while it loads.
  await context.route(new URL('models/tiny-random-gpt2.safetensors', harness.url).href, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.fulfill({ status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: GPT2.buffer });
  });
  await context.route(new URL('models/config.json', harness.url).href, (route) =>
    route.fulfill({ status: 200, headers: { 'Content-Type': 'application/json' }, body: CONFIG.buffer }),
  );
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(
    new URL(
      `index.html#model=models/tiny-random-gpt2.safetensors&text=${encodeURIComponent(GPT2_TEXT)}&layer=1&heads=1`,
      harness.url,
    ).href,
  );
  await page.waitForSelector('#model-progress:not([hidden])');
  assert.equal(await page.textContent('#model-message'), 'Loading models/tiny-random-gpt2.safetensors…');
  await page.waitForSelector('#model-grid .ap-headgrid-cell');
  assert.equal(await page.isVisible('#model-progress'), false);
  await settled(page);
  assert.equal(await page.textContent('#model-message'), 'Loaded models/tiny-random-gpt2.safetensors.');
  assert.deepEqual((await readGrid(page)).selected, ['Layer 1, head 1']);
  await page.goto(new URL('index.html#model=models/none.safetensors', harness.url).href);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#model-message')?.dataset.kind === 'error');
  assert.match(await page.textContent('#model-message'), /^Could not load models\/none\.safetensors: /);
  assert.match(await page.textContent('#model-title'), /could not be loaded/);
  assert.deepEqual(errors, []);
  await context.close();
});
