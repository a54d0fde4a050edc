// model-area: what a model source (shared/model-source.js) looks like, on the page and in the
// widget alike: its title and honest label, notes, its sub-word tokens (readable, the raw piece
// in the tooltip), the next-token (GPT-2) or fill-[MASK] (BERT) top 5, the layers × heads grid,
// and the picked head in the matrix, lines, strip or step-by-step view. It draws what the source
// holds; the steps view reads the trace of the head from the run (or, for a trace of q, k, v only,
// headStep: the host passes the core's scaledDotProduct), as the hand-built steps get explainScore.
// Element ids are given on the page (ids: true) so its tests and links can name the parts.

import { el, percent, update } from '../shared/dom.js';
import { readablePiece } from '../shared/model-source.js';
import { createHeadGrid } from './head-grid.js';
import { learnedPredictions } from './learned-predictions.js';
import { MODEL_STEPS, headGridInput, modelHeadData, modelStepsData } from './model-view-model.js';

const PARTS = ['title', 'honest', 'notes', 'tokens', 'top', 'grid', 'head'];

/**
 * container: where to draw; options: { factories: {matrix, lines, strip, steps} view factories,
 * handlers: {focus(row, col, fromKeyboard), pin(row, col), step(i), token(i), select({layer, head})},
 * headStep({q, k, v, tq, tk, dk, dv, mask}) -> {scores, masked, weights, output}, ids: false,
 * titled: false to leave the title and label to the host (the widget has them in its frame) }
 * -> { update(source, view: {text, view, focus, key, step}, at: {layer, head}) -> notes, note(text), destroy() }
 */
