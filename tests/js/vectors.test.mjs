// Word vectors, nearest words and tags through the built package: shapes, known flags,
// round trip against the committed source sample (both tiers: int8 and packed 4-bit codes),
// neighbours of "cat", tags, errors, and the shipped asset's format version and size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadAttention, AttentionError } from 'attention-playground';

const sampleUrl = new URL('../../src/data/vectors_sample.txt', import.meta.url);
const libUrl = new URL('../../dist/lib/', import.meta.url);

test('embed returns n*100 floats and known flags for strings and tokens', async () => {
  const attn = await loadAttention();
  const tokens = [{ text: 'The', lower: 'the', start: 0, end: 3 }, 'cat', 'glorptastic'];
  const { vectors, dim, known, sentiment } = attn.embed(tokens);
  assert.ok(vectors instanceof Float32Array);
  assert.equal(dim, 100);
  assert.equal(vectors.length, 300);
  assert.deepEqual(known, [true, true, false]);
  assert.equal(sentiment.length, 3);
  assert.equal(attn.embed([]).vectors.length, 0);
  // Deterministic unknown-word vectors.
  assert.deepEqual(attn.embed(['glorptastic']).vectors, vectors.subarray(200, 300));
});

test('embedded vectors match the source package within the quantization bound', async () => {
  const attn = await loadAttention();
  const lines = readFileSync(sampleUrl, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  assert.equal(lines.length, 50);
  for (const line of lines) {
    const [word, step, ...values] = line.split(' ');
    const { vectors, known } = attn.embed([word]);
    assert.ok(known[0], word);
    let sq = 0;
    values.forEach((v, i) => (sq += (vectors[i] - Number(v)) ** 2));
    assert.ok(Math.sqrt(sq) <= 0.5 * Number(step) * 10 * 1.001 + 1e-4, `${word}: error ${Math.sqrt(sq)}`);
  }
});

test('nearest words of "cat" include "dog" or "cats"', async () => {
  const attn = await loadAttention();
  const cat = attn.embed(['cat']).vectors;
  const near = attn.nearestWords(cat, 10);
  assert.equal(near.length, 10);
  assert.equal(near[0].word, 'cat');
  assert.ok(
    near.some((n) => n.word === 'dog' || n.word === 'cats'),
    JSON.stringify(near),
  );
  assert.ok(near.every((n, i) => i === 0 || near[i - 1].similarity >= n.similarity));
  assert.equal(attn.nearestWords(Array.from(cat), 5).length, 5);
});

test('sentiment leans positive for good words and negative for bad ones', async () => {
  const attn = await loadAttention();
  const { sentiment } = attn.embed(['good', 'happy', 'bad', 'terrible']);
  assert.ok(sentiment[0] > 0 && sentiment[1] > 0);
  assert.ok(sentiment[2] < 0 && sentiment[3] < 0);
});

test('tag gives Universal tags for strings and tokens', async () => {
  const attn = await loadAttention();
  assert.deepEqual(attn.tag(['The', 'cat', 'sat', 'on', 'the', 'mat', '.']), [
    'DET',
    'NOUN',
    'VERB',
    'ADP',
    'DET',
    'NOUN',
    'PUNCT',
  ]);
  assert.deepEqual(
    attn.tag([
      { text: 'Dogs', lower: 'dogs' },
      { text: 'bark', lower: 'bark' },
    ]).length,
    2,
  );
  assert.deepEqual(attn.tag([]), []);
});

test('bad arguments give readable AttentionErrors and the module keeps working', async () => {
  const attn = await loadAttention();
  assert.throws(
    () => attn.nearestWords(new Float32Array(99), 5),
    (e) => e instanceof AttentionError && /100 numbers/.test(e.message),
  );
  assert.throws(
    () => attn.nearestWords(new Float32Array(100), 5),
    (e) => e instanceof AttentionError && /zero vector/.test(e.message),
  );
  assert.throws(() => attn.nearestWords(attn.embed(['cat']).vectors, -1), AttentionError);
  assert.throws(
    () => attn.tag('the cat'),
    (e) => e instanceof AttentionError && /array/.test(e.message),
  );
  assert.throws(
    () => attn.embed([42]),
    (e) => e instanceof AttentionError && /item 0/.test(e.message),
  );
  assert.equal(attn.tag(['Hello']).length, 1);
});

test('the shipped asset is format version 2, under 5 MB, and a version-1 asset is refused by name', async () => {
  const bytes = new Uint8Array(readFileSync(new URL('assets/vectors.bin', libUrl)));
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 8)), 'ATTNWVEC');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  assert.equal(view.getUint32(8, true), 2);
  assert.ok(bytes.length < 5_000_000, `${bytes.length} bytes`);
  // A fresh module instance (the query string makes its own cache key): its vectors are not loaded yet.
  const { loadModule } = await import(new URL('load-module.js', libUrl).href);
  const core = await loadModule({ baseUrl: new URL('?fresh-vectors', libUrl) });
  const old = bytes.slice();
  old[8] = 1; // the version field; the checksum covers the payload only
  const refused = core.vectorsLoad(old);
  assert.match(refused.error ?? JSON.stringify(refused), /unsupported version 1 \(expected 2\)/);
  assert.equal(core.vectorsLoad(bytes).vocabSize, 63325);
});
