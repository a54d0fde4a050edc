// loadAttention({ assets: false }): the attention core without the text assets, and the
// memory bound of output-only multi-head attention (its own process: node --test runs each
// file separately, so nothing else has grown this module's heap).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention } from 'attention-playground';

const MB = 1024 * 1024;

test('assets: false loads the attention methods only, in the initial 16 MB heap', async () => {
  const attn = await loadAttention({ assets: false });
  assert.equal(typeof attn.multiHeadAttention, 'function');
  assert.equal(typeof attn.scaledDotProduct, 'function');
  assert.equal(attn.analyze, undefined);
  assert.equal(attn.tokenize, undefined);
  assert.ok(attn.memoryStats().wasmBytes <= 16 * MB, JSON.stringify(attn.memoryStats()));
  const w = attn.softmax([0, Math.log(3)]);
  assert.ok(Math.abs(w[1] - 0.75) < 1e-6);
});

test('output-only self attention at n = 4096, d_model 256 needs about input + output of heap', async () => {
  const attn = await loadAttention({ assets: false });
  const E = 256,
    H = 8,
    n = 4096;
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.2;
  const x = Float32Array.from({ length: n * E }, rnd);
  const weights = {
    inProjWeight: Float32Array.from({ length: 3 * E * E }, rnd),
    inProjBias: Float32Array.from({ length: 3 * E }, rnd),
    outProjWeight: Float32Array.from({ length: E * E }, rnd),
  };
  const before = attn.memoryStats().wasmBytes;
  // key and value given as the same array as query: copied into wasm once
  const { output, weights: none } = attn.multiHeadAttention({
    query: x,
    key: x,
    value: x,
    tq: n,
    embedDim: E,
    numHeads: H,
    ...weights,
    needWeights: false,
  });
  assert.equal(none, undefined);
  assert.equal(output.length, n * E);
  assert.ok(output.every(Number.isFinite));
  // input (4 MB) + output (4 MB) + one head's Q, K, V (1.5 MB) + weights (1 MB); projecting Q, K, V
  // whole and copying key and value separately would need over 24 MB.
  const grown = attn.memoryStats().wasmBytes - before;
  assert.ok(grown <= 14 * MB, `heap grew by ${(grown / MB).toFixed(1)} MB`);
  // Repeated calls give the same numbers and, once the kernels' scratch has settled (the
  // second call), never grow the heap again.
  const call = () =>
    attn.multiHeadAttention({ query: x, tq: n, embedDim: E, numHeads: H, ...weights, needWeights: false });
  assert.deepEqual(call().output, output);
  const settled = attn.memoryStats().wasmBytes;
  assert.ok(settled - before <= 14 * MB, `heap grew by ${((settled - before) / MB).toFixed(1)} MB`);
  for (let i = 0; i < 3; ++i) call();
  assert.equal(attn.memoryStats().wasmBytes, settled);
});
