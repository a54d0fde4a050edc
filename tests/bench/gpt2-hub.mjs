// gpt2-hub: a GPT-2-shaped model with seeded random weights in the two forms the checkpoint
// benchmark compares: a Hugging Face hub-layout model.safetensors (gpt2's names, Conv1D weights
// (in, out), h.N.attn.bias buffers, F32) written tensor by tensor to a file, and the same
// model as an ONNX graph that outputs the logits and every layer's attention probabilities
// (H, T, T), as Transformer Explainer exports GPT-2 for onnxruntime-web. The graph is written
// for one sequence length T (static shapes): standard ONNX ops (opset 17), 2-D activations
// (T, C), Conv1D weights used as MatMul's (in, out) operand as they are, the tied output layer
// as Gemm(x, wte, transB = 1). Benchmark-only code.

import { closeSync, openSync, writeSync } from 'node:fs';

import { onnxModel } from './onnx-writer.mjs';
import { random } from './timing.mjs';

/** [{ name, shape }] of gpt2's model.safetensors, in file order (buffers included). */
export function hubTable(s) {
  const C = s.embedDim;
  const t = [
    ['wte.weight', [s.vocabSize, C]],
    ['wpe.weight', [s.maxPositions, C]],
  ];
  for (let l = 0; l < s.numLayers; ++l) {
    const p = `h.${l}.`;
    t.push([`${p}ln_1.weight`, [C]], [`${p}ln_1.bias`, [C]], [`${p}attn.bias`, [1, 1, 16, 16]]);
    t.push([`${p}attn.c_attn.weight`, [C, 3 * C]], [`${p}attn.c_attn.bias`, [3 * C]]);
    t.push([`${p}attn.c_proj.weight`, [C, C]], [`${p}attn.c_proj.bias`, [C]]);
    t.push([`${p}ln_2.weight`, [C]], [`${p}ln_2.bias`, [C]]);
    t.push([`${p}mlp.c_fc.weight`, [C, s.mlpDim]], [`${p}mlp.c_fc.bias`, [s.mlpDim]]);
    t.push([`${p}mlp.c_proj.weight`, [s.mlpDim, C]], [`${p}mlp.c_proj.bias`, [C]]);
  }
  t.push(['ln_f.weight', [C]], ['ln_f.bias', [C]]);
  return t.map(([name, shape]) => ({ name, shape, size: shape.reduce((a, b) => a * b, 1) }));
}

/** Seeded weights: matrices uniform with sd 0.02 (c_proj 0.02/√(2L)), LayerNorm weights 1. */
export function hubWeights(s, seed = 1) {
  const rnd = random(seed);
  const weights = {};
  for (const { name, shape, size } of hubTable(s)) {
    const a = new Float32Array(size);
    if (/ln_[12f]\.weight$/.test(name)) a.fill(1);
    else if (name.endsWith('attn.bias')) a.fill(1);
    else if (shape.length === 2) {
      const half = Math.sqrt(3) * (name.endsWith('c_proj.weight') ? 0.02 / Math.sqrt(2 * s.numLayers) : 0.02);
      for (let i = 0; i < size; ++i) a[i] = (2 * rnd() - 1) * half;
    }
    weights[name] = a;
  }
  return weights;
}

/** Writes weights as gpt2's model.safetensors at path -> its size in bytes. */
export function writeHubCheckpoint(path, s, weights) {
  const table = hubTable(s);
  const header = {};
  let offset = 0;
  for (const { name, shape, size } of table) {
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + 4 * size] };
    offset += 4 * size;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const fd = openSync(path, 'w');
  const length = new Uint8Array(8);
  new DataView(length.buffer).setBigUint64(0, BigInt(json.length), true);
  writeSync(fd, length);
  writeSync(fd, new TextEncoder().encode(json));
  for (const { name } of table) {
    const a = weights[name];
    writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  closeSync(fd);
  return 8 + json.length + offset;
}

const f32 = (dims, data) => ({ dims, data });
const i64 = (values) => ({ dims: [values.length], data: BigInt64Array.from(values.map(BigInt)) });

