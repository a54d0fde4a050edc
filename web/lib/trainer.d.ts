// Types of the Train mode's trainer API (web/lib/api-trainer.js; C++ in src/train/trainer.h).
// T tokens of the task's probe example; weights row-major (query, key).
import type { Transformer } from './transformer.js';

export type TrainerTask = 'induction' | 'reverse' | 'sort' | 'copy' | 'brackets';

export interface TrainerOptions {
  /** Default 'induction'. */
  task?: TrainerTask;
  /** 1 to 6; default: the task's (2). */
  layers?: number;
  /** 1 to 8, divides embedDim; default: the task's (2). */
  heads?: number;
  /** d_model, 8 to 256; default: the task's (64). */
  embedDim?: number;
  /** true: blocks without MLP; default: the task's (true; sort: false). */
  attentionOnly?: boolean;
  /** AdamW learning rate in (0, 1]; default: the task's (3e-3; induction: 1e-3). */
  lr?: number;
  /** Examples per step, 1 to 256; default: the task's (16; induction: 32). */
  batch?: number;
  /** Model init, example streams and probe example; default 0. */
  seed?: number;
}

export interface TrainerConfig extends Required<TrainerOptions> {
  vocabSize: number;
  /** Tokens per example (the probe's T). */
  seqLen: number;
  /** Scored positions are [firstScored, seqLen). */
  firstScored: number;
}

export interface TrainProgress {
  /** Optimizer steps taken so far. */
  step: number;
  /** Mean loss of this call's steps (each before its update). */
  loss: number;
  /** Exact tokens at scored positions of this call's training batches. */
  accuracy: number;
}

export interface ProbeToken {
  id: number;
  text: string;
  /** A position the task makes predictable. */
  scored: boolean;
  /** The model's prediction of this token from the ones before it (null for the first). */
  predicted: string | null;
  correct: boolean;
}

export type HeadLabel = '' | 'previous-token' | 'induction';

export interface ProbeHead {
  weights: Float32Array; // (T, T)
  label: HeadLabel;
  /** The score behind the label (the larger of the two when unlabelled). */
  score: number;
  /** Mean attention on the previous token, 1 = all of it. */
  previousToken: number;
  /** Olsson et al.'s induction score: mean attention from each repeated token to the token after its earlier occurrence, on a repeated random sequence; 1 = all of it. */
  induction: number;
  /** The step at which this head was first labelled 'previous-token' (at a probe), or null. */
  previousTokenStep: number | null;
  /** The step at which this head was first labelled 'induction' (at a probe), or null. */
  inductionStep: number | null;
}

export interface HeadEvent {
  step: number;
  /** 0-based. */
  layer: number;
  head: number;
  label: HeadLabel;
}

export interface TrainerProbe {
  step: number;
  tokens: ProbeToken[];
  layers: { heads: ProbeHead[] }[];
  /** Every time a head earned a label, oldest first. */
  events: HeadEvent[];
}

export interface Trainer {
  readonly config: TrainerConfig;
  /** The model being trained: run and save work; train it with train(). */
  readonly model: Transformer;
  train(options?: { steps?: number }): TrainProgress;
  evaluate(options?: { examples?: number }): { accuracy: number; examples: number };
  probe(): TrainerProbe;
  /** Frees the trainer and its model; later calls throw. Safe to call twice. */
  dispose(): void;
}

export interface TrainerApi {
  createTrainer(options?: TrainerOptions): Trainer;
}
