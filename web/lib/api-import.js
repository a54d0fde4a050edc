// api-import: attention computed elsewhere, read into the shape the core's models return, so the
// page shows it in the same head grid and views (labelled "imported: computed elsewhere").
// Two formats:
//   - JSON { tokens: [string | {text}], attention: [layers][heads][T][T] } (Hugging Face's
//     output_attentions with the batch of one dropped, BertViz's layout; a leading batch of 1 is
//     also accepted) or { tokens, attention: [heads][T][T] } (CircuitsVis: one layer);
//     web/tools/export_attentions.py writes the first from a Hugging Face model;
//   - NumPy .npy: float32 or float64, little-endian, C order, shape (H, T, T), (L, H, T, T) or
//     (L, 1, H, T, T) (np.save of torch.stack(outputs.attentions): a batch of one); its tokens
//     come with options.tokens, else they are numbered.
// Numbers are only converted to float32 and checked, never changed: NaN or ±∞ is rejected, a row
// that does not sum to 1 (± 0.01) or holds a negative weight is reported in `warnings`.
// Pure JavaScript (no wasm): it needs the core for nothing.

import { AttentionError, describe } from './errors.js';

const WHERE = 'importAttention';
/** Beyond these an import would not fit a page's memory or a readable picture. */
export const IMPORT_LIMITS = Object.freeze({ tokens: 1024, numbers: 64 * 1024 * 1024, tokenChars: 200 });
const ROW_TOLERANCE = 0.01;

function fail(message) {
  throw new AttentionError(`${WHERE}: ${message}`);
}

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const isNpy = (bytes) => bytes.length >= 6 && NPY_MAGIC.every((b, i) => bytes[i] === b);

/**
 * bytes: Uint8Array of a .npy file -> { shape: number[], data: Float32Array (row-major) }.
 * Only what attention needs: '<f4' / '<f8' (also '=' and '|' spelled), C order, version 1–3.
 */
export function parseNpy(bytes) {
  if (!isNpy(bytes)) fail('not a .npy file (it does not start with \\x93NUMPY)');
  const major = bytes[6];
  if (bytes.length < 10 || major < 1 || major > 3) fail(`unknown .npy version ${bytes[6]}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wide = major >= 2;
  if (wide && bytes.length < 12) fail('the .npy header is cut short');
  const headerLength = wide ? view.getUint32(8, true) : view.getUint16(8, true);
  const start = wide ? 12 : 10;
  if (start + headerLength > bytes.length)
    fail(`the .npy header says it is ${headerLength} bytes, past the end of the ${bytes.length}-byte file`);
  const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined)
    fail('the .npy header has no descr, fortran_order or shape');
  const size = { f4: 4, f8: 8 }[descr.slice(1)];
  if (!size || !'<=|'.includes(descr[0]))
    fail(
      `the array's dtype '${descr}' is not supported; save float32 or float64, little-endian (np.asarray(a, '<f4'))`,
    );
  if (fortran === 'True') fail('the array is in Fortran order; save it with np.ascontiguousarray(a)');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (!shape.every((n) => Number.isInteger(n) && n >= 0)) fail(`the .npy shape (${shapeText}) is not a list of sizes`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count > IMPORT_LIMITS.numbers)
    fail(
      `the array holds ${count.toLocaleString('en')} numbers; at most ${IMPORT_LIMITS.numbers.toLocaleString('en')} can be shown`,
    );
  const offset = start + headerLength;
  const expected = count * size;
  if (bytes.length - offset !== expected)
    fail(
      `the array of shape (${shape.join(', ')}) needs ${expected} bytes of data, the file has ${bytes.length - offset}`,
    );
  const data = new Float32Array(count);
  for (let i = 0; i < count; ++i)
    data[i] = size === 4 ? view.getFloat32(offset + 4 * i, true) : view.getFloat64(offset + 8 * i, true);
  return { shape, data };
}

