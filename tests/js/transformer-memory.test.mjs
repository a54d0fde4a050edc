// Memory: repeated run() and trainStep() calls on one transformer, at varying sequence lengths
// and batch sizes up to the largest seen in a warm-up round, leave the wasm heap's bytes in use
// exactly where the warm-up left them (activations are sized once for the largest batch, the
// optimizer's moments once, inputs are copied into buffers the handle keeps). A leak of one
// byte per call would show as >= 1000 bytes. create/save/load/dispose cycles return to the
// baseline too. ATTN_MEMORY_CALLS=N runs fewer calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention } from 'attention-playground';

const CALLS = Number(process.env.ATTN_MEMORY_CALLS ?? 1000);
const config = { vocabSize: 29, maxPositions: 24, embedDim: 32, numHeads: 4, numLayers: 2, mlpDim: 64, seed: 3 };

function call(model, i) {
  const T = 1 + ((i * 7) % 24);
  const tokenIds = Int32Array.from({ length: T }, (_, t) => (t * 5 + i) % 29);
  if (i % 2 === 0) return model.run({ tokenIds }).logits.length;
  const batch = 1 + (i % 4);
  const inputs = Int32Array.from({ length: batch * T }, (_, t) => (t * 3 + i) % 29);
  const targets = inputs.map((x, t) => (t % 5 === 0 ? -1 : (x + 1) % 29));
  return model.trainStep({ inputs, targets, batch, optimizer: { lr: 1e-3 } }).loss;
}

test(`${CALLS} run/trainStep calls leave the wasm heap in use flat`, async () => {
  const attn = await loadAttention({ assets: false });
  const model = attn.createTransformer(config);
  for (let i = 0; i < 200; ++i) call(model, i); // warm-up: every T and batch size
  const before = attn.memoryStats();
  const started = performance.now();
  for (let i = 0; i < CALLS; ++i) call(model, i);
  const after = attn.memoryStats();
  console.log(
    `# transformer memory: ${CALLS} calls in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `inUseBytes ${before.inUseBytes} -> ${after.inUseBytes}, wasmBytes ${before.wasmBytes} -> ${after.wasmBytes}`,
  );
  assert.equal(after.inUseBytes, before.inUseBytes, 'bytes in use grew over the calls');
  assert.equal(after.wasmBytes, before.wasmBytes, 'the wasm memory grew over the calls');
  model.dispose();
});

test('create, train, save, load and dispose cycles return the heap to where it was', async () => {
  const attn = await loadAttention({ assets: false });
  const cycle = () => {
    const model = attn.createTransformer(config);
    call(model, 1);
    const copy = attn.loadTransformer(model.save());
    call(copy, 2);
    model.dispose();
    copy.dispose();
  };
  cycle();
  const before = attn.memoryStats().inUseBytes;
  for (let i = 0; i < 20; ++i) cycle();
  assert.equal(attn.memoryStats().inUseBytes, before);
});
