// The hand-built heads through the public API: analyze() on the public acceptance examples, the
// committed fixture (per-head top-1 accuracy), causal and cross modes, the result's shapes,
// score explanations (and their error on an analysis without the fields they read),
// analyzeModes (masked mode from one call), "[MASK]" against a typed "mask", and every argument
// error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadAttention, AttentionError } from 'attention-playground';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/heads_sentences.json', import.meta.url), 'utf8'));

// 'word' or 'word#2' -> token index (n-th occurrence, 1-based), or -1.
function indexOf(tokens, spec) {
  const [word, nth = '1'] = spec.split('#');
  let left = Number(nth);
  return tokens.findIndex((t) => t.lower === word && --left === 0);
}

// The key token a head's row gives most weight to.
function topKey(analysis, headName, querySpec) {
  const head = analysis.heads.find((h) => h.name === headName);
  const i = indexOf(analysis.tokens, querySpec);
  assert.ok(i >= 0, `query ${querySpec} not in "${analysis.tokens.map((t) => t.text).join(' ')}"`);
  const S = analysis.sourceTokens.length;
  const row = head.weights.subarray(i * S, (i + 1) * S);
  let best = 0;
  for (let j = 1; j < S; ++j) if (row[j] > row[best]) best = j;
  return { index: best, word: analysis.sourceTokens[best].lower, weight: row[best] };
}

function matches(analysis, target, got) {
  return target
    .split('|')
    .some((t) => (t.includes('#') ? indexOf(analysis.sourceTokens, t) === got.index : t === got.word));
}

test('public examples: Grammar, References, Modifiers, Actions', async () => {
  const attn = await loadAttention();
  const self = (text) => attn.analyze({ text, mode: 'self' });
  assert.equal(topKey(self('The cat that was sleeping on the mat suddenly woke up'), 'Grammar', 'woke').word, 'cat');
  assert.equal(topKey(self('The cat sat'), 'Grammar', 'sat').word, 'cat');
  assert.equal(topKey(self('The cat that I saw yesterday was sleeping'), 'Grammar', 'sleeping').word, 'cat');
  assert.equal(topKey(self('John ate his lunch'), 'References', 'his').word, 'john');
  const mat = self('The cat sat on the mat');
  assert.equal(topKey(mat, 'Modifiers', 'the').word, 'cat');
  assert.equal(topKey(mat, 'Actions', 'sat').word, 'mat');
});

test('"woke" carries mostly "cat": the Grammar output decodes to cat', async () => {
  const attn = await loadAttention();
  const a = attn.analyze({ text: 'The cat that was sleeping on the mat suddenly woke up', mode: 'self' });
  const woke = indexOf(a.tokens, 'woke');
  assert.equal(a.heads[0].nearest[woke][0].word, 'cat');
});

test('cross French -> English: Alignment finds chat, dort, Le', async () => {
  const attn = await loadAttention();
  const a = attn.analyze({ text: 'The cat sleeps', source: 'Le chat dort', sourceLang: 'fr', mode: 'cross' });
  assert.equal(a.heads.length, 9);
  assert.equal(a.heads[8].name, 'Alignment');
  assert.equal(topKey(a, 'Alignment', 'cat').word, 'chat');
  assert.equal(topKey(a, 'Alignment', 'sleeps').word, 'dort');
  assert.equal(topKey(a, 'Alignment', 'the').word, 'le');
  assert.equal(a.sourceTokens.length, 3);
  assert.equal(a.heads[8].weights.length, 3 * 3);
});

test('causal mode: every head gives exactly 0 to later tokens and rows sum to 1', async () => {
  const attn = await loadAttention();
  const a = attn.analyze({
    text: 'The students who failed the exam were very sad, but they tried again.',
    mode: 'causal',
  });
  const T = a.tokens.length;
  assert.equal(a.heads.length, 8);
  for (const head of a.heads) {
    for (let i = 0; i < T; ++i) {
      let sum = 0;
      for (let j = 0; j < T; ++j) {
        const w = head.weights[i * T + j];
        if (j > i) {
          assert.equal(w, 0, `${head.name} row ${i} gives ${w} to later token ${j}`);
          assert.equal(head.mask[i * T + j], 1);
          assert.equal(head.scaled[i * T + j], -Infinity);
        }
        sum += w;
      }
      assert.ok(Math.abs(sum - 1) < 1e-5, `${head.name} row ${i} sums to ${sum}`);
    }
  }
});

