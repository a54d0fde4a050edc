// createMultiHeadAttention: the weights-resident layer gives exactly multiHeadAttention's
// results, reports bad input with the argument's name, is unusable after dispose(), and
// leaves the wasm heap flat over repeated create/forward/dispose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention, AttentionError } from 'attention-playground';

function random(seed) {
  return () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed / 2 ** 32 - 0.5) * 0.5;
  };
}
const fill = (n, rnd) => Float32Array.from({ length: n }, rnd);

// (E, H, kdim, vdim): packed self-attention weights, and separate ones for a cross shape
function model(E, H, kdim, vdim, rnd) {
  const base = {
    embedDim: E,
    numHeads: H,
    outProjWeight: fill(E * E, rnd),
    outProjBias: fill(E, rnd),
    inProjBias: fill(3 * E, rnd),
  };
  if (kdim === E && vdim === E) return { ...base, inProjWeight: fill(3 * E * E, rnd) };
  return {
    ...base,
    kdim,
    vdim,
    qProjWeight: fill(E * E, rnd),
    kProjWeight: fill(E * kdim, rnd),
    vProjWeight: fill(E * vdim, rnd),
  };
}

test("forward gives exactly multiHeadAttention's output, weights and trace (self, causal, cross; odd sizes)", async () => {
  const attn = await loadAttention({ assets: false });
  const rnd = random(3);
  for (const [E, H, kdim, vdim, tq, tk] of [
    [12, 3, 12, 12, 5, 5],
    [16, 4, 16, 16, 17, 17],
    [10, 2, 6, 9, 3, 7],
    [8, 8, 5, 3, 1, 63],
  ]) {
    const weights = model(E, H, kdim, vdim, rnd);
    const layer = attn.createMultiHeadAttention(weights);
    assert.deepEqual([layer.embedDim, layer.numHeads, layer.kdim, layer.vdim], [E, H, kdim, vdim]);
    const query = fill(tq * E, rnd);
    const cross = tq !== tk || kdim !== E;
    const inputs = cross ? { query, key: fill(tk * kdim, rnd), value: fill(tk * vdim, rnd), tq, tk } : { query, tq };
    for (const flags of [{ needWeights: false }, { needWeights: true, causal: true }, { trace: true }]) {
      const expected = attn.multiHeadAttention({ ...weights, ...inputs, ...flags });
      const got = layer.forward({ ...inputs, ...flags });
      assert.deepEqual(got, expected, `E ${E} tq ${tq} tk ${tk} ${JSON.stringify(flags)}`);
    }
    layer.dispose();
  }
});

test('the layer keeps its own copy of the weights', async () => {
  const attn = await loadAttention({ assets: false });
  const rnd = random(5);
  const weights = model(8, 2, 8, 8, rnd);
  const query = fill(4 * 8, rnd);
  const layer = attn.createMultiHeadAttention(weights);
  const before = layer.forward({ query, tq: 4, needWeights: false }).output;
  weights.inProjWeight.fill(0);
  assert.deepEqual(layer.forward({ query, tq: 4, needWeights: false }).output, before);
  layer.dispose();
});

test('bad weights, bad inputs and use after dispose() throw AttentionErrors that name the problem', async () => {
  const attn = await loadAttention({ assets: false });
  const rnd = random(7);
  const weights = model(8, 2, 8, 8, rnd);
  const nan = { ...weights, outProjWeight: Float32Array.from(weights.outProjWeight, (v, i) => (i === 9 ? NaN : v)) };
  assert.throws(
    () => attn.createMultiHeadAttention(nan),
    (e) => e instanceof AttentionError && /out_proj_weight.*nan/.test(e.message),
  );
  assert.throws(
    () => attn.createMultiHeadAttention({ ...weights, numHeads: 3 }),
    /embedDim 8 must be divisible by numHeads 3/,
  );
  assert.throws(
    () => attn.createMultiHeadAttention({ ...weights, inProjWeight: new Float32Array(5) }),
    /createMultiHeadAttention: inProjWeight must have 3·embedDim·embedDim = 192 numbers, got Float32Array\(5\)/,
  );
  const layer = attn.createMultiHeadAttention(weights);
  assert.throws(
    () => layer.forward({ query: new Float32Array(10), tq: 2 }),
    /forward: query must have tq·embedDim = 16 numbers, got Float32Array\(10\)/,
  );
  assert.throws(
    () => layer.forward({ query: fill(16, rnd).fill(Infinity, 3, 4), tq: 2 }),
    /query has a non-finite value \(inf\)/,
  );
  assert.throws(() => layer.forward('x'), /forward: expects one options object/);
  const ok = layer.forward({ query: fill(16, rnd), tq: 2 });
  assert.equal(ok.output.length, 16);
  layer.dispose();
  layer.dispose();
  assert.throws(() => layer.forward({ query: fill(16, rnd), tq: 2 }), /forward: this layer was disposed/);
});

test('the wasm heap is flat over 300 create/forward/dispose cycles and 2,000 forwards', async () => {
  const attn = await loadAttention({ assets: false });
  const rnd = random(11);
  const weights = model(32, 4, 32, 32, rnd);
  const query = fill(9 * 32, rnd);
  const cycle = () => {
    const layer = attn.createMultiHeadAttention(weights);
    layer.forward({ query, tq: 9, causal: true });
    layer.dispose();
  };
  for (let i = 0; i < 20; ++i) cycle();
  const settled = attn.memoryStats();
  for (let i = 0; i < 300; ++i) cycle();
  const layer = attn.createMultiHeadAttention(weights);
  for (let i = 0; i < 2000; ++i) layer.forward({ query, tq: 9, needWeights: i % 2 === 0 });
  layer.dispose();
  assert.deepEqual(attn.memoryStats(), settled);
});
