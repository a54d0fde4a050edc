// Types of the transformer engine's JS API (web/lib/api-transformer.js; C++ in src/nn,
// src/train, src/io). Row-major Float32Arrays; T tokens, V vocabulary, H heads, B batch rows.

export interface TransformerOptions {
  vocabSize: number;
  maxPositions: number;
  embedDim: number;
  numHeads: number;
  numLayers: number;
  /** Hidden width of each MLP; 0 = attention-only blocks. Default 4·embedDim. */
  mlpDim?: number;
  /** Token-type (segment) embeddings, BERT-style; 0 = none (default). */
  typeVocabSize?: number;
  /** true (default): each token sees only itself and earlier tokens. */
  causal?: boolean;
  /** 'pre' (GPT-2, default) or 'post' (BERT) LayerNorm. */
  norm?: 'pre' | 'post';
  /** 'gelu_tanh' (GPT-2, default) or 'gelu' (exact erf, BERT). */
  activation?: 'gelu_tanh' | 'gelu';
  /** 'learned' (default) or 'sinusoidal' position embeddings. */
  positions?: 'learned' | 'sinusoidal';
  /** Output layer shares the token embedding (default true). */
  tieEmbeddings?: boolean;
  /** Default 1e-5. */
  layerNormEps?: number;
  /** GPT-2 initialization from this seed (default 0): same seed, same weights. */
  seed?: number;
}

export interface TransformerConfig extends Required<Omit<TransformerOptions, 'seed'>> {
  /** Number of trainable floats. */
  parameters: number;
}

export interface TransformerRun {
  logits: Float32Array; // (T, V)
  /** One (H, T, T) array per layer: row i is what token i attended to. */
  attention: Float32Array[];
  /** With run(input, { trace: { layer, head } }): that head's numbers in this run. */
  trace?: TransformerHeadTrace;
}

/** One head of one layer in a run, step by step. */
export interface TransformerHeadTrace {
  headDim: number;
  q: Float32Array; // (T, hs)
  k: Float32Array; // (T, hs)
  v: Float32Array; // (T, hs)
  /** q·kᵀ (T, T). */
  scores: Float32Array;
  /** scores / √hs, −∞ where the causal mask blocks (T, T). */
  scaled: Float32Array;
  weights: Float32Array; // (T, T)
  output: Float32Array; // (T, hs)
}

export interface OptimizerOptions {
  /** Defaults: lr 1e-3, beta1 0.9, beta2 0.999, eps 1e-8, weightDecay 0.01, clipNorm 0 (off). */
  lr?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Decoupled (AdamW) decay, applied to weight matrices only (not biases or norms). */
  weightDecay?: number;
  /** Clip the global gradient norm to this; 0 = no clipping. */
  clipNorm?: number;
}

export interface TrainStepOptions {
  inputs: Int32Array | number[]; // (B, T) token ids
  targets: Int32Array | number[]; // (B, T) next ids; -1 = not counted
  /** B (default 1). */
  batch?: number;
  optimizer?: OptimizerOptions;
}

export interface TrainStepResult {
  /** Mean cross-entropy over the counted targets, before this update. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Targets that were not -1. */
  counted: number;
}

export interface Transformer {
  readonly config: TransformerConfig;
  run(
    options: { tokenIds: Int32Array | number[]; tokenTypes?: Int32Array | number[] },
    how?: { trace?: { layer: number; head: number } },
  ): TransformerRun;
  trainStep(options: TrainStepOptions): TrainStepResult;
  /** A safetensors checkpoint (config in __metadata__), for loadTransformer. */
  save(): Uint8Array;
  /** Frees the model's wasm memory; later calls throw. Safe to call twice. */
  dispose(): void;
}

export interface TransformerApi {
  createTransformer(options: TransformerOptions): Transformer;
  loadTransformer(bytes: Uint8Array | ArrayBuffer): Transformer;
}