test('fixture: per-head top-1 accuracy on 74 hand-written sentences and 9 cross pairs', async (t) => {
  const attn = await loadAttention();
  const tally = {};
  const misses = [];
  const run = (analysis, expect) => {
    for (const [head, rows] of Object.entries(expect)) {
      for (const [query, target] of Object.entries(rows)) {
        const got = topKey(analysis, head, query);
        tally[head] ??= { hit: 0, total: 0 };
        tally[head].total += 1;
        if (matches(analysis, target, got)) tally[head].hit += 1;
        else
          misses.push(
            `${head}: "${analysis.tokens.map((x) => x.text).join(' ')}" ${query} -> ${got.word}, want ${target}`,
          );
      }
    }
  };
  for (const s of fixture.self) run(attn.analyze({ text: s.text, mode: 'self' }), s.expect);
  for (const s of [...fixture.cross, ...fixture.heldOut]) {
    const mode = s.source === undefined ? 'self' : 'cross';
    run(attn.analyze({ text: s.text, source: s.source, sourceLang: s.sourceLang, mode }), s.expect);
  }
  let hit = 0;
  let total = 0;
  for (const [head, { hit: h, total: n }] of Object.entries(tally)) {
    t.diagnostic(`${head}: ${h}/${n} = ${((100 * h) / n).toFixed(0)}%`);
    hit += h;
    total += n;
    assert.ok(h / n >= 0.6, `${head} top-1 accuracy ${h}/${n} is below 60%`);
  }
  t.diagnostic(`all heads: ${hit}/${total} = ${((100 * hit) / total).toFixed(1)}%`);
  for (const m of misses) t.diagnostic(`miss ${m}`);
  assert.ok(fixture.self.length >= 40);
  assert.ok(hit / total >= 0.85, `overall top-1 accuracy ${hit}/${total} is below 85%`);
});

test('the result follows the contract: shapes, names, honesty, timings', async () => {
  const attn = await loadAttention();
  const a = attn.analyze({ text: 'The cat sat on the mat.', mode: 'self' });
  const T = a.tokens.length;
  const d = a.headDim;
  assert.equal(a.handBuilt, true);
  assert.match(a.disclaimer, /hand-built/);
  assert.match(a.disclaimer, /not a trained model/);
  assert.equal(a.mode, 'self');
  assert.equal(T, 7);
  assert.deepEqual(a.tokens[1], {
    text: 'cat',
    lower: 'cat',
    start: 4,
    end: 7,
    kind: 'word',
    tag: 'NOUN',
    known: true,
  });
  // The sizes the hand-built heads are written for (src/heads/head_specs), not derived from each other.
  assert.deepEqual([a.numHeads, a.headDim, a.embedDim, a.heads.length], [8, 128, 1024, 8]);
  assert.ok(Math.abs(a.scale - 1 / Math.sqrt(d)) < 1e-7);
  assert.deepEqual(
    a.heads.map((h) => h.name),
    ['Grammar', 'Semantics', 'References', 'Context', 'Emotions', 'Entities', 'Actions', 'Modifiers'],
  );
  for (const h of a.heads) {
    assert.equal(typeof h.description, 'string');
    assert.equal(h.queryFeatures.length, d);
    assert.equal(h.valueFeatures.length, d);
    for (const key of ['q', 'k', 'v', 'output']) assert.equal(h[key].length, T * d, key);
    for (const key of ['scores', 'scaled', 'weights'])
      assert.ok(h[key] instanceof Float32Array && h[key].length === T * T, key);
    assert.ok(h.mask instanceof Uint8Array && h.mask.length === T * T);
    assert.equal(h.nearest.length, T);
    for (let i = 0; i < T * T; ++i)
      assert.ok(Math.abs(h.scaled[i] - h.scores[i] * a.scale) <= 1e-4 * Math.max(1, Math.abs(h.scaled[i])));
  }
  // the concatenation holds every head's output side by side: row i, block h is head h's row i
  assert.equal(a.concat.length, T * a.heads.length * d);
  for (const [h, head] of a.heads.entries())
    for (const i of [0, T - 1])
      assert.deepEqual(
        a.concat.subarray(i * a.embedDim + h * d, i * a.embedDim + (h + 1) * d),
        head.output.subarray(i * d, (i + 1) * d),
      );
  assert.equal(a.output.length, T * a.embedDim);
  // the core call is timed (a measured duration, never 0 for a 7-word analysis)
  assert.ok(Number.isFinite(a.timings.coreMs) && a.timings.coreMs > 0, `coreMs ${a.timings.coreMs}`);
  // Context stays broad: no row puts more than 60% on one word.
  const context = a.heads[3];
  assert.ok(Math.max(...context.weights) < 0.6);
});

