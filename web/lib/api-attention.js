// api-attention: scaled dot-product and multi-head attention (PyTorch's conventions) from JS.
// This file only checks and normalizes arguments — so a mistake reads as "multiHeadAttention:
// query must have tq·embedDim = 12 numbers, got Float32Array(10)" — and hands them to the C++
// core (bindings/attention_bindings.cpp). It never computes an attention number itself.

import { AttentionError, checkNumber, describe, unwrap } from './errors.js';
import { holdHandle } from './wasm-handle.js';

function fail(where, message) {
  throw new AttentionError(`${where}: ${message}`);
}

function isNumbers(value) {
  return value instanceof Float32Array || value instanceof Float64Array || Array.isArray(value);
}

// A row-major matrix given as Float32Array | Float64Array | number[] of exactly n values.
function checkMatrix(where, name, value, n, shape) {
  if (!isNumbers(value)) fail(where, `${name} must be a Float32Array or an array of numbers, got ${describe(value)}`);
  if (value.length !== n) fail(where, `${name} must have ${shape} = ${n} numbers, got ${describe(value)}`);
  return value;
}

function optionalMatrix(where, name, value, n, shape) {
  return value === undefined || value === null ? undefined : checkMatrix(where, name, value, n, shape);
}

// A boolean mask: Uint8Array | boolean[] | number[] of exactly n entries (truthy = blocked).
function checkMask(where, name, value, n, shape) {
  if (!(value instanceof Uint8Array) && !Array.isArray(value)) {
    fail(where, `${name} must be a Uint8Array or an array of booleans (1 = blocked), got ${describe(value)}`);
  }
  if (value.length !== n) fail(where, `${name} must have ${shape} = ${n} entries, got ${describe(value)}`);
  return value instanceof Uint8Array ? value : Uint8Array.from(value, (x) => (x ? 1 : 0));
}

function checkBool(where, name, value, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(where, `${name} must be true or false, got ${describe(value)}`);
  return value;
}

function checkDim(where, name, value) {
  try {
    return checkNumber(name, value, { min: 1, integer: true });
  } catch (error) {
    throw new AttentionError(`${where}: ${error.message}`);
  }
}

function checkOptions(where, options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail(where, `expects one options object, got ${describe(options)}`);
  }
}

/** {q, k, v, tq, tk, dk, dv, mask?, scale?} -> the object the core's scaledDotProduct takes. */
function scaledDotProductArgs(options) {
  const where = 'scaledDotProduct';
  checkOptions(where, options);
  const { q, k, v, mask, scale } = options;
  const tq = checkDim(where, 'tq', options.tq);
  const tk = checkDim(where, 'tk', options.tk);
  const dk = checkDim(where, 'dk', options.dk);
  const dv = checkDim(where, 'dv', options.dv);
  const args = {
    q: checkMatrix(where, 'q', q, tq * dk, 'tq·dk'),
    k: checkMatrix(where, 'k', k, tk * dk, 'tk·dk'),
    v: checkMatrix(where, 'v', v, tk * dv, 'tk·dv'),
    tq,
    tk,
    dk,
    dv,
    maskKind: 'none',
  };
  if (mask === 'causal') {
    args.maskKind = 'causal';
  } else if (typeof mask === 'string') {
    fail(where, `mask must be 'causal', a Uint8Array (tq·tk, 1 = blocked) or absent, got ${describe(mask)}`);
  } else if (mask !== undefined && mask !== null) {
    args.maskKind = 'explicit';
    args.mask = checkMask(where, 'mask', mask, tq * tk, 'tq·tk');
  }
  if (scale !== undefined) {
    if (typeof scale !== 'number' || !Number.isFinite(scale))
      fail(where, `scale must be a finite number, got ${describe(scale)}`);
    args.scale = scale;
  }
  return args;
}

// The projection weights: packed inProjWeight, or all three of q/k/vProjWeight.
function projectionArgs(where, options, e, kdim, vdim) {
  const separate = ['qProjWeight', 'kProjWeight', 'vProjWeight'].filter((name) => options[name] != null);
  const hasPacked = options.inProjWeight != null;
  if (hasPacked && separate.length > 0)
    fail(where, `give either inProjWeight or qProjWeight, kProjWeight and vProjWeight, not both`);
  if (!hasPacked && separate.length < 3) {
    fail(
      where,
      `give inProjWeight (3·embedDim·embedDim numbers) or all of qProjWeight, kProjWeight, vProjWeight` +
        (separate.length ? ` (only ${separate.join(', ')} given)` : ''),
    );
  }
  if (hasPacked && (kdim !== e || vdim !== e)) {
    fail(
      where,
      `inProjWeight (packed) needs kdim = vdim = embedDim = ${e}, got kdim ${kdim}, vdim ${vdim}; give qProjWeight, kProjWeight, vProjWeight instead`,
    );
  }
  return {
    inProjWeight: optionalMatrix(where, 'inProjWeight', options.inProjWeight, 3 * e * e, '3·embedDim·embedDim'),
    qProjWeight: optionalMatrix(where, 'qProjWeight', options.qProjWeight, e * e, 'embedDim·embedDim'),
    kProjWeight: optionalMatrix(where, 'kProjWeight', options.kProjWeight, e * kdim, 'embedDim·kdim'),
    vProjWeight: optionalMatrix(where, 'vProjWeight', options.vProjWeight, e * vdim, 'embedDim·vdim'),
    inProjBias: optionalMatrix(where, 'inProjBias', options.inProjBias, 3 * e, '3·embedDim'),
    outProjWeight: checkMatrix(where, 'outProjWeight', options.outProjWeight, e * e, 'embedDim·embedDim'),
    outProjBias: optionalMatrix(where, 'outProjBias', options.outProjBias, e, 'embedDim'),
  };
}

