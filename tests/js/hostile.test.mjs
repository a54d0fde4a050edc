// Hostile input through the public API: every awkward class of text (empty, 1 MB, 10,000 emoji,
// right-to-left, combining marks, joiners, control characters, lone surrogates, HTML payloads...)
// goes through attn.analyze (self, causal, cross; en and fr) and attn.tokenize, and each must give
// a well-formed result (finite numbers, softmax rows summing to 1 or 0, offsets inside the text,
// truncated where long) or a readable Error. Bad arguments must throw an Error naming the problem,
// and no error may poison the module: after each one, a reference call of every main method gives
// exactly the result it gave before any error. This file does not test rendering (the page and
// widget have their own hostile tests); it tests what the core and its JS wrapper hand back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention } from 'attention-playground';

const MB = 1 << 20;
const repeatTo = (unit, length) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

// name -> {text, long: true when the text has far more than 64 tokens (must come back truncated)}
const INPUTS = {
  empty: { text: '' },
  'whitespace only': { text: ' \t\n\r\u00a0\u2003\u3000  \n' },
  '1 MB of text': { text: repeatTo('The cat sat on the mat because it was tired. ', MB), long: true },
  '10,000 emoji': { text: '😀👩‍👩‍👧🇫🇷'.repeat(2500), long: true },
  'right-to-left text': { text: 'שלום עולם \u202eevil\u202c مرحبا بالعالم the cat' },
  'combining marks': { text: 'Z̸̢̛a̴̡͝l̷̨̛g̶̢̛o̸̧͠ cafe\u0301 n\u0303o e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301' },
  'zero-width joiners': { text: 'the\u200dcat \u200b\u200c\u200d\ufeff sat\u2060on 👨‍💻 mat' },
  'NUL and control characters': {
    text: 'the\u0000cat\u0001\u0007\u001b[31m sat\u007f\u0085 on\u2028the\u2029mat\u0000',
  },
  'unpaired surrogates': { text: 'a\ud800b \udc00 cat \ud83d sat \ude00\ud800' },
  // The tokenizer cuts a run of letters into 100-character tokens (src/text/tokenizer.h), so 100,000
  // letters are 1000 tokens: truncated.
  'very long single word': { text: `the ${'supercalifragilistic'.repeat(5000)} cat`, long: true },
  '<script> payload': { text: '<script>window.__pwned = 1</script> the cat "sat" & \'on\' </textarea>' },
  '<img onerror> payload': { text: '<img src=x onerror="window.__pwned=1"> <svg onload=alert(1)> the cat' },
};

const SOURCE = 'The animal did not cross the street because it was too tired.';
const MODES = ['self', 'causal', 'cross'];
const LANGS = ['en', 'fr'];

const hasLoneSurrogate = (s) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

// analyze() sanitizes lone surrogates to U+FFFD before Embind (see the lone-surrogate test at the
// end), so its token texts are compared only where the text is well-formed.
function checkTokens(tokens, text, where, { maxTokens = 64, compareText = true } = {}) {
  assert.ok(Array.isArray(tokens), `${where}: tokens is an array`);
  assert.ok(tokens.length <= maxTokens, `${where}: at most ${maxTokens} tokens, got ${tokens.length}`);
  let previousEnd = 0;
  for (const [i, token] of tokens.entries()) {
    const at = `${where} token ${i}`;
    assert.equal(typeof token.text, 'string', at);
    assert.ok(token.text.length > 0, `${at}: not empty`);
    assert.ok(Number.isInteger(token.start) && Number.isInteger(token.end), `${at}: integer offsets`);
    assert.ok(
      previousEnd <= token.start && token.start < token.end && token.end <= text.length,
      `${at}: offsets ${token.start}..${token.end} in order inside 0..${text.length}`,
    );
    previousEnd = token.end;
    const slice = text.slice(token.start, token.end);
    if (!compareText && hasLoneSurrogate(slice)) continue;
    // Where the text held a lone surrogate the token shows U+FFFD instead (documented in api-text.js).
    const expected = hasLoneSurrogate(slice) ? slice.toWellFormed() : slice;
    assert.equal(token.text, expected, `${at}: text.slice(start, end) is the token`);
  }
}

function checkFinite(array, where) {
  for (let i = 0; i < array.length; ++i) {
    if (!Number.isFinite(array[i])) assert.fail(`${where}[${i}] = ${array[i]} is not finite`);
  }
}