test('explainScore: named contributions from the core sum to the raw score', async () => {
  const attn = await loadAttention();
  const a = attn.analyze({ text: 'The cat that was sleeping on the mat suddenly woke up', mode: 'self' });
  const woke = indexOf(a.tokens, 'woke');
  const cat = indexOf(a.tokens, 'cat');
  const e = attn.explainScore(a, 0, woke, cat);
  assert.equal(e.head, 'Grammar');
  assert.equal(e.query, 'woke');
  assert.equal(e.key, 'cat');
  const S = a.sourceTokens.length;
  assert.ok(Math.abs(e.total - a.heads[0].scores[woke * S + cat]) < 1e-3 * Math.abs(e.total));
  const sum = e.contributions.reduce((s, c) => s + c.product, 0);
  assert.ok(Math.abs(sum - e.total) < 1e-3 * Math.abs(e.total));
  const names = e.contributions.map((c) => c.feature);
  assert.ok(names.includes('before me'));
  assert.ok(names.includes('verb asks for a noun-phrase head'));
  const mat = attn.explainScore(a, 0, woke, indexOf(a.tokens, 'mat'));
  assert.ok(mat.contributions.some((c) => c.feature === 'inside a prepositional phrase' && c.product < 0));
  // Causal: a later key is masked.
  const c = attn.analyze({ text: 'The cat sat', mode: 'causal' });
  const masked = attn.explainScore(c, 0, 0, 2);
  assert.equal(masked.masked, true);
  assert.equal(masked.scaled, -Infinity);
});

test('heads option selects heads by name or index; empty text gives empty arrays', async () => {
  const attn = await loadAttention();
  const a = attn.analyze({ text: 'The cat sat', mode: 'self', heads: ['Modifiers', 0] });
  assert.deepEqual(
    a.heads.map((h) => h.name),
    ['Modifiers', 'Grammar'],
  );
  const empty = attn.analyze({ text: '   ', mode: 'self' });
  assert.deepEqual(empty.tokens, []);
  assert.equal(empty.heads.length, 8);
  for (const h of empty.heads) assert.equal(h.weights.length, 0);
  const long = attn.analyze({ text: 'word '.repeat(100), mode: 'self', maxTokens: 10 });
  assert.equal(long.tokens.length, 10);
  assert.equal(long.truncated, true);
});

