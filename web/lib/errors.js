// errors: the one error convention of the JS API. Bindings never throw across the wasm
// boundary; they return {error: "message"} and unwrap() turns that into a JS Error here.

export class AttentionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AttentionError';
  }
}

/** Returns result unless it is a {error} object from the core, which is thrown. */
export function unwrap(result) {
  if (result && typeof result === 'object' && typeof result.error === 'string') {
    throw new AttentionError(result.error);
  }
  return result;
}

/** Throws a readable error when value is not a finite number >= min (an integer if asked). */
export function checkNumber(name, value, { min = -Infinity, integer = false } = {}) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'an integer' : 'a finite number';
    throw new AttentionError(`${name} must be ${kind}${min > -Infinity ? ` >= ${min}` : ''}, got ${describe(value)}`);
  }
  return value;
}

export function describe(value) {
  if (value === null) return 'null';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.length})`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : String(value);
}

// Lone surrogates -> U+FFFD, as TextEncoder does. Every string bound for the core goes through
// this: Embind's string conversion would merge a lone surrogate with the next character and
// shift every offset after it. String.prototype.toWellFormed is missing in older browsers.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const wellFormed = (s) => (s.toWellFormed ? s.toWellFormed() : s.replace(LONE_SURROGATE, '\uFFFD'));
