// steps-view: one head's computation for one focused query, revealed step by step along the
// timeline (timeline.js): Q, K, V with named features; Q·K per key; ÷√d; the mask; softmax;
// the weighted sum of V; the output's nearest words among those it looked at; and, for the selected key,
// the score broken into named contributions (attn.explainScore, computed in the core).
// Steps after the current one are hidden; the current one carries its commentary.
// Every number shown is read from the analysis or explainScore result; nothing is recomputed.

import { clear, el, number, percent, svgEl, textWidth } from '../shared/dom.js';
import { viridis } from '../shared/palette.js';
import { STEPS } from '../shared/timeline.js';
import { createFeatureStrips } from './feature-strips.js';

export const defaults = Object.freeze({
  label: 'Step by step',
  steps: STEPS,
  onFocus: null, // (row, col) => void: a key row was clicked (selects the score to explain)
  onStep: null, // (index) => void: a step title was clicked
});

const maxAbs = (values) => values.reduce((m, x) => (Number.isFinite(x) ? Math.max(m, Math.abs(x)) : m), 1e-9);

export function createStepsView(container, options = {}) {
  const opts = { ...defaults, ...options };
  const root = el('div', { class: 'ap-view ap-steps', role: 'region', 'aria-label': opts.label });
  container.append(root);
  let data = null;
  let entering = false; // the step just changed: its section fades in (CSS; off under reduced motion)

  function section(index, step, ...body) {
    const current = index === data.step;
    const header = el('button', {
      class: 'ap-step-title',
      type: 'button',
      'aria-current': current ? 'step' : undefined,
      'aria-label': `Go to step ${step.title}`,
      'data-step': index,
      text: step.title,
    });
    return el(
      'section',
      {
        class: `ap-step${current ? ' ap-step-current' : ''}${current && entering ? ' ap-step-enter' : ''}`,
        'data-step-id': step.id,
        hidden: index > data.step,
      },
      el(
        'div',
        { class: 'ap-step-head' },
        header,
        current ? el('p', { class: 'ap-step-text', text: step.text }) : null,
      ),
      el('div', { class: 'ap-step-body' }, ...body),
    );
  }

  function qkvStrips(a, h, row) {
    const S = a.sourceTokens.length;
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
      S ? null : el('p', { text: 'No words to look at.' }),
    );
  }

  function scoresTable(a, h, row, col) {
    const S = a.sourceTokens.length;
    const step = data.step;
    const cols = [
      ['word', 0],
      ['Q·K', 1],
      [`÷√d (×${number(a.scale, 3)})`, 2],
      ['mask', 3],
      ['softmax', 4],
    ].filter(([, s]) => s <= step);
    const table = el(
      'table',
      { class: 'ap-table ap-scores' },
      el('caption', { text: `What “${a.tokens[row].text}” computes for each word` }),
      el('thead', {}, el('tr', {}, ...cols.map(([name]) => el('th', { scope: 'col', text: name })))),
    );
    const body = el('tbody');
    for (let j = 0; j < S; ++j) {
      const i = row * S + j;
      const blocked = Boolean(h.mask[i]);
      const tr = el('tr', {
        class: `ap-score-row${j === col ? ' ap-focus' : ''}${blocked && step >= 3 ? ' ap-blocked-row' : ''}`,
        tabindex: 0,
        'data-col': j,
        'aria-label': `${a.sourceTokens[j].text}: score ${number(h.scores[i])}${blocked ? ', blocked' : `, weight ${percent(h.weights[i])}`}`,
      });
      tr.append(el('th', { scope: 'row', text: a.sourceTokens[j].text }));
      if (step >= 1) tr.append(el('td', { class: 'ap-num', text: number(h.scores[i]) }));
      if (step >= 2)
        tr.append(
          el('td', {
            class: 'ap-num',
            text: Number.isFinite(h.scaled[i]) ? number(h.scaled[i]) : step >= 3 ? '−∞' : '…',
          }),
        );
      if (step >= 3) tr.append(el('td', { class: 'ap-mask-cell', text: blocked ? 'blocked → −∞' : 'allowed' }));
      if (step >= 4) {
        const bar = el('span', { class: 'ap-bar' });
        bar.style.width = `${(100 * h.weights[i]).toFixed(1)}%`;
        bar.style.backgroundColor = viridis(h.weights[i]);
        tr.append(
          el(
            'td',
            { class: 'ap-weight-cell' },
            el('span', { class: 'ap-bar-track' }, bar),
            el('span', { class: 'ap-num', text: percent(h.weights[i]) }),
          ),
        );
      }
      body.append(tr);
    }
    table.append(body);
    return el('div', { class: 'ap-scroll' }, table);
  }

  function breakdown(a, row, col) {
    if (!data.explain || col === null || col === undefined || col >= a.sourceTokens.length) return null;
    let e;
    try {
      e = data.explain(data.headIndex, row, col);
    } catch (error) {
      return el('p', { class: 'ap-error', text: `Could not explain this score: ${error.message}` });
    }
    const list = el('ul', { class: 'ap-contributions' });
    const big = maxAbs(e.contributions.map((c) => c.product));
    for (const c of e.contributions) {
      const bar = el('span', { class: `ap-bar ${c.product < 0 ? 'ap-bar-negative' : ''}` });
      bar.style.width = `${((50 * Math.abs(c.product)) / big).toFixed(1)}%`;
      list.append(
        el(
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
        ),
      );
    }
    if (!e.contributions.length) list.append(el('li', { text: 'No feature is shared: the score is 0.' }));
    return el(
      'div',
      { class: 'ap-breakdown', 'aria-live': 'polite' },
      el('h4', { text: `Why “${a.tokens[row].text}” → “${a.sourceTokens[col].text}” scores ${number(e.total)}` }),
      list,
      el('p', {
        class: 'ap-num',
        text: `Q·K = ${number(e.total)};  ÷√d → ${e.masked ? '−∞ (blocked by the mask)' : number(e.scaled)}`,
      }),
    );
  }

  function outputStrip(a, h, row) {
    const d = a.headDim;
    return createFeatureStrips({
      caption: `Output of this head for “${a.tokens[row].text}”: the values mixed by the weights above`,
      names: h.valueFeatures,
      rows: [{ label: `out “${a.tokens[row].text}”`, values: h.output.subarray(row * d, row * d + d), accent: true }],
    });
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

  function render() {
    clear(root);
    const a = data.analysis;
    const h = a?.heads?.[data.headIndex];
    if (!h || !a.tokens.length || !a.sourceTokens.length) return;
    const row = Math.min(data.focus?.row ?? 0, a.tokens.length - 1);
    const col = data.focus?.col ?? null;
    const s = opts.steps;
    root.append(
      el('p', {
        class: 'ap-steps-intro',
        text: `Head “${h.name}” (${h.description}) for the word “${a.tokens[row].text}”. Head size d = ${a.headDim}.`,
      }),
      section(0, s[0], qkvStrips(a, h, row)),
      // Steps 2-5 add columns to one per-key table; it sits under the newest of them.
      ...[1, 2, 3, 4].map((i) =>
        section(
          i,
          s[i],
          ...(i === Math.min(Math.max(data.step, 1), 4) && data.step >= 1
            ? [scoresTable(a, h, row, col), breakdown(a, row, col)]
            : []),
        ),
      ),
      section(5, s[5], data.step >= 5 ? outputStrip(a, h, row) : null),
      // A model's head (issue 17) has no word vectors to decode its output against: nearest is null.
      section(6, s[6], data.step >= 6 && h.nearest !== null ? nearestList(h, row) : null),
    );
  }

  root.addEventListener('click', (event) => {
    const stepButton = event.target.closest?.('[data-step]');
    if (stepButton) return opts.onStep?.(Number(stepButton.dataset.step));
    const keyRow = event.target.closest?.('.ap-score-row');
    if (keyRow) opts.onFocus?.(data.focus?.row ?? 0, Number(keyRow.dataset.col));
  });
  root.addEventListener('keydown', (event) => {
    const keyRow = event.target.closest?.('.ap-score-row');
    if (!keyRow || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    opts.onFocus?.(data.focus?.row ?? 0, Number(keyRow.dataset.col));
  });

  /** An SVG of the current step's per-key numbers (bars of the softmax weights), for export. */
  function exportSvg() {
    const a = data?.analysis;
    const h = a?.heads?.[data.headIndex];
    if (!h || !a.sourceTokens.length) return null;
    const row = Math.min(data.focus?.row ?? 0, a.tokens.length - 1);
    const S = a.sourceTokens.length;
    const leftW = Math.ceil(Math.max(...a.sourceTokens.map((t) => textWidth(t.text)))) + 12;
    const width = leftW + 320;
    const height = 30 + S * 20;
    const svg = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` });
    svg.append(
      svgEl(
        'text',
        { x: 0, y: 14, class: 'ap-strip-heading' },
        `Head ${h.name}: softmax weights for “${a.tokens[row].text}”`,
      ),
    );
    for (let j = 0; j < S; ++j) {
      const w = h.weights[row * S + j];
      const y = 24 + j * 20;
      svg.append(
        svgEl('text', { x: leftW - 6, y: y + 10, 'text-anchor': 'end', class: 'ap-label' }, a.sourceTokens[j].text),
        svgEl('rect', {
          x: leftW,
          y: y + 2,
          width: Math.max(1, 240 * w),
          height: 16,
          fill: h.mask[row * S + j] ? '#b8b8b8' : viridis(w),
        }),
        svgEl('text', { x: leftW + 246, y: y + 10, class: 'ap-label' }, h.mask[row * S + j] ? 'blocked' : percent(w)),
      );
    }
    return svg;
  }

  return {
    update(next) {
      entering = data !== null && data.step !== next.step;
      data = next;
      render();
    },
    svg: exportSvg,
    destroy() {
      root.remove();
    },
  };
}
