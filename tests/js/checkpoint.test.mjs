// loadCheckpoint: the tiny hub-layout checkpoints of tests/golden/checkpoints
// (generate_checkpoints.py) open from bytes, a Blob, a file path and a streamed Response and
// give the float64 PyTorch logits (normwise relative 1e-4) and attention (1e-5); the exact
// tokenizers through m.tokenize (GPT-2 BPE golden ids, WordPiece "unaffable"); top-5 and
// [MASK] predictions and the traced head agree with the logits and attention they come from;
// corrupt and hostile files throw AttentionError naming the problem and the module keeps
// working; repeated load/dispose leaves the wasm heap where it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAttention, AttentionError } from 'attention-playground';
import { relativeError } from './relative-error.mjs';

const here = (name) => new URL(`../golden/checkpoints/${name}`, import.meta.url);
const { config, checkpoints } = JSON.parse(readFileSync(here('references.json'), 'utf8'));
const bytes = (name) => new Uint8Array(readFileSync(here(`${name}.safetensors`)));
const vocab = readFileSync(here('bert_vocab.txt'), 'utf8');

function checkAgainstPyTorch(name, m) {
  const ref = checkpoints[name];
  const tokenTypes = ref.types && Int32Array.from(ref.types);
  const run = m.run({ tokenIds: Int32Array.from(ref.ids), tokenTypes });
  const logits = relativeError(run.logits, ref.logits);
  const attention = Math.max(...run.attention.map((a, l) => relativeError(a, ref.attention[l])));
  console.log(`# ${name}: logits rel ${logits.toExponential(2)}, attention rel ${attention.toExponential(2)}`);
  assert.ok(logits < 1e-4, `${name} logits ${logits}`);
  assert.ok(attention < 1e-5, `${name} attention ${attention}`);
}

test("every tiny hub checkpoint gives PyTorch's logits and attention", async () => {
  const attn = await loadAttention({ assets: false });
  for (const name of Object.keys(checkpoints)) {
    const m = await attn.loadCheckpoint(bytes(name), { config, vocab });
    assert.equal(m.family, name.startsWith('gpt2') ? 'gpt2' : 'bert');
    assert.equal(m.config.layers, 2);
    assert.equal(m.config.heads, 2);
    assert.equal(m.config.embedDim, 16);
    assert.equal(m.config.maxPositions, 8);
    checkAgainstPyTorch(name, m);
    m.dispose();
  }
});

test('a Blob, a file path and a streamed Response read in slices give the same model', async () => {
  const attn = await loadAttention({ assets: false });
  const file = bytes('gpt2_prefix_f16');
  const progress = [];
  const sources = [
    new Blob([file]),
    fileURLToPath(here('gpt2_prefix_f16.safetensors')),
    new Response(new Blob([file]).stream(), { headers: { 'content-length': String(file.length) } }),
  ];
  for (const source of sources) {
    const m = await attn.loadCheckpoint(source, { config, onProgress: (f) => progress.push(f) });
    checkAgainstPyTorch('gpt2_prefix_f16', m);
    m.dispose();
  }
  assert.equal(progress.at(-1), 1);
  assert.ok(progress.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= progress[i - 1] || f < progress[i - 1])));
});

test('the exact tokenizers through m.tokenize: GPT-2 BPE golden ids, BERT WordPiece with [CLS]/[SEP]', async () => {
  const attn = await loadAttention({ assets: false });
  const gpt2 = await attn.loadCheckpoint(bytes('gpt2_f32'), { config });
  const text = 'This is some text';
  const { ids, tokens } = gpt2.tokenize(text);
  assert.deepEqual(Array.from(ids), [1212, 318, 617, 2420]);
  assert.deepEqual(
    tokens.map((t) => t.text),
    ['This', ' is', ' some', ' text'],
  );
  assert.ok(tokens.every((t) => text.slice(t.start, t.end) === t.text));
  gpt2.dispose();
  const bert = await attn.loadCheckpoint(bytes('bert_decoder'), { config, vocab });
  const pieces = bert.tokenize('Unaffable!');
  assert.deepEqual(
    pieces.tokens.map((t) => [t.text, t.start, t.end]),
    [
      ['[CLS]', 0, 0],
      ['un', 0, 2],
      ['##aff', 2, 5],
      ['##able', 5, 9],
      ['!', 9, 10],
      ['[SEP]', 10, 10],
    ],
  );
  assert.deepEqual(Array.from(pieces.ids), [2, 5, 6, 7, 17, 3]);
  bert.dispose();
});

