// steps-view: one head's computation for one focused query, step by step along the timeline
// (timeline.js): Q, K, V with named features; Q·K per key; ÷√d; the mask; softmax; the weighted
// sum of V; the output's nearest words among those it looked at; and, for the selected key, the
// score broken into named contributions (attn.explainScore, computed in the core).
// One fixed stage shows the current step and changes in place (a stepper above it jumps to any
// step): the stage is never taller than the window, and when the step changes it is scrolled
// into view (below any sticky bar, --ap-sticky-top), so playing never runs off screen. Each
// step's picture (steps-board.js) moves from what the previous step showed.
// When the head has no signal for the focused word (the core's evidence), the stage says
// "nothing here" and why, and its picture is faded, as the matrix fades that row.
// Every number shown is read from the analysis or explainScore result; nothing is recomputed.

import { clear, el, percent, svgEl, textWidth } from '../shared/dom.js';
import { viridis } from '../shared/palette.js';
import { STEPS } from '../shared/timeline.js';
import { createStepsBoard } from './steps-board.js';

export const defaults = Object.freeze({
  label: 'Step by step',
  steps: STEPS,
  onFocus: null, // (row, col) => void: a key row was clicked (selects the score to explain)
  onStep: null, // (index) => void: a step was chosen in the stepper
});

export function createStepsView(container, options = {}) {
  const opts = { ...defaults, ...options };
  const root = el('div', { class: 'ap-view ap-steps', role: 'region', 'aria-label': opts.label });
  const intro = el('p', { class: 'ap-steps-intro' });
  const stepper = el('ol', { class: 'ap-stepper', 'aria-label': 'Steps' });
  const title = el('h3', { class: 'ap-step-title' });
  const text = el('p', { class: 'ap-step-text', 'aria-live': 'polite' });
  const body = el('div', { class: 'ap-step-body' });
  // The head's verdict on the focused word (the core's evidence, view-model.js's quietRows): when
  // it has nothing to do there, every step says so above its picture, and the picture is faded.
  const nothing = el('p', { class: 'ap-steps-quiet', hidden: true });
  const stage = el(
    'section',
    { class: 'ap-stage ap-step ap-step-current', tabindex: 0, 'aria-roledescription': 'animation stage' },
    el('div', { class: 'ap-step-head' }, title, text),
    nothing,
    body,
  );
  for (const [i, step] of opts.steps.entries())
    stepper.append(
      el(
        'li',
        {},
        el('button', {
          type: 'button',
          class: 'ap-stepper-button',
          'data-step': i,
          'aria-label': `Go to step ${step.title}`,
          title: step.title,
          text: String(i + 1),
        }),
      ),
    );
  root.append(intro, stepper, stage);
  container.append(root);
  let data = null;
  let shown = null; // {step, row, head, words}: what the stage holds, to move from it

  function render() {
    const a = data.analysis;
    const h = a?.heads?.[data.headIndex];
    root.hidden = !h || !a.tokens.length || !a.sourceTokens.length;
    if (root.hidden) return;
    const row = Math.min(data.focus?.row ?? 0, a.tokens.length - 1);
    const col = data.focus?.col ?? null;
    const step = opts.steps[data.step] ?? opts.steps[0];
    intro.textContent = `Head “${h.name}” (${h.description}) for the word “${a.tokens[row].text}”. Head size d = ${a.headDim}.`;
    for (const button of stepper.querySelectorAll('button')) {
      const i = Number(button.dataset.step);
      if (i === data.step) button.setAttribute('aria-current', 'step');
      else button.removeAttribute('aria-current');
      button.classList.toggle('ap-stepper-done', i < data.step);
    }
    stage.dataset.stepId = step.id;
    stage.setAttribute('aria-label', step.title);
    title.textContent = step.title;
    text.textContent = step.text;
    const board = createStepsBoard({
      a,
      h,
      row,
      col: col !== null && col < a.sourceTokens.length ? col : null,
      show: step.show ?? {},
      explain: (q, k) => data.explain(data.headIndex, q, k),
    });
    clear(body);
    body.append(board.node);
    const reason = data.quiet?.reasons[row] ?? '';
    nothing.hidden = !reason;
    nothing.textContent = reason ? `∅ Nothing here. ${reason}` : '';
    body.classList.toggle('ap-steps-idle', Boolean(reason));
    // Motion only when the step changed on the same query and head: typing or hovering redraws
    // the end state at once.
    const words = a.tokens.map((t) => t.text).join(' ');
    const same = shown && shown.row === row && shown.head === data.headIndex && shown.words === words;
    if (same && shown.step !== data.step) {
      board.play(opts.steps[shown.step]?.show ?? null);
      follow();
    }
    shown = { step: data.step, row, head: data.headIndex, words };
  }

  /** Brings the stage into view (it fits the window: views.css), below any sticky bar. */
  function follow() {
    if (!stage.isConnected || typeof innerHeight !== 'number') return;
    const box = stage.getBoundingClientRect();
    const top = parseFloat(getComputedStyle(stage).scrollMarginTop) || 0;
    if (box.top >= top && box.bottom <= innerHeight) return;
    // Instantly: a smooth scroll would leave the frames in between partly off screen.
    stage.scrollIntoView({ block: box.top < top ? 'start' : 'end', behavior: 'instant' });
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
    event.stopPropagation(); // Space here selects the key; it does not play
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
      data = next;
      render();
    },
    /** Scrolls the stage into view (the page calls it when Play starts). */
    follow: () => data && follow(),
    svg: exportSvg,
    destroy() {
      root.remove();
    },
  };
}
