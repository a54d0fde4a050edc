// The Train mode's trainer through the public JS API (createTrainer, web/lib/api-trainer.js over
// src/train/trainer.h): createTrainer({ task }) takes the task's defaults; with them a 2-layer
// attention-only model learns induction in 600 steps (held-out accuracy >= 0.9, a layer-1
// previous-token head and a layer-2 induction head labelled); the probe
// has every layer x head's weights, labels, scores and first-label steps;
// the trainer's model runs, saves and loads; bad options throw AttentionError naming the
// option; create/train/probe/dispose cycles leave the wasm heap flat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttentionError, loadAttention } from 'attention-playground';

const attn = await loadAttention({ assets: false });

test('createTrainer({ task }) opens with the task defaults: induction, 2 layers, attention-only, d_model 64', () => {
  const tr = attn.createTrainer({ task: 'induction' });
  const { layers, embedDim, attentionOnly, task } = tr.config;
  assert.deepEqual(
    { layers, embedDim, attentionOnly, task },
    { layers: 2, embedDim: 64, attentionOnly: true, task: 'induction' },
  );
  assert.ok(tr.config.lr > 0 && Number.isInteger(tr.config.batch));
  assert.equal(attn.createTrainer().config.task, 'induction');
  // A caller's value wins over the default.
  const small = attn.createTrainer({ task: 'induction', embedDim: 32, batch: 8 });
  assert.equal(small.config.embedDim, 32);
  assert.equal(small.config.batch, 8);
  small.dispose();
  tr.dispose();
});

test('induction with its defaults learns in 600 steps: a previous-token head in layer 1, an induction head in layer 2', () => {
  const tr = attn.createTrainer({ task: 'induction', seed: 1 });
  try {
    const chance = 1 / tr.config.vocabSize;
    const before = tr.evaluate({ examples: 256 }).accuracy;
    const first = tr.train({ steps: 20 });
    const last = tr.train({ steps: 580 });
    const after = tr.evaluate({ examples: 256 }).accuracy;
    const probe = tr.probe();
    const heads = probe.layers.flatMap((l, i) =>
      l.heads.map((h, j) => `L${i + 1}H${j + 1} ${h.previousToken.toFixed(2)}/${h.induction.toFixed(2)}`),
    );
    console.log(
      `# induction: loss ${first.loss.toFixed(3)} -> ${last.loss.toFixed(3)}, held-out ${before.toFixed(3)} -> ${after.toFixed(3)} at step ${last.step}; heads (previous-token/induction) ${heads.join(', ')}`,
    );
    assert.equal(last.step, 600);
    assert.ok(before < 3 * chance, `an untrained model is near chance (${before})`);
    assert.ok(last.loss < first.loss - 0.3, `loss falls: ${first.loss} -> ${last.loss}`);
    assert.ok(after >= 0.9, `held-out accuracy ${after} >= 0.9`);
    const labels = probe.layers.map((l) => l.heads.map((h) => h.label));
    assert.ok(labels[0].includes('previous-token'), `a layer-1 previous-token head: ${heads.join(', ')}`);
    assert.ok(labels[1].includes('induction'), `a layer-2 induction head: ${heads.join(', ')}`);
    // Its model has an output layer of its own (not the token embedding): saved and loaded whole.
    assert.equal(tr.model.config.tieEmbeddings, false);
    const ids = Int32Array.from(probe.tokens, (t) => t.id);
    const copy = attn.loadTransformer(tr.model.save());
    assert.deepEqual(copy.run({ tokenIds: ids }).logits, tr.model.run({ tokenIds: ids }).logits);
    copy.dispose();
  } finally {
    tr.dispose();
  }
});

