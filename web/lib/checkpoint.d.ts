// Types of opening real GPT-2 / BERT checkpoints (web/lib/api-checkpoint.js; C++ in
// src/io/hub_checkpoint.h). Row-major Float32Arrays; T tokens, V vocabulary, H heads, hs head size.
import type { TransformerConfig, TransformerHeadTrace, TrainStepOptions, TrainStepResult } from './transformer.js';

export type CheckpointFamily = 'gpt2' | 'bert';

export interface CheckpointOptions {
  /** BERT: the text of the model's vocab.txt (needed to tokenize text). */
  vocab?: string;
  /** The model's config.json, parsed: n_head / num_attention_heads (else head size 64), eps, do_lower_case. */
  config?: Record<string, unknown>;
  /** Called as slices arrive, with the fraction of tensor bytes read (0..1]. */
  onProgress?: (fraction: number) => void;
  /** Bytes per slice read into the heap (default 8 MB; a multiple of 8). */
  sliceBytes?: number;
}

export interface CheckpointConfig extends TransformerConfig {
  family: CheckpointFamily;
  layers: number;
  heads: number;
  /** BERT's masked-LM head (dense, GELU, LayerNorm, logit bias). */
  mlmHead: boolean;
}

export interface CheckpointToken {
  /** GPT-2: the characters the token covers; BERT: its vocabulary entry ('##aff', '[CLS]'). */
  text: string;
  /** UTF-16 offsets into the text ([CLS] is 0..0, [SEP] is at the end; tokenIds runs: 0..0). */
  start: number;
  end: number;
}

export interface TokenPrediction {
  token: string;
  id: number;
  probability: number;
}

/** The same as a transformer run's trace (transformer.d.ts). */
export type CheckpointHeadTrace = TransformerHeadTrace;

export interface CheckpointRun {
  tokens: CheckpointToken[];
  logits: Float32Array; // (T, V)
  /** One (H, T, T) array per layer. */
  attention: Float32Array[];
  /** GPT-2: the 5 most probable next tokens after the last; BERT: at the first [MASK] (else []). */
  top: TokenPrediction[];
  /** BERT: one entry per [MASK] token. */
  masks?: { index: number; top: TokenPrediction[] }[];
  trace?: CheckpointHeadTrace;
}

export interface CheckpointModel {
  readonly family: CheckpointFamily;
  readonly config: CheckpointConfig;
  /** BERT adds [CLS] and [SEP]; "[MASK]" in the text becomes the mask token. */
  tokenize(text: string): { ids: Int32Array; tokens: CheckpointToken[] };
  run(
    input: { text: string } | { tokenIds: Int32Array | number[]; tokenTypes?: Int32Array | number[] },
    options?: { trace?: { layer: number; head: number } },
  ): CheckpointRun;
  trainStep(options: TrainStepOptions): TrainStepResult;
  save(): Uint8Array;
  dispose(): void;
}

export interface CheckpointApi {
  /** A Hugging Face model.safetensors of the GPT-2 or BERT family, read in slices into the core. */
  loadCheckpoint(
    source: Uint8Array | ArrayBuffer | Blob | Response | URL | string,
    options?: CheckpointOptions,
  ): Promise<CheckpointModel>;
}
