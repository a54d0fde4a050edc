// api-learned: the two small language models this project trained on the Brown corpus
// (issue 18: src/lm, src/tools/train_lm.cpp; figures and command in assets/learned/provenance.json).
//   const lm = await attn.loadLearnedModel('causal' | 'masked');   // fetches that model only now
//   lm.predict('She drank a cup of [MASK]', { k: 5 });   // [{ index, top: [{ word, probability }], attention }]
//   lm.attention(text);   // { tokens, layers: [{ heads: [{ weights, label, relation, score, relations }] }] }
//   lm.info; lm.dispose();
// Text goes through the project's tokenizer (lookup forms, as in training); </s> is put before
// it, as before every training sentence; words outside the 5,000-word vocabulary become <unk>.
// The model runs in the core (loadTransformer, softmax); this file maps words to ids and back
// and picks the k best, and computes no model number itself.

import { AttentionError, describe } from './errors.js';
import { readBytes } from './load-module.js';

const KINDS = ['causal', 'masked'];
const UNK = 0;
const MASK = 1;
const BOUNDARY = 2;
const FIRST_WORD = 3; // ids below are <unk>, [MASK], </s>: never offered as predictions

function fail(message) {
  throw new AttentionError(message);
}

// The k largest entries of probs among the words (ids >= FIRST_WORD) -> [{ word, probability }].
function topWords(probs, words, k) {
  const best = [];
  for (let id = FIRST_WORD; id < probs.length; ++id) {
    if (best.length === k && probs[id] <= best[k - 1].probability) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && best[at - 1].probability < probs[id]) at -= 1;
    best.splice(at, 0, { id, word: words[id], probability: probs[id] });
    if (best.length > k) best.pop();
  }
  return best.map(({ word, probability }) => ({ word, probability }));
}

// A measured portrait -> the head's label: its relation and how often its strongest link
// follows it ("previous word, 94% of positions"), or "no simple pattern".
function portraitLabel(portrait) {
  if (!portrait) return 'not measured';
  if (portrait.label === 'no simple pattern') return portrait.label;
  return `${portrait.label}, ${Math.round(100 * portrait.score)}% of positions`;
}

