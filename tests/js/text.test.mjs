// The text API through the built package: tokenize offsets against JS string indices,
// contractions, [MASK], truncation, hostile strings, positions against the formula, French glosses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadAttention, AttentionError } from 'attention-playground';

const attn = await loadAttention();

// Every token must be exactly the slice of the typed text its offsets name.
function assertOffsets(text, result) {
  let last = 0;
  for (const t of result.tokens) {
    assert.ok(t.start >= last && t.end > t.start, `ordered offsets for ${JSON.stringify(t)}`);
    assert.equal(text.slice(t.start, t.end).toWellFormed(), t.text, `slice(${t.start}, ${t.end})`);
    last = t.end;
  }
}
const texts = (result) => result.tokens.map((t) => t.text);

test('tokenize: words, numbers, punctuation, contractions', () => {
  const text = "Don't panic: the cat's 3.14 well-known toys cost 1,000!";
  const r = attn.tokenize(text);
  assert.deepEqual(texts(r), [
    'Do',
    "n't",
    'panic',
    ':',
    'the',
    'cat',
    "'s",
    '3.14',
    'well-known',
    'toys',
    'cost',
    '1,000',
    '!',
  ]);
  assert.equal(r.truncated, false);
  assert.equal(r.tokens[0].lower, 'do');
  assert.equal(r.tokens[7].kind, 'number');
  assertOffsets(text, r);
  assert.deepEqual(texts(attn.tokenize("I'm sure we'll see they've can't")), [
    'I',
    "'m",
    'sure',
    'we',
    "'ll",
    'see',
    'they',
    "'ve",
    'ca',
    "n't",
  ]);
});

test('tokenize: offsets with emoji, ZWJ, flags, skin tones and accents match String.slice', () => {
  const text = 'Élise 👩‍👩‍👧‍👦 aime 🇫🇷 et 👍🏽, café́ Ça! 😀😀';
  const r = attn.tokenize(text, { lang: 'fr' });
  assertOffsets(text, r);
  assert.deepEqual(texts(r), ['Élise', '👩‍👩‍👧‍👦', 'aime', '🇫🇷', 'et', '👍🏽', ',', 'café́', 'Ça', '!', '😀', '😀']);
  assert.equal(r.tokens[0].lower, 'élise');
  assert.equal(r.tokens[8].lower, 'ça');
  const decomposed = attn.tokenize('CAFE\u0301');
  assert.equal(decomposed.tokens[0].lower, 'café');
});

test('tokenize: French elisions only in French', () => {
  const fr = attn.tokenize("L'homme qu'il voit aujourd'hui", { lang: 'fr' });
  assert.deepEqual(texts(fr), ["L'", 'homme', "qu'", 'il', 'voit', "aujourd'hui"]);
  assert.deepEqual(texts(attn.tokenize("l'homme", { lang: 'en' })), ["l'homme"]);
});

test('tokenize: [MASK] is one special token', () => {
  const r = attn.tokenize('The [MASK] sat on the [MASK].');
  assert.deepEqual(texts(r), ['The', '[MASK]', 'sat', 'on', 'the', '[MASK]', '.']);
  assert.equal(r.tokens[1].kind, 'special');
  assert.equal(r.tokens[1].lower, '[MASK]');
});

test('tokenize: empty and whitespace give zero tokens', () => {
  for (const text of ['', '   ', '\n\t\r', '\u00a0\u3000']) {
    assert.deepEqual(attn.tokenize(text), { tokens: [], truncated: false });
  }
});

test('tokenize: maxTokens truncates with a flag, and a 1 MB paste stops early', () => {
  const r = attn.tokenize('one two three four', { maxTokens: 3 });
  assert.equal(r.tokens.length, 3);
  assert.equal(r.truncated, true);
  assert.equal(attn.tokenize('one two three', { maxTokens: 3 }).truncated, false);
  const big = 'lorem ipsum dolor sit amet, '.repeat(40000); // about 1.1 MB
  const b = attn.tokenize(big);
  assert.equal(b.tokens.length, 64);
  assert.equal(b.truncated, true);
  assertOffsets(big, b);
  const emoji = '😀'.repeat(10000);
  const e = attn.tokenize(emoji, { maxTokens: 64 });
  assert.equal(e.tokens.length, 64);
  assert.ok(e.tokens.every((t) => t.text === '😀'));
  assert.equal(e.truncated, true);
  assertOffsets(emoji, e);
});