function checkAnalysis(result, text, source, mode, where) {
  checkTokens(result.tokens, text, `${where} tokens`, { compareText: false });
  checkTokens(result.sourceTokens, mode === 'cross' ? source : text, `${where} sourceTokens`, { compareText: false });
  // With nothing to look at (cross mode, empty source) every head keeps one all-zero output row
  // per query and (T, 0) weights (see the empty-source test at the end).
  const T = result.tokens.length;
  const S = result.sourceTokens.length;
  const d = result.headDim;
  assert.equal(result.heads.length, mode === 'cross' ? 9 : 8, `${where}: head count`);
  for (const head of result.heads) {
    const at = `${where} ${head.name}`;
    assert.equal(head.weights.length, T * S, `${at}: weights T·S`);
    assert.equal(head.scores.length, T * S, `${at}: scores T·S`);
    assert.equal(head.output.length, T * d, `${at}: output T·d`);
    for (const [name, array] of Object.entries({
      q: head.q,
      k: head.k,
      v: head.v,
      scores: head.scores,
      weights: head.weights,
      output: head.output,
    })) {
      checkFinite(array, `${at} ${name}`);
    }
    for (let i = 0; i < T * S; ++i) {
      const scaled = head.scaled[i];
      assert.ok(
        head.mask[i] ? scaled === -Infinity : Number.isFinite(scaled),
        `${at}: scaled[${i}] = ${scaled}, mask ${head.mask[i]}`,
      );
      assert.ok(head.weights[i] >= 0 && head.weights[i] <= 1, `${at}: weight[${i}] = ${head.weights[i]} in [0, 1]`);
    }
    for (let r = 0; r < T; ++r) {
      let sum = 0;
      for (let c = 0; c < S; ++c) sum += head.weights[r * S + c];
      assert.ok(Math.abs(sum - 1) < 1e-4 || sum === 0, `${at}: row ${r} sums to ${sum}`);
    }
    assert.equal(head.nearest.length, T, `${at}: one nearest list per query`);
    for (const list of head.nearest)
      for (const n of list)
        assert.ok(typeof n.word === 'string' && Number.isFinite(n.similarity), `${at}: nearest entry`);
  }
  checkFinite(result.concat, `${where} concat`);
  checkFinite(result.output, `${where} output`);
  assert.equal(result.output.length, T * result.embedDim, `${where}: output T·E`);
}

// One valid call of every main method; the results are compared with those taken before any error.
function referenceCalls(attn) {
  const analysis = attn.analyze({ text: 'The cat sat on the mat because it was tired.', mode: 'causal' });
  const tokens = attn.tokenize('The cat sat on the mat.', { lang: 'en' });
  const embedded = attn.embed(['cat', 'mat']);
  const catVector = embedded.vectors.slice(0, 100);
  const q = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i));
  const sdp = attn.scaledDotProduct({ q, k: q, v: q, tq: 3, tk: 3, dk: 4, dv: 4, mask: 'causal' });
  const weight = Float32Array.from({ length: 48 }, (_, i) => Math.cos(i) / 4);
  const mha = attn.multiHeadAttention({
    query: q,
    tq: 3,
    embedDim: 4,
    numHeads: 2,
    inProjWeight: weight,
    outProjWeight: weight.subarray(0, 16),
  });
  return {
    weights: Array.from(analysis.heads[0].weights),
    output: Array.from(analysis.output),
    tokens: tokens.tokens.map((t) => t.text),
    embed: Array.from(embedded.vectors),
    tag: attn.tag(['The', 'cat', 'sat']),
    nearest: attn.nearestWords(catVector, 3).map((n) => n.word),
    sdp: Array.from(sdp.output),
    mha: Array.from(mha.output),
  };
}

let reference;
async function api() {
  const attn = await loadAttention();
  reference ??= referenceCalls(attn);
  return attn;
}

function stillWorks(attn, after) {
  assert.deepEqual(referenceCalls(attn), reference, `after ${after}: every method still gives its reference result`);
}