test('bad arguments throw errors naming the problem, and the next call works', async () => {
  const attn = await loadAttention();
  const bad = [
    [null, /options must be an object/],
    [{ mode: 'self' }, /text must be a string/],
    [{ text: 42, mode: 'self' }, /text must be a string/],
    [{ text: 'a', mode: 'sideways' }, /mode must be one of/],
    [{ text: 'a' }, /mode must be one of/],
    [{ text: 'a', mode: 'cross' }, /cross mode needs source/],
    [{ text: 'a', mode: 'self', lang: 'de' }, /lang must be one of/],
    [{ text: 'a', mode: 'self', heads: ['Alignment'] }, /not a head of this mode/],
    [{ text: 'a', mode: 'self', heads: 'Grammar' }, /heads must be an array/],
    [{ text: 'a', mode: 'self', maxTokens: 0 }, /maxTokens must be an integer from 1 to 64/],
  ];
  for (const [options, message] of bad) {
    assert.throws(
      () => attn.analyze(options),
      (e) => e instanceof AttentionError && message.test(e.message),
      JSON.stringify(options),
    );
  }
  const a = attn.analyze({ text: 'The cat sat', mode: 'self' });
  assert.throws(() => attn.explainScore(a, 9, 0, 0), /headIndex must be an integer from 0 to 7/);
  assert.throws(() => attn.explainScore({}, 0, 0, 0), /analysis must be the result of analyze/);
  assert.equal(attn.analyze({ text: 'The cat sat', mode: 'self' }).tokens.length, 3);
});

test('analyze fields: only the asked-for matrices come back, equal to a full analysis', async () => {
  const attn = await loadAttention();
  const options = { text: 'The cat that was sleeping on the mat woke up', mode: 'causal' };
  const full = attn.analyze(options);
  const cases = [
    { fields: ['weights', 'mask'], head: ['weights', 'mask'], layer: [] },
    { fields: ['weights', 'mask', 'concat', 'output'], head: ['weights', 'mask'], layer: ['concat', 'output'] },
    {
      fields: ['q', 'k', 'scaled', 'headOutput', 'nearest'],
      head: ['q', 'k', 'scaled', 'output', 'nearest'],
      layer: [],
    },
    { fields: [], head: [], layer: [] },
  ];
  const HEAD = ['q', 'k', 'v', 'scores', 'scaled', 'weights', 'mask', 'output', 'nearest'];
  for (const { fields, head, layer } of cases) {
    const a = attn.analyze({ ...options, fields });
    assert.deepEqual(a.tokens, full.tokens, `${fields}: tokens always come back`);
    assert.equal(a.heads.length, full.heads.length);
    for (const [i, h] of a.heads.entries()) {
      assert.equal(h.name, full.heads[i].name);
      for (const key of HEAD) {
        if (head.includes(key)) assert.deepEqual(h[key], full.heads[i][key], `${fields}: heads[${i}].${key}`);
        else assert.equal(h[key], undefined, `${fields}: heads[${i}].${key} left out`);
      }
    }
    for (const key of ['concat', 'output']) {
      if (layer.includes(key)) assert.deepEqual(a[key], full[key], `${fields}: ${key}`);
      else assert.equal(a[key], undefined, `${fields}: ${key} left out`);
    }
  }
  // The causal mask still blocks the future in a weights-only result.
  const w = attn.analyze({ ...options, fields: ['weights', 'mask'] }).heads[0];
  const T = full.tokens.length;
  assert.equal(w.mask[0 * T + 1], 1);
  assert.equal(w.weights[0 * T + 1], 0);
  assert.throws(
    () => attn.analyze({ ...options, fields: ['weights', 'attention'] }),
    (e) => e instanceof AttentionError && /fields: "attention" is not a field/.test(e.message),
  );
  assert.throws(
    () => attn.analyze({ ...options, fields: 'weights' }),
    (e) => e instanceof AttentionError && /fields must be an array/.test(e.message),
  );
});

test('explainScore on an analysis without q, k or mask names the missing fields', async () => {
  const attn = await loadAttention();
  const lean = attn.analyze({ text: 'The cat sat', mode: 'self', fields: ['weights', 'k'] });
  assert.throws(
    () => attn.explainScore(lean, 0, 2, 1),
    (e) =>
      e instanceof AttentionError &&
      /explainScore: the analysis was made without the fields 'q', 'mask'/.test(e.message) &&
      /fields including 'q', 'k' and 'mask'/.test(e.message),
  );
  const enough = attn.analyze({ text: 'The cat sat', mode: 'self', fields: ['q', 'k', 'mask'] });
  const full = attn.analyze({ text: 'The cat sat', mode: 'self' });
  assert.deepEqual(attn.explainScore(enough, 0, 2, 1), attn.explainScore(full, 0, 2, 1));
});

