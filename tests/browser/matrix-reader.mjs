// matrix-reader: reads a matrix view (web/views/matrix-view.js) back the way a person sees
// it, for the page and widget tests: the word labels, and for every cell the colour drawn on
// the canvas (sampled 3 px inside the cell's top-left corner, clear of the printed value and
// the rings) and the tooltip shown when the pointer is over it. checkDrawn() then compares each
// cell with the weight the core returned: the colour must be viridis(weight), faded toward grey
// on the rows where the core says the head has no signal (or the blocked grey exactly where the
// core's mask blocks), and the tooltip must print percent(weight).
import assert from 'node:assert/strict';
import { faded, viridisRgb } from '../../web/shared/palette.js';
import { percent } from '../../web/shared/dom.js';

/**
 * Runs in the page (pass it to page.evaluate). where: {panel} on the page (e.g.
 * '.ap-panel-main'), or {host, index} for a widget's shadow root. Hovering moves the view's
 * focus like a person's pointer does; it resolves two frames later, once that redraw is done.
 * -> null (no matrix) or {rows, cols, T, S, focused: {row, col}, cells: [{row, col, rgb, alpha, blocked, label}]}
 */
export async function readMatrixInPage({ panel = null, host = null, index = 0 }) {
  const scope = host ? document.querySelectorAll(host)[index]?.shadowRoot : document;
  const root = scope?.querySelector(panel ? `${panel} .ap-matrix` : '.ap-matrix');
  const grid = root?.querySelector('[role=grid]');
  if (!grid || !grid.isConnected || !root.querySelector('.ap-matrix-stage')?.isConnected) return null;
  const texts = (query) => [...root.querySelectorAll(query)].map((node) => node.textContent);
  const T = Number(grid.getAttribute('aria-rowcount'));
  const S = Number(grid.getAttribute('aria-colcount'));
  const canvas = grid.querySelector('canvas');
  const box = canvas.getBoundingClientRect();
  const ratio = canvas.width / box.width;
  const pitch = box.width / S;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const tooltip = root.querySelector('.ap-tooltip');
  // the emphasised words (the focused query and key) as drawn, before hovering moves them
  const focused = {
    row: root.querySelector('.ap-matrix-rowlabel.ap-focus')?.textContent ?? null,
    col: root.querySelector('.ap-col-label.ap-focus')?.textContent ?? null,
  };
  const pointer = (type, x, y) =>
    grid.dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: x, clientY: y, pointerType: 'mouse' }));
  pointer('pointerleave', 0, 0);
  const cells = [];
  for (let row = 0; row < T; ++row) {
    for (let col = 0; col < S; ++col) {
      const x = Math.floor((col * pitch + 3) * ratio);
      const y = Math.floor((row * pitch + 3) * ratio);
      const i = 4 * (y * canvas.width + x);
      const rgb = [pixels[i], pixels[i + 1], pixels[i + 2]];
      pointer('pointermove', box.left + (col + 0.5) * pitch, box.top + (row + 0.5) * pitch);
      cells.push({
        row,
        col,
        rgb,
        alpha: pixels[i + 3],
        blocked: pixels[i + 3] === 255 && rgb[0] === rgb[1] && rgb[1] === rgb[2],
        label: tooltip.hidden ? '' : tooltip.textContent,
      });
    }
  }
  pointer('pointerleave', 0, 0);
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return {
    rows: texts('.ap-matrix-rowlabel'),
    cols: texts('.ap-col-label'),
    T,
    S,
    cssWidth: box.width,
    canvasWidth: canvas.width,
    focused,
    cells,
  };
}

/**
 * Asserts every cell shows the core's numbers: head = {weights, mask, idle} (row-major, T × S;
 * idle: the core's evidence.idle, T),
 * rows/cols the core's tokens. Adds weight (the core's) to each cell and returns the cells.
 */
export function checkDrawn(matrix, head, where = 'matrix') {
  assert.ok(matrix, `${where}: no matrix drawn`);
  assert.equal(matrix.cells.length, matrix.T * matrix.S, `${where}: cells`);
  assert.equal(head.weights.length, matrix.cells.length, `${where}: the core has ${head.weights.length} weights`);
  for (const cell of matrix.cells) {
    const n = cell.row * matrix.S + cell.col;
    const at = `${where}, cell (${cell.row}, ${cell.col})`;
    const w = head.weights[n];
    cell.weight = head.mask?.[n] ? 0 : w;
    assert.equal(cell.alpha, 255, `${at} is not drawn`);
    assert.equal(cell.blocked, Boolean(head.mask?.[n]), `${at}: drawn blocked=${cell.blocked}`);
    if (cell.blocked) {
      assert.match(cell.label, /: blocked \(0%\)$/, at);
      continue;
    }
    const expected = head.idle?.[cell.row] ? faded(viridisRgb(w)) : viridisRgb(w);
    assert.ok(
      cell.rgb.every((v, i) => Math.abs(v - expected[i]) <= 1),
      `${at}: drawn rgb(${cell.rgb}) for weight ${w}, viridis is rgb(${expected})`,
    );
    assert.ok(
      cell.label.endsWith(`: ${percent(w)}`) || cell.label.includes(`: ${percent(w)}. No signal: `),
      `${at}: the tooltip says "${cell.label}" for weight ${w}`,
    );
  }
  return matrix.cells;
}

/**
 * Runs in the page: the core's weights for what panel shows in the page's current state (its
 * URL), asked here independently of the page's own code (shared/analyses.js): the panel
 * decides the mode; cross mode reads the state's source.
 */
export async function pageAnalysisInPage({ panel }) {
  const base = new URL('./', document.baseURI);
  const { loadAttention } = await import(new URL('lib/index.js', base).href);
  const { parseHash, resolveAgainst } = await import(new URL('shared/state.js', base).href);
  const state = parseHash(location.hash);
  const mode = { '.ap-panel-causal': 'causal', '.ap-panel-bidirectional': 'self' }[panel] ?? state.mode;
  const options = { text: state.text, lang: state.lang, mode };
  if (mode === 'cross') Object.assign(options, { source: state.source, sourceLang: state.sourceLang });
  const attn = await loadAttention();
  const a = attn.analyze(options);
  const h = a.heads[resolveAgainst(state, a).heads[0]];
  return {
    rows: a.tokens.map((t) => t.text),
    cols: a.sourceTokens.map((t) => t.text),
    weights: Array.from(h.weights),
    mask: Array.from(h.mask ?? [], Boolean),
    idle: Array.from(h.evidence.idle),
  };
}
