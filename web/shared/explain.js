// explain: "why this score" for any view. attn.explainScore needs the analysis's q, k and mask,
// which a view that draws only weights did not ask the core for (main.js copies out only what
// is drawn, to keep a keystroke cheap). This asks the core again for those three fields when a
// score is explained — once per text and settings, on a click, never per keystroke — and
// explains from that. It computes nothing itself.

import { analysesKey, runAnalyses } from './analyses.js';

const FIELDS = ['q', 'k', 'mask'];

/**
 * attn: () -> the loaded core; state: () -> the shared state the analysis was made from.
 * -> (analysis, head, query, key) -> explainScore result (throws the core's AttentionError).
 */
export function createExplainer(attn, state) {
  let cache = { key: '', analyses: [] };
  return (analysis, head, query, key) => {
    const core = attn();
    if (FIELDS.every((f) => analysis.heads[head]?.[f] != null)) return core.explainScore(analysis, head, query, key);
    const now = state();
    const cacheKey = analysesKey(now, FIELDS);
    if (cacheKey !== cache.key)
      cache = { key: cacheKey, analyses: Object.values(runAnalyses(core, now, FIELDS).analyses) };
    const same = cache.analyses.find((a) => a.mode === analysis.mode) ?? cache.analyses[0];
    return core.explainScore(same, head, query, key);
  };
}
