// panels: decides which views a state's layout shows and feeds each one its slice of the
// analyses (through viewModel). single: one view; compare: the same head unmasked and causal
// side by side plus the [MASK] comparison; heads: every head, the concatenation and the output
// projection above the chosen view of the first selected head. Views are created when the
// layout changes and only updated otherwise, so hover and typing stay cheap. The page and the
// widget both use it; each passes the view factories it has (the widget loads them lazily).

import { el, clear } from '../shared/dom.js';
import { viewModel } from './view-model.js';

const VIEW_LABELS = {
  matrix: 'Attention matrix',
  lines: 'Attention lines',
  strip: 'While processing one word',
  steps: 'Step by step',
  multihead: 'All heads',
};

/** The view kinds a state's layout shows (to load their modules first). */
export function viewKinds(state) {
  if (state.layout === 'heads') return ['multihead', state.view];
  if (state.layout === 'compare') return [state.view, 'strip'];
  return [state.view];
}

// The [MASK] token the causal comparison centres on: the tokenizer's special token, never a
// typed word "mask". Without one, the focused word.
function maskRow(analysis, fallback) {
  const i = analysis.tokens.findIndex((t) => t.kind === 'special' && t.text.toUpperCase() === '[MASK]');
  return i >= 0 ? i : fallback;
}

/**
 * host: the element to fill; handlers: {focus(row, col, fromKeyboard), pin(row, col), step(i),
 * selectHeads(indices), explain(analysis, head, q, k)}; options: {factories: {kind: create},
 * titled: false to leave out the view titles and a single view's panel title (the widget names
 * them in its header; side-by-side panels keep theirs, or they could not be told apart)}.
 */
export function createPanels(host, handlers, { factories, titled = true }) {
  let layoutKey = '';
  let slots = []; // [{name, view, title, kind}]

  function slot(parent, name, kind, title, note, { heading = titled } = {}) {
    const box = el('section', { class: `ap-panel ap-panel-${name}`, 'aria-label': title });
    if (heading) box.append(el('h2', { class: 'ap-panel-title', text: title }));
    if (note) box.append(el('p', { class: 'ap-panel-note', text: note }));
    parent.append(box);
    const view = factories[kind](box, {
      label: `${VIEW_LABELS[kind]}: ${title}`,
      onFocus: (row, col, fromKeyboard) => handlers.focus(row, col, fromKeyboard),
      onPin: (row, col) => handlers.pin(row, col),
      onStep: (i) => handlers.step(i),
      onSelect: (indices) => handlers.selectHeads(indices),
    });
    slots.push({ name, view, title, kind });
  }

  function layout(state) {
    for (const s of slots) s.view.destroy();
    slots = [];
    clear(host);
    const { layout: shape, view } = state;
    if (shape === 'compare') {
      const pair = el('div', { class: 'ap-pair' });
      host.append(pair);
      const both = { heading: true };
      slot(pair, 'bidirectional', view, 'Bidirectional (like BERT): every word sees every word', null, both);
      slot(
        pair,
        'causal',
        view,
        'Causal (like GPT): each word sees only itself and the past',
        'Grey hatched = the future, blocked. Each row still sums to 100%: the weights renormalise over the words that remain.',
        both,
      );
      const maskPair = el('div', { class: 'ap-pair ap-mask-pair' });
      host.append(el('h2', { class: 'ap-section-title', text: 'Which words may each side use?' }), maskPair);
      slot(maskPair, 'mask-bidirectional', 'strip', 'Bidirectional', null, both);
      slot(maskPair, 'mask-causal', 'strip', 'Causal', null, both);
    } else if (shape === 'heads') {
      slot(host, 'heads', 'multihead', 'All heads', null, { heading: true });
      slot(host, 'main', view, 'In detail: the head clicked last', null, { heading: true });
    } else {
      const titles = {
        self: 'Self-attention: every word looks at every word',
        causal: 'Causal attention: each word looks at itself and the words before it',
        cross: 'Cross-attention: each target word (row) reads the source (columns)',
      };
      slot(host, 'main', view, titles[state.mode]);
    }
  }

  return {
    /**
     * state: the shared state with heads and focus resolved (resolveAgainst) and key;
     * analyses: {main, unmasked?} (shared/analyses.js).
     */
    update(state, analyses) {
      // A single view's panel title names the mode: a new mode builds it again.
      const key = `${state.layout}|${state.view}|${state.layout === 'single' ? state.mode : ''}`;
      if (key !== layoutKey) {
        layoutKey = key;
        layout(state);
      }
      const ctx = {
        head: state.heads[0],
        focus: { row: state.focus, col: state.key },
        step: state.step,
        selected: state.heads,
        titled,
      };
      const model = (kind, analysis, row = state.focus) =>
        viewModel(kind, analysis, {
          ...ctx,
          focus: { row, col: state.key },
          explain: (h, q, k) => handlers.explain(analysis, h, q, k),
        });
      for (const s of slots) {
        if (s.name === 'heads') s.view.update(model('multihead', analyses.main));
        else if (s.name === 'bidirectional') s.view.update(model(s.kind, analyses.unmasked));
        else if (s.name === 'mask-bidirectional' || s.name === 'mask-causal') {
          const a = s.name === 'mask-causal' ? analyses.main : analyses.unmasked;
          s.view.update({ ...model('strip', a, maskRow(a, state.focus)), title: '' });
        } else s.view.update(model(s.kind, analyses.main));
      }
    },
    /** [{svg, title}] of every visible view, for export. */
    pictures: () => slots.map((s) => ({ svg: s.view.svg(), title: s.title })),
    /** Brings the views that follow an animation into view (the steps' stage, when Play starts). */
    follow() {
      for (const s of slots) s.view.follow?.();
    },
    /** Forgets the layout: the next update builds the views again (after a resize). */
    reset() {
      layoutKey = '';
    },
    destroy() {
      for (const s of slots) s.view.destroy();
      slots = [];
      layoutKey = '';
      clear(host);
    },
  };
}
