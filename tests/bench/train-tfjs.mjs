// train-tfjs: the training benchmark's TF.js 4.22 peer — the same pre-LN GPT-2 model as the
// engine (gpt-spec.mjs), trained with TF.js's autograd (tf.variableGrads) and tf.train.adam plus
// decoupled weight decay written out (p ← p·(1 − lr·wd) on >= 2-D parameters before the Adam
// update, PyTorch AdamW's order), on backend 'wasm' (XNNPACK, SIMD, one thread).
//
// Written the fast way for that backend, which sends only 2-D, batch-1, untransposed matMuls to
// XNNPACK (anything else takes a scalar loop 5–10× slower; see baselines.mjs):
//   - weights are 2-D variables stored (in, out), transposed once at creation, so y = x·W;
//   - every product goes through `mm`, a matMul whose gradient is written with explicit
//     transposes (dA = dY·transpose(B), dB = transpose(A)·dY), because TF.js's own matMul
//     gradient uses the transpose flags and would take the slow loop;
//   - attention is either 'per-head' (split into B·H pieces of (T, hd), one XNNPACK product
//     each for Q·Kᵀ and P·V) or 'batched' (one (B·H, T, hd) matMul with transposeB, its
//     gradients TF.js's own); bench-train.mjs times both and reports which it uses.
// Benchmark-only code.

import { createRequire } from 'node:module';

import { loadTf } from './baselines.mjs';
import { LAYER_NORM_EPS, parameterTable } from './gpt-spec.mjs';

const require = createRequire(import.meta.url);

const LINEAR = /(c_attn|c_proj|c_fc)\.weight$/;

/**
 * TF.js trainer. s: TRAIN_SHAPE-like; weights: name -> Float32Array in the engine's layout;
 * optimizer: OPTIMIZER-like. -> { step(inputs, targets) -> loss (before the update), dispose() }.
 */