/** ONNX bytes: ids, positions (int64, T) -> logits (T, V), att0..att{L-1} (H, T, T). */
export function gpt2Graph(s, weights, T) {
  const C = s.embedDim;
  const H = s.numHeads;
  const hd = C / H;
  const mask = new Float32Array(T * T);
  for (let i = 0; i < T; ++i) for (let j = i + 1; j < T; ++j) mask[i * T + j] = -1e9;
  const init = {
    wte: f32([s.vocabSize, C], weights['wte.weight']),
    wpe: f32([s.maxPositions, C], weights['wpe.weight']),
    heads_shape: i64([T, 3 * H, hd]),
    out_shape: i64([T, C]),
    split3: i64([H, H, H]),
    scale: f32([], Float32Array.of(1 / Math.sqrt(hd))),
    mask: f32([T, T], mask),
    half: f32([], Float32Array.of(0.5)),
    one: f32([], Float32Array.of(1)),
    cubic: f32([], Float32Array.of(0.044715)),
    root: f32([], Float32Array.of(Math.sqrt(2 / Math.PI))),
    ln_f_w: f32([C], weights['ln_f.weight']),
    ln_f_b: f32([C], weights['ln_f.bias']),
  };
  const nodes = [
    { op: 'Gather', inputs: ['wte', 'ids'], outputs: ['tok'] },
    { op: 'Gather', inputs: ['wpe', 'positions'], outputs: ['pos'] },
    { op: 'Add', inputs: ['tok', 'pos'], outputs: ['x_0'] },
  ];
  const node = (op, inputs, outputs, attrs) => nodes.push({ op, inputs, outputs, attrs });
  for (let l = 0; l < s.numLayers; ++l) {
    const p = `h.${l}.`;
    const n = (name) => `${name}_${l}`;
    for (const [key, name] of [
      ['ln1_w', 'ln_1.weight'],
      ['ln1_b', 'ln_1.bias'],
      ['ln2_w', 'ln_2.weight'],
      ['ln2_b', 'ln_2.bias'],
      ['qkv_w', 'attn.c_attn.weight'],
      ['qkv_b', 'attn.c_attn.bias'],
      ['proj_w', 'attn.c_proj.weight'],
      ['proj_b', 'attn.c_proj.bias'],
      ['fc_w', 'mlp.c_fc.weight'],
      ['fc_b', 'mlp.c_fc.bias'],
      ['fcp_w', 'mlp.c_proj.weight'],
      ['fcp_b', 'mlp.c_proj.bias'],
    ]) {
      const shape = hubTable(s).find((t) => t.name === p + name).shape;
      init[n(key)] = f32(shape, weights[p + name]);
    }
    const ln = (x, w, b, y) => node('LayerNormalization', [x, n(w), n(b)], [y], { axis: -1, epsilon: 1e-5 });
    ln(n('x'), 'ln1_w', 'ln1_b', n('a'));
    node('MatMul', [n('a'), n('qkv_w')], [n('qkv0')]);
    node('Add', [n('qkv0'), n('qkv_b')], [n('qkv')]);
    node('Reshape', [n('qkv'), 'heads_shape'], [n('qkv_h')]);
    node('Transpose', [n('qkv_h')], [n('qkv_t')], { perm: [1, 0, 2] });
    node('Split', [n('qkv_t'), 'split3'], [n('q'), n('k'), n('v')], { axis: 0 });
    node('Transpose', [n('k')], [n('kt')], { perm: [0, 2, 1] });
    node('MatMul', [n('q'), n('kt')], [n('s0')]);
    node('Mul', [n('s0'), 'scale'], [n('s1')]);
    node('Add', [n('s1'), 'mask'], [n('s')]);
    node('Softmax', [n('s')], [`att${l}`], { axis: -1 });
    node('MatMul', [`att${l}`, n('v')], [n('o')]);
    node('Transpose', [n('o')], [n('o_t')], { perm: [1, 0, 2] });
    node('Reshape', [n('o_t'), 'out_shape'], [n('c')]);
    node('MatMul', [n('c'), n('proj_w')], [n('pr0')]);
    node('Add', [n('pr0'), n('proj_b')], [n('pr')]);
    node('Add', [n('x'), n('pr')], [n('r')]);
    ln(n('r'), 'ln2_w', 'ln2_b', n('m'));
    node('MatMul', [n('m'), n('fc_w')], [n('f0')]);
    node('Add', [n('f0'), n('fc_b')], [n('f')]);
    // tanh GELU, written out (ORT fuses the pattern)
    node('Mul', [n('f'), n('f')], [n('f2')]);
    node('Mul', [n('f2'), n('f')], [n('f3')]);
    node('Mul', [n('f3'), 'cubic'], [n('g0')]);
    node('Add', [n('f'), n('g0')], [n('g1')]);
    node('Mul', [n('g1'), 'root'], [n('g2')]);
    node('Tanh', [n('g2')], [n('g3')]);
    node('Add', [n('g3'), 'one'], [n('g4')]);
    node('Mul', [n('f'), n('g4')], [n('g5')]);
    node('Mul', [n('g5'), 'half'], [n('g')]);
    node('MatMul', [n('g'), n('fcp_w')], [n('y0')]);
    node('Add', [n('y0'), n('fcp_b')], [n('y')]);
    node('Add', [n('r'), n('y')], [`x_${l + 1}`]);
  }
  node('LayerNormalization', [`x_${s.numLayers}`, 'ln_f_w', 'ln_f_b'], ['xf'], { axis: -1, epsilon: 1e-5 });
  node('Gemm', ['xf', 'wte'], ['logits'], { transB: 1 });
  return onnxModel({
    opsets: { '': 17 },
    inputs: [
      ['ids', [T], 'int64'],
      ['positions', [T], 'int64'],
    ],
    outputs: [['logits', [T, s.vocabSize]], ...Array.from({ length: s.numLayers }, (_, l) => [`att${l}`, [H, T, T]])],
    initializers: init,
    nodes,
  });
}
