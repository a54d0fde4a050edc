// Whether a head has anything to do on a word, through the public API (issue 20): every
// analyze() head carries evidence {best, asks, idle} whatever the fields asked for; References
// is idle on words that are not pronouns, Emotions on a neutral sentence, every head on the
// first word of a causal sentence (nothing else allowed); the page's view model turns the
// verdicts into the sentences the views show; and the page reads its settings from the query
// and the hash under either name (parseLocation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadAttention } from 'attention-playground';
import { quietRows } from '../../web/views/view-model.js';
import { DEFAULTS, isSettingName, parseLocation, resolveAgainst } from '../../web/shared/state.js';
import { pageUrl } from '../../web/app/page-url.js';

const attn = await loadAttention();
const head = (a, name) => a.heads.find((h) => h.name === name);

test('References has a signal only on the pronoun, with its reason elsewhere', () => {
  const a = attn.analyze({ text: 'John ate his lunch', mode: 'self', fields: ['weights'] });
  const refs = head(a, 'References');
  assert.deepEqual([...refs.evidence.idle], [1, 1, 0, 1]);
  assert.deepEqual([...refs.evidence.asks], [0, 0, 1, 0]);
  assert.ok(refs.evidence.best[2] >= refs.minEvidence);
  assert.equal(refs.asksFor, 'pronouns and possessives');
  const quiet = quietRows(a, refs);
  assert.deepEqual(quiet.words, ['John', 'ate', 'lunch']);
  assert.equal(quiet.reasons[2], '');
  assert.match(quiet.reasons[3], /^References asks only from pronouns and possessives; “lunch” is not one/);
});

test('Emotions is idle on a neutral sentence and finds the feeling words in another', () => {
  const neutral = attn.analyze({
    text: 'The cat sat on the mat',
    mode: 'self',
    heads: ['Emotions'],
    fields: ['weights'],
  });
  const e = neutral.heads[0];
  assert.deepEqual([...e.evidence.idle], [1, 1, 1, 1, 1, 1]);
  assert.match(
    quietRows(neutral, e).reasons[1],
    /^Nothing in the sentence is what Emotions looks for from “cat” \(best match 0\.0, it needs 1\)/,
  );
  const felt = attn.analyze({
    text: 'I love this wonderful day',
    mode: 'self',
    heads: ['Emotions'],
    fields: ['weights'],
  });
  assert.deepEqual([...felt.heads[0].evidence.idle], [0, 0, 0, 0, 0]);
});

test('in causal mode the first word has no other word to look at, for every head', () => {
  const a = attn.analyze({ text: 'The cat sat', mode: 'causal', fields: ['mask'] });
  for (const h of a.heads) {
    assert.equal(h.evidence.idle[0], 1, h.name);
    assert.equal(h.evidence.best[0], -Infinity, h.name);
    assert.equal(quietRows(a, h).reasons[0], '“The” has no other word it may look at.');
  }
});

test('cross mode: Alignment has a signal on a matched pair; every head carries evidence in analyzeModes', () => {
  const a = attn.analyze({ text: 'The cat sleeps', source: 'Le chat dort', sourceLang: 'fr', mode: 'cross' });
  assert.deepEqual([...head(a, 'Alignment').evidence.idle], [0, 0, 0]);
  const { self, causal } = attn.analyzeModes({ text: 'John ate his lunch', modes: ['self', 'causal'] });
  for (const h of [...self.heads, ...causal.heads]) assert.equal(h.evidence.idle.length, 4);
});

test('the page reads the same settings from the query and the hash, under either name', () => {
  const fromQuery = parseLocation('?sentence=John+ate+his+lunch&head=References&focus=2&mode=causal', '');
  assert.deepEqual(
    [fromQuery.text, fromQuery.heads, fromQuery.focus, fromQuery.mode],
    ['John ate his lunch', ['References'], 2, 'causal'],
  );
  const fromHash = parseLocation('', '#text=John+ate+his+lunch&heads=References&token=2&mode=causal');
  assert.deepEqual(fromHash, fromQuery);
  // The hash wins over the query; names may be mixed.
  const both = parseLocation('?sentence=A+dog&view=lines', '#text=A+cat&head=2');
  assert.deepEqual([both.text, both.view, both.heads], ['A cat', 'lines', ['2']]);
  assert.deepEqual(parseLocation('', ''), { ...DEFAULTS });
  assert.ok(isSettingName('sentence') && isSettingName('token') && !isSettingName('utm_source'));
  // Once read, the settings live in the hash; other query parameters stay.
  assert.equal(
    pageUrl({ pathname: '/index.html', search: '?sentence=A&utm_source=x' }, '#text=A'),
    '/index.html?utm_source=x#text=A',
  );
  assert.equal(pageUrl({ pathname: '/index.html', search: '?head=1' }, ''), '/index.html');
});

test('a link with mode=cross and no head opens on the cross head (Alignment); a named head is kept', () => {
  const a = attn.analyze({ text: 'The cat sleeps', source: 'Le chat dort', sourceLang: 'fr', mode: 'cross' });
  const alignment = a.heads.findIndex((h) => h.name === 'Alignment');
  assert.deepEqual(resolveAgainst(parseLocation('?mode=cross', ''), a).heads, [alignment]);
  assert.deepEqual(resolveAgainst(parseLocation('', '#mode=cross&heads=Grammar'), a).heads, [0]);
  assert.deepEqual(resolveAgainst(parseLocation('', '#mode=cross&heads=0'), a).heads, [0]);
  const self = attn.analyze({ text: 'The cat sleeps', mode: 'self' });
  assert.deepEqual(resolveAgainst(parseLocation('', ''), self).heads, [0]);
});
