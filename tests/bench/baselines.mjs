// baselines: the implementations the benchmark compares this project's core against, each
// a factory (E, H, weights) -> run(x, n) that returns the (n, E) output as a Float32Array:
//   plainJs   - a careful plain-JS multi-head self-attention (Float32Array, contiguous inner
//               loops, 4 accumulators, one score row at a time so memory stays O(n·E))
//   tfjs      - the same graph in TensorFlow.js (backend 'wasm' = XNNPACK SIMD, one thread,
//               or 'cpu'); weights are tensors created once, as a model would hold them.
// Benchmark-only code: nothing here is used by the page or tested for exactness beyond the
// cross-check in bench-attention.mjs.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

// y (n, out) = x (n, inp) · W (out, inp)^T + b
function linear(x, n, inp, W, b, out, y) {
  for (let t = 0; t < n; ++t) {
    const xo = t * inp;
    for (let o = 0; o < out; ++o) {
      const wo = o * inp;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
      for (; i + 4 <= inp; i += 4) {
        s0 += x[xo + i] * W[wo + i];
        s1 += x[xo + i + 1] * W[wo + i + 1];
        s2 += x[xo + i + 2] * W[wo + i + 2];
        s3 += x[xo + i + 3] * W[wo + i + 3];
      }
      for (; i < inp; ++i) s0 += x[xo + i] * W[wo + i];
      y[t * out + o] = s0 + s1 + s2 + s3 + (b ? b[o] : 0);
    }
  }
}

export function plainJs(E, H, w) {
  const hd = E / H;
  const scale = 1 / Math.sqrt(hd);
  return (x, n) => {
    const qkv = new Float32Array(n * 3 * E);
    linear(x, n, E, w.inProjWeight, w.inProjBias, 3 * E, qkv);
    const concat = new Float32Array(n * E);
    const p = new Float32Array(n);
    const ld = 3 * E;
    for (let h = 0; h < H; ++h) {
      const qo = h * hd, ko = E + h * hd, vo = 2 * E + h * hd;
      for (let i = 0; i < n; ++i) {
        // pass 1: scores for query i and their max
        let max = -Infinity;
        const qi = i * ld + qo;
        for (let j = 0; j < n; ++j) {
          const kj = j * ld + ko;
          let s0 = 0, s1 = 0, c = 0;
          for (; c + 2 <= hd; c += 2) {
            s0 += qkv[qi + c] * qkv[kj + c];
            s1 += qkv[qi + c + 1] * qkv[kj + c + 1];
          }
          for (; c < hd; ++c) s0 += qkv[qi + c] * qkv[kj + c];
          const s = (s0 + s1) * scale;
          p[j] = s;
          if (s > max) max = s;
        }
        // pass 2: exp and sum
        let sum = 0;
        for (let j = 0; j < n; ++j) {
          const e = Math.exp(p[j] - max);
          p[j] = e;
          sum += e;
        }
        // pass 3: weights · V, contiguous over the head's columns
        const inv = 1 / sum;
        const out = i * E + h * hd;
        for (let j = 0; j < n; ++j) {
          const pj = p[j] * inv;
          const vj = j * ld + vo;
          for (let c = 0; c < hd; ++c) concat[out + c] += pj * qkv[vj + c];
        }
      }
    }
    const y = new Float32Array(n * E);
    linear(concat, n, E, w.outProjWeight, w.outProjBias, E, y);
    return y;
  };
}

let tfModules;
/** Loads TF.js core with its wasm and cpu backends (one shared CommonJS instance). */
export async function loadTf() {
  if (tfModules) return tfModules;
  const tf = require('@tensorflow/tfjs-core');
  require('@tensorflow/tfjs-backend-cpu');
  const tfWasm = require('@tensorflow/tfjs-backend-wasm');
  // In Node the backend cannot find its .wasm files itself: hand it the dist folder.
  const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
  tfWasm.setWasmPaths(join(dist, '/'));
  tfWasm.setThreadsCount(1);
  tfModules = { tf, tfWasm, version: tf.version_core };
  return tfModules;
}

/** TF.js multi-head self-attention on the given backend ('wasm' or 'cpu'). */
export async function tfjs(backend, E, H, w) {
  const { tf } = await loadTf();
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to initialize`);
  await tf.ready();
  const hd = E / H;
  const scale = 1 / Math.sqrt(hd);
  const inW = tf.tensor2d(w.inProjWeight, [3 * E, E]);
  const inB = tf.tensor1d(w.inProjBias);
  const outW = tf.tensor2d(w.outProjWeight, [E, E]);
  const outB = tf.tensor1d(w.outProjBias);
  const run = (x, n) => {
    if (tf.getBackend() !== backend) tf.setBackend(backend);
    const out = tf.tidy(() => {
      const xt = tf.tensor2d(x, [n, E]);
      const qkv = tf.add(tf.matMul(xt, inW, false, true), inB); // (n, 3E)
      const heads = (t) => tf.transpose(tf.reshape(t, [n, H, hd]), [1, 0, 2]); // (H, n, hd)
      const [q, k, v] = tf.split(qkv, 3, 1).map(heads);
      const weights = tf.softmax(tf.mul(tf.matMul(q, k, false, true), scale)); // (H, n, n)
      const concat = tf.reshape(tf.transpose(tf.matMul(weights, v), [1, 0, 2]), [n, E]);
      return tf.add(tf.matMul(concat, outW, false, true), outB);
    });
    const data = out.dataSync();
    out.dispose();
    return data;
  };
  run.backendName = tf.getBackend();
  return run;
}
