// steps-board: the picture of one walkthrough step for one focused query, drawn from the step's
// `show` (shared/timeline.js) — one row per key word, with a bar and the number the step is
// about (Q·K, ÷√d, the weight), blocked keys greyed, the values flowing into the output and the
// output landing on its nearest words — and then set in motion from what the previous step
// showed: the bars sweep in key by key as the query meets each key, shrink when divided by √d,
// morph into the softmax weights; masked rows grey out; a dot per value, sized by its weight,
// flies into the output; the output's nearest words light up best first.
// Every number printed is the core's (the analysis, explainScore); only bar scales, positions
// and opacity are interpolated, and under reduced motion (motion.js) nothing moves at all.

import { el, number, percent } from '../shared/dom.js';
import { viridis } from '../shared/palette.js';
import { createFeatureStrips } from './feature-strips.js';
import { animate } from './motion.js';
import { scoreBreakdown } from './score-breakdown.js';

const ROW_H = 26; // px, one key row (views.css .ap-key-row)
const GROW = { duration: 520, easing: 'cubic-bezier(.2,.7,.2,1)', fill: 'backwards' };

const maxAbs = (values) => values.reduce((m, x) => (Number.isFinite(x) ? Math.max(m, Math.abs(x)) : m), 1e-9);

// What a row's bar and number show for a field: [fraction of the track, text, negative].
// scores and scaled share one scale (the row's largest |score|), so ÷√d visibly shrinks them.
function reading(field, h, i, blocked, show, big) {
  if (field === 'weights') return blocked ? [0, 'blocked: 0%', false] : [h.weights[i], percent(h.weights[i]), false];
  const x = field === 'scores' ? h.scores[i] : h.scaled[i];
  if (!Number.isFinite(x)) return [0, show.blocked ? '−∞' : '… (see the mask)', false];
  return [Math.min(1, Math.abs(x) / big), number(x), x < 0];
}

function strips(a, h, row) {
  const d = a.headDim;
  const slice = (arr, i) => arr.subarray(i * d, i * d + d);
  const q = a.tokens[row].text;
  return el(
    'div',
    { class: 'ap-qkv' },
    createFeatureStrips({
      caption: `Q of “${q}” (what it looks for) and K of every word (what each offers), over the same named features`,
      names: h.queryFeatures,
      rows: [
        { label: `Q “${q}”`, values: slice(h.q, row), accent: true },
        ...a.sourceTokens.map((t, j) => ({ label: `K “${t.text}”`, values: slice(h.k, j) })),
      ],
    }),
    createFeatureStrips({
      caption: 'V of every word: what it passes on when attended to',
      names: h.valueFeatures,
      rows: a.sourceTokens.map((t, j) => ({ label: `V “${t.text}”`, values: slice(h.v, j) })),
    }),
  );
}

function nearestList(h, row) {
  const items = (h.nearest?.[row] ?? []).map((n) =>
    el(
      'li',
      { class: 'ap-nearest-word' },
      el('span', { class: 'ap-word', text: n.word }),
      el('span', { class: 'ap-num', text: ` ${number(n.similarity, 2)}` }),
    ),
  );
  return el(
    'ol',
    { class: 'ap-nearest', 'aria-label': 'The words looked at that are nearest to the output' },
    ...(items.length ? items : [el('li', { text: '(no word is close)' })]),
  );
}

// One key's row: its word, the bar and number of the step's field, greyed when blocked, the
// dot that flows into the output, its similarity when the output lands on it.
function keyRow({ token, j, i, h, show, big, col, nearest, rank }) {
  const blocked = Boolean(h.mask[i]);
  const [fraction, text, negative] = reading(show.bar, h, i, blocked, show, big);
  const bar = el('span', { class: `ap-bar${negative ? ' ap-bar-negative' : ''}` });
  bar.style.transform = `scaleX(${fraction})`;
  if (show.bar === 'weights' && !blocked) bar.style.backgroundColor = viridis(h.weights[i]);
  const r = rank(token);
  const near = r >= 0 ? number(nearest[r].similarity, 2) : '';
  const li = el(
    'li',
    {
      class: `ap-key-row ap-score-row${j === col ? ' ap-focus' : ''}${blocked && show.blocked ? ' ap-blocked-row' : ''}${r >= 0 ? ' ap-landed' : ''}`,
      tabindex: 0,
      'data-col': j,
      'aria-label': `${token.text}: ${text}${r >= 0 ? `, nearest to the output (${near})` : ''}`,
    },
    el('span', { class: 'ap-key-word', text: token.text }),
    el('span', { class: 'ap-bar-track' }, bar),
    el('span', { class: 'ap-num', text }),
    show.flow && !blocked ? el('span', { class: 'ap-flow', 'aria-hidden': 'true' }) : null,
    r >= 0 ? el('span', { class: 'ap-similarity', text: `≈ ${near}` }) : null,
  );
  return { li, bar, blocked, i, rank: r };
}

/**
 * a: analysis; h: a.heads[head]; row: the focused query; col: the selected key or null;
 * show: the step's show (timeline.js); explain: (query, key) -> explainScore result.
 * -> {node, play(previousShow)}: node holds the step's end state; play() (after node is in the
 * document) animates into it from what previousShow had drawn (null: from nothing).
 */
