// bench-trainer-tfjs: training steps per second of the Train mode's model against TF.js 4.22
// (wasm backend, per-head 2-D matMuls, its autograd and Adam: train-tfjs.mjs), a tool, not a
// test. The same shape on both: the model createTrainer builds for a task with its defaults
// (induction: attention-only; sort: with its MLP), the same initial weights (ours saved, read
// back for TF.js) and the same batch; the output layer as the task's model has it (induction:
// its own lm_head; the other tasks: tied to the token embedding).
// Ours is timed twice: the model's trainStep alone (what TF.js does) and the trainer's train()
// (plus drawing the examples and counting accuracy). Alternating rounds, median per-step CPU time.
//
//   node tests/bench/bench-trainer-tfjs.mjs [--rounds 5]
import os from 'node:os';

import { loadAttention } from 'attention-playground';

import { fromSafetensors, tokenBatch } from './gpt-spec.mjs';
import { measure, median } from './timing.mjs';
import { tfjsTrainer } from './train-tfjs.mjs';

const flag = process.argv.indexOf('--rounds');
const ROUNDS = Math.max(5, flag > 0 ? Number(process.argv[flag + 1]) || 5 : 5);
const OPT = { lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
const attn = await loadAttention({ assets: false });

// The model createTrainer builds for task (its defaults) as createTransformer's shape.
function shapeOf(task) {
  const tr = attn.createTrainer({ task });
  const c = tr.config;
  const { tieEmbeddings } = tr.model.config;
  tr.dispose();
  const shape = {
    vocabSize: c.vocabSize,
    maxPositions: c.seqLen,
    embedDim: c.embedDim,
    numHeads: c.heads,
    numLayers: c.layers,
    mlpDim: c.attentionOnly ? 0 : 4 * c.embedDim,
    causal: true,
    norm: 'pre',
    activation: 'gelu_tanh',
    tieEmbeddings,
    seq: c.seqLen - 1,
    batch: c.batch,
  };
  return { shape, config: c };
}

async function bench(task) {
  const { shape, config } = shapeOf(task);
  const ours = attn.createTransformer({ ...shape, seed: 1 });
  const tf = await tfjsTrainer(shape, fromSafetensors(ours.save()), OPT);
  const trainer = attn.createTrainer({ task });
  const { inputs, targets } = tokenBatch(shape);
  const peers = {
    'ours trainStep': () => ours.trainStep({ inputs, targets, batch: shape.batch, optimizer: OPT }),
    'ours trainer.train': () => trainer.train({ steps: 1 }),
    'tfjs-wasm per-head': () => tf.step(inputs, targets),
  };
  const losses = [
    ours.trainStep({ inputs, targets, batch: shape.batch, optimizer: OPT }).loss,
    tf.step(inputs, targets),
  ];
  console.log(
    `${task}: ${shape.numLayers} layers, ${shape.numHeads} heads, d_model ${shape.embedDim}, ${shape.mlpDim ? `MLP ${shape.mlpDim}` : 'attention-only'}, vocabulary ${shape.vocabSize}, ${shape.seq} tokens, batch ${shape.batch} (createTrainer's defaults: ${JSON.stringify({ lr: config.lr, batch: config.batch })})`,
  );
  console.log(
    `  first losses (ours, tfjs) on the same weights and batch: ${losses.map((l) => l.toFixed(4)).join(', ')}`,
  );
  const times = Object.fromEntries(Object.keys(peers).map((k) => [k, []]));
  for (const fn of Object.values(peers)) measure(fn, 20); // warm-up
  for (let r = 0; r < ROUNDS; ++r)
    for (const [name, fn] of Object.entries(peers)) times[name].push(measure(fn, 40).cpuMs);
  const tfMs = median(times['tfjs-wasm per-head']);
  for (const [name, ms] of Object.entries(times)) {
    const m = median(ms);
    console.log(
      `  ${name.padEnd(20)} ${m.toFixed(2)} ms/step  ${(1000 / m).toFixed(0)} steps/s  ${(tfMs / m).toFixed(2)}x TF.js`,
    );
  }
  ours.dispose();
  trainer.dispose();
  tf.dispose();
}

console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (2 cores)`,
);
for (const task of ['induction', 'sort']) await bench(task);
