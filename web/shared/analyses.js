// analyses: the one core call a state needs, made the same way by the page and the widget, so
// both show the same numbers on the same settings. `main` is the state's own mode; the
// side-by-side layout also needs `unmasked` (the same heads without the causal mask), and gets
// both from one attn.analyzeModes() call (one tokenize and tag, so the two share their tokens).
// An empty cross-attention source is not an error: the sentence then reads itself, and a
// problem says so. It asks the core; it computes nothing itself.

const EMPTY_SOURCE =
  'Cross-attention needs a source sentence (the words to read from); the sentence looks at itself for now.';
const blankSource = (state) => state.mode === 'cross' && state.layout !== 'compare' && state.source.trim() === '';

/**
 * state (shared/state.js) -> analyze() options (one mode) or analyzeModes() options (the
 * side-by-side layout: modes ['causal', 'self']). fields: the matrices to copy out of the core
 * (undefined = all).
 */
export function analysisRequest(state, fields) {
  const request = { text: state.text, lang: state.lang, ...(fields && { fields }) };
  // The comparison is of the causal mask against none (readState makes compare imply causal).
  if (state.layout === 'compare') return { ...request, modes: ['causal', 'self'] };
  if (state.mode === 'cross') {
    const blank = blankSource(state);
    return {
      ...request,
      mode: 'cross',
      source: blank ? state.text : state.source,
      sourceLang: blank ? state.lang : state.sourceLang,
    };
  }
  return { ...request, mode: state.mode };
}

/**
 * Runs the state's request on attn -> {analyses: {main, unmasked?}, problems, coreMs}. Throws
 * the core's AttentionError (the caller shows it).
 */
export function runAnalyses(attn, state, fields) {
  const request = analysisRequest(state, fields);
  const problems = blankSource(state) ? [EMPTY_SOURCE] : [];
  if (request.modes) {
    const { causal, self } = attn.analyzeModes(request);
    return { analyses: { main: causal, unmasked: self }, problems, coreMs: causal.timings.coreMs };
  }
  const main = attn.analyze(request);
  return { analyses: { main }, problems, coreMs: main.timings.coreMs };
}

/** A string that changes exactly when runAnalyses would ask the core something else. */
export function analysesKey(state, fields) {
  return JSON.stringify(analysisRequest(state, fields));
}
