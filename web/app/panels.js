// panels: decides which views the current mode shows and feeds each one its slice of the
// analyses. Self and Cross show one view; Masked shows bidirectional and causal side by side
// plus the [MASK] comparison; Multi-head shows every head, the concatenation and the output
// projection above the chosen view of the first selected head. Views are created when the
// layout changes (mode or view) and only updated otherwise, so hover and typing stay cheap.

import { el, clear } from './dom.js';
import { createMatrixView } from './views/matrix-view.js';
import { createLinesView } from './views/lines-view.js';
import { createStripView } from './views/strip-view.js';
import { createStepsView } from './views/steps-view.js';
import { createMultiheadView } from './views/multihead-view.js';

const FACTORIES = { matrix: createMatrixView, lines: createLinesView, strip: createStripView, steps: createStepsView };
const VIEW_LABELS = {
  matrix: 'Attention matrix',
  lines: 'Attention lines',
  strip: 'While processing one word',
  steps: 'Step by step',
};

const MASK_TOKEN = /^\[?mask\]?$/i;

/** handlers: {focus(row, col, fromKeyboard), pin(row, col), step(i), selectHeads(indices), explain(analysis, head, q, k)} */
export function createPanels(host, handlers) {
  let layoutKey = '';
  let slots = []; // [{name, view, title, kind}]

  function slot(parent, name, kind, title, extra = {}) {
    const box = el('section', { class: `ap-panel ap-panel-${name}`, 'aria-label': title });
    box.append(el('h2', { class: 'ap-panel-title', text: title }));
    if (extra.note) box.append(el('p', { class: 'ap-panel-note', text: extra.note }));
    parent.append(box);
    const common = {
      label: `${VIEW_LABELS[kind] ?? 'All heads'}: ${title}`,
      onFocus: (row, col, fromKeyboard) => handlers.focus(row, col, fromKeyboard),
      onPin: (row, col) => handlers.pin(row, col),
      onStep: (i) => handlers.step(i),
      onSelect: (indices) => handlers.selectHeads(indices),
    };
    const view = kind === 'multihead' ? createMultiheadView(box, common) : FACTORIES[kind](box, common);
    slots.push({ name, view, title, kind });
  }

  function layout(state) {
    for (const s of slots) s.view.destroy();
    slots = [];
    clear(host);
    const { mode, view } = state;
    if (mode === 'masked') {
      const pair = el('div', { class: 'ap-pair' });
      host.append(pair);
      slot(pair, 'bidirectional', view, 'Bidirectional (like BERT): every word sees every word');
      slot(pair, 'causal', view, 'Causal (like GPT): each word sees only itself and the past', {
        note: 'Grey hatched = the future, blocked. Each row still sums to 100%: the weights renormalise over the words that remain.',
      });
      const maskPair = el('div', { class: 'ap-pair ap-mask-pair' });
      host.append(el('h2', { class: 'ap-section-title', text: 'Which words may each side use?' }), maskPair);
      slot(maskPair, 'mask-bidirectional', 'strip', 'Bidirectional');
      slot(maskPair, 'mask-causal', 'strip', 'Causal');
    } else if (mode === 'multihead') {
      slot(host, 'heads', 'multihead', 'All heads');
      slot(host, 'main', view, 'First selected head');
    } else {
      slot(
        host,
        'main',
        view,
        mode === 'cross'
          ? 'Cross-attention: each target word (row) reads the source (columns)'
          : 'Self-attention: every word looks at every word',
      );
    }
  }

  function viewData(kind, analysis, headIndex, state, focusRow) {
    const row = Math.min(focusRow, Math.max(0, analysis.tokens.length - 1));
    const col = state.key !== null && state.key < analysis.sourceTokens.length ? state.key : null;
    if (kind === 'steps') {
      return {
        analysis,
        headIndex,
        focus: { row, col },
        step: state.step,
        explain: (h, q, k) => handlers.explain(analysis, h, q, k),
      };
    }
    const h = analysis.heads[headIndex];
    return {
      rows: analysis.tokens,
      cols: analysis.sourceTokens,
      weights: h.weights,
      mask: h.mask,
      focus: { row, col },
      rowsTitle: analysis.mode === 'cross' ? 'target' : 'word asking',
      colsTitle: analysis.mode === 'cross' ? 'source' : 'words looked at',
      title: `Head “${h.name}”: ${h.description}`,
    };
  }

  /** Index of the [MASK] token if the sentence has one, else the focused word. */
  function maskRow(analysis, fallback) {
    const i = analysis.tokens.findIndex((t) => MASK_TOKEN.test(t.text));
    return i >= 0 ? i : fallback;
  }

  return {
    /** analyses: {self?, causal?, cross?}; headIndex: the head the single views show. */
    update(state, analyses, headIndex) {
      const key = `${state.mode}|${state.view}`;
      if (key !== layoutKey) {
        layoutKey = key;
        layout(state);
      }
      for (const s of slots) {
        if (s.name === 'heads') {
          s.view.update({
            analysis: analyses.self,
            selected: state.heads,
            focus: { row: state.token },
          });
        } else if (s.name === 'bidirectional') {
          s.view.update(viewData(s.kind, analyses.self, headIndex, state, state.token));
        } else if (s.name === 'causal') {
          s.view.update(viewData(s.kind, analyses.causal, headIndex, state, state.token));
        } else if (s.name === 'mask-bidirectional' || s.name === 'mask-causal') {
          const a = s.name === 'mask-causal' ? analyses.causal : analyses.self;
          const data = viewData('strip', a, headIndex, state, maskRow(a, state.token));
          s.view.update({ ...data, title: '' });
        } else {
          s.view.update(viewData(s.kind, analyses.cross ?? analyses.self, headIndex, state, state.token));
        }
      }
    },
    /** [{svg, title}] of every visible view, for export. */
    pictures: () => slots.map((s) => ({ svg: s.view.svg?.() ?? null, title: s.title })),
    reset() {
      layoutKey = '';
    },
  };
}