// Nested arrays -> their shape (checked rectangular) and a flat Float32Array.
function flattenNested(value) {
  const shape = [];
  for (let v = value; Array.isArray(v); v = v[0]) {
    if (shape.length > 5) fail('attention has more than 5 dimensions');
    shape.push(v.length);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (count > IMPORT_LIMITS.numbers)
    fail(
      `attention holds ${count.toLocaleString('en')} numbers; at most ${IMPORT_LIMITS.numbers.toLocaleString('en')} can be shown`,
    );
  const data = new Float32Array(count);
  let n = 0;
  const walk = (v, depth, path) => {
    if (depth === shape.length) {
      if (typeof v !== 'number') fail(`attention${path} is ${describe(v)}, not a number`);
      data[n++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth])
      fail(`attention${path} should be a list of ${shape[depth]}, got ${describe(v)}: the array is not rectangular`);
    for (let i = 0; i < v.length; ++i) walk(v[i], depth + 1, `${path}[${i}]`);
  };
  walk(value, 0, '');
  return { shape, data };
}

function readTokens(raw, T) {
  if (raw === undefined) return Array.from({ length: T }, (_, i) => ({ text: `#${i}` }));
  if (!Array.isArray(raw)) fail(`tokens must be a list of strings, got ${describe(raw)}`);
  const tokens = raw.map((t, i) => {
    const text = typeof t === 'string' ? t : t && typeof t === 'object' ? t.text : undefined;
    if (typeof text !== 'string') fail(`token ${i} is ${describe(t)}, not a string`);
    return { text: text.slice(0, IMPORT_LIMITS.tokenChars) };
  });
  if (tokens.length !== T)
    fail(`there are ${tokens.length} tokens but the attention matrices are ${T} × ${T}; they must match`);
  return tokens;
}

/**
 * shape: (H, T, T), (L, H, T, T) or (1, L, H, T, T) (a batch of one), data: flat float32 ->
 * { layers, heads, T, attention: [Float32Array (H·T·T) per layer], warnings }.
 * Rejects NaN / ±∞; warns (once per kind, with the first place) about rows not summing to 1.
 */
function checkAttention(shape, data) {
  let dims = shape;
  if (dims.length === 5 && dims[0] === 1) dims = dims.slice(1);
  if (dims.length === 5 && dims[1] === 1) dims = [dims[0], ...dims.slice(2)]; // (L, 1, H, T, T): HF per-layer batch
  if (dims.length === 3) dims = [1, ...dims];
  if (dims.length !== 4)
    fail(
      `attention has shape (${shape.join(', ')}); expected (heads, T, T) or (layers, heads, T, T), with an optional batch of 1`,
    );
  const [L, H, T, T2] = dims;
  if (T !== T2) fail(`each attention matrix must be square (T × T), got ${T} × ${T2}`);
  if (!L || !H || !T) fail(`attention has an empty dimension: (${shape.join(', ')})`);
  if (T > IMPORT_LIMITS.tokens) fail(`${T} tokens is more than the ${IMPORT_LIMITS.tokens} a picture can show`);
  const warnings = [];
  let offRow = null;
  let negative = null;
  let offRows = 0;
  for (let r = 0; r < L * H * T; ++r) {
    let sum = 0;
    for (let c = 0; c < T; ++c) {
      const w = data[r * T + c];
      if (!Number.isFinite(w)) {
        const [l, h, q] = [Math.floor(r / (H * T)), Math.floor(r / T) % H, r % T];
        fail(`layer ${l} head ${h} row ${q} column ${c} is ${w}; attention weights must be finite numbers`);
      }
      if (w < 0 && !negative) negative = { r, c, w };
      sum += w;
    }
    if (Math.abs(sum - 1) > ROW_TOLERANCE) {
      offRows += 1;
      offRow ??= { r, sum };
    }
  }
  const where = (r) => `layer ${Math.floor(r / (H * T))} head ${Math.floor(r / T) % H} row ${r % T}`;
  if (offRow)
    warnings.push(
      `${offRows} of ${L * H * T} rows do not sum to 1 (first: ${where(offRow.r)} sums to ${offRow.sum.toFixed(4)}); these may not be softmax weights.`,
    );
  if (negative)
    warnings.push(`Some weights are negative (first: ${where(negative.r)} column ${negative.c} is ${negative.w}).`);
  const attention = Array.from({ length: L }, (_, l) => data.slice(l * H * T * T, (l + 1) * H * T * T));
  return { layers: L, heads: H, T, attention, warnings };
}

function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return null;
}

/**
 * input: JSON text | Uint8Array | ArrayBuffer (JSON or .npy, told apart by the .npy magic);
 * options: { name?: the file's name (for messages), tokens?: string[] for a .npy }
 * -> { source: 'imported', format: 'json' | 'npy', name, tokens: [{text}], layers, heads, T,
 *      attention: [Float32Array (H·T·T) per layer, row-major (head, query, key)], warnings: string[] }
 */
export function importAttention(input, options = {}) {
  const name = typeof options.name === 'string' ? options.name.slice(0, 200) : '';
  const bytes = toBytes(input);
  if (bytes === null && typeof input !== 'string')
    fail(`expects JSON text, or the bytes of a .json or .npy file, got ${describe(input)}`);
  if (bytes && isNpy(bytes)) {
    const { shape, data } = parseNpy(bytes);
    const result = checkAttention(shape, data);
    const tokens = readTokens(options.tokens, result.T);
    if (options.tokens === undefined)
      result.warnings.unshift('A .npy file holds no tokens: they are numbered #0, #1, … (open a tokens file with it).');
    return { source: 'imported', format: 'npy', name, tokens, ...result };
  }
  let json;
  try {
    json = JSON.parse(typeof input === 'string' ? input : new TextDecoder().decode(bytes));
  } catch (error) {
    fail(`the file is neither a .npy array nor JSON (${error.message})`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    fail(`the JSON must be an object { tokens, attention }, got ${describe(json)}`);
  if (!Array.isArray(json.attention)) fail(`the JSON has no "attention" list (got ${describe(json.attention)})`);
  const { shape, data } = flattenNested(json.attention);
  const result = checkAttention(shape, data);
  const tokens = readTokens(json.tokens ?? options.tokens, result.T);
  return { source: 'imported', format: 'json', name, tokens, ...result };
}

export function importApi() {
  return { importAttention };
}