function softmax(row) {
  const max = Math.max(...row);
  const e = Array.from(row, (x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

test('top-5 next tokens (GPT-2), fill-[MASK] (BERT) and the traced head agree with the run', async () => {
  const attn = await loadAttention({ assets: false });
  const gpt2 = await attn.loadCheckpoint(bytes('gpt2_f32'), { config });
  const V = gpt2.config.vocabSize;
  const run = gpt2.run({ tokenIds: [3, 17, 60, 0, 42] }, { trace: { layer: 1, head: 1 } });
  const last = softmax(run.logits.subarray(4 * V, 5 * V));
  const order = last.map((p, id) => [p, id]).sort((a, b) => b[0] - a[0]);
  assert.deepEqual(
    run.top.map((t) => t.id),
    order.slice(0, 5).map(([, id]) => id),
  );
  run.top.forEach((t, i) => assert.ok(Math.abs(t.probability - order[i][0]) < 1e-6));
  const { q, k, v, weights, scaled, output, headDim } = run.trace;
  const T = 5;
  assert.equal(headDim, 8);
  assert.deepEqual(weights, run.attention[1].slice(T * T, 2 * T * T));
  for (let i = 0; i < T; ++i) {
    for (let j = 0; j < T; ++j) {
      let s = 0;
      for (let d = 0; d < headDim; ++d) s += q[i * headDim + d] * k[j * headDim + d];
      if (j > i) assert.equal(scaled[i * T + j], -Infinity);
      else assert.ok(Math.abs(scaled[i * T + j] - s / Math.sqrt(headDim)) < 1e-5);
    }
    for (let d = 0; d < headDim; ++d) {
      let o = 0;
      for (let j = 0; j < T; ++j) o += weights[i * T + j] * v[j * headDim + d];
      assert.ok(Math.abs(output[i * headDim + d] - o) < 1e-5);
    }
  }
  gpt2.dispose();
  const bert = await attn.loadCheckpoint(bytes('bert_nodecoder'), { config, vocab });
  const filled = bert.run({ text: 'the [MASK] sat on the [MASK]' });
  assert.deepEqual(
    filled.masks.map((m) => m.index),
    [2, 6],
  );
  assert.equal(filled.top, filled.masks[0].top);
  assert.equal(filled.tokens[2].text, '[MASK]');
  const BV = bert.config.vocabSize;
  const atMask = softmax(filled.logits.subarray(2 * BV, 3 * BV));
  assert.ok(Math.abs(filled.top[0].probability - Math.max(...atMask)) < 1e-6);
  assert.equal(filled.top[0].token, vocab.split('\n')[filled.top[0].id]);
  bert.dispose();
});

// header text edits on a copy of a file (the header is ASCII JSON)
function edit(file, from, to) {
  const n = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  const header = new TextDecoder().decode(file.subarray(8, 8 + n));
  assert.ok(header.includes(from), from);
  const next = new TextEncoder().encode(header.replace(from, to));
  const out = new Uint8Array(8 + next.length + file.length - 8 - n);
  new DataView(out.buffer).setBigUint64(0, BigInt(next.length), true);
  out.set(next, 8);
  out.set(file.subarray(8 + n), 8 + next.length);
  return out;
}

test('corrupt and hostile files throw an AttentionError naming the problem; the module keeps working', async () => {
  const attn = await loadAttention({ assets: false });
  const good = bytes('gpt2_f32');
  const nan = good.slice();
  const headerEnd = 8 + Number(new DataView(good.buffer).getBigUint64(0, true));
  new DataView(nan.buffer).setFloat32(headerEnd + 4 * 3, NaN, true);
  const tiedDiffers = bytes('gpt2_prefix_f16');
  tiedDiffers[8 + Number(new DataView(tiedDiffers.buffer).getBigUint64(0, true))] ^= 1;
  const cases = [
    [good.subarray(0, 5), /fewer than the 8-byte header length/],
    [good.subarray(0, 200), /runs past the end of the file/],
    [edit(good, '"dtype":"F32"', '"dtype":"Q7"'), /unknown dtype "Q7"/],
    [edit(good, '"data_offsets":[0,3904]', '"data_offsets":[0,3908]'), /wte\.weight/],
    [
      edit(good, '"ln_f.bias":{"dtype":"F32","shape":[16]', '"ln_f.bias":{"dtype":"F32","shape":[4,4]'),
      /"ln_f\.bias" has shape \[4, 4\], expected \[16\]/,
    ],
    [edit(good, '"h.1.ln_2.bias"', '"h.1.ln_9.bias"'), /unexpected tensor "h\.1\.ln_9\.bias"/],
    [nan, /"wte\.weight" holds a NaN or infinity at element 3/],
    [tiedDiffers, /"transformer\.wte\.weight" differs from "lm_head\.weight"/],
    [new TextEncoder().encode('not a safetensors file at all'), /header length/],
    ['data:,', /header|bytes/],
    [42, /expects a Uint8Array, ArrayBuffer, File\/Blob, Response or URL/],
  ];
  for (const [source, pattern] of cases) {
    await assert.rejects(attn.loadCheckpoint(source, { config }), (error) => {
      assert.ok(error instanceof AttentionError, `${error}`);
      assert.match(error.message, pattern);
      return true;
    });
  }
  await assert.rejects(
    attn.loadCheckpoint(good),
    /not a multiple of the standard head size 64: give the model's config\.json/,
  );
  await assert.rejects(attn.loadCheckpoint(good, { config: { n_head: 'two' } }), AttentionError);
  const m = await attn.loadCheckpoint(good, { config });
  checkAgainstPyTorch('gpt2_f32', m);
  const bert = await attn.loadCheckpoint(bytes('bert_gamma'), { config });
  assert.throws(() => bert.tokenize('the cat'), /without its vocab\.txt/);
  assert.throws(() => m.run({ tokenIds: [1, 2, 3, 4, 5, 6, 7, 8, 9] }), /9 tokens, more than this model's 8 positions/);
  assert.throws(() => m.run({ tokenIds: [99] }), AttentionError);
  assert.throws(() => m.run({ tokenIds: [1] }, { trace: { layer: 2, head: 0 } }), /layer must be in \[0, 2\)/);
  m.dispose();
  bert.dispose();
  assert.throws(() => m.run({ tokenIds: [1] }), /disposed/);
});

test('repeated load, run and dispose leave the wasm heap in use where it was', async () => {
  const attn = await loadAttention({ assets: false });
  const cycle = async () => {
    for (const name of ['gpt2_f32', 'gpt2_prefix_f16', 'bert_decoder']) {
      const m = await attn.loadCheckpoint(bytes(name), { config, vocab });
      m.run({ tokenIds: [2, 4, 1] });
      m.dispose();
    }
    await attn.loadCheckpoint(edit(bytes('gpt2_f32'), '"dtype":"F32"', '"dtype":"Q7"'), { config }).catch(() => {});
  };
  await cycle();
  const before = attn.memoryStats();
  for (let i = 0; i < 20; ++i) await cycle();
  const after = attn.memoryStats();
  assert.equal(after.inUseBytes, before.inUseBytes);
  assert.equal(after.wasmBytes, before.wasmBytes);
});
