// matrix-cells: the heat map's cells in two media, from the same numbers and the same geometry:
// drawn on a <canvas> for the live view (drawCells, every update), and as SVG rects for export
// (cellsSvg, only when a picture is exported). It maps weights to colours and nothing else: no
// layout, no events, no DOM beyond the canvas it is given.
//
// Shapes: weights, mask: (T, S) row-major (mask: true = blocked, may be null). Geometry in CSS
// px: `cell` is the pitch of one cell; its last pixel row and column are the gap, so a cell is
// drawn (cell - 1) wide, as the SVG rects always were.

import { svgEl } from '../shared/dom.js';
import { fadedViridisRgb, fillViridis, textOnRgb, viridisRgb } from '../shared/palette.js';
import { animate } from './motion.js';

const EASE_MS = 200; // new weights: the old cells fade into the new ones over this long

const BLOCKED_BG = '#9a9a9a';
const BLOCKED_HATCH = '#6f6f6f';
const BLOCKED_BG_RGB = [0x9a, 0x9a, 0x9a];
const HATCH_RGB = [0x6f, 0x6f, 0x6f];
const VALUE_FONT = '11px system-ui, sans-serif';

/** '12' for 0.12; blocked cells print nothing. The one place a cell's printed value is made. */
const valueText = (w) => (100 * w).toFixed(0);