export function createStepsBoard({ a, h, row, col, show, explain }) {
  const S = a.sourceTokens.length;
  const query = a.tokens[row].text;
  if (show.strips) return { node: strips(a, h, row), play() {} };

  const big = maxAbs(h.scores.subarray(row * S, row * S + S));
  const nearest = show.nearest ? (h.nearest?.[row] ?? []) : [];
  const rank = (t) => nearest.findIndex((n) => n.word === t.lower || n.word === t.text);
  const marker = el('div', { class: 'ap-q-marker', 'aria-hidden': 'true', text: `Q “${query}”` });
  const list = el('ol', { class: 'ap-key-rows', 'aria-label': `What “${query}” computes for each word` }, marker);
  const rows = a.sourceTokens.map((token, j) => keyRow({ token, j, i: row * S + j, h, show, big, col, nearest, rank }));
  list.append(...rows.map((r) => r.li));
  const output = show.output
    ? createFeatureStrips({
        caption: `Output of this head for “${query}”: the values mixed by the weights above`,
        names: h.valueFeatures,
        rows: [
          { label: `out “${query}”`, values: h.output.subarray(row * a.headDim, (row + 1) * a.headDim), accent: true },
        ],
      })
    : null;
  const node = el(
    'div',
    { class: 'ap-board' },
    list,
    show.breakdown && col !== null
      ? scoreBreakdown({
          explain: () => explain(row, col),
          query,
          key: a.sourceTokens[col].text,
          termByTerm: show.sweep,
        })
      : null,
    output,
    // a model's head (issue 17) has no word vectors to decode its output against: nearest is null
    show.nearest && h.nearest !== null ? nearestList(h, row) : null,
  );
  return { node, play: (previous) => play({ h, show, previous, rows, marker, output, big, S }) };
}

function play({ h, show, previous, rows, marker, output, big, S }) {
  const stagger = show.sweep ? Math.min(90, 1400 / Math.max(1, S)) : 0;
  if (show.sweep)
    animate(
      marker,
      [
        { transform: 'translateY(0)', opacity: 1 },
        { transform: `translateY(${(S - 1) * ROW_H}px)`, opacity: 1 },
      ],
      {
        duration: Math.max(1, S - 1) * stagger + 200,
        easing: 'linear',
      },
    );
  for (const [j, { li, bar, blocked, i }] of rows.entries()) {
    const from =
      previous?.bar && previous.bar !== show.bar ? reading(previous.bar, h, i, blocked, previous, big)[0] : null;
    if (!previous?.bar || from !== null) {
      const to = bar.style.transform;
      animate(bar, [{ transform: `scaleX(${from ?? 0})` }, { transform: to }], { ...GROW, delay: j * stagger });
      animate(li.querySelector('.ap-num'), [{ opacity: 0 }, { opacity: 1 }], {
        duration: 300,
        delay: j * stagger,
        fill: 'backwards',
      });
    }
    if (blocked && show.blocked && !previous?.blocked)
      animate(li, [{ opacity: 1, backgroundColor: 'transparent' }, {}], {
        duration: 600,
        delay: 80 * j,
        fill: 'backwards',
      });
  }
  if (show.flow && !previous?.flow && output) flow(rows, h, output);
  if (show.nearest && !previous?.nearest) land(rows, output);
}

// Each value's dot flies from its row into the output strip, sized and timed by its weight.
function flow(rows, h, output) {
  const target = output.getBoundingClientRect();
  for (const { li, i } of rows) {
    const dot = li.querySelector('.ap-flow');
    if (!dot) continue;
    const size = 4 + 14 * Math.sqrt(h.weights[i]);
    dot.style.width = dot.style.height = `${size.toFixed(1)}px`;
    const box = dot.getBoundingClientRect();
    const dx = target.left + target.width / 2 - box.left;
    const dy = target.top + 20 - box.top;
    animate(
      dot,
      [
        { transform: 'translate(0, 0)', opacity: 1 },
        { transform: `translate(${dx.toFixed(0)}px, ${dy.toFixed(0)}px)`, opacity: 0.9, offset: 0.85 },
        { transform: `translate(${dx.toFixed(0)}px, ${dy.toFixed(0)}px)`, opacity: 0 },
      ],
      { duration: 1100, easing: 'ease-in', fill: 'forwards' },
    );
  }
  animate(output, [{ opacity: 0.15 }, { opacity: 0.15, offset: 0.6 }, { opacity: 1 }], { duration: 1300 });
}

// The output lands on its nearest words: their rows light up, best first.
function land(rows, output) {
  const landed = rows.filter((r) => r.rank >= 0).sort((x, y) => x.rank - y.rank);
  for (const [k, { li }] of landed.entries()) {
    animate(li, [{ backgroundColor: 'transparent' }, {}], { duration: 500, delay: 250 + 220 * k, fill: 'backwards' });
    const badge = li.querySelector('.ap-similarity');
    animate(
      badge,
      [
        { opacity: 0, transform: 'scale(.4)' },
        { opacity: 1, transform: 'none' },
      ],
      {
        duration: 400,
        delay: 250 + 220 * k,
        fill: 'backwards',
      },
    );
  }
  if (output) animate(output, [{ opacity: 0.4 }, { opacity: 1 }], { duration: 500 });
}
