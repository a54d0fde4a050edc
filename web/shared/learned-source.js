// learned-source: the two models this project trained on the Brown corpus (issue 18,
// attn.loadLearnedModel) as the `model` state values 'learned-causal' and 'learned-masked', in
// the source shape the head grid and the head views read (shared/model-source.js). Each model is
// fetched once per page, only when a page or widget selects it. It computes nothing: the
// weights, predictions, portraits and the attended-to row all come from the API.

import { modelSource } from './model-source.js';

export const LEARNED_MODELS = Object.freeze({
  'learned-causal': 'causal',
  'learned-masked': 'masked',
});

/** True when state.model names one of the learned models. */
export const isLearned = (model) => Object.hasOwn(LEARNED_MODELS, model);

const loads = new Map(); // kind -> Promise<lm>

/** attn: the API; model: 'learned-causal' | 'learned-masked' -> Promise<lm>, one load per page. */
export function loadLearned(attn, model) {
  const kind = LEARNED_MODELS[model];
  if (!loads.has(kind)) {
    const pending = attn.loadLearnedModel(kind);
    pending.catch(() => loads.delete(kind));
    loads.set(kind, pending);
  }
  return loads.get(kind);
}

// One decimal: close figures (34.4% and 34.2%) must not both read 34%.
const percent = (x) => `${(100 * x).toFixed(1)}%`;

/** The honest sentence shown with a learned model (its figures from lm.info). */
export function learnedHonest(lm) {
  const i = lm.info;
  const vs =
    i.kind === 'causal'
      ? `held-out perplexity ${i.heldOutPerplexity?.toFixed(0)} against ${i.baselinePerplexity?.toFixed(0)} for a trigram (Kneser-Ney) model, lower is better`
      : `on held-out text it guesses the hidden word ${percent(i.maskedAccuracy)} of the time, a trigram model using both sides ${percent(i.baselineMaskedAccuracy)}`;
  return `Trained by this project on ~1M words of 1960s American English (the Brown corpus): small (${(i.parameters / 1e6).toFixed(1)} M parameters, ${i.vocabSize.toLocaleString('en')} words, others are <unk>) and often wrong; ${vs}. Head labels are measured on held-out text.`;
}

/**
 * lm: from loadLearned; text: the sentence -> a source like modelSource's, plus each head's
 * measured label and score, and for each prediction the last layer's attention from it
 * (`attended`: [{ text, weight }] of the three words it weighed most).
 */
export function learnedSource(lm, text) {
  const a = lm.attention(text);
  const kind = lm.info.kind;
  const hasMask = a.tokens.some((t) => t.text.toUpperCase() === '[MASK]');
  const predictions = kind === 'causal' || hasMask ? lm.predict(text, { k: 5 }) : [];
  const attended = (p) =>
    [...p.attention]
      .map((weight, j) => ({ text: a.tokens[j].text, weight }))
      .sort((x, y) => y.weight - x.weight)
      .slice(0, 3);
  const asTop = (p) => p.top.map((t) => ({ token: t.word, probability: t.probability }));
  const T = a.tokens.length;
  const fake = {
    family: 'learned',
    config: { heads: lm.info.heads, layers: lm.info.layers, embedDim: lm.info.embedDim },
  };
  const run = {
    tokens: a.tokens.map((t) => ({ text: t.known ? t.text : `${t.text}?`, start: t.start, end: t.end })),
    attention: a.layers.map((layer) => {
      const all = new Float32Array(layer.heads.length * T * T);
      layer.heads.forEach((h, i) => all.set(h.weights, i * T * T));
      return all;
    }),
  };
  const src = modelSource(fake, run);
  a.layers.forEach((layer, l) =>
    // The label carries the rate ("previous word, 94% of positions"): no separate score. Under
    // a thumbnail the relation and rate alone ("previous word 94%").
    layer.heads.forEach((h, i) =>
      Object.assign(src.layers[l].heads[i], {
        label: h.label,
        shortLabel: h.relation ? `${h.relation} ${Math.round(100 * h.score)}%` : h.label,
        relations: h.relations,
      }),
    ),
  );
  let mask = null;
  if (kind === 'causal') {
    mask = new Uint8Array(T * T);
    for (let q = 0; q < T; ++q) mask.fill(1, q * T + q + 1, (q + 1) * T);
  }
  return {
    ...src,
    causal: kind === 'causal',
    mask,
    title:
      kind === 'causal'
        ? `Learned, causal (GPT-style): ${lm.info.layers} layers × ${lm.info.heads} heads, ${lm.info.embedDim} wide`
        : `Learned, masked (BERT-style): ${lm.info.layers} layers × ${lm.info.heads} heads, ${lm.info.embedDim} wide`,
    honest: learnedHonest(lm),
    top: kind === 'causal' && predictions[0] ? asTop(predictions[0]) : [],
    masks: kind === 'masked' ? predictions.map((p) => ({ index: p.index, top: asTop(p) })) : [],
    attended: predictions.map(attended),
    trace: null,
  };
}

const ready = new Map(); // model -> { lm, error } once its load settled

/**
 * For render loops: attn, model -> { lm } when loaded, { error } when the load failed, or
 * { loading: true } while it runs (then redraw() is called once it settles).
 */
export function learnedNow(attn, model, redraw) {
  if (ready.has(model)) return ready.get(model);
  loadLearned(attn, model).then(
    (lm) => (ready.set(model, { lm }), redraw()),
    (error) => (ready.set(model, { error }), redraw()),
  );
  return { loading: true };
}
