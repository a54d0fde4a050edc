// web/lib/api-import.js in Node: attention computed elsewhere (Hugging Face / BertViz JSON,
// CircuitsVis JSON, NumPy .npy) reads into the models' layout, [Float32Array (H·T·T) per layer],
// with every number unchanged; bad files give an AttentionError naming the problem; rows that
// are not softmax rows are reported. The .npy files are written here from the format's
// specification by tests/fixtures/attention-files.mjs (numpy is not installed on this machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importAttention, parseNpy } from '../../web/lib/api-import.js';
import { AttentionError } from '../../web/lib/errors.js';
import { nest, npy, rows } from '../fixtures/attention-files.mjs';

const rejects = (fn, pattern) =>
  assert.throws(
    fn,
    (e) => e instanceof AttentionError && pattern.test(e.message) && /^importAttention: /.test(e.message),
  );

test('Hugging Face / BertViz JSON [layers][heads][T][T]: every number in place, as float32', () => {
  const flat = rows(2, 3, 4);
  const text = JSON.stringify({ tokens: ['[CLS]', 'the', 'cat', '[SEP]'], attention: nest(flat, [2, 3, 4, 4]) });
  const r = importAttention(text, { name: 'bert.json' });
  assert.deepEqual([r.source, r.format, r.name, r.layers, r.heads, r.T], ['imported', 'json', 'bert.json', 2, 3, 4]);
  assert.deepEqual(
    r.tokens.map((t) => t.text),
    ['[CLS]', 'the', 'cat', '[SEP]'],
  );
  assert.equal(r.attention.length, 2);
  assert.ok(r.attention.every((a) => a instanceof Float32Array && a.length === 3 * 16));
  assert.deepEqual(Array.from(r.attention[1]), Array.from(Float32Array.from(flat.slice(48))));
  assert.deepEqual(r.warnings, []);
  // The same from bytes, with a batch of one in front, and tokens as {text}.
  const batched = JSON.stringify({ tokens: r.tokens, attention: [nest(flat, [2, 3, 4, 4])] });
  const b = importAttention(new TextEncoder().encode(batched));
  assert.deepEqual(b.attention, r.attention);
});

test('CircuitsVis JSON [heads][T][T] is one layer', () => {
  const flat = rows(1, 2, 3);
  const r = importAttention(JSON.stringify({ tokens: ['a', 'b', 'c'], attention: nest(flat, [2, 3, 3]) }));
  assert.deepEqual([r.layers, r.heads, r.T], [1, 2, 3]);
  assert.deepEqual(Array.from(r.attention[0]), Array.from(Float32Array.from(flat)));
});

test('.npy float32 and float64, 3-D, 4-D and (L, 1, H, T, T): the same numbers', () => {
  const flat = rows(2, 2, 3);
  const tokens = ['x', 'y', 'z'];
  const f4 = importAttention(npy('<f4', [2, 2, 3, 3], flat), { tokens, name: 'a.npy' });
  assert.deepEqual([f4.format, f4.layers, f4.heads, f4.T], ['npy', 2, 2, 3]);
  assert.deepEqual(Array.from(f4.attention[1]), Array.from(Float32Array.from(flat.slice(18))));
  assert.deepEqual(f4.warnings, []);
  const f8 = importAttention(npy('<f8', [2, 1, 2, 3, 3], flat).buffer, { tokens });
  assert.deepEqual(f8.attention, f4.attention);
  const three = importAttention(npy('|f4', [2, 3, 3], flat.slice(0, 18), { version: 2 }), { tokens });
  assert.deepEqual([three.layers, three.heads], [1, 2]);
  // Without tokens: numbered, and said so.
  const bare = importAttention(npy('<f4', [2, 3, 3], flat.slice(0, 18)));
  assert.deepEqual(
    bare.tokens.map((t) => t.text),
    ['#0', '#1', '#2'],
  );
  assert.match(bare.warnings[0], /holds no tokens/);
  assert.deepEqual(parseNpy(npy('<f4', [1, 2], [0.5, 0.25])).shape, [1, 2]);
});

