// The benchmark's peers compute what ours computes (correctness of the baselines, not speed:
// no time is asserted). On tiny, odd shapes: onnxruntime-web's three attention graphs
// (tests/bench/ort-peer.mjs) give our multiHeadAttention's output, and the TF.js training peer
// (tests/bench/train-tfjs.mjs), started from our model's saved weights, follows our trainStep's
// losses for three AdamW steps in both attention formulations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention } from 'attention-playground';

import { ORT_VARIANTS, ortAttention } from '../bench/ort-peer.mjs';
import { OPTIMIZER, fromSafetensors, tokenBatch } from '../bench/gpt-spec.mjs';
import { random } from '../bench/timing.mjs';
import { tfjsTrainer } from '../bench/train-tfjs.mjs';

const fill = (n, rnd, scale) => Float32Array.from({ length: n }, () => (rnd() * 2 - 1) * scale);
const maxAbsDiff = (a, b) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

test('ORT-web graphs (standard ops, MultiHeadAttention, Attention) give our attention output', async () => {
  const attn = await loadAttention({ assets: false });
  const rnd = random(5);
  for (const [E, H, n] of [
    [12, 3, 1],
    [12, 3, 5],
    [20, 4, 17],
  ]) {
    const s = 1 / Math.sqrt(E);
    const w = {
      inProjWeight: fill(3 * E * E, rnd, s),
      inProjBias: fill(3 * E, rnd, 0.1),
      outProjWeight: fill(E * E, rnd, s),
      outProjBias: fill(E, rnd, 0.1),
    };
    const x = fill(n * E, rnd, 1);
    const ours = attn.multiHeadAttention({
      query: x,
      tq: n,
      embedDim: E,
      numHeads: H,
      ...w,
      needWeights: false,
    }).output;
    for (const variant of ORT_VARIANTS) {
      const run = await ortAttention(variant, E, H, w);
      const got = await run(x, n);
      await run.release();
      assert.equal(got.length, n * E);
      assert.ok(maxAbsDiff(got, ours) <= 1e-5, `${variant} E ${E} n ${n}: max abs diff ${maxAbsDiff(got, ours)}`);
    }
  }
});

test('TF.js training peer follows our trainStep losses from the same weights (3 AdamW steps)', async () => {
  const attn = await loadAttention({ assets: false });
  const s = {
    vocabSize: 17,
    maxPositions: 7,
    embedDim: 12,
    numHeads: 3,
    numLayers: 2,
    mlpDim: 20,
    causal: true,
    norm: 'pre',
    activation: 'gelu_tanh',
    tieEmbeddings: true,
    seq: 5,
    batch: 3,
  };
  const optimizer = { ...OPTIMIZER, lr: 1e-2 }; // large enough that a wrong update shows in the loss
  const model = attn.createTransformer({ ...s, seed: 3 });
  const init = fromSafetensors(model.save());
  const { inputs, targets } = tokenBatch(s, 11);
  const ours = [];
  for (let i = 0; i < 3; ++i) ours.push(model.trainStep({ inputs, targets, batch: s.batch, optimizer }).loss);
  model.dispose();
  for (const attention of ['batched', 'per-head']) {
    const peer = await tfjsTrainer(s, init, optimizer, { attention });
    const theirs = [0, 1, 2].map(() => peer.step(inputs, targets));
    peer.dispose();
    theirs.forEach((l, i) =>
      assert.ok(Math.abs(l - ours[i]) <= 1e-4 * Math.abs(ours[i]), `${attention} step ${i}: ${l} vs ours ${ours[i]}`),
    );
  }
  assert.ok(ours[2] < ours[0], `training lowers the loss: ${ours}`);
});
