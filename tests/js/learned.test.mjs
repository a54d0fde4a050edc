// loadLearnedModel: the two models trained on the Brown corpus (web/assets/learned/, issue 18).
// The committed weights load and reproduce the held-out figures the training tools recorded on
// a sample (tests/golden/learned/heldout_sample.json; provenance.json: perplexity within 1e-3
// relative, wasm SIMD vs native float32 on the same F16 weights; masked top-1 within one
// position in a hundred);
// predict/attention/info have the documented shapes; bad input throws AttentionError. Every
// expected figure is read from provenance.json, so new weights with their provenance need no
// edit here: "She drank a cup of [MASK]" gives the top 5 eval_lm recorded (each probability
// within 1e-3), and the tutorial's figures are the ones the provenance gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadAttention, AttentionError } from 'attention-playground';
import { learnedTutorialText } from '../../web/tools/learned-text.mjs';

const assets = new URL('../../web/assets/learned/', import.meta.url);
const provenance = JSON.parse(readFileSync(new URL('provenance.json', assets), 'utf8'));
const samples = JSON.parse(readFileSync(new URL('../golden/learned/heldout_sample.json', import.meta.url), 'utf8'));
const attn = await loadAttention();
const T = 64;
const MASK = 1;

// The native evaluation's scheme (src/lm/evaluate.cpp), with the core's softmax.
function perplexity(model, s) {
  const V = model.config.vocabSize;
  let nll = 0;
  let scored = 0;
  for (let start = 0; ; start += T / 2) {
    const len = Math.min(T, s.length - 1 - start);
    const { logits } = model.run({ tokenIds: Int32Array.from(s.slice(start, start + len)) });
    for (let j = start === 0 ? 0 : T / 2; j < len; ++j, ++scored)
      nll -= Math.log(attn.softmax(logits.subarray(j * V, (j + 1) * V))[s[start + 1 + j]]);
    if (start + len >= s.length - 1) break;
  }
  return Math.exp(nll / scored);
}

function maskedAccuracy(model, s, positions) {
  const V = model.config.vocabSize;
  let right = 0;
  for (const p of positions) {
    const start = Math.floor(p / T) * T;
    const window = Int32Array.from(s.slice(start, Math.min(s.length, start + T)));
    window[p - start] = MASK;
    const row = model.run({ tokenIds: window }).logits.subarray((p - start) * V, (p - start + 1) * V);
    let best = 3;
    for (let id = 4; id < V; ++id) if (row[id] > row[best]) best = id;
    right += best === s[p];
  }
  return right / positions.length;
}

const committed = (kind) => attn.loadTransformer(new Uint8Array(readFileSync(new URL(`${kind}.safetensors`, assets))));

test('the committed causal model reproduces its held-out sample perplexity', () => {
  const model = committed('causal');
  const want = provenance.models.causal.sample.perplexity;
  const got = perplexity(model, samples.causal.ids);
  assert.ok(Math.abs(got - want) / want < 1e-3, `perplexity ${got} vs recorded ${want}`);
  model.dispose();
});

test('the committed masked model reproduces its held-out sample accuracy', () => {
  const model = committed('masked');
  const want = provenance.models.masked.sample.maskedAccuracy;
  const got = maskedAccuracy(model, samples.masked.ids, samples.masked.positions);
  assert.ok(Math.abs(got - want) <= 0.0101, `accuracy ${got} vs recorded ${want}`);
  model.dispose();
});

// The API's shapes, and the example: a person typing "She drank a cup of [MASK]" sees a
// drink among the five guesses.
test('the masked model ranks k words for each [MASK], with the attended-to row', async () => {
  const lm = await attn.loadLearnedModel('masked');
  const [entry] = lm.predict('She drank a cup of [MASK]', { k: 10 });
  assert.equal(entry.top.length, 10);
  assert.equal(entry.index, 6); // </s> she drank a cup of [MASK]
  for (let i = 1; i < entry.top.length; ++i) assert.ok(entry.top[i - 1].probability >= entry.top[i].probability);
  assert.ok(entry.top.every((t) => !['<unk>', '[MASK]', '</s>'].includes(t.word)));
  const five = entry.top.slice(0, 5).map((t) => t.word);
  assert.ok(
    five.some((w) => ['coffee', 'tea', 'water', 'milk', 'wine', 'beer'].includes(w)),
    five.join(', '),
  );
  assert.equal(entry.attention.length, 7);
  assert.ok(Math.abs(entry.attention.reduce((a, b) => a + b, 0) - 1) < 1e-4);
  assert.equal(lm.predict('The [MASK] sat on the [MASK] .').length, 2);
  assert.throws(() => lm.predict('no hidden word here'), AttentionError);
  lm.dispose();
  assert.throws(() => lm.predict('a [MASK]'), AttentionError);
});