test('tokenize: long texts give the same tokens whatever their length (prefix hand-over)', () => {
  // Tokens straddling the 4,096-unit first hand-over must come out whole.
  for (const pad of [4080, 4085, 4090, 4093, 4094, 4095, 4096]) {
    const text = `${' '.repeat(pad)}well-known 😀 don't ${'x '.repeat(1200)}`;
    const r = attn.tokenize(text, { maxTokens: 4 });
    assert.deepEqual(texts(r), ['well-known', '😀', 'do', "n't"], `pad ${pad}`);
    assert.equal(r.truncated, true);
    const all = attn.tokenize(text, { maxTokens: 1000 });
    assert.equal(all.tokens.length, 1000);
    assert.equal(all.truncated, true);
    assertOffsets(text, all);
  }
  const r = attn.tokenize(`${' '.repeat(100000)}a b`, { maxTokens: 1 });
  assert.deepEqual(texts(r), ['a']);
  assert.equal(r.truncated, true);
});

test('tokenize: hostile strings never throw and keep offsets', () => {
  const hostile = [
    'a\u0000b',
    '\u0001\u0002\u007f\u001b[31m',
    '\ud800',
    'x\udc00y',
    'ab\ud83d',
    '\ud83d\ud83d\ude00',
    '<script>alert(1)</script>',
    'שלום עולם مرحبا بالعالم',
    '\u0301\u200d\ufe0f',
    '\ufffd\ufffd',
    '‍'.repeat(1000),
    '👨‍'.repeat(500),
    'a'.repeat(100000),
    '\u202eevil\u202c',
  ];
  for (const text of hostile) {
    const r = attn.tokenize(text, { maxTokens: 100000 });
    assertOffsets(text, r);
  }
  assert.deepEqual(texts(attn.tokenize('a\u0000b')), ['a', 'b']);
  // A lone surrogate becomes U+FFFD (dropped) and does not swallow the character after it.
  assert.deepEqual(texts(attn.tokenize('x\ud800y')), ['x', 'y']);
  assert.deepEqual(texts(attn.tokenize('<script>')), ['<', 'script', '>']);
  assert.deepEqual(texts(attn.tokenize('שלום עולם')), ['שלום', 'עולם']);
});

test('tokenize: bad arguments throw readable AttentionErrors', () => {
  assert.throws(
    () => attn.tokenize(42),
    (e) => e instanceof AttentionError && /text must be a string/.test(e.message),
  );
  assert.throws(() => attn.tokenize('x', { lang: 'de' }), /lang must be 'en' or 'fr'/);
  assert.throws(() => attn.tokenize('x', { maxTokens: 0 }), /maxTokens must be an integer from 1/);
  assert.throws(() => attn.tokenize('x', { maxTokens: 2.5 }), /maxTokens/);
  assert.throws(() => attn.tokenize('x', null), /options must be an object/);
  assert.equal(attn.tokenize('still works').tokens.length, 2);
});

test('positions: sinusoidal values follow the formula, odd dim, none is zeros', () => {
  for (const dim of [1, 4, 7, 16]) {
    const { data, n, dim: d } = attn.positions(10, dim);
    assert.equal(n, 10);
    assert.equal(d, dim);
    assert.ok(data instanceof Float32Array);
    assert.equal(data.length, 10 * dim);
    for (let pos = 0; pos < 10; ++pos) {
      for (let j = 0; j < dim; ++j) {
        const angle = pos / 10000 ** ((j - (j % 2)) / dim);
        const expected = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
        assert.ok(Math.abs(data[pos * dim + j] - expected) < 1e-6, `pe(${pos}, ${j})`);
      }
    }
  }
  const none = attn.positions(3, 5, 'none');
  assert.deepEqual(Array.from(none.data), new Array(15).fill(0));
  assert.equal(attn.positions(0, 8).data.length, 0);
  assert.throws(() => attn.positions(-1, 4), /positions: n must be an integer >= 0/);
  assert.throws(() => attn.positions(4, 0), /positions: dim must be an integer >= 1/);
  assert.throws(() => attn.positions(4, 4, 'learned'), /kind must be 'sinusoidal' or 'none'/);
  assert.throws(() => attn.positions(1 << 20, 1 << 10), /n \* dim must be at most/);
});

