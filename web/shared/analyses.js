// analyses: which attn.analyze() calls a state needs, made the same way by the page and the
// widget, so both show the same numbers on the same settings. `main` is the state's own mode;
// the side-by-side layout also needs `unmasked` (the same heads without the causal mask).
// An empty cross-attention source is not an error: the sentence then reads itself, and a
// problem says so. It asks the core; it computes nothing itself.

const EMPTY_SOURCE =
  'Cross-attention needs a source sentence (the words to read from); the sentence looks at itself for now.';

/**
 * state (shared/state.js) -> {requests: {main, unmasked?}: analyze() options, problems}.
 * fields: the matrices to copy out of the core (undefined = all).
 */
export function analysisRequests(state, fields) {
  const problems = [];
  const base = { text: state.text, lang: state.lang, mode: state.mode, ...(fields && { fields }) };
  const requests = { main: base };
  if (state.mode === 'cross') {
    const blank = state.source.trim() === '';
    if (blank) problems.push(EMPTY_SOURCE);
    requests.main = {
      ...base,
      source: blank ? state.text : state.source,
      sourceLang: blank ? state.lang : state.sourceLang,
    };
  }
  if (state.layout === 'compare') requests.unmasked = { ...base, mode: 'self' };
  return { requests, problems };
}

/**
 * Runs the requests on attn -> {analyses: {main, unmasked?}, problems, coreMs}. Throws the
 * core's AttentionError (the caller shows it).
 */
export function runAnalyses(attn, state, fields) {
  const { requests, problems } = analysisRequests(state, fields);
  const analyses = {};
  let coreMs = 0;
  for (const [name, options] of Object.entries(requests)) {
    analyses[name] = attn.analyze(options);
    coreMs += analyses[name].timings.coreMs;
  }
  return { analyses, problems, coreMs };
}

/** A string that changes exactly when runAnalyses would ask the core something else. */
export function analysesKey(state, fields) {
  return JSON.stringify(analysisRequests(state, fields).requests);
}
