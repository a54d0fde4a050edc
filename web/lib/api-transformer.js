// api-transformer: a small transformer the C++ engine runs and trains (src/nn, src/train,
// src/io through bindings/transformer_bindings.cpp). This file checks and normalizes arguments
// so a mistake reads as "trainStep: targets must be an Int32Array of inputs.length = 32
// numbers, got Int32Array(31)", and keeps the handle's lifetime (dispose(), or garbage
// collection). It never computes a model number itself.

import { AttentionError, describe, unwrap } from './errors.js';
import { holdHandle } from './wasm-handle.js';

export function fail(where, message) {
  throw new AttentionError(`${where}: ${message}`);
}

export function checkObject(where, value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(where, `expects one options object, got ${describe(value)}`);
  }
  return value;
}

export function checkInt(where, name, value, { min = 0, fallback } = {}) {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!Number.isInteger(value) || value < min)
    fail(where, `${name} must be an integer >= ${min}, got ${describe(value)}`);
  return value;
}

export function checkFinite(where, name, value, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(where, `${name} must be a finite number, got ${describe(value)}`);
  return value;
}

export function checkBool(where, name, value, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(where, `${name} must be true or false, got ${describe(value)}`);
  return value;
}

export function checkChoice(where, name, value, choices, fallback) {
  if (value === undefined) return fallback;
  if (!choices.includes(value))
    fail(where, `${name} must be ${choices.map((c) => `'${c}'`).join(' or ')}, got ${describe(value)}`);
  return value;
}

// Token ids: Int32Array | integer[] of exactly n (or any positive length when n is undefined).
function checkIds(where, name, value, n) {
  if (!(value instanceof Int32Array) && !Array.isArray(value)) {
    fail(where, `${name} must be an Int32Array of token ids, got ${describe(value)}`);
  }
  if (n !== undefined && value.length !== n) fail(where, `${name} must have ${n} entries, got ${describe(value)}`);
  if (value.length === 0) fail(where, `${name} must not be empty`);
  if (Array.isArray(value) && !value.every(Number.isInteger)) fail(where, `${name} must hold integers`);
  return value;
}

/** createTransformer's options -> the config object the core's create() takes. */
function configArgs(options) {
  const where = 'createTransformer';
  checkObject(where, options);
  const embedDim = checkInt(where, 'embedDim', options.embedDim, { min: 1 });
  return {
    vocabSize: checkInt(where, 'vocabSize', options.vocabSize, { min: 1 }),
    maxPositions: checkInt(where, 'maxPositions', options.maxPositions, { min: 1 }),
    embedDim,
    numHeads: checkInt(where, 'numHeads', options.numHeads, { min: 1 }),
    numLayers: checkInt(where, 'numLayers', options.numLayers, { min: 1 }),
    mlpDim: checkInt(where, 'mlpDim', options.mlpDim, { fallback: 4 * embedDim }),
    typeVocabSize: checkInt(where, 'typeVocabSize', options.typeVocabSize, { fallback: 0 }),
    causal: checkBool(where, 'causal', options.causal, true),
    norm: checkChoice(where, 'norm', options.norm, ['pre', 'post'], 'pre'),
    activation: checkChoice(where, 'activation', options.activation, ['gelu_tanh', 'gelu'], 'gelu_tanh'),
    positions: checkChoice(where, 'positions', options.positions, ['learned', 'sinusoidal'], 'learned'),
    tieEmbeddings: checkBool(where, 'tieEmbeddings', options.tieEmbeddings, true),
    layerNormEps: checkFinite(where, 'layerNormEps', options.layerNormEps, 1e-5),
    seed: checkInt(where, 'seed', options.seed, { fallback: 0 }) >>> 0,
  };
}

function optimizerArgs(where, options) {
  checkObject(`${where}: optimizer`, options);
  return {
    lr: checkFinite(where, 'optimizer.lr', options.lr, 1e-3),
    beta1: checkFinite(where, 'optimizer.beta1', options.beta1, 0.9),
    beta2: checkFinite(where, 'optimizer.beta2', options.beta2, 0.999),
    eps: checkFinite(where, 'optimizer.eps', options.eps, 1e-8),
    weightDecay: checkFinite(where, 'optimizer.weightDecay', options.weightDecay, 0.01),
    clipNorm: checkFinite(where, 'optimizer.clipNorm', options.clipNorm, 0),
  };
}

