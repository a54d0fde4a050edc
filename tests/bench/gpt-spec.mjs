// gpt-spec: what the training benchmark's three implementations share — the model's shape, its
// parameter table (the engine's names and layouts, src/nn/parameters.h: GPT-2's names with
// nn.Linear's (out, in) weights), a seeded GPT-2 initialization, the token batch, the
// optimizer settings, and safetensors bytes to hand the same weights from one to another
// (tests/bench/train_torch.py reads them). Benchmark-only code.

import { random } from './timing.mjs';

/** The training shape: 2 layers, 4 heads, d_model 128, context 64, batch 16, MLP 512. */
export const TRAIN_SHAPE = Object.freeze({
  vocabSize: 512,
  maxPositions: 64,
  embedDim: 128,
  numHeads: 4,
  numLayers: 2,
  mlpDim: 512,
  causal: true,
  norm: 'pre',
  activation: 'gelu_tanh',
  tieEmbeddings: true,
  seq: 64,
  batch: 16,
});
/** AdamW as PyTorch's torch.optim.AdamW; decay on parameters with >= 2 dimensions only. */
export const OPTIMIZER = Object.freeze({ lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1 });
export const LAYER_NORM_EPS = 1e-5;

/** Pre-LN, tied, learned positions: [{ name, shape }] in the engine's order. */
export function parameterTable(s) {
  const C = s.embedDim,
    F = s.mlpDim;
  const t = [
    ['wte.weight', [s.vocabSize, C]],
    ['wpe.weight', [s.maxPositions, C]],
  ];
  for (let l = 0; l < s.numLayers; ++l) {
    const p = `h.${l}.`;
    t.push([`${p}ln_1.weight`, [C]], [`${p}ln_1.bias`, [C]]);
    t.push([`${p}attn.c_attn.weight`, [3 * C, C]], [`${p}attn.c_attn.bias`, [3 * C]]);
    t.push([`${p}attn.c_proj.weight`, [C, C]], [`${p}attn.c_proj.bias`, [C]]);
    t.push([`${p}ln_2.weight`, [C]], [`${p}ln_2.bias`, [C]]);
    t.push([`${p}mlp.c_fc.weight`, [F, C]], [`${p}mlp.c_fc.bias`, [F]]);
    t.push([`${p}mlp.c_proj.weight`, [C, F]], [`${p}mlp.c_proj.bias`, [C]]);
  }
  t.push(['ln_f.weight', [C]], ['ln_f.bias', [C]]);
  if (s.tieEmbeddings === false) t.push(['lm_head.weight', [s.vocabSize, C]]);
  return t.map(([name, shape]) => ({ name, shape }));
}

/** GPT-2's initialization (N(0, 0.02); c_proj N(0, 0.02/√(2L)); biases 0; norms 1) -> name -> Float32Array. */
export function initWeights(s, seed = 1) {
  const rnd = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const weights = {};
  for (const { name, shape } of parameterTable(s)) {
    const a = new Float32Array(shape.reduce((x, y) => x * y, 1));
    if (name.endsWith('ln_1.weight') || name.endsWith('ln_2.weight') || name === 'ln_f.weight') a.fill(1);
    else if (shape.length === 2) {
      const sd = name.endsWith('c_proj.weight') ? 0.02 / Math.sqrt(2 * s.numLayers) : 0.02;
      for (let i = 0; i < a.length; ++i) a[i] = sd * normal();
    }
    weights[name] = a;
  }
  return weights;
}

/** B rows of T + 1 seeded tokens -> { inputs, targets } (Int32Array (B·T)), targets shifted by one. */
export function tokenBatch(s, seed = 7) {
  const rnd = random(seed);
  const inputs = new Int32Array(s.batch * s.seq),
    targets = new Int32Array(s.batch * s.seq);
  for (let b = 0; b < s.batch; ++b) {
    const row = Array.from({ length: s.seq + 1 }, () => Math.floor(rnd() * s.vocabSize));
    for (let t = 0; t < s.seq; ++t) {
      inputs[b * s.seq + t] = row[t];
      targets[b * s.seq + t] = row[t + 1];
    }
  }
  return { inputs, targets };
}

/** name -> Float32Array (shapes from `table`) -> safetensors bytes (F32, little-endian). */
export function toSafetensors(weights, table) {
  const header = {};
  let offset = 0;
  for (const { name, shape } of table) {
    const bytes = weights[name].length * 4;
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(new TextEncoder().encode(json), 8);
  for (const { name } of table) {
    const [a] = header[name].data_offsets;
    out.set(
      new Uint8Array(weights[name].buffer, weights[name].byteOffset, weights[name].byteLength),
      8 + json.length + a,
    );
  }
  return out;
}

/** safetensors bytes (F32 tensors) -> name -> Float32Array (copies), metadata left out. */
export function fromSafetensors(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  const weights = {};
  for (const [name, t] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    if (t.dtype !== 'F32') throw new Error(`fromSafetensors: ${name} is ${t.dtype}, expected F32`);
    const [a, b] = t.data_offsets;
    weights[name] = new Float32Array(bytes.slice(8 + n + a, 8 + n + b).buffer);
  }
  return weights;
}
