// web/shared/state.js in Node (no browser): the one table of settings turns untrusted strings
// from either side (the page's URL names, the widget's attribute names) into a valid state plus
// readable problems, old mode names keep working, and states serialise back to the same state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ATTRIBUTES,
  DEFAULTS,
  MAX_SENTENCE_CHARS,
  PROPS,
  choicePatch,
  parseHash,
  readState,
  resolveAgainst,
  serializeHash,
  writeState,
} from '../../web/shared/state.js';
import { analysisRequest } from '../../web/shared/analyses.js';

const fromAttributes = (object) => readState((name) => object[name] ?? null, 'attr');

test('each property is listed once, with unique URL and attribute names', () => {
  const names = PROPS.map((p) => p.name);
  assert.equal(new Set(names).size, names.length);
  for (const side of ['url', 'attr']) {
    const used = PROPS.map((p) => p[side]).filter(Boolean);
    assert.equal(new Set(used).size, used.length, side);
  }
  for (const p of PROPS) assert.ok(p.url || p.attr, `${p.name} is reachable from neither side`);
  assert.deepEqual(ATTRIBUTES.slice(0, 7), ['sentence', 'source', 'lang', 'source-lang', 'mode', 'layout', 'head']);
});

test('no attributes and no hash give the same defaults and no problems', () => {
  const { state, problems } = fromAttributes({});
  assert.deepEqual(state, { ...DEFAULTS });
  assert.deepEqual(problems, []);
  assert.deepEqual(parseHash(''), state);
  assert.equal(serializeHash(state), '');
});

test('the same settings under URL names and attribute names read to the same state', () => {
  const page = parseHash(
    '#text=Le+chat&source=The+cat&lang=fr&sourceLang=en&mode=cross&heads=Alignment&token=1&step=3',
  );
  const widget = fromAttributes({
    sentence: 'Le chat',
    source: 'The cat',
    lang: 'fr',
    'source-lang': 'en',
    mode: 'cross',
    head: 'Alignment',
    focus: '1',
    step: '3',
  }).state;
  assert.deepEqual(page, widget);
});

test('old mode names are aliases: bidirectional, masked and multihead', () => {
  const mode = (value) => {
    const { state, problems } = fromAttributes({ mode: value });
    assert.deepEqual(problems, [], value);
    return [state.mode, state.layout];
  };
  assert.deepEqual(mode('bidirectional'), ['self', 'single']);
  assert.deepEqual(mode('masked'), ['causal', 'compare']);
  assert.deepEqual(mode('multihead'), ['self', 'heads']);
  assert.deepEqual(mode(' Causal '), ['causal', 'single']);
  const page = parseHash('#mode=masked&heads=3');
  assert.deepEqual([page.mode, page.layout, page.heads], ['causal', 'compare', ['3']]);
  // A given layout wins over the one an alias implies; compare always shows the causal mask.
  assert.equal(fromAttributes({ mode: 'multihead', layout: 'single' }).state.layout, 'single');
  assert.equal(fromAttributes({ mode: 'self', layout: 'compare' }).state.mode, 'causal');
});

test('values are normalised; bad ones fall back with a message each', () => {
  const { state, problems } = fromAttributes({
    view: 'STRIP',
    theme: 'neon',
    step: '3',
    focus: '+2',
    height: '300px',
    controls: 'none',
  });
  assert.deepEqual(
    [state.view, state.theme, state.step, state.focus, state.height, state.controls],
    ['strip', 'auto', 3, 2, 300, 'none'],
  );
  assert.equal(problems.length, 1);
  assert.match(problems[0], /Unknown theme “neon”; using “auto”/);
  assert.match(
    fromAttributes({ mode: 'quantum' }).problems[0],
    /Choose one of: self, causal, cross, train, bidirectional/,
  );
});

test('numbers: non-integers, negatives and huge values are refused', () => {
  for (const value of ['1.5', '-1', '1e3', 'NaN', '0x10', '99999999999999999999', '<b>']) {
    const { state, problems } = fromAttributes({ focus: value, step: value });
    assert.equal(state.focus, 0, value);
    assert.equal(state.step, 0, value);
    assert.equal(problems.length, 2, value);
  }
  assert.equal(fromAttributes({ height: '50' }).state.height, null);
});