test('probe: tokens, every layer x head, rows of weights summing to 1, events', () => {
  const tr = attn.createTrainer({ task: 'reverse', layers: 2, heads: 4, embedDim: 32, seed: 2 });
  const T = tr.config.seqLen;
  const p = tr.probe();
  assert.equal(p.tokens.length, T);
  assert.equal(p.tokens[tr.config.firstScored - 1].scored, false);
  assert.equal(p.tokens[T - 1].scored, true);
  assert.equal(p.tokens[8].text, '|');
  assert.equal(p.tokens[0].predicted, null);
  assert.equal(p.layers.length, 2);
  for (const layer of p.layers) {
    assert.equal(layer.heads.length, 4);
    for (const head of layer.heads) {
      assert.ok(head.weights instanceof Float32Array);
      assert.equal(head.weights.length, T * T);
      for (let i = 0; i < T; ++i) {
        const row = head.weights.subarray(i * T, (i + 1) * T);
        assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4);
        assert.ok(
          row.slice(i + 1).every((w) => w === 0),
          'causal: nothing after the query',
        );
      }
      assert.ok(['', 'previous-token', 'induction'].includes(head.label));
      assert.equal(typeof head.previousToken, 'number');
      assert.equal(head.previousTokenStep, null, 'no head is labelled before training');
      assert.equal(head.inductionStep, null);
    }
  }
  assert.deepEqual(p.events, []);
  tr.train({ steps: 5 });
  assert.equal(tr.probe().step, 5);
  // The model: run, save, load as a transformer of its own.
  const ids = Int32Array.from(p.tokens, (t) => t.id);
  const run = tr.model.run({ tokenIds: ids });
  assert.equal(run.logits.length, T * tr.config.vocabSize);
  const copy = attn.loadTransformer(tr.model.save());
  assert.deepEqual(copy.run({ tokenIds: ids }).logits, run.logits);
  copy.dispose();
  assert.throws(() => tr.model.trainStep({ inputs: [1], targets: [1] }), /belongs to a trainer/);
  tr.dispose();
  assert.throws(() => tr.train({ steps: 1 }), AttentionError);
  assert.throws(() => tr.model.run({ tokenIds: ids }), /disposed/);
  tr.dispose(); // twice is fine
});

test('bad options throw AttentionError naming the option; the module keeps working', () => {
  const bad = [
    [{ heads: 3, embedDim: 64 }, /heads \(3\) must divide embedDim \(64\)/],
    [{ task: 'parity' }, /task must be/],
    [{ layers: 0 }, /layers/],
    [{ layers: 9 }, /layers/],
    [{ lr: 0 }, /lr/],
    [{ lr: NaN }, /lr/],
    [{ batch: 1.5 }, /batch/],
    [{ embedDim: '64' }, /embedDim/],
    [{ attentionOnly: 'yes' }, /attentionOnly/],
    [null, /options object/],
  ];
  for (const [options, message] of bad) {
    assert.throws(
      () => attn.createTrainer(options),
      (e) => e instanceof AttentionError && message.test(e.message),
    );
  }
  const tr = attn.createTrainer({ task: 'copy', embedDim: 16 });
  assert.throws(() => tr.train({ steps: 0 }), /steps/);
  assert.throws(() => tr.evaluate({ examples: -1 }), /examples/);
  assert.equal(tr.train({ steps: 1 }).step, 1);
  tr.dispose();
});

test('create/train/probe/dispose cycles leave the wasm heap in use flat', () => {
  const cycle = (i) => {
    const tr = attn.createTrainer({ task: ['induction', 'sort', 'brackets'][i % 3], embedDim: 32, batch: 8, seed: i });
    tr.train({ steps: 2 });
    tr.probe();
    tr.evaluate({ examples: 70 });
    tr.model.save();
    tr.dispose();
  };
  for (let i = 0; i < 6; ++i) cycle(i); // warm-up
  const before = attn.memoryStats().inUseBytes;
  for (let i = 0; i < 30; ++i) cycle(i);
  const after = attn.memoryStats().inUseBytes;
  assert.ok(after - before < 1000, `heap in use grew by ${after - before} bytes over 30 cycles`);
});
