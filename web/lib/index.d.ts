// index.d.ts: TypeScript declarations for the public JS API (web/lib/index.js, the package's
// entry; the site builder copies this file to dist/lib/). Shapes follow README's "JS API":
// matrices are row-major Float32Arrays, (rows·cols) long. Checked by tests/types/usage.ts.

import type { TransformerApi } from './transformer.js';
import type { LearnedApi } from './learned.js';
import type { ImportApi } from './import.js';
import type { CheckpointApi } from './checkpoint.js';
export type * from './transformer.js';
export type * from './learned.js';
export type * from './import.js';
export type * from './checkpoint.js';
import type { TrainerApi } from './trainer.js';
export type * from './trainer.js';

/** Numbers as a typed array or a plain array (inputs are copied into wasm memory). */
export type Numbers = Float32Array | ArrayLike<number>;
/** 0/1 per entry, 1 = blocked. */
export type MaskInput = Uint8Array | ArrayLike<number>;
export type Lang = 'en' | 'fr';
export type AnalyzeMode = 'self' | 'causal' | 'cross';
export type TokenKind = 'word' | 'number' | 'punct' | 'symbol' | 'special';

/** Thrown for every bad input; the module keeps working. */
export class AttentionError extends Error {
  constructor(message: string);
  name: 'AttentionError';
}

export interface LoadOptions {
  /** Folder with attention_core.{mjs,wasm} and assets/ (default: the folder of index.js). */
  baseUrl?: string | URL;
  /** Use WebAssembly SIMD: true, false or 'auto' (default: when the engine has it). */
  simd?: boolean | 'auto';
}

// ---- attention (no assets needed) ----

export interface ScaledDotProductOptions {
  q: Numbers; // (tq, dk)
  k: Numbers; // (tk, dk)
  v: Numbers; // (tk, dv)
  tq: number;
  tk: number;
  dk: number;
  dv: number;
  /** 'causal', or (tq, tk) with 1 = blocked. */
  mask?: 'causal' | MaskInput;
  /** Default 1/√dk. */
  scale?: number;
}

export interface ScaledDotProductResult {
  scores: Float32Array; // (tq, tk) Q·Kᵀ
  scaled: Float32Array; // (tq, tk) scores·scale (no mask applied)
  masked: Float32Array; // (tq, tk) scaled with −∞ where blocked: what the softmax read
  weights: Float32Array; // (tq, tk) softmax rows; a fully masked row is all 0
  output: Float32Array; // (tq, dv)
}

/** The weights of a multi-head layer (torch.nn.MultiheadAttention names, batch_first, one batch). */
export interface MultiHeadModel {
  embedDim: number;
  numHeads: number;
  kdim?: number;
  vdim?: number;
  /** (3·embedDim, embedDim): W_q, W_k, W_v stacked; or give the three below. */
  inProjWeight?: Numbers;
  qProjWeight?: Numbers; // (embedDim, embedDim)
  kProjWeight?: Numbers; // (embedDim, kdim)
  vProjWeight?: Numbers; // (embedDim, vdim)
  inProjBias?: Numbers; // (3·embedDim)
  outProjWeight: Numbers; // (embedDim, embedDim)
  outProjBias?: Numbers; // (embedDim)
}

/** The per-call inputs; key/value absent = self attention. */
export interface MultiHeadInputs {
  query: Numbers; // (tq, embedDim)
  tq: number;
  key?: Numbers; // (tk, kdim)
  value?: Numbers; // (tk, vdim)
  tk?: number;
  causal?: boolean;
  attnMask?: MaskInput; // (tq, tk)
  keyPaddingMask?: MaskInput; // (tk)
  /** false: no (tq, tk) matrix is kept (the tiled, FlashAttention-style path). Default true. */
  needWeights?: boolean;
  /** true: every head's intermediate matrices and the concatenation. */
  trace?: boolean;
}

export type MultiHeadAttentionOptions = MultiHeadModel & MultiHeadInputs;

export interface HeadTrace {
  q: Float32Array; // (tq, headDim)
  k: Float32Array; // (tk, headDim)
  v: Float32Array; // (tk, headDim)
  scores: Float32Array; // (tq, tk) Q·Kᵀ of this head
  scaled: Float32Array; // (tq, tk) scores·scale (no mask applied)
  masked: Float32Array; // (tq, tk) scaled with −∞ where blocked: what the softmax read
  weights: Float32Array; // (tq, tk)
  output: Float32Array; // (tq, headDim)
}

