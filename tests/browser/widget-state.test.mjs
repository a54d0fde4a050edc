// web/widget/state.js in Node (no browser): the one table of widget settings turns untrusted
// strings into a valid state plus readable problems, and back into URL parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULTS,
  MAX_SENTENCE_CHARS,
  changedSettings,
  readState,
  resolveAgainst,
  toSearchParams,
} from '../../web/widget/state.js';

const from = (object) => readState((name) => object[name] ?? null);

test('no attributes give the defaults and no problems', () => {
  const { state, problems } = from({});
  assert.deepEqual(state, { ...DEFAULTS });
  assert.deepEqual(problems, []);
});

test('values are normalised; bad ones fall back with a message each', () => {
  const { state, problems } = from({
    mode: ' Causal ',
    view: 'STRIP',
    theme: 'neon',
    step: '3',
    focus: '+2',
    height: '300px',
    controls: 'none',
  });
  assert.equal(state.mode, 'causal');
  assert.equal(state.view, 'strip');
  assert.equal(state.theme, 'auto');
  assert.equal(state.step, 3);
  assert.equal(state.focus, 2);
  assert.equal(state.height, 300);
  assert.equal(state.controls, 'none');
  assert.equal(problems.length, 1);
  assert.match(problems[0], /Unknown theme “neon”/);
});

test('numbers: non-integers, negatives and huge values are refused', () => {
  for (const value of ['1.5', '-1', '1e3', 'NaN', '0x10', '99999999999999999999', '<b>']) {
    const { state, problems } = from({ focus: value, step: value });
    assert.equal(state.focus, null, value);
    assert.equal(state.step, 0, value);
    assert.equal(problems.length, 2, value);
  }
  assert.equal(from({ height: '50' }).state.height, null);
});

test('long text is shortened and control characters removed; the message quotes at most 40 characters', () => {
  const { state, problems } = from({ sentence: `a\u0000b${'x'.repeat(5000)}`, mode: 'y'.repeat(500) });
  assert.equal(state.sentence.length, MAX_SENTENCE_CHARS);
  assert.ok(state.sentence.startsWith('a b'));
  assert.ok(
    problems.every((p) => p.length < 300),
    problems.join('\n'),
  );
});

test('head names and indices are checked against the analysis', () => {
  const analysis = { heads: [{ name: 'Grammar' }, { name: 'Semantics' }], tokens: [{}, {}, {}] };
  const resolve = (head, focus = null) => resolveAgainst({ ...DEFAULTS, head, focus }, analysis);
  assert.equal(resolve('semantics').headIndex, 1);
  assert.equal(resolve('1').headIndex, 1);
  assert.equal(resolve('').headIndex, 0);
  assert.match(resolve('2').problems[0], /no head “2”; showing Grammar/);
  assert.match(resolve('-1').problems[0], /no head/);
  assert.equal(resolve('', 2).focus, 2);
  assert.match(resolve('', 3).problems[0], /past the last word/);
});

test('settings serialise to URL parameters that read back to the same state', () => {
  const original = from({
    sentence: 'Le chat & "dort"',
    source: 'x',
    mode: 'cross',
    head: 'Alignment',
    focus: '1',
    'source-lang': 'fr',
  }).state;
  const params = toSearchParams(original);
  const again = readState((name) => params.get(name)).state;
  assert.deepEqual(again, original);
  assert.deepEqual(changedSettings(DEFAULTS), [
    ['sentence', DEFAULTS.sentence],
    ['mode', 'self'],
  ]);
});
