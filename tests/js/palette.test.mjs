// palette: the pixel fills the views draw with (one packed 32-bit store per pixel) give exactly
// the colours of the per-value functions the legends and tests read: divergingRgb for the
// multi-head view's concatenation and output pictures, viridisRgb / fadedViridisRgb and the
// blocked grey for attention weights; odd widths, clamping and NaN included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divergingRgb, fadedViridisRgb, fillDiverging, fillViridis, viridisRgb } from '../../web/shared/palette.js';

const pixel = (bytes, i) => [...bytes.subarray(4 * i, 4 * i + 4)];

test('fillDiverging: each pixel is divergingRgb(value / scale), faded columns at their alpha', () => {
  for (const [rows, width] of [
    [1, 1],
    [3, 17],
    [5, 63],
  ]) {
    const values = Float32Array.from({ length: rows * width }, (_, i) => Math.sin(i * 1.7) * 3);
    values[0] = NaN;
    if (values.length > 2) [values[1], values[2]] = [Infinity, -Infinity];
    const faded = Uint8Array.from({ length: width }, (_, c) => c % 3 === 1);
    const bytes = new Uint8ClampedArray(4 * values.length);
    fillDiverging(bytes, values, 2.5, width, faded, 46);
    // Infinities clamp to the ends of the scale (divergingRgb maps every non-finite to 0).
    const clamped = (x) => (x === Infinity ? 1 : x === -Infinity ? -1 : x);
    for (let i = 0; i < values.length; ++i) {
      const alpha = faded[i % width] ? 46 : 255;
      assert.deepEqual(pixel(bytes, i), [...divergingRgb(clamped(values[i] / 2.5)), alpha], `pixel ${i}`);
    }
  }
});

test('fillViridis: weights in viridis, idle rows faded, masked cells grey; -> the blocked count', () => {
  const S = 5;
  const weights = Float32Array.from({ length: 3 * S }, (_, i) => (i * 0.37) % 1.2);
  weights[4] = NaN;
  const mask = Uint8Array.from({ length: 3 * S }, (_, i) => (i % S > Math.floor(i / S) ? 1 : 0));
  const idle = Uint8Array.from([0, 1, 0]);
  const bytes = new Uint8ClampedArray(4 * weights.length);
  const blocked = fillViridis(bytes, weights, { S, mask, idle, blockedRgb: [1, 2, 3] });
  assert.equal(
    blocked,
    mask.reduce((a, b) => a + b, 0),
  );
  for (let i = 0; i < weights.length; ++i) {
    const w = Number.isNaN(weights[i]) ? 0 : weights[i];
    const want = mask[i] ? [1, 2, 3] : idle[Math.floor(i / S)] ? fadedViridisRgb(w) : viridisRgb(w);
    assert.deepEqual(pixel(bytes, i), [...want, 255], `pixel ${i}`);
  }
});