export function createModelArea(container, { factories, handlers, headStep, ids = false, titled = true }) {
  const part = (name, tag, attrs = {}) =>
    el(tag, { class: `ap-model-${name}`, id: ids ? `model-${name}` : undefined, ...attrs });
  const nodes = {
    title: part('title', 'h2'),
    honest: part('honest', 'p', { class: 'ap-honest ap-model-honest' }),
    notes: part('notes', 'ul'),
    tokens: part('tokens', 'div', { class: 'ap-chips ap-model-tokens', role: 'group', 'aria-label': 'Tokens' }),
    top: part('top', 'section', { 'aria-label': 'Predictions' }),
    grid: part('grid', 'section', { 'aria-label': 'Every head' }),
    head: part('head', 'section', { 'aria-label': 'The picked head' }),
  };
  const root = el(
    'div',
    { class: 'ap-model-area-body' },
    PARTS.map((name) => nodes[name]),
  );
  container.append(root);
  const grid = createHeadGrid(nodes.grid, {
    label: 'Every head: rows are layers, columns heads. Enter or click opens a head below.',
    onSelect: (at) => handlers.select(at),
  });
  let view = null;
  let viewKind = '';

  nodes.tokens.addEventListener('click', (event) => {
    const chip = event.target.closest?.('[data-token]');
    if (chip) handlers.token(Number(chip.dataset.token));
  });

  function showTokens(src, focus) {
    const box = nodes.tokens;
    while (box.children.length > src.T) box.lastElementChild.remove();
    while (box.children.length < src.T) box.append(el('button', { type: 'button', class: 'ap-chip-button' }));
    src.tokens.forEach((t, i) =>
      update(box.children[i], {
        'data-token': i,
        title: t.raw === t.text ? t.text : `vocabulary piece: ${t.raw}`,
        'aria-label': `Focus on “${t.text}”${t.raw === t.text ? '' : ` (piece ${t.raw})`}`,
        'aria-pressed': String(i === focus),
        text: t.text,
      }),
    );
  }

  function showPredictions(src, text) {
    const list = (items) =>
      el(
        'ol',
        { class: 'ap-model-toplist' },
        items.map((p) =>
          el(
            'li',
            {},
            el('span', { class: 'ap-word', text: readablePiece(p.token, src.family).text }),
            el('span', { class: 'ap-num', text: percent(p.probability) }),
          ),
        ),
      );
    const out = [];
    if (src.family === 'learned') return nodes.top.replaceChildren(...learnedPredictions(src, text, list));
    if (src.family === 'gpt2' && src.top.length)
      out.push(el('h3', { text: `Next token after “${text.slice(-40)}”: top ${src.top.length}` }), list(src.top));
    else if (src.family === 'bert' && src.masks.length)
      for (const { index, top } of src.masks)
        out.push(el('h3', { text: `[MASK] (token ${index}): top ${top.length}` }), list(top));
    else if (src.family === 'bert')
      out.push(el('p', { text: 'Type [MASK] in the sentence to see what BERT would put there.' }));
    nodes.top.replaceChildren(...out);
  }

  // The picked head in the asked view; step by step needs the head's traced q, k, v.
  function showHead(src, state, at) {
    let kind = state.view;
    let note = '';
    if (kind === 'steps' && !src.trace) {
      kind = 'matrix';
      note =
        src.kind === 'imported'
          ? 'Step by step needs the queries and keys; an imported file has only the weights, so the matrix is shown.'
          : 'This run has no trace of this head, so the matrix is shown.';
    }
    if (kind !== viewKind) {
      view?.destroy();
      const options = { label: `Layer ${at.layer}, head ${at.head}`, onFocus: handlers.focus, onPin: handlers.pin };
      if (kind === 'steps') Object.assign(options, { steps: MODEL_STEPS, onStep: handlers.step });
      view = factories[kind](nodes.head, options);
      viewKind = kind;
    }
    Object.assign(nodes.head.dataset, { layer: at.layer, head: at.head, view: kind });
    const focus = { row: state.focus, col: state.key };
    if (kind === 'steps') {
      // The core's trace of the head holds every step the model took; a trace with only q, k, v
      // gets them from the core's scaledDotProduct on those.
      const { q, k, v, scores, scaled, weights, output } = src.trace;
      const d = q.length / src.T;
      const step =
        scores && scaled && weights && output
          ? { scores, masked: scaled, weights, output }
          : headStep({ q, k, v, tq: src.T, tk: src.T, dk: d, dv: d, mask: src.causal ? 'causal' : undefined });
      view.update(modelStepsData(src, at, src.trace, step, state.step, focus));
    } else view.update(modelHeadData(kind, src, at, focus));
    return note;
  }

  const showAll = (shown) => {
    PARTS.slice(1).forEach((name) => (nodes[name].hidden = !shown));
    nodes.title.hidden = !titled && shown;
    nodes.honest.hidden = !titled || !shown;
  };

  return {
    /** Draws src for the state; at is clamped to the source's heads. -> the notes shown. */
    update(src, state, at) {
      showAll(true);
      const layer = Math.min(at.layer, src.L - 1);
      const pick = { layer, head: Math.min(at.head, src.layers[layer].heads.length - 1) };
      const focus = Math.min(state.focus, src.T - 1);
      nodes.title.textContent = src.title;
      nodes.honest.textContent = src.honest;
      const notes = [...(src.warnings ?? [])];
      if (src.kind === 'imported')
        notes.push('The sentence does not change imported attention: it was computed on the tokens below.');
      showTokens(src, focus);
      showPredictions(src, state.text);
      grid.update({ ...headGridInput(src, pick), title: `${src.L} layers × ${src.H} heads on these ${src.T} tokens` });
      const headNote = showHead(src, { ...state, focus }, pick);
      if (headNote) notes.push(headNote);
      nodes.notes.replaceChildren(...notes.map((text) => el('li', { text })));
      return notes;
    },
    /** Only a sentence (loading, or why there is nothing to show). */
    note(text) {
      nodes.title.textContent = text;
      showAll(false);
    },
    destroy() {
      view?.destroy();
      root.remove();
    },
  };
}