for (const [name, { text, long }] of Object.entries(INPUTS)) {
  test(`analyze, hostile input: ${name}`, async () => {
    const attn = await api();
    for (const mode of MODES) {
      for (const lang of LANGS) {
        const where = `${name}, ${mode}, ${lang}`;
        // cross: the hostile text both asks and is looked at (source), in both languages.
        const options = mode === 'cross' ? { text, source: text, lang, sourceLang: lang, mode } : { text, lang, mode };
        const result = attn.analyze(options);
        checkAnalysis(result, text, text, mode, where);
        assert.equal(result.truncated, Boolean(long), `${where}: truncated`);
        if (mode === 'cross') assert.equal(result.sourceTruncated, Boolean(long), `${where}: sourceTruncated`);
        if (long) assert.equal(result.tokens.length, 64, `${where}: 64 tokens kept`);
        if (!text.trim()) assert.equal(result.tokens.length, 0, `${where}: no tokens`);
      }
    }
    // Hostile text against a plain source, both ways round.
    checkAnalysis(
      attn.analyze({ text, source: SOURCE, mode: 'cross' }),
      text,
      SOURCE,
      'cross',
      `${name} -> plain source`,
    );
    checkAnalysis(
      attn.analyze({ text: SOURCE, source: text, mode: 'cross', sourceLang: 'fr' }),
      SOURCE,
      text,
      'cross',
      `plain -> ${name} source`,
    );
    stillWorks(attn, name);
  });

  test(`tokenize, hostile input: ${name}`, async () => {
    const attn = await api();
    for (const lang of LANGS) {
      const result = attn.tokenize(text, { lang });
      checkTokens(result.tokens, text, `${name}, ${lang}`);
      assert.equal(result.truncated, Boolean(long), `${name}, ${lang}: truncated`);
      const all = attn.tokenize(text, { lang, maxTokens: 4096 });
      checkTokens(all.tokens, text, `${name}, ${lang}, maxTokens 4096`, { maxTokens: 4096 });
      assert.deepEqual(
        all.tokens.slice(0, result.tokens.length),
        result.tokens,
        `${name}: the 64 tokens are a prefix of the 4096`,
      );
    }
  });
}

test('analyze: the payloads come back as plain token text, not interpreted', async () => {
  const attn = await api();
  const texts = attn.analyze({ text: INPUTS['<script> payload'].text, mode: 'self' }).tokens.map((t) => t.text);
  assert.ok(texts.includes('<') && texts.includes('script'), `tokens: ${texts.join(' | ')}`);
  assert.equal(globalThis.__pwned, undefined);
});

// [arguments, pattern the message must match]
const BAD_ANALYZE = [
  [[], /options must be an object.*undefined/],
  [[undefined], /options must be an object.*undefined/],
  [[null], /options must be an object.*null/],
  [[42], /options must be an object.*42/],
  [['the cat'], /options must be an object/],
  [[['the cat']], /options must be an object/],
  [[{ mode: 'self' }], /text must be a string.*undefined/],
  [[{ text: null, mode: 'self' }], /text must be a string.*null/],
  [[{ text: 42, mode: 'self' }], /text must be a string.*42/],
  [[{ text: ['the', 'cat'], mode: 'self' }], /text must be a string/],
  [[{ text: new String('the cat'), mode: 'self' }], /text must be a string/],
  [[{ text: 'the cat' }], /mode must be one of/],
  [[{ text: 'the cat', mode: 'bidirectional' }], /mode must be one of.*bidirectional/],
  [[{ text: 'the cat', mode: null }], /mode must be one of/],
  [[{ text: 'the cat', mode: 3 }], /mode must be one of/],
  [[{ text: 'the cat', mode: 'cross' }], /cross mode needs source/],
  [[{ text: 'the cat', mode: 'cross', source: 7 }], /cross mode needs source/],
  [[{ text: 'the cat', mode: 'self', lang: 'de' }], /lang/],
  [[{ text: 'the cat', mode: 'cross', source: 'a', sourceLang: 'xx' }], /sourceLang/],
  [[{ text: 'the cat', mode: 'self', maxTokens: 0 }], /maxTokens must be an integer from 1 to 64/],
  [[{ text: 'the cat', mode: 'self', maxTokens: 65 }], /maxTokens must be an integer from 1 to 64/],
  [[{ text: 'the cat', mode: 'self', maxTokens: 2.5 }], /maxTokens/],
  [[{ text: 'the cat', mode: 'self', maxTokens: NaN }], /maxTokens/],
  [[{ text: 'the cat', mode: 'self', heads: 'Grammar' }], /heads must be an array/],
  [[{ text: 'the cat', mode: 'self', heads: ['Nope'] }], /heads: "Nope" is not a head/],
  [[{ text: 'the cat', mode: 'self', heads: [8] }], /heads: 8 is not a head/],
  [[{ text: 'the cat', mode: 'self', heads: [-1] }], /heads: -1 is not a head/],
];

for (const [args, pattern] of BAD_ANALYZE) {
  test(`analyze(${args.map((a) => (typeof a === 'string' ? `'${a}'` : (JSON.stringify(a) ?? String(a)))).join(', ')}) throws an Error naming the problem`, async () => {
    const attn = await api();
    assert.throws(
      () => attn.analyze(...args),
      (error) => error instanceof Error && /^analyze: /.test(error.message) && pattern.test(error.message),
    );
    stillWorks(attn, `analyze error ${pattern}`);
  });
}

