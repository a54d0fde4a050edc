// bench-trainer-tfjs: training steps per second of the Train mode's model against TF.js 4.22
// (wasm backend, per-head 2-D matMuls, its autograd and Adam: train-tfjs.mjs), a tool, not a
// test. The same shape on both: the sort task's model with its MLP (train-tfjs.mjs has no
// attention-only variant): 2 layers, 2 heads, d_model 64, MLP 256, vocabulary 11, 16 tokens,
// batch 16, the same initial weights (ours saved, read back for TF.js) and the same batch.
// Ours is timed twice: the model's trainStep alone (what TF.js does) and the trainer's train()
// (plus drawing the examples and counting accuracy). Alternating rounds, median per-step CPU time.
//
//   node tests/bench/bench-trainer-tfjs.mjs [--rounds 5]
import { loadAttention } from 'attention-playground';

import { fromSafetensors, tokenBatch } from './gpt-spec.mjs';
import { measure, median } from './timing.mjs';
import { tfjsTrainer } from './train-tfjs.mjs';

const flag = process.argv.indexOf('--rounds');
const ROUNDS = Math.max(5, flag > 0 ? Number(process.argv[flag + 1]) || 5 : 5);
const SHAPE = {
  vocabSize: 11,
  maxPositions: 17,
  embedDim: 64,
  numHeads: 2,
  numLayers: 2,
  mlpDim: 256,
  causal: true,
  norm: 'pre',
  activation: 'gelu_tanh',
  tieEmbeddings: true,
  seq: 16,
  batch: 16,
};
const OPT = { lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };

const attn = await loadAttention({ assets: false });
const ours = attn.createTransformer({ ...SHAPE, seed: 1 });
const tf = await tfjsTrainer(SHAPE, fromSafetensors(ours.save()), OPT);
const trainer = attn.createTrainer({
  task: 'sort',
  layers: 2,
  heads: 2,
  embedDim: 64,
  attentionOnly: false,
  lr: 3e-3,
  batch: 16,
});
const { inputs, targets } = tokenBatch(SHAPE);
const peers = {
  'ours trainStep': () => ours.trainStep({ inputs, targets, batch: SHAPE.batch, optimizer: OPT }),
  'ours trainer.train': () => trainer.train({ steps: 1 }),
  'tfjs-wasm per-head': () => tf.step(inputs, targets),
};
const losses = [ours.trainStep({ inputs, targets, batch: 16, optimizer: OPT }).loss, tf.step(inputs, targets)];
console.log(`first losses (ours, tfjs) on the same weights and batch: ${losses.map((l) => l.toFixed(4)).join(', ')}`);
const times = Object.fromEntries(Object.keys(peers).map((k) => [k, []]));
for (const fn of Object.values(peers)) measure(fn, 20); // warm-up
for (let r = 0; r < ROUNDS; ++r)
  for (const [name, fn] of Object.entries(peers)) times[name].push(measure(fn, 40).cpuMs);
const tfMs = median(times['tfjs-wasm per-head']);
for (const [name, ms] of Object.entries(times)) {
  const m = median(ms);
  console.log(
    `${name.padEnd(20)} ${m.toFixed(2)} ms/step  ${(1000 / m).toFixed(0)} steps/s  ${(tfMs / m).toFixed(2)}x TF.js`,
  );
}
ours.dispose();
trainer.dispose();
tf.dispose();
