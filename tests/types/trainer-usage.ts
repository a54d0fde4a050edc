// trainer-usage: a typed use of the Train mode's trainer API (web/lib/trainer.d.ts through
// index.d.ts), compiled with usage.ts by `tsc --noEmit -p tests/types`. Nothing runs.
import { loadAttention } from '../../web/lib/index.js';
import type { Trainer, TrainerProbe, TrainProgress } from '../../web/lib/index.js';

const core = await loadAttention({ assets: false });
const tr: Trainer = core.createTrainer({
  task: 'induction',
  layers: 2,
  heads: 2,
  embedDim: 64,
  attentionOnly: true,
  lr: 3e-3,
  batch: 16,
  seed: 1,
});
const progress: TrainProgress = tr.train({ steps: 10 });
const loss: number = progress.loss;
const accuracy: number = tr.evaluate({ examples: 64 }).accuracy;
const probe: TrainerProbe = tr.probe();
const weights: Float32Array = probe.layers[0].heads[0].weights;
const label: '' | 'previous-token' | 'induction' = probe.layers[1].heads[0].label;
const text: string = probe.tokens[0].text;
const bytes: Uint8Array = tr.model.save();
tr.dispose();

// @ts-expect-error: an unknown task
core.createTrainer({ task: 'parity' });
// @ts-expect-error: steps is a number
tr.train({ steps: '10' });
// @ts-expect-error: the probe's weights are not writable as a plain array
const bad: number[] = probe.layers[0].heads[0].weights;