/** The model part of the options: sizes and weights, checked. */
function modelArgs(where, options) {
  const embedDim = checkDim(where, 'embedDim', options.embedDim);
  const numHeads = checkDim(where, 'numHeads', options.numHeads);
  if (embedDim % numHeads !== 0) fail(where, `embedDim ${embedDim} must be divisible by numHeads ${numHeads}`);
  const kdim = options.kdim === undefined ? embedDim : checkDim(where, 'kdim', options.kdim);
  const vdim = options.vdim === undefined ? embedDim : checkDim(where, 'vdim', options.vdim);
  return { embedDim, numHeads, kdim, vdim, ...projectionArgs(where, options, embedDim, kdim, vdim) };
}

/** The per-call part: inputs, masks and flags, checked against the model's sizes. */
function inputArgs(where, options, { embedDim, kdim, vdim }) {
  const tq = checkDim(where, 'tq', options.tq);
  const query = checkMatrix(where, 'query', options.query, tq * embedDim, 'tq·embedDim');
  // Self attention when key/value are absent (PyTorch passes the same tensor three times).
  const selfAttention = options.key == null && options.value == null;
  const key = options.key ?? (selfAttention ? query : undefined);
  if (key == null) fail(where, 'value was given without key; give both, or neither for self attention');
  const value = options.value ?? key;
  const tk =
    options.tk === undefined ? (selfAttention ? tq : inferRows(where, key, kdim)) : checkDim(where, 'tk', options.tk);
  const args = {
    query,
    key: checkMatrix(where, 'key', key, tk * kdim, 'tk·kdim'),
    value: checkMatrix(where, 'value', value, tk * vdim, 'tk·vdim'),
    tq,
    tk,
    causal: checkBool(where, 'causal', options.causal, false),
    needWeights: checkBool(where, 'needWeights', options.needWeights, true),
    trace: checkBool(where, 'trace', options.trace, false),
  };
  if (options.attnMask != null) args.attnMask = checkMask(where, 'attnMask', options.attnMask, tq * tk, 'tq·tk');
  if (options.keyPaddingMask != null)
    args.keyPaddingMask = checkMask(where, 'keyPaddingMask', options.keyPaddingMask, tk, 'tk');
  return args;
}

/** The multiHeadAttention options -> the object the core's multiHeadAttention takes. */
function multiHeadArgs(options) {
  const where = 'multiHeadAttention';
  checkOptions(where, options);
  const model = modelArgs(where, options);
  return { ...model, ...inputArgs(where, options, model) };
}

/** A multi-head attention layer whose weights stay in wasm memory (see createMultiHeadAttention). */
function createLayer(core, options) {
  const where = 'createMultiHeadAttention';
  checkOptions(where, options);
  const model = modelArgs(where, options);
  const layer = new core.MultiHeadLayer();
  try {
    unwrap(layer.load(model));
  } catch (error) {
    layer.delete();
    throw error;
  }
  const held = holdHandle(layer, () => fail('forward', 'this layer was disposed; create a new one'));
  const { embedDim, numHeads, kdim, vdim } = model;
  const handle = Object.freeze({
    embedDim,
    numHeads,
    kdim,
    vdim,
    /** Same options and result as multiHeadAttention, without the weights. */
    forward(call) {
      const live = held.get();
      checkOptions('forward', call);
      return unwrap(live.forward(inputArgs('forward', call, model)));
    },
    /** Frees the weights in wasm memory; forward() then throws. Safe to call twice. */
    dispose: held.dispose,
  });
  return held.track(handle);
}

function inferRows(where, key, kdim) {
  if (!isNumbers(key)) fail(where, `key must be a Float32Array or an array of numbers, got ${describe(key)}`);
  if (key.length === 0 || key.length % kdim !== 0)
    fail(where, `key must have tk·kdim numbers (kdim = ${kdim}), got ${describe(key)}; give tk`);
  return key.length / kdim;
}

export function attentionApi(core) {
  return {
    /**
     * Scaled dot-product attention for one head. q (tq·dk), k (tk·dk), v (tk·dv) row-major;
     * mask: 'causal' | Uint8Array (tq·tk, 1 = blocked) | absent; scale defaults to 1/sqrt(dk).
     * -> {scores, scaled, masked (scaled with -Infinity where the mask blocks: what the softmax
     * read), weights (tq·tk), output (tq·dv)} as Float32Arrays.
     */
    scaledDotProduct: (options) => unwrap(core.scaledDotProduct(scaledDotProductArgs(options))),
    /**
     * torch.nn.MultiheadAttention (batch_first, one batch). -> {output (tq·embedDim),
     * weights (numHeads·tq·tk) unless needWeights: false} plus, with trace: true,
     * heads: [{q, k, v, scores, scaled, masked, weights, output}], concat (tq·embedDim) and mask
     * (tq·tk).
     */
    multiHeadAttention: (options) => unwrap(core.multiHeadAttention(multiHeadArgs(options))),
    /**
     * The same attention with the weights copied into wasm memory and checked once: options are
     * multiHeadAttention's model part (embedDim, numHeads, kdim?, vdim?, inProjWeight or
     * q/k/vProjWeight, inProjBias?, outProjWeight, outProjBias?) -> {embedDim, numHeads, kdim,
     * vdim, forward(inputs), dispose()}; forward takes the per-call part (query, key?, value?,
     * tq, tk?, causal?, attnMask?, keyPaddingMask?, needWeights?, trace?). For a model run many
     * times; call dispose() when done (a forgotten layer is freed when garbage-collected).
     */
    createMultiHeadAttention: (options) => createLayer(core, options),
  };
}
