// analyses: the one core call a state needs, made the same way by the page and the widget, so
// both show the same numbers on the same settings. `main` is the state's own mode; the
// side-by-side layout also needs `unmasked` (the same heads without the causal mask), and gets
// both from one attn.analyzeModes() call (one tokenize and tag, so the two share their tokens).
// An empty cross-attention source is not an error: the core reads nothing (no source words, no
// matrix), the views show nothing and a problem says what to do. It computes nothing itself.
// A view of one head can have the core run that head alone (head, from shownHead): the others
// are then listed by their specs (name, description: what the head chips show) with computed: false.

import { resolveAgainst } from './state.js';

const EMPTY_SOURCE =
  'Cross-attention needs a source sentence (the words to read from): type one to see which of its words each word reads.';

/**
 * state (shared/state.js) -> analyze() options (one mode) or analyzeModes() options (the
 * side-by-side layout: modes ['causal', 'self']). fields: the matrices to copy out of the core
 * (undefined = all).
 */
export function analysisRequest(state, fields, head = null) {
  const request = {
    text: state.text,
    lang: state.lang,
    ...(fields && { fields }),
    ...(head !== null && { heads: [head] }),
  };
  // The comparison is of the causal mask against none (readState makes compare imply causal).
  if (state.layout === 'compare') return { ...request, modes: ['causal', 'self'] };
  if (state.mode === 'cross') return { ...request, mode: 'cross', source: state.source, sourceLang: state.sourceLang };
  return { ...request, mode: state.mode };
}

/**
 * Runs the state's request on attn -> {analyses: {main, unmasked?}, problems, coreMs}. Throws
 * the core's AttentionError (the caller shows it). head: shownHead(attn, state) to run only
 * that head, null for every head.
 */
export function runAnalyses(attn, state, fields, head = null) {
  const request = analysisRequest(state, fields, head);
  const problems = [];
  if (request.modes) {
    const { causal, self } = attn.analyzeModes(request);
    return { analyses: { main: causal, unmasked: self }, problems, coreMs: causal.timings.coreMs };
  }
  const main = head === null ? attn.analyze(request) : withAllHeads(attn, attn.analyze(request), head);
  if (main.mode === 'cross' && main.tokens.length > 0 && main.sourceTokens.length === 0) problems.push(EMPTY_SOURCE);
  return { analyses: { main }, problems, coreMs: main.timings.coreMs };
}

// The mode's heads: every spec in cross mode, all but the last (Alignment, cross-only) otherwise.
const specsOf = new WeakMap(); // attn -> its headSpecs() (they never change)
function modeSpecs(attn, mode) {
  if (!specsOf.has(attn)) specsOf.set(attn, attn.headSpecs());
  const specs = specsOf.get(attn);
  return mode === 'cross' ? specs : specs.slice(0, -1);
}

/**
 * The head a one-head view of state shows, picked as resolveAgainst picks it (its problems are
 * reported from the analysis) -> index, or null for the side-by-side layout (both modes, every head).
 */
export function shownHead(attn, state) {
  if (state.layout === 'compare') return null;
  const heads = modeSpecs(attn, state.mode).map(({ name }) => ({ name }));
  return resolveAgainst(state, { mode: state.mode, heads, tokens: [] }).heads[0];
}

// analysis of the one head `head` -> the same with every head of the mode, the others by spec only.
function withAllHeads(attn, analysis, head) {
  const [computed] = analysis.heads;
  const heads = modeSpecs(attn, analysis.mode).map((spec, i) => (i === head ? computed : { ...spec, computed: false }));
  return { ...analysis, heads };
}

/** Whether the analyses have a matrix to draw: words that look and words looked at. */
export function drawable(analyses) {
  return analyses.main.tokens.length > 0 && analyses.main.sourceTokens.length > 0;
}

/** A string that changes exactly when runAnalyses (same arguments) would ask the core something else. */
export function analysesKey(state, fields, head = null) {
  return JSON.stringify(analysisRequest(state, fields, head));
}