test('translate: tutorial sentences are fully covered', () => {
  const glossOf = (sentence) => attn.translate(attn.tokenize(sentence, { lang: 'fr' }).tokens, 'fr');
  const chat = glossOf('Le chat dort');
  assert.deepEqual(
    chat.map((g) => g.gloss),
    ['the', 'cat', 'sleep'],
  );
  assert.deepEqual(
    chat.map((g) => g.tag),
    ['DET', 'NOUN', 'VERB'],
  );
  assert.deepEqual(
    glossOf('L\u2019homme qu\u2019il voit').map((g) => g.gloss),
    ['the', 'man', 'that', 'he', 'see'],
  );
  const garden = glossOf('Les enfants jouent dans le jardin.');
  assert.deepEqual(
    garden.map((g) => g.gloss),
    ['the', 'child', 'play', 'in', 'the', 'garden', '.'],
  );
  assert.ok(garden.every((g) => g.known));
  assert.ok(attn.lexiconInfo().entries >= 2000);
});

test('translate: strings, unknown words, non-words and errors', () => {
  const r = attn.translate(['Chats', 'blorpf', '42', '!', 'dit-il', '[MASK]', 'x\ud800']);
  assert.deepEqual(r[0], { gloss: 'cat', tag: 'NOUN', known: true });
  assert.deepEqual(r[1], { gloss: 'blorpf', tag: 'X', known: false });
  assert.equal(r[2].tag, 'NUM');
  assert.equal(r[3].tag, 'PUNCT');
  assert.equal(r[4].gloss, 'say');
  assert.equal(r[5].gloss, '[MASK]');
  assert.equal(r[6].known, false);
  assert.throws(() => attn.translate('le chat'), /items must be an array/);
  assert.throws(() => attn.translate([1]), /item 0 must be a string or a token/);
  assert.throws(() => attn.translate(['chat'], 'en'), /lang must be 'fr'/);
});

test('tokenize and translate keep memory flat over many calls', () => {
  attn.tokenize('Le chat dort sur le lit 😀', { lang: 'fr' });
  const before = attn.memoryStats();
  for (let i = 0; i < 500; ++i) attn.translate(attn.tokenize('Le chat dort sur le lit 😀', { lang: 'fr' }).tokens);
  const after = attn.memoryStats();
  assert.equal(after.inUseBytes, before.inUseBytes);
});

test('every English gloss of the lexicon is a known word-vector word (when attn.embed exists)', async (t) => {
  if (typeof attn.embed !== 'function') return t.skip('attn.embed is not in this build');
  const tsv = await readFile(new URL('../../src/data/lexicon_fr.tsv', import.meta.url), 'utf8');
  const rows = tsv
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .slice(1);
  const glosses = [...new Set(rows.map((l) => l.split('\t')[1]))];
  const missing = [];
  for (let i = 0; i < glosses.length; i += 64) {
    const chunk = glosses.slice(i, i + 64);
    const result = attn.embed(attn.tokenize(chunk.join(' '), { maxTokens: 64 }).tokens);
    const known = result.known ?? (Array.isArray(result) ? result.map((r) => r.known) : undefined);
    if (!known || known.length !== chunk.length) return t.skip('attn.embed returned a shape this test does not know');
    chunk.forEach((g, j) => known[j] || missing.push(g));
  }
  assert.deepEqual(missing, []);
});

test('the committed lexicon is exactly what its generator writes', async () => {
  const generator = new URL('../../src/tools/make_lexicon_fr.mjs', import.meta.url);
  const run = spawnSync(process.execPath, [fileURLToPath(generator)], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const committed = await readFile(new URL('../../src/data/lexicon_fr.tsv', import.meta.url), 'utf8');
  assert.equal(run.stdout, committed);
});