// The colour a cell is drawn in: viridis of its weight, faded toward grey on a row where the
// head has no signal (quiet: Uint8Array(T), 1 = no signal; may be null). Its printed value's
// colour is chosen from this same colour (textOnRgb), so the contrast holds on every cell.
const cellRgb = (w, quiet, r) => (quiet && quiet[r] ? fadedViridisRgb(w) : viridisRgb(w));
const hexOf = (c) => `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;

// Diagonal hatch tile in device pixels: lines x + y = k·p, about 6 CSS px apart and 2 wide, the
// look of the SVG pattern rotate(45) (6 px tiles, 2 px line) that export writes.
function hatchPattern(g, ratio) {
  const p = Math.max(4, Math.round(8.5 * ratio));
  const w = Math.max(1, Math.round(2.8 * ratio));
  const tile = new ImageData(p, p);
  for (let y = 0; y < p; ++y)
    for (let x = 0; x < p; ++x) {
      if ((x + y) % p >= w) continue;
      tile.data.set([...HATCH_RGB, 255], 4 * (y * p + x));
    }
  const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(p, p) : document.createElement('canvas');
  canvas.width = p;
  canvas.height = p;
  canvas.getContext('2d').putImageData(tile, 0, 0);
  return g.createPattern(canvas, 'repeat');
}

// Typing eases the cells to their new colours instead of jumping: the canvas is painted with the
// new weights at once (so what is read from it is always the core's current numbers), and the
// colours it showed before, laid over it, fade out. Opacity is all that moves, on the
// compositor, so the blend is a linear tween between the old and new colours; under reduced
// motion there is no fade. The layer is the T × S pixels (one per cell), scaled up by CSS: a
// full-size copy of the canvas made the compositor's commit of every keystroke's frame ~10×
// slower without a GPU (Commit 7.7 -> 75 ms per keystroke in a Chromium trace at 64 words),
// 64 × 64 pixels cost nothing. During the fade the 1 px gaps between cells are briefly tinted.
// A matrix out of the window does not fade (in the multi-head layout the detail matrix starts
// below it): the animation would only keep the compositor drawing frames nobody sees.
function createFade(canvas) {
  const fade = document.createElement('canvas');
  fade.className = 'ap-matrix-fade';
  fade.setAttribute('aria-hidden', 'true');
  let running = null;
  let inView = true; // until the observer first says
  if (typeof IntersectionObserver === 'function')
    new IntersectionObserver((entries) => (inView = entries.at(-1).isIntersecting)).observe(canvas);
  return {
    /** Shows `pixels` (the T × S colours drawn until now) over the canvas and fades them out. */
    start(pixels, S, T, cell) {
      if (!inView) return this.stop();
      if (!fade.isConnected) canvas.after(fade);
      if (fade.width !== S || fade.height !== T) {
        fade.width = S;
        fade.height = T;
      }
      fade.getContext('2d').putImageData(pixels, 0, 0);
      fade.style.width = `${S * cell}px`;
      fade.style.height = `${T * cell}px`;
      running?.cancel();
      running = animate(fade, [{ opacity: 1 }, { opacity: 0 }], {
        duration: EASE_MS,
        easing: 'ease-out',
        id: 'ap-cells',
      });
    },
    /** A new shape: nothing of the old picture shows. */
    stop() {
      running?.cancel();
      running = null;
    },
  };
}

/**
 * A cell painter bound to one canvas. draw() resizes the canvas to S·cell × T·cell CSS px at
 * `ratio` device pixels per CSS px and paints every cell:
 *   pass 1: one pixel per cell (viridis or the blocked grey) into a T × S bitmap,
 *   pass 2: that bitmap scaled up without smoothing (one drawImage, not T·S fillRects),
 *   pass 3: the 1 px gaps cleared (T + S clearRects), the hatch over blocked cells (one fill),
 *   pass 4: the percentages, when the cells are big enough to print them.
 */
export function createCellPainter(canvas) {
  const g = canvas.getContext('2d');
  let small = null; // the T × S pixels
  let bitmap = null; // ...on a canvas drawImage can scale
  let cssSize = '';
  let pattern = null;
  let patternRatio = 0;
  let drawn = null; // {weights, mask, T, S, cell}: what the canvas shows
  const fade = createFade(canvas);

  function draw({ T, S, cell, weights, mask, showValues, quiet = null }, ratio) {
    // New numbers on the same words and shape ease in; the same numbers (hover) do not.
    const changed = drawn && (drawn.weights !== weights || drawn.mask !== mask);
    if (changed && small && drawn.T === T && drawn.S === S && drawn.cell === cell) fade.start(small, S, T, cell);
    else if (changed) fade.stop();
    drawn = { weights, mask, T, S, cell };
    const width = Math.max(1, Math.round(S * cell * ratio));
    const height = Math.max(1, Math.round(T * cell * ratio));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width; // also clears the canvas
      canvas.height = height;
    }
    if (cssSize !== `${S * cell}x${T * cell}`) {
      cssSize = `${S * cell}x${T * cell}`;
      canvas.style.width = `${S * cell}px`;
      canvas.style.height = `${T * cell}px`;
    }
    const edge = (i) => Math.round(i * cell * ratio); // device px where cell i starts
    const end = (i) => Math.min(edge(i + 1) - 1, Math.round(((i + 1) * cell - 1) * ratio)); // where its gap starts

    // pass 1: one pixel per cell
    if (!small || small.width !== S || small.height !== T) {
      small = new ImageData(S, T);
      bitmap = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(S, T) : document.createElement('canvas');
      bitmap.width = S;
      bitmap.height = T;
    }
    const blocked = fillViridis(small.data, weights, { S, mask, idle: quiet, blockedRgb: BLOCKED_BG_RGB });
    // pass 2: scaled up to the cells, nearest neighbour
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, width, height);
    bitmap.getContext('2d').putImageData(small, 0, 0);
    g.imageSmoothingEnabled = false;
    g.drawImage(bitmap, 0, 0, S, T, 0, 0, edge(S), edge(T));
    // pass 3: gaps, then the hatch on blocked cells
    for (let c = 0; c < S; ++c) g.clearRect(end(c), 0, edge(c + 1) - end(c), height);
    for (let r = 0; r < T; ++r) g.clearRect(0, end(r), width, edge(r + 1) - end(r));
    if (blocked) {
      if (!pattern || patternRatio !== ratio) {
        pattern = hatchPattern(g, ratio);
        patternRatio = ratio;
      }
      g.beginPath();
      for (let r = 0; r < T; ++r)
        for (let c = 0; c < S; ++c) if (mask[r * S + c]) g.rect(edge(c), edge(r), end(c) - edge(c), end(r) - edge(r));
      g.fillStyle = pattern;
      g.fill();
    }
    // pass 4: values, white text first then black, so the fill colour changes twice
    if (!showValues) return;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.font = VALUE_FONT;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    for (const colour of ['#ffffff', '#000000']) {
      g.fillStyle = colour;
      for (let r = 0; r < T; ++r)
        for (let c = 0; c < S; ++c) {
          const w = weights[r * S + c];
          if ((mask && mask[r * S + c]) || textOnRgb(cellRgb(w, quiet, r)) !== colour) continue;
          g.fillText(valueText(w), c * cell + (cell - 1) / 2, r * cell + (cell - 1) / 2);
        }
    }
  }

  return { draw };
}

/**
 * The same cells as SVG, for export: [<defs> with the hatch pattern, <g> of T·S rects (+ values)].
 * left, top: where the cell area starts in the picture (CSS px).
 */
export function cellsSvg({ T, S, cell, weights, mask, showValues, quiet = null }, left, top, patternId) {
  const defs = svgEl(
    'defs',
    {},
    svgEl(
      'pattern',
      { id: patternId, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svgEl('rect', { width: 6, height: 6, fill: BLOCKED_BG }),
      svgEl('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: BLOCKED_HATCH, 'stroke-width': 2 }),
    ),
  );
  const group = svgEl('g', { class: 'ap-cells' });
  for (let r = 0; r < T; ++r)
    for (let c = 0; c < S; ++c) {
      const w = weights[r * S + c];
      const blocked = Boolean(mask && mask[r * S + c]);
      const x = left + c * cell;
      const y = top + r * cell;
      group.append(
        svgEl('rect', {
          x,
          y,
          width: cell - 1,
          height: cell - 1,
          fill: blocked ? `url(#${patternId})` : hexOf(cellRgb(w, quiet, r)),
        }),
      );
      if (showValues && !blocked)
        group.append(
          svgEl(
            'text',
            {
              class: 'ap-cell-value',
              x: x + (cell - 1) / 2,
              y: y + (cell - 1) / 2,
              fill: textOnRgb(cellRgb(w, quiet, r)),
            },
            valueText(w),
          ),
        );
    }
  return [defs, group];
}