export interface MultiHeadAttentionResult {
  output: Float32Array; // (tq, embedDim)
  /** (numHeads, tq, tk), unless needWeights is false. */
  weights?: Float32Array;
  /** With trace: true. */
  heads?: HeadTrace[];
  concat?: Float32Array; // (tq, embedDim)
  mask?: Uint8Array; // (tq, tk)
}

/** A layer whose weights are copied, checked and packed into wasm memory once. */
export interface MultiHeadAttentionLayer {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly kdim: number;
  readonly vdim: number;
  forward(inputs: MultiHeadInputs): MultiHeadAttentionResult;
  /** Frees the weights; forward() then throws. Safe to call twice. */
  dispose(): void;
}

export interface BuildInfo {
  version: string;
  kernels: 'wasm-simd128' | 'scalar';
}

export interface MemoryStats {
  wasmBytes: number;
  inUseBytes: number;
}

/** What loadAttention({ assets: false }) gives: attention without the text assets. */
export interface AttentionCore extends TransformerApi, CheckpointApi, ImportApi, TrainerApi {
  /** −∞ entries are masked; the result sums to 1 (all 0 if every entry is masked). */
  softmax(scores: Numbers): Float32Array;
  scaledDotProduct(options: ScaledDotProductOptions): ScaledDotProductResult;
  multiHeadAttention(options: MultiHeadAttentionOptions): MultiHeadAttentionResult;
  createMultiHeadAttention(model: MultiHeadModel): MultiHeadAttentionLayer;
  buildInfo(): BuildInfo;
  memoryStats(): MemoryStats;
}

// ---- text, vectors and the hand-built heads (with assets) ----

export interface Token {
  text: string;
  lower: string;
  /** UTF-16 offsets: text.slice(start, end) === token.text. */
  start: number;
  end: number;
  kind: TokenKind;
}

export interface TokenizeResult {
  tokens: Token[];
  truncated: boolean;
}

export interface AnalyzedToken {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** The tokenizer's kind; 'special' for [MASK] (a typed word "mask" is a 'word'). */
  kind: TokenKind;
  /** Universal POS tag. */
  tag: string;
  /** false: not in the word-vector vocabulary. */
  known: boolean;
}

export type AnalyzeField =
  'q' | 'k' | 'v' | 'scores' | 'scaled' | 'weights' | 'mask' | 'headOutput' | 'nearest' | 'concat' | 'output';

export interface AnalyzeOptions {
  text: string;
  mode: AnalyzeMode;
  /** The sentence to read from (cross mode only, required there). */
  source?: string;
  lang?: Lang;
  sourceLang?: Lang;
  /** Head names or indices; default all of the mode's heads. */
  heads?: Array<string | number>;
  /** 1..64, default 64. */
  maxTokens?: number;
  /** The matrices to copy out (default all). */
  fields?: AnalyzeField[];
}

/** analyze()'s options with several modes instead of one (distinct; 'cross' needs source). */
export interface AnalyzeModesOptions extends Omit<AnalyzeOptions, 'mode'> {
  modes: AnalyzeMode[];
}

/** One analysis per mode asked for, from one tokenize and tag; each as analyze() gives it. */
export type AnalysesByMode = { [M in AnalyzeMode]?: Analysis };

export interface NearestWord {
  word: string;
  similarity: number;
}

/** What names and explains a hand-built head (the same fields on every AnalyzedHead). */
export interface HeadSpec {
  name: string;
  description: string;
  queryFeatures: string[];
  valueFeatures: string[];
  asksFor: string;
  minEvidence: number;
}

/** One hand-built head of an analysis; matrices are present when their field was asked for. */
export interface AnalyzedHead {
  name: string;
  description: string;
  queryFeatures: string[]; // (headDim) names of Q's and K's dimensions
  valueFeatures: string[]; // (headDim) names of V's dimensions
  q?: Float32Array; // (T, headDim)
  k?: Float32Array; // (S, headDim)
  v?: Float32Array; // (S, headDim)
  scores?: Float32Array; // (T, S)
  /** (T, S) scores·scale with −∞ where mask blocks: the matrix the softmax read (analyze has no
   *  separate masked field, unlike scaledDotProduct and the multi-head traces). */
  scaled?: Float32Array;
  mask?: Uint8Array; // (T, S), 1 = blocked
  weights?: Float32Array; // (T, S)
  output?: Float32Array; // (T, headDim)
  /** Per query, the words looked at nearest to the output's meaning part, best first. */
  nearest?: NearestWord[][];
  /** Who the head asks from ('pronouns and possessives', 'every word'). */
  asksFor: string;
  /** The least content score (logits) another word must reach for the head to have found something. */
  minEvidence: number;
  /** Whether the head has anything to do on each query (always present, whatever the fields). */
  evidence: HeadEvidence;
}

