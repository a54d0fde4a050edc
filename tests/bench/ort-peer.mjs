// ort-peer: onnxruntime-web 1.31 (wasm backend, SIMD, one thread) as the attention benchmark's
// peer — the engine Transformer Explainer runs GPT-2 on. The same full multi-head
// self-attention forward as bench-attention.mjs (in-projection, Q·Kᵀ, softmax, weights·V,
// out-projection; one sequence, no mask), as three ONNX graphs written from JS
// (onnx-writer.mjs), weights as initializers pre-transposed to (in, out) as exporters do:
//
//   std        - standard ops only: MatMul + Add (in-projection), Reshape (n, 3H, hd),
//                Transpose -> (3H, n, hd), Split into Q, K, V, Mul by 1/√hd, Transpose K,
//                batched MatMul, Softmax, MatMul, Transpose, Reshape, MatMul + Add.
//   mha        - MatMul (in-projection, no bias), Split, the fused
//                com.microsoft.MultiHeadAttention(q, k, v, bias) op, MatMul + Add.
//   attention  - com.microsoft.Attention(x, W_in, b_in) (in-projection included), MatMul + Add.
//
// Each factory returns an async run(x, n) -> Float32Array (n·E). ORT's default graph
// optimizations stay on (level 'all'), as a user would run it. Benchmark-only code.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { onnxModel } from './onnx-writer.mjs';

const require = createRequire(import.meta.url);
export const ORT_VARIANTS = ['std', 'mha', 'attention'];

let ortModule;
/** onnxruntime-web, configured for one wasm thread (SIMD is always on in 1.31's wasm build). */
export async function loadOrt() {
  if (ortModule) return ortModule;
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  // In Node the backend is handed its dist folder (where the .wasm and its .mjs loader are).
  ort.env.wasm.wasmPaths = join(dirname(require.resolve('onnxruntime-web')), '/');
  ortModule = ort;
  return ort;
}

// (rows, cols) row-major -> (cols, rows)
function transpose(a, rows, cols) {
  const t = new Float32Array(a.length);
  for (let r = 0; r < rows; ++r) for (let c = 0; c < cols; ++c) t[c * rows + r] = a[r * cols + c];
  return t;
}
const f32 = (dims, data) => ({ dims, data });
const i64 = (values) => ({ dims: [values.length], data: BigInt64Array.from(values.map(BigInt)) });

// Weights (PyTorch layout, see baselines.mjs) -> the initializers every graph shares.
function initializers(E, w) {
  return {
    w_in: f32([E, 3 * E], transpose(w.inProjWeight, 3 * E, E)),
    b_in: f32([3 * E], w.inProjBias),
    w_out: f32([E, E], transpose(w.outProjWeight, E, E)),
    b_out: f32([E], w.outProjBias),
  };
}

const outProjection = (from) => [
  { op: 'MatMul', inputs: [from, 'w_out'], outputs: ['y0'] },
  { op: 'Add', inputs: ['y0', 'b_out'], outputs: ['y'] },
];

/** ONNX model bytes of one variant (see the header) for d_model E and H heads. */
export function attentionGraph(variant, E, H, w) {
  const hd = E / H;
  const init = initializers(E, w);
  if (variant === 'std') {
    Object.assign(init, {
      shape_heads: i64([-1, 3 * H, hd]),
      split3: i64([H, H, H]),
      shape_out: i64([-1, E]),
      scale: f32([], Float32Array.of(1 / Math.sqrt(hd))),
    });
    return onnxModel({
      opsets: { '': 17 },
      inputs: [['x', ['n', E]]],
      outputs: [['y', ['n', E]]],
      initializers: init,
      nodes: [
        { op: 'MatMul', inputs: ['x', 'w_in'], outputs: ['qkv0'] },
        { op: 'Add', inputs: ['qkv0', 'b_in'], outputs: ['qkv'] },
        { op: 'Reshape', inputs: ['qkv', 'shape_heads'], outputs: ['qkv_h'] }, // (n, 3H, hd)
        { op: 'Transpose', inputs: ['qkv_h'], outputs: ['qkv_t'], attrs: { perm: [1, 0, 2] } }, // (3H, n, hd)
        { op: 'Split', inputs: ['qkv_t', 'split3'], outputs: ['q0', 'k', 'v'], attrs: { axis: 0 } },
        { op: 'Mul', inputs: ['q0', 'scale'], outputs: ['q'] },
        { op: 'Transpose', inputs: ['k'], outputs: ['kt'], attrs: { perm: [0, 2, 1] } }, // (H, hd, n)
        { op: 'MatMul', inputs: ['q', 'kt'], outputs: ['s'] }, // (H, n, n)
        { op: 'Softmax', inputs: ['s'], outputs: ['p'], attrs: { axis: -1 } },
        { op: 'MatMul', inputs: ['p', 'v'], outputs: ['o'] }, // (H, n, hd)
        { op: 'Transpose', inputs: ['o'], outputs: ['o_t'], attrs: { perm: [1, 0, 2] } }, // (n, H, hd)
        { op: 'Reshape', inputs: ['o_t', 'shape_out'], outputs: ['c'] },
        ...outProjection('c'),
      ],
    });
  }
  const io = { opsets: { '': 17, 'com.microsoft': 1 }, inputs: [['x', [1, 'n', E]]], outputs: [['y', [1, 'n', E]]] };
  if (variant === 'mha') {
    init.split_e = i64([E, E, E]);
    return onnxModel({
      ...io,
      initializers: init,
      nodes: [
        { op: 'MatMul', inputs: ['x', 'w_in'], outputs: ['qkv'] }, // (1, n, 3E), bias added by the fused op
        { op: 'Split', inputs: ['qkv', 'split_e'], outputs: ['q', 'k', 'v'], attrs: { axis: 2 } },
        {
          op: 'MultiHeadAttention',
          domain: 'com.microsoft',
          inputs: ['q', 'k', 'v', 'b_in'],
          outputs: ['c'],
          attrs: { num_heads: H },
        },
        ...outProjection('c'),
      ],
    });
  }
  if (variant === 'attention') {
    return onnxModel({
      ...io,
      initializers: init,
      nodes: [
        {
          op: 'Attention',
          domain: 'com.microsoft',
          inputs: ['x', 'w_in', 'b_in'],
          outputs: ['c'],
          attrs: { num_heads: H },
        },
        ...outProjection('c'),
      ],
    });
  }
  throw new Error(`unknown ORT variant ${variant}`);
}

/** An async runner (x, n) -> Float32Array (n·E) of one variant on ORT-web's wasm backend. */
export async function ortAttention(variant, E, H, w) {
  const ort = await loadOrt();
  const session = await ort.InferenceSession.create(attentionGraph(variant, E, H, w), {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const shape = (n) => (variant === 'std' ? [n, E] : [1, n, E]);
  const run = async (x, n) => {
    const { y } = await session.run({ x: new ort.Tensor('float32', x, shape(n)) });
    const data = y.data;
    y.dispose?.();
    return data;
  };
  run.release = () => session.release();
  return run;
}