export async function tfjsTrainer(s, weights, optimizer, { attention = 'per-head' } = {}) {
  const { tf } = await loadTf();
  // tfjs-core's CommonJS build has no gradients; the union package's build registers them all
  // (into the same, shared tfjs-core), as `import * as tf from '@tensorflow/tfjs'` does for a user.
  require('@tensorflow/tfjs');
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend failed to initialize');
  await tf.ready();
  const B = s.batch,
    T = s.seq,
    C = s.embedDim,
    H = s.numHeads,
    hd = C / H,
    V = s.vocabSize;
  const vars = {};
  for (const { name, shape } of parameterTable(s).filter(({ name }) => name in weights)) {
    // no MLP when mlpDim is 0
    vars[name] = tf.tidy(() => {
      const t = tf.tensor(weights[name], shape);
      return tf.variable(LINEAR.test(name) ? tf.transpose(t) : t, true); // linear: (in, out)
    });
  }
  const varList = Object.values(vars);
  const decayed = varList.filter((v) => v.shape.length >= 2);
  const adam = tf.train.adam(optimizer.lr, optimizer.beta1, optimizer.beta2, optimizer.eps);
  const keep = tf.tidy(() => {
    const m = new Float32Array(T * T);
    for (let i = 0; i < T; ++i) for (let j = i + 1; j < T; ++j) m[i * T + j] = -1e9;
    const pos = Int32Array.from({ length: B * T }, (_, i) => i % T);
    return { mask: tf.keep(tf.tensor2d(m, [T, T])), pos: tf.keep(tf.tensor1d(pos, 'int32')) };
  });

  const mm = tf.customGrad((a, b, save) => {
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy, [sa, sb]) => [tf.matMul(dy, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy)],
    };
  });
  // Row lookup W[ids] (rows of W): TF.js's gather gradient needs UnsortedSegmentSum, which the
  // wasm backend lacks, so the gradient is a ScatterNd (duplicate rows summed).
  const embed = (W, ids) =>
    tf.customGrad((w) => ({
      value: tf.gather(w, ids),
      gradFunc: (dy) => tf.scatterND(tf.reshape(ids, [-1, 1]), dy, w.shape),
    }))(W);
  const linear = (x, l, name) => tf.add(mm(x, vars[`h.${l}.${name}.weight`]), vars[`h.${l}.${name}.bias`]);
  const layerNorm = (x, name) => {
    const xc = tf.sub(x, tf.mean(x, 1, true));
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), 1, true), LAYER_NORM_EPS));
    return tf.add(tf.mul(tf.mul(xc, rstd), vars[`${name}.weight`]), vars[`${name}.bias`]);
  };
  const gelu = (x) =>
    tf.mul(
      tf.mul(x, 0.5),
      tf.add(1, tf.tanh(tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI)))),
    );
  const scale = 1 / Math.sqrt(hd);

  // qkv (B·T, 3C) -> concatenated heads (B·T, C), causal
  const perHead = (qkv) =>
    tf.concat(
      tf.split(qkv, B, 0).map((row) => {
        const [q, k, v] = tf.split(row, 3, 1);
        const qs = tf.split(tf.mul(q, scale), H, 1),
          kTs = tf.split(tf.transpose(k), H, 0),
          vs = tf.split(v, H, 1);
        return tf.concat(
          qs.map((qh, h) => mm(tf.softmax(tf.add(mm(qh, kTs[h]), keep.mask)), vs[h])),
          1,
        );
      }),
      0,
    );
  const batched = (qkv) => {
    const heads = (t) => tf.reshape(tf.transpose(tf.reshape(t, [B, T, H, hd]), [0, 2, 1, 3]), [B * H, T, hd]);
    const [q, k, v] = tf.split(qkv, 3, 1);
    const p = tf.softmax(tf.add(tf.matMul(heads(tf.mul(q, scale)), heads(k), false, true), keep.mask));
    return tf.reshape(tf.transpose(tf.reshape(tf.matMul(p, heads(v)), [B, H, T, hd]), [0, 2, 1, 3]), [B * T, C]);
  };
  const attend = attention === 'batched' ? batched : perHead;

  const loss = (ids, targets) => {
    let x = tf.add(embed(vars['wte.weight'], ids), embed(vars['wpe.weight'], keep.pos));
    for (let l = 0; l < s.numLayers; ++l) {
      x = tf.add(x, linear(attend(linear(layerNorm(x, `h.${l}.ln_1`), l, 'attn.c_attn')), l, 'attn.c_proj'));
      if (s.mlpDim > 0)
        // attention-only models have no MLP (and no ln_2)
        x = tf.add(x, linear(gelu(linear(layerNorm(x, `h.${l}.ln_2`), l, 'mlp.c_fc')), l, 'mlp.c_proj'));
    }
    const out = vars['lm_head.weight'] ?? vars['wte.weight']; // (V, C): its own, or tied
    const logits = mm(layerNorm(x, 'ln_f'), tf.transpose(out)); // (B·T, V)
    return tf.losses.softmaxCrossEntropy(tf.oneHot(targets, V), logits);
  };

  return {
    attention,
    /** One AdamW step on (inputs, targets: Int32Array (B·T)) -> the loss before the update. */
    step(inputs, targets) {
      // ids outside variableGrads' own scope: embed's gradient reads them after the forward.
      const { value, grads } = tf.tidy(() => {
        const ids = tf.tensor1d(inputs, 'int32'),
          tgt = tf.tensor1d(targets, 'int32');
        return tf.variableGrads(() => loss(ids, tgt), varList);
      });
      tf.tidy(() => {
        for (const v of decayed) v.assign(tf.mul(v, 1 - optimizer.lr * optimizer.weightDecay));
        adam.applyGradients(grads);
      });
      const out = value.dataSync()[0];
      tf.dispose([value, grads]);
      return out;
    },
    dispose() {
      tf.dispose([...Object.values(vars), keep.mask, keep.pos]);
      adam.dispose();
    },
  };
}
