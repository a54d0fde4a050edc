// palette: colour scales for the views. Sequential = viridis (perceptually uniform and
// colour-blind safe); diverging = ColorBrewer RdBu's ends through a neutral grey-white (marked
// colour-blind safe by ColorBrewer). Mapping a core number to a colour is display, not maths.
//
// Provenance: VIRIDIS are the 11 stops of matplotlib's viridis at t = 0, 0.1, ..., 1 (Stéfan van
// der Walt and Nathaniel Smith, CC0), the same stops d3-scale-chromatic's interpolateViridis
// samples; between stops we interpolate linearly in sRGB. RdBu ends: colorbrewer2.org (Apache-2.0).

const VIRIDIS = [
  '#440154',
  '#482475',
  '#414487',
  '#355f8d',
  '#2a788e',
  '#21918c',
  '#22a884',
  '#44bf70',
  '#7ad151',
  '#bddf26',
  '#fde725',
];
const NEGATIVE = '#2166ac';
const NEUTRAL = '#f7f7f7';
const POSITIVE = '#b2182b';

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const VIRIDIS_RGB = VIRIDIS.map(rgb);
const hex = (c) => `#${c.map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;
const mix = (a, b, t) => a.map((x, i) => x + (b[i] - x) * t);

function interpolate(t) {
  const x = t * (VIRIDIS_RGB.length - 1);
  const i = Math.min(VIRIDIS_RGB.length - 2, Math.floor(x));
  return hex(mix(VIRIDIS_RGB[i], VIRIDIS_RGB[i + 1], x - i));
}
// 1024 precomputed colours: a 64 × 64 matrix repaints on every keystroke, and 1/1023 steps are
// far below what the eye (or the 0.1% labels) can tell apart.
const LUT_SIZE = 1024;
const LUT = Array.from({ length: LUT_SIZE }, (_, i) => interpolate(i / (LUT_SIZE - 1)));

/** t in [0, 1] (clamped) -> '#rrggbb' on viridis. */
export function viridis(t) {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  return LUT[Math.round(x * (LUT_SIZE - 1))];
}

const LUT_RGB = LUT.map(rgb);
/** Same as viridis(t) but as [r, g, b] (0..255), for filling pixel buffers. */
export function viridisRgb(t) {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  return LUT_RGB[Math.round(x * (LUT_SIZE - 1))];
}

// WCAG 2 relative luminance of an sRGB colour [r, g, b] (0..255).
function luminance([r, g, b]) {
  const lin = (c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * The text colour for a background actually drawn ([r, g, b] or '#rrggbb'): pure white or pure
 * black, whichever contrasts more. One of the two always reaches 4.58:1 (WCAG AA asks 4.5:1);
 * near-black #111 would leave mid-range cells (viridis around 0.5) near 4.3:1.
 */
export function textOnRgb(background) {
  const rgbValue = typeof background === 'string' ? rgb(background) : background;
  const l = luminance(rgbValue);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/** Text colour readable on viridis(t), chosen from the colour drawn (textOnRgb). */
export function textOn(t) {
  return textOnRgb(viridisRgb(t));
}

/** [r, g, b] mixed toward grey `to` by `amount` (0..1): a row with no signal is drawn faded. */
export function faded(color, amount = 0.7, to = [0x9a, 0x9a, 0x9a]) {
  return mix(color, to, amount).map(Math.round);
}

function divergingExact(t) {
  return t < 0 ? hex(mix(rgb(NEUTRAL), rgb(NEGATIVE), -t)) : hex(mix(rgb(NEUTRAL), rgb(POSITIVE), t));
}
const DIVERGING_LUT = Array.from({ length: 2 * LUT_SIZE + 1 }, (_, i) => divergingExact(i / LUT_SIZE - 1));

/** x in [-1, 1] (clamped) -> blue (negative) .. near-white (0) .. red (positive). */
export function diverging(x) {
  const t = Math.min(1, Math.max(-1, Number.isFinite(x) ? x : 0));
  return DIVERGING_LUT[Math.round((t + 1) * LUT_SIZE)];
}

const DIVERGING_RGB = DIVERGING_LUT.map(rgb);
/** Same as diverging(x) but as [r, g, b] (0..255), for filling pixel buffers. */
export function divergingRgb(x) {
  const t = Math.min(1, Math.max(-1, Number.isFinite(x) ? x : 0));
  return DIVERGING_RGB[Math.round((t + 1) * LUT_SIZE)];
}

/**
 * Fills pixels (an ImageData's RGBA bytes, viewed as one 32-bit word per pixel) with
 * divergingRgb(values[i] / scale), alpha 255, or alphaFaded where faded[i % width] is 1:
 * one store per pixel from a table of packed colours (per-channel stores from [r, g, b]
 * arrays took ~5 ms for a 64 × 1024 picture).
 */
export function fillDiverging(pixels, values, scale, width, faded, alphaFaded) {
  const words = new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.byteLength >> 2);
  const opaque = packedDiverging(255);
  const dim = packedDiverging(alphaFaded);
  // Each column's table chosen once, then row by row (two 64 × 1024 pictures: 1.9 -> 0.6 ms in Node
  // against a per-pixel column counter and Math.round); the index is rounded as Math.round does
  // for these non-negative values.
  const tables = Array.from({ length: width }, (_, c) => (faded[c] ? dim : opaque));
  for (let start = 0; start < values.length; start += width) {
    const end = Math.min(values.length, start + width);
    for (let i = start, c = 0; i < end; ++i, ++c) {
      const x = values[i] / scale;
      const t = x < -1 ? -1 : x > 1 ? 1 : x === x ? x : 0; // clamp; NaN -> 0
      words[i] = tables[c][((t + 1) * LUT_SIZE + 0.5) | 0];
    }
  }
}

// alpha -> DIVERGING_RGB packed as the 32-bit words of RGBA bytes in this machine's byte order.
const packedTables = new Map();
function packedDiverging(alpha) {
  if (!packedTables.has(alpha)) {
    const bytes = new Uint8Array(4 * DIVERGING_RGB.length);
    DIVERGING_RGB.forEach(([r, g, b], i) => bytes.set([r, g, b, alpha], 4 * i));
    packedTables.set(alpha, new Uint32Array(bytes.buffer));
  }
  return packedTables.get(alpha);
}

const FADED_RGB = LUT_RGB.map((c) => faded(c));
/** faded(viridisRgb(t)) from a table: a row with no signal costs no more than another. */
export function fadedViridisRgb(t) {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  return FADED_RGB[Math.round(x * (LUT_SIZE - 1))];
}

const packRgba = (colours, alpha = 255) => {
  const bytes = new Uint8Array(4 * colours.length);
  colours.forEach(([r, g, b], i) => bytes.set([r, g, b, alpha], 4 * i));
  return new Uint32Array(bytes.buffer); // this machine's byte order, as ImageData's bytes are read
};
let packedViridis = null; // [full colour, faded, blocked grey] as packed RGBA words

/**
 * Fills pixels (an ImageData's RGBA bytes) with one pixel per weight: viridisRgb(weights[i]),
 * fadedViridisRgb on the rows where idle[row] is 1, blockedRgb where mask[i] is 1 (mask and idle
 * may be null); S: the row length. One 32-bit store per pixel from packed tables (the per-channel
 * loop with a faded() call per cell was the multi-head view's costliest part of a keystroke).
 * -> the number of blocked cells.
 */
export function fillViridis(pixels, weights, { S, mask = null, idle = null, blockedRgb = [0x9a, 0x9a, 0x9a] }) {
  packedViridis ??= { full: packRgba(LUT_RGB), dim: packRgba(FADED_RGB) };
  const words = new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.byteLength >> 2);
  const blocked = packRgba([blockedRgb])[0];
  let count = 0;
  for (let r = 0, i = 0; i < weights.length; ++r) {
    const lut = idle && idle[r] ? packedViridis.dim : packedViridis.full;
    for (const end = i + S; i < end; ++i) {
      if (mask && mask[i]) {
        words[i] = blocked;
        count += 1;
        continue;
      }
      const w = weights[i];
      words[i] = lut[Math.round((w > 0 ? (w < 1 ? w : 1) : 0) * (LUT_SIZE - 1))]; // NaN -> 0
    }
  }
  return count;
}

/** The colour stops, for legends and for tests. */
export const VIRIDIS_STOPS = Object.freeze([...VIRIDIS]);