test('rows that do not sum to 1 and negative weights are flagged, not changed', () => {
  const flat = rows(1, 2, 3);
  flat[3 * 3 + 0] += 0.5; // head 1, row 0
  flat[1] = -0.1; // head 0, row 0
  const r = importAttention(JSON.stringify({ tokens: ['a', 'b', 'c'], attention: nest(flat, [2, 3, 3]) }));
  assert.equal(r.warnings.length, 2);
  assert.match(r.warnings[0], /^2 of 6 rows do not sum to 1 \(first: layer 0 head 0 row 0 sums to /);
  assert.match(r.warnings[1], /negative \(first: layer 0 head 0 row 0 column 1 is -0\.1/);
  assert.equal(r.attention[0][9], Math.fround(flat[9]));
});

test('bad files: a readable AttentionError naming the problem', () => {
  const good = nest(rows(1, 1, 2), [1, 2, 2]);
  const json = (o) => JSON.stringify(o);
  rejects(() => importAttention('{"tokens": ['), /neither a \.npy array nor JSON/);
  rejects(() => importAttention('[1, 2]'), /must be an object \{ tokens, attention \}/);
  rejects(() => importAttention(json({ tokens: ['a', 'b'] })), /no "attention" list/);
  rejects(
    () => importAttention(json({ tokens: ['a'], attention: good })),
    /1 tokens but the attention matrices are 2 × 2/,
  );
  // Two tokens, attention as given (flat rows keep prettier from spreading them over lines).
  const two = (attention) => () => importAttention(json({ tokens: ['a', 'b'], attention }));
  const row2 = [0.5, 0.5];
  rejects(two([[row2, [1]]]), /attention\[0\]\[1\] should be a list of 2.*not rectangular/);
  rejects(two([[row2.map((x, i) => (i ? null : x)), row2]]), /attention\[0\]\[0\]\[1\] is null, not a number/);
  rejects(two([row2]), /expected \(heads, T, T\)/);
  rejects(
    two([
      [
        [...row2, 0],
        [...row2, 0],
      ],
    ]),
    /square/,
  );
  rejects(() => importAttention(json({ tokens: [1, 2], attention: good })), /token 0 is 1, not a string/);
  rejects(() => importAttention(42), /expects JSON text, or the bytes/);
  const tokens = ['a', 'b'];
  rejects(() => importAttention(npy('<f4', [1, 2, 2], [NaN, 1, 0, 1]), { tokens }), /row 0 column 0 is NaN/);
  rejects(() => importAttention(npy('<f4', [1, 2, 2], [Infinity, 1, 0, 1]), { tokens }), /is Infinity/);
  rejects(() => importAttention(npy('>f4', [1, 2, 2], [1, 0, 0, 1]), { tokens }), /dtype '>f4' is not supported/);
  rejects(() => importAttention(npy('<i4', [1, 2, 2], [1, 0, 0, 1]), { tokens }), /dtype '<i4'/);
  rejects(() => importAttention(npy('<f4', [1, 2, 2], [1, 0, 0, 1], { fortran: true }), { tokens }), /Fortran/);
  const cut = npy('<f4', [1, 2, 2], [1, 0, 0, 1]).subarray(0, 134);
  rejects(() => importAttention(cut, { tokens }), /needs 16 bytes of data, the file has 6/);
  const long = npy('<f4', [1, 2, 2], [1, 0, 0, 1]);
  new DataView(long.buffer).setUint16(8, 60000, true);
  rejects(() => importAttention(long, { tokens }), /header says it is 60000 bytes, past the end/);
  rejects(() => importAttention(npy('<f4', [2, 2, 2, 2, 2, 2], new Array(64).fill(0.5)), { tokens }), /expected/);
});
