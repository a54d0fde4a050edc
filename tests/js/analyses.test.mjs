// web/shared/analyses.js against the built core: the one call a state makes, as the page and the
// widget make it. The side-by-side layout (masked vs unmasked) is one analyzeModes call whose
// two analyses share their tokens and differ only by the causal mask.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention } from 'attention-playground';
import { parseHash } from '../../web/shared/state.js';
import { analysesKey, drawable, runAnalyses, shownHead } from '../../web/shared/analyses.js';

let attn;
before(async () => {
  attn = await loadAttention();
});

// attn with every analyze/analyzeModes call recorded as [method, options].
function recording() {
  const calls = [];
  const spy = {
    analyze: (options) => (calls.push(['analyze', options]), attn.analyze(options)),
    analyzeModes: (options) => (calls.push(['analyzeModes', options]), attn.analyzeModes(options)),
  };
  return { spy, calls };
}

test('the side-by-side layout asks the core once (analyzeModes) for the causal and the unmasked analysis', () => {
  const { spy, calls } = recording();
  const state = parseHash('#text=The+cat+[MASK]+on+the+mat&mode=masked&heads=Context');
  const { analyses, problems, coreMs } = runAnalyses(spy, state);
  assert.deepEqual(
    calls.map(([method, options]) => [method, options.modes]),
    [['analyzeModes', ['causal', 'self']]],
  );
  const { main, unmasked } = analyses;
  assert.deepEqual([main.mode, unmasked.mode], ['causal', 'self']);
  assert.deepEqual(problems, []);
  assert.equal(coreMs, main.timings.coreMs); // one call, counted once
  // One tokenize and tag: the same tokens, [MASK] the tokenizer's special token in both.
  assert.deepEqual(main.tokens, unmasked.tokens);
  assert.deepEqual(main.sourceTokens, unmasked.sourceTokens);
  assert.equal(main.tokens[2].kind, 'special');
  const T = main.tokens.length;
  for (const [h, head] of main.heads.entries()) {
    const other = unmasked.heads[h];
    assert.equal(head.name, other.name);
    // The same projections and raw scores: only the mask differs.
    for (const field of ['q', 'k', 'v', 'scores']) assert.deepEqual(head[field], other[field], `${head.name} ${field}`);
    for (let i = 0; i < T; ++i) {
      for (let j = 0; j < T; ++j) {
        const at = i * T + j;
        assert.equal(other.mask[at], 0, `${head.name}: the unmasked side blocks (${i}, ${j})`);
        assert.equal(head.mask[at], j > i ? 1 : 0, `${head.name}: causal mask at (${i}, ${j})`);
        if (j <= i) assert.equal(head.scaled[at], other.scaled[at]);
        else assert.equal(head.scaled[at], -Infinity);
      }
    }
  }
  // ...and they are what two separate analyze() calls give.
  const alone = attn.analyze({ text: state.text, lang: state.lang, mode: 'causal' });
  assert.deepEqual(main.heads[3].weights, alone.heads[3].weights);
});

test('single layouts ask analyze() once, with the state mode', () => {
  for (const hash of ['#mode=self', '#mode=causal', '#mode=cross&source=Le+chat&sourceLang=fr']) {
    const { spy, calls } = recording();
    const { analyses } = runAnalyses(spy, parseHash(hash), ['weights', 'mask']);
    assert.deepEqual(
      calls.map(([method, options]) => [method, options.mode, options.fields]),
      [['analyze', parseHash(hash).mode, ['weights', 'mask']]],
    );
    assert.deepEqual(Object.keys(analyses), ['main']);
  }
});

test('cross mode reads the default French pair; an emptied source gives no matrix and a note', () => {
  const pair = runAnalyses(attn, parseHash('#mode=cross'), ['weights', 'mask']);
  assert.deepEqual(
    pair.analyses.main.sourceTokens.map((t) => [t.lower, t.known]),
    ['le', 'chat', 'est', 'assis', 'sur', 'le', 'tapis'].map((w) => [w, true]),
  );
  assert.ok(drawable(pair.analyses));
  assert.deepEqual(pair.problems, []);
  const cleared = runAnalyses(attn, parseHash('#text=The+cat+sat&mode=cross&source=+'), ['weights', 'mask']);
  const { main } = cleared.analyses;
  assert.deepEqual([main.tokens.length, main.sourceTokens.length, main.heads[0].weights.length], [3, 0, 0]);
  assert.equal(drawable(cleared.analyses), false);
  assert.match(cleared.problems.join(' '), /needs a source sentence/);
});

// A one-head view (the page's matrix, lines and strip) has the core run only the shown head; the
// others are listed by spec (what the head chips show), and the shown one is exactly what an
// analysis of every head gives for it.
test('one head (shownHead): the core runs the shown head only; the others are named by their specs', () => {
  const { spy, calls } = recording();
  spy.headSpecs = () => attn.headSpecs();
  const fields = ['weights', 'mask'];
  const cases = [
    ['#text=The+cat+sat+on+the+mat+because+it+was+tired&heads=References', 'self', 'References', 8],
    ['#text=The+cat+sat+on+the+mat&mode=causal&heads=3', 'causal', 'Context', 8],
    ['#text=The+cat+sat&heads=Nobody', 'self', 'Grammar', 8], // unknown: the first, as resolveAgainst
    ['#text=The+cat+sat&mode=cross&source=Le+chat', 'cross', 'Alignment', 9], // cross opens on Alignment
  ];
  for (const [hash, mode, name, count] of cases) {
    calls.length = 0;
    const state = parseHash(hash);
    const one = runAnalyses(spy, state, fields, shownHead(spy, state)).analyses.main;
    const index = one.heads.findIndex((h) => h.computed !== false);
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0][1].heads, [index], hash);
    assert.equal(one.mode, mode);
    assert.equal(one.heads.length, count, `${hash}: every head of the mode is listed`);
    assert.equal(one.heads[index].name, name, hash);
    assert.equal(one.heads.filter((h) => h.computed === false).length, count - 1);
    const specs = attn.headSpecs();
    one.heads.forEach((h, i) => {
      assert.equal(h.name, specs[i].name);
      assert.equal(h.description, specs[i].description);
      if (i !== index) assert.equal(h.weights, undefined, 'no stand-in numbers for a head not run');
    });
    const all = runAnalyses(attn, state, fields).analyses.main;
    assert.deepEqual(one.heads[index].weights, all.heads[index].weights, hash);
    assert.deepEqual(one.heads[index].evidence, all.heads[index].evidence, hash);
    assert.deepEqual(one.tokens, all.tokens);
  }
  // the keys differ when the shown head does (so a head click asks the core again)
  const a = parseHash('#text=The+cat+sat&heads=0');
  const b = parseHash('#text=The+cat+sat&heads=1');
  assert.notEqual(analysesKey(a, fields, shownHead(attn, a)), analysesKey(b, fields, shownHead(attn, b)));
  assert.equal(analysesKey(a, fields), analysesKey(b, fields));
});
