// model-view-model: shapes a model source (shared/model-source.js: a checkpoint's run or imported
// attention) into what the head grid and the head views take, as view-model.js does for the
// hand-built analysis. It picks slices; it computes no number.
import { STEPS } from '../shared/timeline.js';

// What each step's picture holds is the hand-built walkthrough's (timeline.js); a model's head has
// no word vectors, so its last step decodes nothing.
const SHOW = Object.fromEntries(STEPS.map((s) => [s.id, s.show]));

/** The step-by-step texts for a trained (or random) model's head: its dimensions have no names. */
export const MODEL_STEPS = Object.freeze([
  {
    id: 'qkv',
    show: SHOW.qkv,
    title: '1. Queries, keys and values',
    text: 'Each token becomes three vectors, computed by this layer from what the layers below made of the sentence. Their dimensions were learned, so they have numbers, not names.',
  },
  {
    id: 'dot',
    show: SHOW.dot,
    title: '2. Q·K: how well each key matches',
    text: 'The query of the focused token is multiplied with the key of every token, dimension by dimension, and summed.',
  },
  {
    id: 'scale',
    show: SHOW.scale,
    title: '3. Divide by √d',
    text: 'Scores are divided by the square root of the head size d, so that longer vectors do not make softmax overconfident.',
  },
  {
    id: 'mask',
    show: SHOW.mask,
    title: '4. The mask',
    text: 'GPT-2 is causal: each token may not look at the tokens after it (−∞). BERT is bidirectional: nothing is blocked.',
  },
  {
    id: 'softmax',
    show: SHOW.softmax,
    title: '5. Softmax: scores become weights',
    text: 'Softmax turns the scores into weights that sum to 100%: the row of this head in the grid.',
  },
  {
    id: 'sum',
    show: SHOW.sum,
    title: '6. Weighted sum of the values',
    text: 'The output is the values mixed in those proportions. The outputs of all heads are concatenated, projected and added to the token’s vector for the next layer.',
  },
  {
    id: 'decode',
    show: { ...SHOW.decode, nearest: false },
    title: '7. On to the next layer',
    text: 'A trained model has no named word vectors to compare this output with, so nothing is decoded here: the output flows on into the MLP and the next layer.',
  },
]);

/** source, selected {layer, head} -> the head grid's input. */
export function headGridInput(source, selected) {
  return { tokens: source.tokens, layers: source.layers, selected };
}

/**
 * kind: 'matrix' | 'lines' | 'strip'; source; at: {layer, head}; focus: {row, col|null}
 * -> the data those views take (rows and columns are the tokens, readable pieces).
 */
export function modelHeadData(kind, source, at, focus = { row: 0, col: null }) {
  const T = source.T;
  const row = Math.min(Math.max(0, focus.row ?? 0), Math.max(0, T - 1));
  const col = focus.col !== null && focus.col !== undefined && focus.col < T ? focus.col : null;
  return {
    rows: source.tokens,
    cols: source.tokens,
    weights: source.layers[at.layer].heads[at.head].weights,
    mask: source.mask,
    focus: { row, col },
    rowsTitle: 'token asking',
    colsTitle: 'tokens looked at',
    title: `Layer ${at.layer}, head ${at.head}`,
  };
}

/**
 * The steps view's input for one head of a model: trace: {q, k, v (T·d)} of that head from the
 * model's run, step: the core's scaledDotProduct on them ({scores, masked, weights, output}).
 */
export function modelStepsData(source, at, trace, step, stepIndex, focus) {
  const T = source.T;
  const d = trace.q.length / T;
  const dims = Array.from({ length: d }, (_, i) => `learned dimension · ${i}`);
  const head = {
    name: `layer ${at.layer}, head ${at.head}`,
    description: source.causal ? 'causal' : 'bidirectional',
    queryFeatures: dims,
    valueFeatures: dims,
    q: trace.q,
    k: trace.k,
    v: trace.v,
    scores: step.scores,
    scaled: step.masked,
    mask: source.mask ?? new Uint8Array(T * T),
    weights: step.weights,
    output: step.output,
    nearest: null,
  };
  const analysis = {
    tokens: source.tokens,
    sourceTokens: source.tokens,
    headDim: d,
    scale: 1 / Math.sqrt(d),
    heads: [head],
  };
  const row = Math.min(Math.max(0, focus.row ?? 0), Math.max(0, T - 1));
  return { analysis, headIndex: 0, focus: { row, col: focus.col ?? null }, step: stepIndex, explain: null };
}