test('long text is shortened and control characters removed; the message quotes at most 40 characters', () => {
  const { state, problems } = fromAttributes({ sentence: `a\u0000b${'x'.repeat(5000)}`, mode: 'y'.repeat(500) });
  assert.equal(state.text.length, MAX_SENTENCE_CHARS);
  assert.ok(state.text.startsWith('a b'));
  assert.equal(problems.length, 2);
  assert.ok(
    problems.every((p) => p.length < 300),
    problems.join('\n'),
  );
});

test('head names and indices are checked against the analysis; the focus is kept on a word', () => {
  const analysis = { heads: [{ name: 'Grammar' }, { name: 'Semantics' }], tokens: [{}, {}, {}] };
  const resolve = (head, focus = 0) => resolveAgainst({ ...DEFAULTS, heads: head.split(','), focus }, analysis);
  assert.deepEqual(resolve('semantics').heads, [1]);
  assert.deepEqual(resolve('1').heads, [1]);
  assert.deepEqual(resolve('1,grammar,1').heads, [1, 0]);
  assert.match(resolve('2').problems[0], /no head “2”; showing Grammar/);
  assert.deepEqual(resolve('2').heads, [0]);
  assert.match(resolve('-1').problems[0], /no head/);
  assert.equal(resolve('0', 2).focus, 2);
  const past = resolve('0', 3);
  assert.equal(past.focus, 2);
  assert.match(past.problems[0], /past the last word/);
});

test('states serialise to URL names and to attributes that read back to the same state', () => {
  const original = fromAttributes({
    sentence: 'Le chat & "dort"',
    source: 'x',
    mode: 'masked',
    head: 'Alignment,2',
    focus: '1',
    key: '0',
    'source-lang': 'fr',
  }).state;
  const attributes = new Map(writeState(original, 'attr'));
  assert.deepEqual(readState((name) => attributes.get(name) ?? null, 'attr').state, original);
  const page = { ...original, pinned: true, speed: '2', hide: ['presets'] };
  assert.deepEqual(parseHash(serializeHash(page)), page);
  assert.deepEqual(writeState(DEFAULTS, 'attr', ['text', 'mode']), [
    ['sentence', DEFAULTS.text],
    ['mode', 'self'],
  ]);
});

test('cross mode opens on the default sentence and its French pair; an explicit empty source is kept empty', () => {
  const widget = fromAttributes({ mode: 'cross' }).state;
  const page = parseHash('#mode=cross');
  assert.deepEqual(page, widget);
  const request = analysisRequest(page);
  assert.deepEqual(
    [request.mode, request.text, request.lang, request.source, request.sourceLang],
    ['cross', 'The cat sat on the mat', 'en', 'Le chat est assis sur le tapis', 'fr'],
  );
  // Cleared by the reader: empty on both sides, and it survives the URL (no stand-in source).
  const cleared = fromAttributes({ sentence: 'The cat sat', mode: 'cross', source: '' }).state;
  assert.equal(cleared.source, '');
  assert.deepEqual(parseHash(serializeHash(cleared)), cleared);
  assert.match(serializeHash(cleared), /source=&|source=$/);
  assert.equal(analysisRequest(cleared).source, '');
  const compare = analysisRequest(parseHash('#mode=masked'));
  assert.deepEqual([compare.mode, compare.modes], [undefined, ['causal', 'self']]);
});

test('picking a way of looking: cross selects the core cross head, leaving cross drops it', () => {
  const names = ['Grammar', 'Semantics', 'References', 'Alignment']; // as attn.headNames() gives them
  const state = { ...DEFAULTS, heads: ['2'] };
  assert.deepEqual(choicePatch('cross', state, names), { mode: 'cross', layout: 'single', heads: ['Alignment'] });
  assert.deepEqual(choicePatch('self', state, names), { mode: 'self', layout: 'single', heads: ['2'] });
  for (const heads of [['Alignment'], ['alignment'], [3], ['3']])
    assert.deepEqual(choicePatch('causal', { ...state, heads }, names).heads, [0], String(heads));
  assert.deepEqual(choicePatch('multihead', { ...state, heads: [1, 'Alignment', 2] }, names).heads, [1, 2]);
  assert.deepEqual(choicePatch('masked', state, names), { mode: 'causal', layout: 'compare', heads: ['2'] });
  // Before the core has loaded there are no names: the head is kept.
  assert.deepEqual(choicePatch('cross', state, []).heads, ['2']);
});