// The example's top 5 as eval_lm recorded it (natively, on the same F16 weights), printed so a
// person reading the test output sees what the shipped models propose.
async function checkExample(kind, text) {
  const lm = await attn.loadLearnedModel(kind);
  const got = lm.predict(text, { k: 20 })[0].top;
  const shown = got
    .slice(0, 5)
    .map((t) => `${t.word} ${(100 * t.probability).toFixed(1)}%`)
    .join(', ');
  console.log(`learned ${kind}: "${text}" -> ${shown}`);
  const recorded = provenance.models[kind].example;
  if (recorded) {
    assert.equal(recorded.text.replace(/\s+$/, ''), text.replace(/\s+$/, ''));
    for (const want of recorded.top) {
      const mine = got.find((t) => t.word === want.word);
      assert.ok(mine && Math.abs(mine.probability - want.probability) <= 1e-3, `${want.word}: ${shown}`);
    }
    assert.ok(got[4].probability <= recorded.top[4].probability + 1e-3, shown);
  }
  lm.dispose();
}

test('"She drank a cup of [MASK]": both models give the top 5 eval_lm recorded', async () => {
  await checkExample('masked', provenance.models.masked.example?.text ?? 'She drank a cup of [MASK]');
  await checkExample('causal', provenance.models.causal.example?.text ?? 'She drank a cup of');
});

test('the tutorial shows the figures, portraits and examples of the committed provenance', () => {
  const page = readFileSync(new URL('../../web/tutorial/docs/models.md', import.meta.url), 'utf8');
  assert.ok(page.includes(learnedTutorialText(provenance)), 'run node web/tools/learned-provenance.mjs');
});

test('the causal model predicts the next word; attention has portraits and causal rows', async () => {
  const lm = await attn.loadLearnedModel('causal');
  const [entry] = lm.predict('The cat sat on the', { k: 5 });
  assert.equal(entry.top.length, 5);
  assert.equal(entry.index, 5);
  const afterOf = lm.predict('She drank a cup of', { k: 3 })[0].top.map((t) => t.word);
  assert.ok(afterOf.includes('the') || afterOf.includes('a'), `after "of": ${afterOf.join(', ')}`);
  assert.throws(() => lm.predict('a [MASK]'), AttentionError);
  const a = lm.attention('The jury said it was fine .');
  const n = a.tokens.length;
  assert.equal(n, 8);
  assert.equal(a.tokens[0].text, '</s>');
  assert.equal(a.layers.length, lm.info.layers);
  for (const layer of a.layers) {
    assert.equal(layer.heads.length, lm.info.heads);
    for (const head of layer.heads) {
      assert.equal(head.weights.length, n * n);
      assert.match(head.label, /^(no simple pattern|.+, \d+% of positions)$/);
      if (head.relation) assert.equal(head.label, `${head.relation}, ${Math.round(100 * head.score)}% of positions`);
      else assert.equal(head.label, 'no simple pattern');
      assert.ok(head.relations.some((r) => r.name === 'previous word'));
      assert.ok(head.score >= 0 && head.score <= 1);
      for (let i = 0; i < n; ++i) {
        const row = head.weights.subarray(i * n, (i + 1) * n);
        assert.ok(Math.abs(row.reduce((s, x) => s + x, 0) - 1) < 1e-4);
        for (let j = i + 1; j < n; ++j) assert.equal(row[j], 0);
      }
    }
  }
  assert.equal(lm.info.heldOutPerplexity, provenance.models.causal.heldOutPerplexity);
  assert.equal(lm.info.baselinePerplexity, provenance.baseline.heldOutPerplexity);
  assert.ok(lm.info.parameters > 100000 && lm.info.trainingWords > 900000);
  lm.dispose();
});

test('both models and their vocabulary stay within the 3 MB gzipped budget', () => {
  const bytes = ['causal.safetensors', 'masked.safetensors', 'vocab.txt']
    .map((name) => gzipSync(readFileSync(new URL(name, assets))).length)
    .reduce((a, b) => a + b, 0);
  console.log(`learned assets: ${bytes} bytes gzipped`);
  assert.ok(bytes <= 3e6, `${bytes} bytes gzipped`);
});

test('loadLearnedModel rejects an unknown kind with an AttentionError', async () => {
  await assert.rejects(attn.loadLearnedModel('gpt-4'), AttentionError);
  assert.equal(attn.softmax([0, 0]).length, 2); // the module keeps working
});
