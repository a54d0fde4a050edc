// Types of the learned models' JS API (web/lib/api-learned.js; trained by src/tools/train_lm.cpp
// on the Brown corpus, issue 18). T = tokens of the text plus the leading </s>.

import type { Token } from './index.js';

export type LearnedKind = 'causal' | 'masked';

export interface LearnedToken extends Token {
  /** false: the word is outside the 5,000-word vocabulary and the model saw <unk>. */
  known: boolean;
}

export interface LearnedPrediction {
  /** Token index (in attention(text).tokens) of the [MASK] (masked) or of the last token (causal). */
  index: number;
  /** The k most probable words, most probable first (probabilities over the whole vocabulary). */
  top: Array<{ word: string; probability: number }>;
  /** The last layer's attention from that position, averaged over its heads (T). */
  attention: Float32Array;
  tokens: LearnedToken[];
  truncated: boolean;
}

export interface LearnedHead {
  /** (T·T) row-major, query by key. */
  weights: Float32Array;
  /**
   * The relation this head's strongest key follows most on held-out text, with its rate
   * ('previous word, 94% of positions', 'subject (Grammar head), 62% of positions'), or
   * 'no simple pattern'.
   */
  label: string;
  /** That relation alone ('previous word'), or null for 'no simple pattern' / not measured. */
  relation: string | null;
  /** Fraction of held-out positions where it does (0..1). */
  score: number;
  /** Every relation checked: its match rate over the positions where it has a target. */
  relations: Array<{ name: string; rate: number; positions: number | null }>;
}

export interface LearnedInfo {
  kind: LearnedKind;
  parameters: number;
  vocabSize: number;
  contextLength: number;
  layers: number;
  heads: number;
  embedDim: number;
  trainingWords: number;
  trainingSteps: number;
  trainingTokensSeen: number;
  trainingCpuSeconds?: number;
  /** Causal model only. */
  heldOutPerplexity?: number;
  baselinePerplexity?: number;
  /** Masked model only. */
  maskedAccuracy?: number;
  baselineMaskedAccuracy?: number;
  about: string;
  provenance: unknown;
}

export interface LearnedModel {
  info: LearnedInfo;
  predict(text: string, options?: { k?: number }): LearnedPrediction[];
  attention(text: string): { tokens: LearnedToken[]; truncated: boolean; layers: Array<{ heads: LearnedHead[] }> };
  dispose(): void;
}

export interface LearnedApi {
  /** Fetches that model's weights (~1.4 MB) the first time it is asked for. */
  loadLearnedModel(kind: LearnedKind): Promise<LearnedModel>;
}