// Bad calls of the other methods: each throws an Error, and afterwards everything still works.
const BAD_OTHERS = [
  ['tokenize()', (a) => a.tokenize(), /tokenize: text must be a string/],
  ['tokenize(null)', (a) => a.tokenize(null), /tokenize: text must be a string/],
  ['tokenize(5)', (a) => a.tokenize(5), /tokenize: text must be a string/],
  ["tokenize('x', null)", (a) => a.tokenize('x', null), /tokenize: options/],
  ["tokenize('x', {lang: 'zz'})", (a) => a.tokenize('x', { lang: 'zz' }), /tokenize: lang/],
  ["tokenize('x', {maxTokens: -1})", (a) => a.tokenize('x', { maxTokens: -1 }), /tokenize: maxTokens/],
  ['embed(null)', (a) => a.embed(null), /embed/],
  ['embed([1, 2])', (a) => a.embed([1, 2]), /embed/],
  ['tag(undefined)', (a) => a.tag(undefined), /tag/],
  ['tag([{}])', (a) => a.tag([{}]), /tag/],
  ['nearestWords([1, 2])', (a) => a.nearestWords([1, 2]), /nearestWords: vector must have 100 numbers/],
  ["nearestWords('x')", (a) => a.nearestWords('x'), /nearestWords/],
  ['nearestWords(v, -1)', (a) => a.nearestWords(new Float32Array(100), -1), /nearestWords: k/],
  ['scaledDotProduct()', (a) => a.scaledDotProduct(), /scaledDotProduct/],
  [
    'scaledDotProduct(wrong sizes)',
    (a) => a.scaledDotProduct({ q: [1, 2, 3], k: [1], v: [1], tq: 1, tk: 1, dk: 2, dv: 1 }),
    /scaledDotProduct.*q/,
  ],
  [
    'scaledDotProduct(NaN dims)',
    (a) => a.scaledDotProduct({ q: [], k: [], v: [], tq: NaN, tk: 1, dk: 1, dv: 1 }),
    /scaledDotProduct/,
  ],
  ['multiHeadAttention(null)', (a) => a.multiHeadAttention(null), /multiHeadAttention/],
  [
    'multiHeadAttention(heads not dividing)',
    (a) =>
      a.multiHeadAttention({
        query: new Float32Array(6),
        tq: 2,
        embedDim: 3,
        numHeads: 2,
        inProjWeight: new Float32Array(27),
        outProjWeight: new Float32Array(9),
      }),
    /multiHeadAttention/,
  ],
  ['explainScore(bad analysis)', (a) => a.explainScore({}, 0, 0, 0), /explainScore/],
];

for (const [name, call, pattern] of BAD_OTHERS) {
  test(`${name} throws a readable Error and poisons nothing`, async () => {
    const attn = await api();
    assert.throws(
      () => call(attn),
      (error) =>
        error instanceof Error &&
        pattern.test(error.message) &&
        !/\[object|undefined is not|Cannot read/.test(error.message),
    );
    stillWorks(attn, name);
  });
}

test('a thousand alternating errors and valid calls leave the heap where it was', async () => {
  const attn = await api();
  const before = attn.memoryStats().inUseBytes;
  for (let i = 0; i < 1000; ++i) {
    assert.throws(() => attn.analyze({ text: 'the cat', mode: 'cross' }));
    assert.throws(() => attn.scaledDotProduct({ q: [1, 2, 3], k: [1], v: [1], tq: 1, tk: 1, dk: 2, dv: 1 }));
    attn.analyze({ text: 'the cat sat', mode: 'self' });
  }
  assert.equal(attn.memoryStats().inUseBytes, before);
});

test("analyze: lone surrogates show as U+FFFD and offsets index the caller's string, as in tokenize", async () => {
  const attn = await api();
  const text = INPUTS['unpaired surrogates'].text;
  const result = attn.analyze({ text, mode: 'self' });
  checkTokens(result.tokens, text, 'analyze, lone surrogates');
  assert.deepEqual(
    result.tokens.map((t) => t.text),
    attn.tokenize(text).tokens.map((t) => t.text),
  );
});

test('analyze, cross mode with an empty source: heads keep one (all-zero) row per query', async () => {
  const attn = await api();
  const result = attn.analyze({ text: 'the cat sat', source: '', mode: 'cross' });
  const T = result.tokens.length;
  assert.equal(T, 3);
  assert.equal(result.sourceTokens.length, 0);
  for (const head of result.heads) {
    assert.equal(head.output.length, T * result.headDim, `${head.name}: output T·d`);
    assert.ok(
      head.output.every((x) => x === 0),
      `${head.name}: nothing to attend to, output 0`,
    );
    assert.equal(head.weights.length, 0);
    assert.equal(head.q.length, T * result.headDim, `${head.name}: the queries are still projected`);
    assert.equal(head.nearest.length, T);
    assert.ok(head.nearest.every((list) => list.length === 0));
  }
  assert.equal(result.concat.length, T * result.embedDim);
  assert.equal(result.output.length, T * result.embedDim);
  checkFinite(result.output, 'output');
});
