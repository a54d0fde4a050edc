// transformer-usage: a typed use of the transformer engine's API (web/lib/transformer.d.ts
// through index.d.ts), compiled with usage.ts by `tsc --noEmit -p tests/types`. Nothing runs.
import { loadAttention } from '../../web/lib/index.js';
import type { Transformer, TransformerRun, TrainStepResult } from '../../web/lib/index.js';

const core = await loadAttention({ assets: false });
const model: Transformer = core.createTransformer({
  vocabSize: 64,
  maxPositions: 16,
  embedDim: 32,
  numHeads: 4,
  numLayers: 2,
  mlpDim: 0,
  norm: 'pre',
  activation: 'gelu_tanh',
  seed: 1,
});
const run: TransformerRun = model.run({ tokenIds: Int32Array.of(1, 2, 3) });
const logits: Float32Array = run.logits;
const firstLayer: Float32Array = run.attention[0];
const step: TrainStepResult = model.trainStep({
  inputs: Int32Array.of(1, 2, 3, 4),
  targets: Int32Array.of(2, 3, 4, -1),
  batch: 1,
  optimizer: { lr: 1e-3, weightDecay: 0.1, clipNorm: 1 },
});
const loss: number = step.loss;
const parameters: number = model.config.parameters;
const copy: Transformer = core.loadTransformer(model.save());
copy.dispose();
model.dispose();

// @ts-expect-error norm is 'pre' or 'post'
core.createTransformer({ vocabSize: 8, maxPositions: 8, embedDim: 8, numHeads: 2, numLayers: 1, norm: 'middle' });
// @ts-expect-error run takes an options object, not the ids themselves
model.run(Int32Array.of(1, 2));
// @ts-expect-error embedDim is required
core.createTransformer({ vocabSize: 8, maxPositions: 8, numHeads: 2, numLayers: 1 });

export { logits, firstLayer, loss, parameters };
