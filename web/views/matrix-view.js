// matrix-view: the attention heat map. Rows are the words that ask (queries), columns the words
// they look at (keys); cell colour = the weight the core computed, blocked cells are greyed and
// hatched. It never computes a number: it reads data.weights / data.mask as given.
//
// Three layers, so a keystroke at 64 words touches O(T + S) DOM nodes, not T·S:
//   - the cells: one <canvas> at devicePixelRatio, repainted whole on every update
//     (matrix-cells.js; well under a millisecond at 64 × 64),
//   - the words, focus rings and legend: a light SVG over it (T + S texts, 3 rects), themed by
//     the same CSS custom properties as the other views,
//   - the keyboard and screen-reader surface: one focusable element with role="grid".
// Accessibility choice: a grid with aria-activedescendant whose only materialised descendant is
// the active cell (one role="row" holding one role="gridcell", moved with aria-rowindex /
// aria-colindex against aria-rowcount / aria-colcount), the pattern virtualised data grids use.
// Screen readers treat role="grid" as a composite widget (focus mode, arrow keys reach us, "row
// 3 of 6" from the indices), unlike role="application", which removes all reading help. The
// cell keeps one id, so every move is also spoken through the aria-live region, which holds the
// same text as the tooltip. The SVG words are aria-hidden: the cell's name carries both words.
// Export: svg() builds a standalone SVG (cells as rects) on demand; nothing is kept for it.

import { clear, el, percent, svgEl, textWidth, uniqueId, update } from '../shared/dom.js';
import { VIRIDIS_STOPS } from '../shared/palette.js';
import { cellsSvg, createCellPainter } from './matrix-cells.js';
import { createMatrixTable } from './matrix-table.js';
import { createCellPopover } from './cell-popover.js';
import { createQuietRows, quietWidth } from './matrix-quiet.js';

export const defaults = Object.freeze({
  label: 'Attention weights',
  cellSize: 0, // 0 = fit the container width, between minCell and maxCell
  minCell: 14,
  maxCell: 44,
  showValues: 'auto', // 'auto' = when cells are at least 30 px
  onFocus: null, // (row, col, fromKeyboard) => void, on hover or arrow keys
  onPin: null, // (row, col) => void, on click or Enter
});

const FONT = 'bold 12px system-ui, sans-serif'; // measured bold: the focused label is bold
const LEGEND_H = 34;
const UPRIGHT_BELOW = 18; // px: column labels go from 45° to 90° in cells narrower than this

const MOVES = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  Home: [0, -1e9],
  End: [0, 1e9],
};

const has = (x) => x !== undefined && x !== null;

