// score-breakdown: "why this score" — one query/key score as the named contributions the core's
// attn.explainScore returned (each feature's q × k product, their sum, ÷√d, the mask). Shared by
// the steps view (step 2 onwards) and the matrix's cell popover. It draws the given numbers and
// computes none; bar lengths are each product over the largest one.

import { el, number } from '../shared/dom.js';
import { animate } from './motion.js';

const maxAbs = (values) => values.reduce((m, x) => (Number.isFinite(x) ? Math.max(m, Math.abs(x)) : m), 1e-9);

/**
 * explain: () -> explainScore result {total, scaled, masked, contributions: [{feature, q, k,
 * product, dims?, scaledProduct?}]} (may throw: the error is shown); query, key: the two words.
 * termByTerm: the contributions appear one after another (the Q·K step's motion).
 * -> an element.
 */
export function scoreBreakdown({ explain, query, key, termByTerm = false }) {
  let e;
  try {
    e = explain();
  } catch (error) {
    return el('p', { class: 'ap-error', text: `Could not explain this score: ${error.message}` });
  }
  const list = el('ul', { class: 'ap-contributions' });
  const big = maxAbs(e.contributions.map((c) => c.product));
  for (const [i, c] of e.contributions.entries()) {
    const bar = el('span', { class: `ap-bar ${c.product < 0 ? 'ap-bar-negative' : ''}` });
    bar.style.width = `${((50 * Math.abs(c.product)) / big).toFixed(1)}%`;
    const item = el(
      'li',
      {},
      el('span', { class: 'ap-feature-name', text: c.feature }),
      el('span', {
        class: 'ap-num',
        // a group of several dimensions has no single q and k: show its summed product only
        text: `${c.dims > 1 ? `Σ of ${c.dims} dims` : `${number(c.q)} × ${number(c.k)}`} = ${number(c.product)}${
          c.scaledProduct !== undefined ? ` (÷√d: ${number(c.scaledProduct)})` : ''
        }`,
      }),
      el('span', { class: 'ap-bar-track' }, bar),
    );
    if (termByTerm)
      animate(
        item,
        [
          { opacity: 0, transform: 'translateX(-8px)' },
          { opacity: 1, transform: 'none' },
        ],
        {
          duration: 260,
          delay: 120 * i,
          fill: 'backwards',
        },
      );
    list.append(item);
  }
  if (!e.contributions.length) list.append(el('li', { text: 'No feature is shared: the score is 0.' }));
  return el(
    'div',
    { class: 'ap-breakdown' },
    el('h4', { text: `Why “${query}” → “${key}” scores ${number(e.total)}` }),
    list,
    el('p', {
      class: 'ap-num',
      text: `Q·K = ${number(e.total)};  ÷√d → ${e.masked ? '−∞ (blocked by the mask)' : number(e.scaled)}`,
    }),
  );
}
