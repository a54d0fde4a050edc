// train-source: a model trained in the Train mode (issue 19), reloaded on the main thread from the
// worker's safetensors (attn.loadTransformer), as the source shape the model views read
// (shared/model-source.js): run by the core on the task's probe example, with the picked head's
// step-by-step trace. It computes nothing: the attention and the trace come from m.run.

import { modelSource } from './model-source.js';

/**
 * m: from attn.loadTransformer (a trained model); tokens: the probe's [{id, text}]; at: {layer,
 * head} to trace; name: what it was trained on -> a source like modelSource's, causal.
 */
export function trainedSource(m, tokens, at, name) {
  const c = m.config;
  const run = m.run({ tokenIds: Int32Array.from(tokens, (t) => t.id) }, { trace: at });
  const T = tokens.length;
  const fake = { family: 'trained', config: { heads: c.numHeads, layers: c.numLayers, embedDim: c.embedDim } };
  const src = modelSource(fake, {
    tokens: tokens.map((t) => ({ text: t.text })),
    attention: run.attention,
    trace: run.trace,
  });
  const mask = new Uint8Array(T * T);
  for (let q = 0; q < T; ++q) mask.fill(1, q * T + q + 1, (q + 1) * T);
  return {
    ...src,
    causal: true,
    mask,
    title: `Trained here: ${c.numLayers} layer${c.numLayers === 1 ? '' : 's'} × ${c.numHeads} heads, ${c.embedDim} wide`,
    honest: `A small transformer trained in this browser on the ${name} task, shown on its probe example. Go back to the hand-built heads and pick the Train tab to continue training.`,
  };
}