export function createMatrixView(container, options = {}) {
  const opts = { ...defaults, ...options };
  const ids = uniqueId('ap-matrix');
  const root = el('div', { class: 'ap-view ap-matrix' });
  const caption = el('div', { class: 'ap-view-title' });
  // Which way the matrix reads, in words and arrows (rows ask, columns are looked at).
  const axes = el('p', { class: 'ap-axis-caption' });
  const scroller = el('div', { class: 'ap-scroll' });
  const stage = el('div', { class: 'ap-matrix-stage' });
  const canvas = el('canvas', { class: 'ap-matrix-canvas', 'aria-hidden': 'true' });
  const cellNode = el('div', { class: 'ap-matrix-cell', role: 'gridcell', id: `${ids}-cell` });
  const rowNode = el('div', { class: 'ap-matrix-row', role: 'row' }, cellNode);
  const grid = el(
    'div',
    {
      class: 'ap-matrix-grid',
      role: 'grid',
      tabindex: 0,
      'aria-label': opts.label,
      'aria-activedescendant': cellNode.id,
    },
    canvas,
    rowNode,
  );
  const overlay = svgEl('svg', { class: 'ap-matrix-svg', 'aria-hidden': 'true' });
  const tooltip = el('div', { class: 'ap-tooltip', role: 'presentation', hidden: true });
  const live = el('div', { class: 'ap-sr-only', 'aria-live': 'polite' });
  stage.append(grid, overlay);
  const quiet = createQuietRows(overlay);
  root.append(caption, axes, scroller, quiet.note, tooltip, live);
  container.append(root);
  const painter = createCellPainter(canvas);
  const table = createMatrixTable(root);
  const why = createCellPopover(root, grid); // a clicked cell's "why this score"

  let layout = null; // {T, S, leftW, topH, cell, showValues}
  let layoutKey = '';
  let rowLabels = [];
  let colLabels = [];
  let rings = null; // {row, cell}
  let focused = { row: -1, col: -1 }; // labels currently emphasised
  let data = null;
  let active = { row: 0, col: 0 }; // the cell the keyboard is on
  let hovered = null; // the cell under the pointer, '' when none

  const describeCell = (r, c) => {
    const q = data.rows[r].text;
    const k = data.cols[c].text;
    const n = r * data.cols.length + c;
    const reason = data.quiet?.reasons[r];
    if (data.mask && data.mask[n]) return `“${q}” may not look at “${k}”: blocked (0%)`;
    return `“${q}” looks at “${k}”: ${percent(data.weights[n])}${reason ? `. No signal: ${reason}` : ''}`;
  };

  // The layout depends on the counts, the container width and the label sizes rounded up to
  // 24 px, so typing inside a word repaints the same layout instead of rebuilding it.
  let containerWidth = null;
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(() => (containerWidth = null)) : null;
  resized?.observe(container);

  function measure(next) {
    const T = next.rows.length;
    const S = next.cols.length;
    const round = (x) => Math.ceil(x / 24) * 24;
    const leftW = round(Math.max(20, ...next.rows.map((t) => textWidth(t.text, FONT))) + 14);
    // clientWidth forces a layout when the DOM changed earlier in the frame (it has, on a
    // keystroke): read it once, and again only after the container was resized.
    containerWidth ??= container.clientWidth;
    // Room for a "nothing here" mark beside the rows where the head has no signal.
    // On a narrow screen the mark is only "∅" (the note below the matrix says the rest).
    const fitIn = (room) => Math.floor(((containerWidth || 600) - leftW - 8 - room) / Math.max(1, S));
    const quietW = quietWidth(next.quiet, (room) => fitIn(room) >= UPRIGHT_BELOW);
    const fit = fitIn(quietW);
    const cell = opts.cellSize || Math.max(opts.minCell, Math.min(opts.maxCell, fit));
    // Column words at 45° need about 17 px between them to stay apart; narrower cells (a long
    // sentence on a phone) stand them upright, one word per cell width.
    const slant = cell >= UPRIGHT_BELOW ? 0.75 : 1;
    const topH = round(Math.max(20, ...next.cols.map((t) => textWidth(t.text, FONT))) * slant + 14);
    const showValues = opts.showValues === 'auto' ? cell >= 30 : Boolean(opts.showValues);
    return { T, S, leftW, topH, cell, showValues, quietW };
  }

  const legendWidth = ({ S, cell }) => Math.min(160, Math.max(100, S * cell));

  // The words, rings and legend for one layout: everything in the picture except the cells.
  function overlayChildren({ T, S, leftW, topH, cell }, gradientId) {
    const legendY = topH + T * cell + 12;
    const legendW = legendWidth({ S, cell });
    const angle = cell >= UPRIGHT_BELOW ? -45 : -90;
    const cols = data.cols.map((t, c) => {
      const x = leftW + c * cell + cell / 2;
      const at = { class: 'ap-label ap-col-label', x, y: topH - 6, transform: `rotate(${angle} ${x} ${topH - 6})` };
      return svgEl('text', at, t.text);
    });
    const rows = data.rows.map((t, r) =>
      svgEl('text', { class: 'ap-label ap-matrix-rowlabel', x: leftW - 6, y: topH + r * cell + cell / 2 }, t.text),
    );
    const ring = (cls, x, width, height) =>
      svgEl('rect', { class: cls, x, width, height, fill: 'none', visibility: 'hidden' });
    return {
      cols,
      rows,
      rings: {
        row: ring('ap-row-ring', leftW - 1, S * cell + 1, cell + 1),
        cell: ring('ap-cell-ring', 0, cell + 1, cell + 1),
        active: ring('ap-active-ring', 0, cell + 5, cell + 5),
      },
      defs: svgEl(
        'defs',
        {},
        svgEl(
          'linearGradient',
          { id: gradientId },
          ...VIRIDIS_STOPS.map((color, i) => svgEl('stop', { offset: `${i * 10}%`, 'stop-color': color })),
        ),
      ),
      legend: [
        svgEl('text', { class: 'ap-legend-text', x: leftW, y: legendY + 6 }, '0%'),
        svgEl('rect', { x: leftW + 22, y: legendY, width: legendW, height: 12, fill: `url(#${gradientId})` }),
        svgEl('text', { class: 'ap-legend-text', x: leftW + 28 + legendW, y: legendY + 6 }, '100%'),
      ],
    };
  }

  const pictureSize = ({ T, S, leftW, topH, cell, quietW = 0 }) => ({
    width: Math.max(leftW + S * cell + 4 + quietW, leftW + legendWidth({ S, cell }) + 64),
    height: topH + T * cell + 4 + LEGEND_H,
  });

  function build() {
    const { T, S, leftW, topH, cell } = layout;
    const { width, height } = pictureSize(layout);
    stage.style.width = `${width}px`;
    stage.style.height = `${height}px`;
    grid.style.left = `${leftW}px`;
    grid.style.top = `${topH}px`;
    grid.style.width = `${S * cell}px`;
    grid.style.height = `${T * cell}px`;
    grid.setAttribute('aria-rowcount', T);
    grid.setAttribute('aria-colcount', S);
    for (const [name, value] of Object.entries({ width, height, viewBox: `0 0 ${width} ${height}` }))
      overlay.setAttribute(name, value);
    const parts = overlayChildren(layout, `${ids}-legend`);
    clear(overlay);
    overlay.append(parts.defs, ...parts.cols, ...parts.rows, ...Object.values(parts.rings), ...parts.legend);
    colLabels = parts.cols;
    rowLabels = parts.rows;
    rings = parts.rings;
    focused = { row: -1, col: -1 };
    quiet.reset();
    if (!stage.isConnected) scroller.append(stage);
  }

  // Only what changed is written: at 64 words a keystroke changes one or two labels.
  function paintLabels(nodes, tokens, focusIndex, last) {
    for (let i = 0; i < nodes.length; ++i)
      if (nodes[i].textContent !== tokens[i].text) nodes[i].textContent = tokens[i].text;
    if (focusIndex === last) return;
    nodes[last]?.classList.remove('ap-focus');
    nodes[focusIndex]?.classList.add('ap-focus');
  }

  // Only changed attributes are written: an SVG attribute set to its own value still
  // invalidates the shape, and the row ring spans every column (at 64 words that re-rastered
  // about 4 of the picture’s 256 px tiles on every keystroke, the ring unmoved).
  function place(ring, visible, x, y) {
    update(ring, { visibility: visible ? 'visible' : 'hidden', ...(x !== null && { x }), y });
  }

  function paint() {
    const { T, S, leftW, topH, cell, showValues } = layout;
    const focus = data.focus ?? {};
    const row = has(focus.row) ? focus.row : -1;
    const col = has(focus.row) && has(focus.col) ? focus.col : -1;
    paintLabels(rowLabels, data.rows, row, focused.row);
    paintLabels(colLabels, data.cols, has(focus.col) ? focus.col : -1, focused.col);
    focused = { row, col: has(focus.col) ? focus.col : -1 };
    const idle = data.quiet?.idle ?? null;
    painter.draw(
      { T, S, cell, showValues, weights: data.weights, mask: data.mask, quiet: idle },
      globalThis.devicePixelRatio || 1,
    );
    quiet.paint(layout, rowLabels, data.quiet, row);
    place(rings.row, row >= 0, null, topH + Math.max(0, row) * cell - 1);
    place(rings.cell, col >= 0, leftW + Math.max(0, col) * cell - 1, topH + Math.max(0, row) * cell - 1);
    const clamp = (x, n) => Math.min(Math.max(0, x), n - 1);
    setActive(clamp(has(focus.row) ? focus.row : active.row, T), clamp(has(focus.col) ? focus.col : active.col, S));
  }

  // The one materialised cell follows the active cell; its name is the tooltip's text.
  function setActive(row, col) {
    active = { row, col };
    const focus = data.focus ?? {};
    rowNode.setAttribute('aria-rowindex', row + 1);
    cellNode.setAttribute('aria-colindex', col + 1);
    cellNode.setAttribute('aria-label', describeCell(row, col));
    cellNode.setAttribute('aria-selected', String(row === focus.row && col === focus.col));
    const { leftW, topH, cell } = layout;
    place(rings.active, true, leftW + col * cell - 3, topH + row * cell - 3);
  }

  function cellAt(event) {
    if (!layout) return null;
    const box = grid.getBoundingClientRect();
    const col = Math.floor((event.clientX - box.left) / layout.cell);
    const row = Math.floor((event.clientY - box.top) / layout.cell);
    return row >= 0 && row < layout.T && col >= 0 && col < layout.S ? { row, col } : null;
  }

  function showTooltip(row, col) {
    const { cell } = layout;
    tooltip.textContent = describeCell(row, col);
    tooltip.hidden = false;
    const box = grid.getBoundingClientRect();
    const base = root.getBoundingClientRect();
    tooltip.style.left = `${Math.max(0, box.left - base.left + col * cell + cell / 2 - 80)}px`;
    tooltip.style.top = `${box.top - base.top + (row + 1) * cell + 3}px`;
  }

  function announce(row, col) {
    live.textContent = describeCell(row, col);
    showTooltip(row, col);
  }

  grid.addEventListener('pointermove', (event) => {
    const hit = cellAt(event);
    const key = hit ? `${hit.row},${hit.col}` : '';
    if (key === hovered) return;
    hovered = key;
    if (!hit) return void (tooltip.hidden = true);
    showTooltip(hit.row, hit.col);
    opts.onFocus?.(hit.row, hit.col);
  });
  grid.addEventListener('pointerleave', () => {
    hovered = '';
    tooltip.hidden = true;
  });
  grid.addEventListener('click', (event) => {
    const hit = cellAt(event);
    if (!hit) return;
    setActive(hit.row, hit.col);
    grid.focus();
    // A tap (no hover before it) shows the tapped cell's tooltip, also when the grid already
    // had focus and so gets no focus event.
    announce(hit.row, hit.col);
    opts.onPin?.(hit.row, hit.col);
    explainCell(hit.row, hit.col, true);
  });
  grid.addEventListener('focus', () => layout && announce(active.row, active.col));
  grid.addEventListener('blur', () => (tooltip.hidden = true));
  grid.addEventListener('keydown', (event) => {
    if (!layout) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      opts.onPin?.(active.row, active.col);
      if (event.key === 'Enter') explainCell(active.row, active.col, true);
      return;
    }
    if (event.key === 'Escape' && why.open) {
      event.preventDefault(); // this Escape closes the box; it does not also unpin the word
      return why.hide(true);
    }
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const row = Math.min(layout.T - 1, Math.max(0, active.row + move[0]));
    const col = Math.min(layout.S - 1, Math.max(0, active.col + move[1]));
    setActive(row, col);
    announce(row, col);
    opts.onFocus?.(row, col, true);
  });

  // Opens the cell's breakdown under it; a second click on the same cell closes it.
  function explainCell(row, col, toggle) {
    if (!data?.explain) return;
    if (toggle && why.is(row, col)) return why.hide(false);
    const box = grid.getBoundingClientRect();
    const base = root.getBoundingClientRect();
    const { cell } = layout;
    why.show(data, row, col, {
      left: box.left - base.left + col * cell,
      top: box.top - base.top + row * cell,
      bottom: box.top - base.top + (row + 1) * cell,
      width: cell,
    });
  }

  /** The picture as a standalone SVG: the overlay's words and rings, with the cells as rects. */
  function exportSvg() {
    if (!layout || !data) return null;
    const { width, height } = pictureSize(layout);
    const svg = svgEl('svg', { class: 'ap-matrix-svg', width, height, viewBox: `0 0 ${width} ${height}` });
    const parts = overlayChildren(layout, `${ids}-export-legend`);
    const [defs, cells] = cellsSvg(
      { ...layout, weights: data.weights, mask: data.mask, quiet: data.quiet?.idle ?? null },
      layout.leftW,
      layout.topH,
      `${ids}-blocked`,
    );
    parts.cols.forEach((label, c) => label.classList.toggle('ap-focus', c === focused.col));
    parts.rows.forEach((label, r) => label.classList.toggle('ap-focus', r === focused.row));
    for (const name of ['row', 'cell']) {
      parts.rings[name].setAttribute('x', rings[name].getAttribute('x'));
      parts.rings[name].setAttribute('y', rings[name].getAttribute('y') ?? 0);
      parts.rings[name].setAttribute('visibility', rings[name].getAttribute('visibility'));
    }
    svg.append(
      parts.defs,
      defs,
      ...parts.cols,
      ...parts.rows,
      cells,
      parts.rings.row,
      parts.rings.cell,
      ...parts.legend,
    );
    return svg;
  }

  return {
    update(next) {
      data = next;
      update(caption, { text: next.title ?? '', hidden: !next.title }); // unchanged: not repainted
      const axesText = `Rows ↓ ${next.rowsTitle ?? 'word asking'} (query) · columns → ${next.colsTitle ?? 'words looked at'} (key)`;
      if (axes.textContent !== axesText) axes.textContent = axesText;
      if (!next.rows.length || !next.cols.length) {
        why.hide(false);
        stage.remove();
        quiet.note.hidden = true;
        tooltip.hidden = true;
        layout = null;
        layoutKey = '';
        return;
      }
      const measured = measure(next);
      const key = JSON.stringify(measured);
      if (key !== layoutKey) {
        layoutKey = key;
        layout = measured;
        build();
      }
      paint();
      table.update(next, `${opts.label}. ${axes.textContent}. Each row sums to 100%.`);
      why.refresh(next);
    },
    svg: exportSvg,
    destroy() {
      table.destroy();
      resized?.disconnect();
      root.remove();
    },
  };
}