test('analyzeModes: masked mode (self and causal) from one call equals two analyze() calls', async () => {
  const attn = await loadAttention();
  const options = { text: 'The cat [MASK] on the mat', fields: ['weights', 'mask', 'scaled'] };
  const both = attn.analyzeModes({ ...options, modes: ['self', 'causal'] });
  assert.deepEqual(Object.keys(both), ['self', 'causal']);
  for (const mode of ['self', 'causal']) {
    const one = attn.analyze({ ...options, mode });
    assert.equal(both[mode].mode, mode);
    assert.deepEqual(both[mode].tokens, one.tokens);
    assert.deepEqual(
      both[mode].heads.map((h) => [h.name, h.weights, h.mask, h.scaled]),
      one.heads.map((h) => [h.name, h.weights, h.mask, h.scaled]),
    );
  }
  const T = both.self.tokens.length;
  assert.equal(both.causal.heads[0].mask[0 * T + 1], 1);
  assert.equal(both.self.heads[0].mask[0 * T + 1], 0);
  const cross = attn.analyzeModes({
    text: 'The cat sleeps',
    source: 'Le chat dort',
    sourceLang: 'fr',
    modes: ['cross', 'self'],
  });
  assert.equal(cross.cross.heads.length, 9);
  assert.equal(cross.self.heads.length, 8);
  assert.equal(cross.cross.sourceTokens[1].text, 'chat');
  const bad = [
    [{ text: 'a', modes: [] }, /modes must be a non-empty array/],
    [{ text: 'a', modes: 'self' }, /modes must be a non-empty array/],
    [{ text: 'a', modes: ['self', 'self'] }, /modes: 'self' is given twice/],
    [{ text: 'a', modes: ['self', 'masked'] }, /modes: "masked" is not one of/],
    [{ text: 'a', modes: ['self', 'cross'] }, /cross mode needs source/],
    [{ text: 'a', source: 'b', modes: ['self', 'cross'], heads: ['Alignment'] }, /not a head of this mode/],
  ];
  for (const [o, message] of bad) {
    assert.throws(
      () => attn.analyzeModes(o),
      (e) => e instanceof AttentionError && message.test(e.message),
      JSON.stringify(o),
    );
  }
});

test('a typed word "mask" is an ordinary noun; "[MASK]" is the special token', async () => {
  const attn = await loadAttention();
  const word = attn.analyze({ text: 'Put on a mask', mode: 'self' }).tokens[3];
  assert.deepEqual(
    { text: word.text, kind: word.kind, tag: word.tag, known: word.known },
    { text: 'mask', kind: 'word', tag: 'NOUN', known: true },
  );
  for (const text of ['Put on a [MASK]', 'Put on a [mask]']) {
    const special = attn.analyze({ text, mode: 'self' }).tokens[3];
    assert.equal(special.kind, 'special', text);
    assert.equal(special.lower, '[MASK]', text);
  }
});

test('headSpecs() labels the heads as analyze() does, in headNames() order, and returns copies', async () => {
  const attn = await loadAttention();
  const specs = attn.headSpecs();
  assert.deepEqual(
    specs.map((s) => s.name),
    attn.headNames(),
  );
  const cross = attn.analyze({
    text: 'The cat sleeps',
    source: 'Le chat dort',
    sourceLang: 'fr',
    mode: 'cross',
    fields: [],
  });
  assert.equal(cross.heads.length, specs.length);
  cross.heads.forEach((h, i) => {
    for (const key of ['name', 'description', 'queryFeatures', 'valueFeatures', 'asksFor', 'minEvidence'])
      assert.deepEqual(specs[i][key], h[key], `${h.name}.${key}`);
  });
  specs[0].queryFeatures.length = 0;
  specs[0].name = 'changed';
  assert.equal(attn.headSpecs()[0].name, attn.headNames()[0]);
  assert.ok(attn.headSpecs()[0].queryFeatures.length > 0, 'a caller cannot change the specs');
});