function makeModel(api, model, kind, words, provenance) {
  const index = new Map(words.map((w, i) => [w, i]));
  const { maxPositions, numHeads, numLayers, vocabSize } = model.config;
  const figures = provenance.models?.[kind] ?? {};
  const portraits = new Map((figures.portraits ?? []).map((p) => [`${p.layer}/${p.head}`, p]));
  let live = true;

  // text -> { tokens (with the leading </s>), ids, truncated }.
  function encode(where, text) {
    if (!live) fail(`${where}: this model was disposed; load it again`);
    if (typeof text !== 'string') fail(`${where}: text must be a string, got ${describe(text)}`);
    const { tokens, truncated } = api.tokenize(text, { maxTokens: maxPositions - 1 });
    if (tokens.length === 0) fail(`${where}: the text has no words`);
    const ids = Int32Array.from([BOUNDARY, ...tokens.map((t) => index.get(t.lower) ?? UNK)]);
    const shown = [
      { text: '</s>', lower: '</s>', start: 0, end: 0, kind: 'special', known: true },
      ...tokens.map((t, i) => ({ ...t, known: ids[i + 1] !== UNK })),
    ];
    return { tokens: shown, ids, truncated };
  }

  function predict(text, options = {}) {
    const where = 'predict';
    if (options === null || typeof options !== 'object') fail(`${where}: options must be an object like { k: 5 }`);
    const k = options.k ?? 5;
    if (!Number.isInteger(k) || k < 1 || k > 100)
      fail(`${where}: k must be an integer from 1 to 100, got ${describe(k)}`);
    const { ids, tokens, truncated } = encode(where, text);
    const masks = [...ids.keys()].filter((i) => ids[i] === MASK);
    if (kind === 'masked' && masks.length === 0)
      fail(`${where}: the masked model fills in [MASK]: put [MASK] where a word is hidden`);
    if (kind === 'causal' && masks.length > 0)
      fail(`${where}: the causal model predicts the next word; [MASK] is for the masked model`);
    const { logits, attention } = model.run({ tokenIds: ids });
    const T = ids.length;
    const last = attention[numLayers - 1];
    return (kind === 'masked' ? masks : [T - 1]).map((i) => {
      const probs = api.softmax(logits.subarray(i * vocabSize, (i + 1) * vocabSize));
      // The last layer's attention from position i, averaged over its heads (what the page shows
      // when a prediction is clicked).
      const attended = new Float32Array(T);
      for (let h = 0; h < numHeads; ++h)
        for (let j = 0; j < T; ++j) attended[j] += last[(h * T + i) * T + j] / numHeads;
      return { index: i, top: topWords(probs, words, k), attention: attended, tokens, truncated };
    });
  }

  function attention(text) {
    const { ids, tokens, truncated } = encode('attention', text);
    const T = ids.length;
    const { attention: layers } = model.run({ tokenIds: ids });
    return {
      tokens,
      truncated,
      layers: layers.map((all, l) => ({
        heads: Array.from({ length: numHeads }, (_, h) => {
          const portrait = portraits.get(`${l}/${h}`);
          return {
            weights: all.slice(h * T * T, (h + 1) * T * T),
            label: portraitLabel(portrait),
            relation: portrait && portrait.label !== 'no simple pattern' ? portrait.label : null,
            score: portrait?.score ?? 0,
            // Every relation checked: [{ name, rate, positions }] (positions: where it has a target).
            relations: Object.entries(portrait?.rates ?? {}).map(([name, rate]) => ({
              name,
              rate,
              positions: portrait.positions?.[name] ?? null,
            })),
          };
        }),
      })),
    };
  }

  const info = Object.freeze({
    kind,
    parameters: model.config.parameters,
    vocabSize,
    contextLength: maxPositions,
    layers: numLayers,
    heads: numHeads,
    embedDim: model.config.embedDim,
    trainingWords: provenance.data?.words?.train,
    trainingSteps: figures.steps,
    trainingTokensSeen: figures.trainingTokensSeen,
    trainingCpuSeconds: figures.trainingCpuSeconds,
    heldOutPerplexity: figures.heldOutPerplexity,
    baselinePerplexity: provenance.baseline?.heldOutPerplexity,
    maskedAccuracy: figures.maskedAccuracy,
    baselineMaskedAccuracy: provenance.baseline?.maskedAccuracy,
    about: provenance.about,
    provenance,
  });

  return Object.freeze({
    info,
    predict,
    attention,
    dispose() {
      if (!live) return;
      live = false;
      model.dispose();
    },
  });
}

/** (assembled API, context) -> { loadLearnedModel }: needs tokenize, softmax and loadTransformer. */
export function learnedApi(api, context) {
  const shared = new Map(); // vocab and provenance, fetched once for both models
  const folder = () => new URL('assets/learned/', context.baseUrl);
  const fetchText = async (name) => new TextDecoder().decode(await readBytes(new URL(name, folder())));
  const once = (name, parse) => {
    if (!shared.has(name)) {
      const pending = fetchText(name).then(parse);
      pending.catch(() => shared.delete(name)); // retried on the next call
      shared.set(name, pending);
    }
    return shared.get(name);
  };

  /** 'causal' | 'masked' -> a learned model (fetches its ~1.4 MB of F16 weights on first use). */
  async function loadLearnedModel(kind) {
    if (!KINDS.includes(kind)) fail(`loadLearnedModel: kind must be 'causal' or 'masked', got ${describe(kind)}`);
    let parts;
    try {
      parts = await Promise.all([
        readBytes(new URL(`${kind}.safetensors`, folder())),
        once('vocab.txt', (text) => text.split('\n').slice(0, -1)),
        once('provenance.json', JSON.parse),
      ]);
    } catch (error) {
      fail(`loadLearnedModel: ${error.message}`);
    }
    const [bytes, words, provenance] = parts;
    const model = api.loadTransformer(bytes);
    if (model.config.vocabSize !== words.length) {
      model.dispose();
      fail(`loadLearnedModel: ${kind}.safetensors has ${model.config.vocabSize} words, vocab.txt ${words.length}`);
    }
    return makeModel(api, model, kind, words, provenance);
  }

  return { loadLearnedModel };
}