/**
 * The honest equivalent of an attention sink: softmax always hands out 100%, so a head with
 * nothing to find still spreads weight. A query has no signal (idle) when it is not a word the
 * head asks from, or no other word reaches minEvidence once the priors every word gets
 * (before me, nearness, not myself, same clause) are left out. The weights are unchanged.
 */
export interface HeadEvidence {
  best: Float32Array; // (T) best content score over the other allowed keys, logits; -Infinity if none
  asks: Uint8Array; // (T) 1 = a word the head asks from
  idle: Uint8Array; // (T) 1 = no signal
}

export interface Analysis {
  mode: AnalyzeMode;
  handBuilt: true;
  disclaimer: string;
  tokens: AnalyzedToken[]; // T queries
  sourceTokens: AnalyzedToken[]; // S keys and values (the tokens themselves unless cross)
  truncated: boolean;
  sourceTruncated: boolean;
  embedDim: number;
  numHeads: number;
  headDim: number;
  scale: number;
  heads: AnalyzedHead[];
  concat?: Float32Array; // (T, embedDim)
  output?: Float32Array; // (T, embedDim)
  timings: { coreMs: number };
}

export interface ScoreContribution {
  feature: string;
  q: number;
  k: number;
  product: number;
  scaledProduct?: number;
  /** >1 for a group of dimensions summed into one line. */
  dims?: number;
}

export interface ScoreExplanation {
  head: string;
  query: string;
  key: string;
  /** The raw score Q·K: the contributions sum to it. */
  total: number;
  scale: number;
  /** total·scale, or −∞ when masked. */
  scaled: number;
  masked: boolean;
  contributions: ScoreContribution[];
}

export interface Embedding {
  vectors: Float32Array; // (n, 100)
  dim: 100;
  known: boolean[];
  sentiment: Float32Array; // (n)
}

export interface Positions {
  data: Float32Array; // (n, dim)
  n: number;
  dim: number;
}

export interface Gloss {
  gloss: string;
  tag: string;
  known: boolean;
}

/** The whole API: loadAttention() (with assets). */
export interface Attention extends AttentionCore, LearnedApi {
  analyze(options: AnalyzeOptions): Analysis;
  /** Several modes of one sentence (the page's masked view: ['causal', 'self']); timings.coreMs
   *  of each is the one core call's time. */
  analyzeModes(options: AnalyzeModesOptions): AnalysesByMode;
  /** Named contributions that sum to the raw score of (query, key) in one head. */
  explainScore(analysis: Analysis, head: number, query: number, key: number): ScoreExplanation;
  /** The hand-built heads' names, in the core's order (cross mode adds the last). */
  headNames(): string[];
  /** The hand-built heads as analyze() labels them, without computing anything (in headNames() order). */
  headSpecs(): HeadSpec[];
  tokenize(text: string, options?: { lang?: Lang; maxTokens?: number }): TokenizeResult;
  /** Universal POS tags, one per token. */
  tag(tokens: Array<string | Token | AnalyzedToken>): string[];
  embed(tokens: Array<string | Token | AnalyzedToken>): Embedding;
  /** Top k (default 5) by cosine over the 63,325-word vocabulary. */
  nearestWords(vector: Numbers, k?: number): NearestWord[];
  positions(n: number, dim: number, kind?: 'sinusoidal' | 'none'): Positions;
  translate(tokens: Array<string | Token | AnalyzedToken>, lang?: 'fr'): Gloss[];
  vectorsInfo(): { vocabSize: number; dim: 100 };
  lexiconInfo(): { entries: number };
}

/** Loads the core once per folder (callers share it); without assets: attention only. */
export function loadAttention(options?: LoadOptions & { assets?: true }): Promise<Attention>;
export function loadAttention(options: LoadOptions & { assets: false }): Promise<AttentionCore>;

/** Whether this engine validates a WebAssembly SIMD module. */
export function hasWasmSimd(): boolean;
