// The built package through its public entry point: loading, build info, softmax, errors, memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention, AttentionError } from 'attention-playground';

test('loadAttention resolves to one shared API with SIMD kernels', async () => {
  const a = await loadAttention();
  const b = await loadAttention();
  assert.equal(a, b);
  assert.equal(a.buildInfo().kernels, 'wasm-simd128');
});

test('the fallback module without SIMD loads and computes the same softmax', async () => {
  const simd = await loadAttention();
  const scalar = await loadAttention({ simd: false });
  assert.equal(scalar.buildInfo().kernels, 'scalar');
  const x = Float32Array.from({ length: 17 }, (_, i) => Math.cos(i) * 3);
  const ys = simd.softmax(x);
  const yn = scalar.softmax(x);
  for (let i = 0; i < x.length; ++i) assert.ok(Math.abs(ys[i] - yn[i]) < 1e-6);
});

test('the SIMD module throws C++ errors with wasm exception handling, the fallback through JS', async () => {
  // JS-based exceptions route every call that may throw through an invoke_* trampoline in the
  // JS glue; wasm exception handling needs none (and engines without it get the fallback module).
  const { readFile } = await import('node:fs/promises');
  const entry = new URL(import.meta.resolve('attention-playground'));
  const trampolines = async (file) => new Set((await readFile(new URL(file, entry), 'utf8')).match(/invoke_\w+/g));
  assert.equal((await trampolines('attention_core.mjs')).size, 0);
  assert.ok((await trampolines('attention_core_nosimd.mjs')).size > 5);
  // Both still turn a C++ error into an AttentionError and keep working.
  for (const attn of [await loadAttention(), await loadAttention({ simd: false })]) {
    assert.throws(() => attn.softmax([1, Number.NaN]), AttentionError);
    assert.equal(attn.softmax([0, 0]).length, 2);
  }
});

test('softmax matches a hand-computed row and sums to 1', async () => {
  const attn = await loadAttention();
  const w = attn.softmax([1, 2, 3]);
  assert.ok(w instanceof Float32Array);
  const expected = [0.090030573, 0.244728471, 0.665240956];
  expected.forEach((e, i) => assert.ok(Math.abs(w[i] - e) < 1e-6, `w[${i}] = ${w[i]}`));
});

test('a NaN score gives a readable AttentionError and the module keeps working', async () => {
  const attn = await loadAttention();
  assert.throws(
    () => attn.softmax([1, NaN]),
    (error) => error instanceof AttentionError && /score 1 is not finite/.test(error.message),
  );
  assert.equal(attn.softmax([5]).length, 1);
});

test('a fully masked row gives zeros, not NaN', async () => {
  const attn = await loadAttention();
  assert.deepEqual(Array.from(attn.softmax([-Infinity, -Infinity])), [0, 0]);
});

test('memoryStats reports the wasm memory and stays flat over 10,000 calls', async () => {
  const attn = await loadAttention();
  const x = new Float32Array(64).fill(0.5);
  attn.softmax(x);
  const before = attn.memoryStats();
  assert.ok(before.wasmBytes >= 16 * 1024 * 1024);
  for (let i = 0; i < 10000; ++i) attn.softmax(x);
  const after = attn.memoryStats();
  assert.equal(after.inUseBytes, before.inUseBytes);
  assert.equal(after.wasmBytes, before.wasmBytes);
});