/**
 * Wraps a core TransformerHandle whose create() or load() succeeded, or any object with the
 * same run / trainStep / save / delete methods (api-trainer.js hands out its model this way).
 * traceHead(handle, layer, head): the core's step-by-step numbers of a head in the last run
 * (core.checkpointTraceHead); without it run() takes no trace.
 */
export function wrapTransformer(handle, config, traceHead = null) {
  const held = holdHandle(handle, () => fail('transformer', 'this model was disposed; create or load a new one'));
  const model = held.get;
  const api = Object.freeze({
    /** { vocabSize, maxPositions, embedDim, numHeads, numLayers, mlpDim, typeVocabSize, causal, norm, activation, positions, tieEmbeddings, layerNormEps, parameters } */
    config: Object.freeze({ ...config }),
    /**
     * { tokenIds: Int32Array (T), tokenTypes?: Int32Array (T) }, { trace: {layer, head} }? ->
     * { logits: Float32Array (T·V), attention: [Float32Array (H·T·T) per layer], trace? }
     */
    run(options, how = {}) {
      const where = 'run';
      checkObject(where, options);
      checkObject(where, how);
      const tokenIds = checkIds(where, 'tokenIds', options.tokenIds);
      const tokenTypes =
        options.tokenTypes === undefined
          ? undefined
          : checkIds(where, 'tokenTypes', options.tokenTypes, tokenIds.length);
      const at = how.trace === undefined ? null : checkObject(`${where}: trace`, how.trace);
      if (at && !traceHead) fail(where, 'this model cannot trace a head');
      const layer = at ? checkInt(where, 'trace.layer', at.layer) : 0;
      const head = at ? checkInt(where, 'trace.head', at.head) : 0;
      const result = unwrap(model().run({ tokenIds, tokenTypes }));
      if (at) result.trace = unwrap(traceHead(model(), layer, head));
      return result;
    },
    /**
     * { inputs: Int32Array (B·T), targets: Int32Array (B·T) with -1 = ignored, batch: B,
     *   optimizer: { lr, beta1, beta2, eps, weightDecay, clipNorm? } } -> { loss, gradNorm, counted }:
     * the mean cross-entropy over counted targets before this AdamW update.
     */
    trainStep(options) {
      const where = 'trainStep';
      checkObject(where, options);
      const batch = checkInt(where, 'batch', options.batch, { min: 1, fallback: 1 });
      const inputs = checkIds(where, 'inputs', options.inputs);
      if (inputs.length % batch !== 0)
        fail(where, `inputs (${inputs.length}) must be batch (${batch}) rows of T tokens`);
      const targets = checkIds(where, 'targets', options.targets, inputs.length);
      const optimizer = optimizerArgs(where, options.optimizer ?? {});
      return unwrap(model().trainStep({ inputs, targets, batch, optimizer }));
    },
    /** -> Uint8Array: a safetensors checkpoint (config in __metadata__) for loadTransformer. */
    save() {
      return unwrap(model().save());
    },
    /** Frees the model's wasm memory; later calls throw. Safe to call twice. */
    dispose: held.dispose,
  });
  return held.track(api);
}

function construct(core, start) {
  const handle = new core.TransformerHandle();
  let config;
  try {
    config = unwrap(start(handle));
  } catch (error) {
    handle.delete();
    throw error;
  }
  return wrapTransformer(handle, config, (h, layer, head) => core.checkpointTraceHead(h, layer, head));
}

export function transformerApi(core) {
  return {
    /** A new transformer with GPT-2's initialization from seed (see README, JS API). */
    createTransformer: (options) => {
      const args = configArgs(options);
      return construct(core, (handle) => handle.create(args));
    },
    /** bytes: Uint8Array | ArrayBuffer of a checkpoint written by save() -> the same kind of object. */
    loadTransformer: (bytes) => {
      const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
      if (!(data instanceof Uint8Array))
        fail('loadTransformer', `expects a Uint8Array or ArrayBuffer, got ${describe(bytes)}`);
      return construct(core, (handle) => handle.load(data));
    },
  };
}
