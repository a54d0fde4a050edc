// checkpoint-usage: a typed use of loadCheckpoint (web/lib/checkpoint.d.ts through index.d.ts),
// compiled with usage.ts by `tsc --noEmit -p tests/types`. Nothing runs.
import { loadAttention } from '../../web/lib/index.js';
import type { CheckpointModel, CheckpointRun, CheckpointHeadTrace } from '../../web/lib/index.js';

const core = await loadAttention({ assets: false });
const model: CheckpointModel = await core.loadCheckpoint('model.safetensors', {
  vocab: '[PAD]\n[UNK]\n',
  config: { n_head: 12 },
  onProgress: (fraction: number) => void fraction,
});
const family: 'gpt2' | 'bert' = model.family;
const layers: number = model.config.layers;
const ids: Int32Array = model.tokenize('The cat [MASK] on the mat').ids;
const run: CheckpointRun = model.run({ text: 'The cat sat' }, { trace: { layer: 0, head: 1 } });
const trace: CheckpointHeadTrace | undefined = run.trace;
const probability: number = run.top[0].probability;
const firstMask: number | undefined = run.masks?.[0]?.index;
const again: CheckpointRun = model.run({ tokenIds: ids });
model.dispose();

// @ts-expect-error family is 'gpt2' or 'bert'
const wrong: 'gpt' = model.family;
// @ts-expect-error run takes { text } or { tokenIds }
model.run('The cat');
// @ts-expect-error onProgress gets a number
void core.loadCheckpoint(new Uint8Array(8), { onProgress: (s: string) => s });

export { family, layers, trace, probability, firstMask, again, wrong };
