// usage: a typed use of every public function (web/lib/index.d.ts), compiled by `tsc --noEmit -p
// tests/types` in the test command. Nothing here runs; the compiler checks that correct calls
// type-check and, through the @ts-expect-error lines, that wrong ones do not.
import { AttentionError, hasWasmSimd, loadAttention } from '../../web/lib/index.js';
import type { Analysis, AttentionCore, ScoreExplanation } from '../../web/lib/index.js';

const attn = await loadAttention({ baseUrl: new URL('../../dist/lib/', import.meta.url), simd: 'auto' });
const core: AttentionCore = await loadAttention({ assets: false });
const simd: boolean = hasWasmSimd();

const weights: Float32Array = attn.softmax([1, 2, 3]);
const sdp = attn.scaledDotProduct({
  q: new Float32Array(6),
  k: [1, 2, 3, 4, 5, 6],
  v: new Float32Array(6),
  tq: 2,
  tk: 2,
  dk: 3,
  dv: 3,
  mask: 'causal',
});
const scaled: Float32Array = sdp.scaled;
const blocked: number = sdp.masked[1]; // -Infinity: the causal mask blocks (0, 1)
const masked = core.scaledDotProduct({
  q: [1],
  k: [1],
  v: [1],
  tq: 1,
  tk: 1,
  dk: 1,
  dv: 1,
  mask: new Uint8Array([0]),
  scale: 0.5,
});

const E = 4;
const mha = attn.multiHeadAttention({
  query: new Float32Array(2 * E),
  tq: 2,
  embedDim: E,
  numHeads: 2,
  inProjWeight: new Float32Array(3 * E * E),
  outProjWeight: new Float32Array(E * E),
  needWeights: true,
  trace: true,
});
const perHead: Float32Array | undefined = mha.heads?.[0].weights;
const perHeadMasked: Float32Array | undefined = mha.heads?.[0].masked;
const layer = attn.createMultiHeadAttention({
  embedDim: E,
  numHeads: 2,
  qProjWeight: [],
  kProjWeight: [],
  vProjWeight: [],
  outProjWeight: [],
});
const out: Float32Array = layer.forward({ query: new Float32Array(E), tq: 1, causal: true, needWeights: false }).output;
layer.dispose();

const a: Analysis = attn.analyze({
  text: 'The cat sat',
  mode: 'self',
  heads: ['Grammar', 2],
  maxTokens: 8,
  fields: ['weights', 'mask'],
});
const cross = attn.analyze({
  text: 'The cat sleeps',
  source: 'Le chat dort',
  lang: 'en',
  sourceLang: 'fr',
  mode: 'cross',
});
const first: string = a.heads[0].name + cross.sourceTokens[0].tag;
const special: boolean = a.tokens.some((t) => t.kind === 'special');
const both = attn.analyzeModes({
  text: 'The cat [MASK] on the mat',
  modes: ['causal', 'self'],
  heads: ['Context'],
  fields: ['weights', 'mask'],
  lang: 'en',
  maxTokens: 16,
});
const causal: Analysis | undefined = both.causal;
const sharedTokens: boolean = both.self?.tokens.length === causal?.tokens.length;
const pair = attn.analyzeModes({ text: 'The cat', source: 'Le chat', sourceLang: 'fr', modes: ['cross'] });
const aligned: string | undefined = pair.cross?.heads.at(-1)?.name;
const e: ScoreExplanation = attn.explainScore(a, 0, 0, 1);
const contribution: number = e.contributions[0].product;
const names: string[] = attn.headNames();
const tokens = attn.tokenize('Le chat', { lang: 'fr', maxTokens: 4 }).tokens;
const kind: 'word' | 'number' | 'punct' | 'symbol' | 'special' = tokens[0].kind;
const tags: string[] = attn.tag(tokens);
const vectors: Float32Array = attn.embed(['cat', tokens[0]]).vectors;
const near: string = attn.nearestWords(vectors.subarray(0, 100), 3)[0].word;
const pos: number = attn.positions(4, 8, 'sinusoidal').dim;
const gloss: string = attn.translate(tokens, 'fr')[0].gloss;
const info: 'wasm-simd128' | 'scalar' = attn.buildInfo().kernels;
const bytes: number = attn.memoryStats().wasmBytes + attn.vectorsInfo().vocabSize + attn.lexiconInfo().entries;

try {
  attn.analyze({ text: '', mode: 'self' });
} catch (error) {
  if (error instanceof AttentionError) console.log(error.message);
}

// Wrong usage must not compile:
// @ts-expect-error 'bidirectional' is a widget alias, not a core mode
attn.analyze({ text: 'x', mode: 'bidirectional' });
// @ts-expect-error text is required
attn.analyze({ mode: 'self' });
// @ts-expect-error explainScore takes indices, not names
attn.explainScore(a, 'Grammar', 0, 1);
// @ts-expect-error the attention-only API has no analyze()
core.analyze({ text: 'x', mode: 'self' });
// @ts-expect-error scaledDotProduct needs its sizes
attn.scaledDotProduct({ q: [1], k: [1], v: [1] });
// @ts-expect-error analyzeModes takes modes (a list), not mode
attn.analyzeModes({ text: 'x', mode: 'self' });
// @ts-expect-error a token's kind is one of the tokenizer's kinds
const notAKind: Analysis['tokens'][number]['kind'] = 'mask';
// @ts-expect-error fields are named matrices
attn.analyze({ text: 'x', mode: 'self', fields: ['everything'] });

export {
  simd,
  weights,
  scaled,
  masked,
  blocked,
  perHead,
  perHeadMasked,
  special,
  sharedTokens,
  aligned,
  notAKind,
  out,
  first,
  names,
  kind,
  tags,
  near,
  pos,
  gloss,
  info,
  bytes,
  contribution,
};

// The learned models (issue 18).
const lm = await attn.loadLearnedModel('masked');
const fill: string = lm.predict('She drank a cup of [MASK]', { k: 5 })[0].top[0].word;
const grid: Float32Array = lm.attention('The cat sat').layers[0].heads[0].weights;
const ppl: number | undefined = lm.info.baselinePerplexity;
lm.dispose();
// @ts-expect-error: only 'causal' or 'masked'
await attn.loadLearnedModel('gpt2');
(void fill, grid, ppl);
