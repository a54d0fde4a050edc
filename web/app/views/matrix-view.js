// matrix-view: the attention heat map. Rows are the words that ask (queries), columns the words
// they look at (keys); cell colour = the weight the core computed, blocked cells are greyed and
// hatched. Cells are focusable (one roving tab stop): arrow keys move, Enter pins, and the exact
// percentage is announced through an aria-live region and shown in a tooltip on hover.
// It never computes a number: it reads h.weights / h.mask as given.

import { clear, el, percent, svgEl, textWidth, uniqueId } from '../dom.js';
import { VIRIDIS_STOPS, textOn, viridis } from '../palette.js';

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

export function createMatrixView(container, options = {}) {
  const opts = { ...defaults, ...options };
  const patternId = uniqueId('ap-blocked');
  const root = el('div', { class: 'ap-view ap-matrix' });
  const caption = el('div', { class: 'ap-view-title' });
  const scroller = el('div', { class: 'ap-scroll' });
  const tooltip = el('div', { class: 'ap-tooltip', role: 'presentation', hidden: true });
  const live = el('div', { class: 'ap-sr-only', 'aria-live': 'polite' });
  root.append(caption, scroller, tooltip, live);
  container.append(root);

  let svg = null;
  let cells = []; // cells[row][col] = rect
  let texts = [];
  let rowLabels = [];
  let colLabels = [];
  let shapeKey = '';
  let rowRing = null;
  let cellRing = null;
  let geometry = null;
  let data = null;
  let active = { row: 0, col: 0 }; // the cell holding the roving tab stop

  const describeCell = (r, c) => {
    const q = data.rows[r].text;
    const k = data.cols[c].text;
    const blocked = data.mask && data.mask[r * data.cols.length + c];
    return blocked
      ? `“${q}” may not look at “${k}”: blocked (0%)`
      : `“${q}” looks at “${k}”: ${percent(data.weights[r * data.cols.length + c])}`;
  };

  // The layout depends on the counts, the container width and the label sizes rounded up to
  // 24 px, so typing inside a word repaints the same cells instead of rebuilding 64 × 64 of them.
  function measure(next) {
    const T = next.rows.length;
    const S = next.cols.length;
    const round = (x) => Math.ceil(x / 24) * 24;
    const leftW = round(Math.max(20, ...next.rows.map((t) => textWidth(t.text, FONT))) + 14);
    const topH = round(Math.max(20, ...next.cols.map((t) => textWidth(t.text, FONT))) * 0.75 + 14);
    const fit = Math.floor(((container.clientWidth || 600) - leftW - 8) / Math.max(1, S));
    const cell = opts.cellSize || Math.max(opts.minCell, Math.min(opts.maxCell, fit));
    return { T, S, leftW, topH, cell };
  }

  function build({ T, S, leftW, topH, cell }) {
    const width = Math.max(leftW + S * cell + 4, leftW + Math.min(160, Math.max(100, S * cell)) + 64); // room for the legend
    const height = topH + T * cell + 4 + LEGEND_H;
    svg = svgEl('svg', {
      class: 'ap-matrix-svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'grid',
      'aria-label': opts.label,
      'aria-rowcount': T,
      'aria-colcount': S,
    });
    const defs = svgEl(
      'defs',
      {},
      svgEl(
        'pattern',
        { id: patternId, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        svgEl('rect', { width: 6, height: 6, class: 'ap-blocked-bg', fill: '#9a9a9a' }),
        svgEl('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'ap-blocked-hatch', stroke: '#6f6f6f', 'stroke-width': 2 }),
      ),
    );
    const gradient = svgEl(
      'linearGradient',
      { id: `${patternId}-legend` },
      ...VIRIDIS_STOPS.map((color, i) => svgEl('stop', { offset: `${i * 10}%`, 'stop-color': color })),
    );
    defs.append(gradient);
    svg.append(defs);
    colLabels = data.cols.map((t, c) => {
      const x = leftW + c * cell + cell / 2;
      const label = svgEl(
        'text',
        { class: 'ap-label ap-col-label', x, y: topH - 6, transform: `rotate(-45 ${x} ${topH - 6})` },
        t.text,
      );
      svg.append(label);
      return label;
    });
    cells = [];
    texts = [];
    rowLabels = [];
    const showValues = opts.showValues === 'auto' ? cell >= 30 : Boolean(opts.showValues);
    for (let r = 0; r < T; ++r) {
      const row = svgEl('g', { role: 'row', 'aria-rowindex': r + 1 });
      const y = topH + r * cell;
      const label = svgEl(
        'text',
        { class: 'ap-label ap-matrix-rowlabel', x: leftW - 6, y: y + cell / 2, role: 'rowheader' },
        data.rows[r].text,
      );
      rowLabels.push(label);
      row.append(label);
      cells.push([]);
      texts.push([]);
      for (let c = 0; c < S; ++c) {
        const rect = svgEl('rect', {
          class: 'ap-cell',
          x: leftW + c * cell,
          y,
          width: cell - 1,
          height: cell - 1,
          role: 'gridcell',
          'aria-colindex': c + 1,
          tabindex: -1,
          'data-row': r,
          'data-col': c,
        });
        row.append(rect);
        cells[r].push(rect);
        if (showValues) {
          const text = svgEl('text', {
            class: 'ap-cell-value',
            x: leftW + c * cell + (cell - 1) / 2,
            y: y + (cell - 1) / 2,
          });
          row.append(text);
          texts[r].push(text);
        }
      }
      svg.append(row);
    }
    // Focus outlines drawn last, so neighbouring cells never paint over them.
    rowRing = svgEl('rect', {
      class: 'ap-row-ring',
      x: leftW - 1,
      width: S * cell + 1,
      height: cell + 1,
      fill: 'none',
      'pointer-events': 'none',
    });
    cellRing = svgEl('rect', {
      class: 'ap-cell-ring',
      width: cell + 1,
      height: cell + 1,
      fill: 'none',
      'pointer-events': 'none',
    });
    geometry = { leftW, topH, cell };
    const legendY = topH + T * cell + 12;
    const legendW = Math.min(160, Math.max(100, S * cell));
    svg.append(
      rowRing,
      cellRing,
      svgEl('text', { class: 'ap-legend-text', x: leftW, y: legendY + 6 }, '0%'),
      svgEl('rect', {
        x: leftW + 22,
        y: legendY,
        width: legendW,
        height: 12,
        fill: `url(#${patternId}-legend)`,
        'aria-hidden': 'true',
      }),
      svgEl('text', { class: 'ap-legend-text', x: leftW + 28 + legendW, y: legendY + 6 }, '100%'),
    );
    clear(scroller);
    scroller.append(svg);
    svg.addEventListener('pointerover', onPointer);
    svg.addEventListener('pointerleave', () => (tooltip.hidden = true));
    svg.addEventListener('click', onClick);
    svg.addEventListener('keydown', onKey);
    svg.addEventListener('focusin', onFocusIn);
  }

  // Attribute writes are what a 64 × 64 repaint costs (each one invalidates style): write
  // only what changed since the last paint. The last value written lives on the node.
  function set(node, name, value) {
    const last = node.__apLast ?? (node.__apLast = {});
    if (last[name] === value) return;
    last[name] = value;
    node.setAttribute(name, value);
  }

  function paint() {
    const S = data.cols.length;
    const focus = data.focus ?? {};
    for (let r = 0; r < cells.length; ++r) {
      rowLabels[r].classList.toggle('ap-focus', r === focus.row);
      if (rowLabels[r].textContent !== data.rows[r].text) rowLabels[r].textContent = data.rows[r].text;
      for (let c = 0; c < S; ++c) {
        const w = data.weights[r * S + c];
        const blocked = Boolean(data.mask && data.mask[r * S + c]);
        const rect = cells[r][c];
        set(rect, 'fill', blocked ? `url(#${patternId})` : viridis(w));
        set(rect, 'aria-label', describeCell(r, c));
        set(rect, 'data-weight', blocked ? '0' : String(w));
        set(rect, 'class', blocked ? 'ap-cell ap-cell-blocked' : 'ap-cell');
        set(rect, 'aria-selected', String(r === focus.row && c === focus.col));
        const text = texts[r][c];
        if (text) {
          const label = blocked ? '' : (100 * w).toFixed(0);
          if (text.__apText !== label) text.textContent = text.__apText = label;
          set(text, 'fill', textOn(w));
        }
      }
    }
    colLabels.forEach((label, c) => {
      label.classList.toggle('ap-focus', c === focus.col);
      if (label.textContent !== data.cols[c].text) label.textContent = data.cols[c].text;
    });
    const { leftW, topH, cell } = geometry;
    rowRing.setAttribute('visibility', focus.row === undefined || focus.row === null ? 'hidden' : 'visible');
    rowRing.setAttribute('y', topH + (focus.row ?? 0) * cell - 1);
    const hasCol = focus.col !== undefined && focus.col !== null && focus.row !== undefined && focus.row !== null;
    cellRing.setAttribute('visibility', hasCol ? 'visible' : 'hidden');
    cellRing.setAttribute('x', leftW + (focus.col ?? 0) * cell - 1);
    cellRing.setAttribute('y', topH + (focus.row ?? 0) * cell - 1);
    const row = Math.min(Math.max(0, focus.row ?? active.row), cells.length - 1);
    const col = Math.min(Math.max(0, focus.col ?? active.col), S - 1);
    setActive(row, col, false);
  }

  function setActive(row, col, move) {
    if (!cells.length || !cells[0].length) return;
    cells[active.row]?.[active.col]?.setAttribute('tabindex', '-1');
    active = { row, col };
    const rect = cells[row][col];
    rect.setAttribute('tabindex', '0');
    if (move) rect.focus();
  }

  function cellOf(event) {
    const target = event.target.closest?.('.ap-cell');
    return target ? { row: Number(target.dataset.row), col: Number(target.dataset.col), target } : null;
  }

  function showTooltip(row, col, target) {
    tooltip.textContent = describeCell(row, col);
    tooltip.hidden = false;
    const box = target.getBoundingClientRect();
    const base = root.getBoundingClientRect();
    tooltip.style.left = `${Math.max(0, box.left - base.left + box.width / 2 - 80)}px`;
    tooltip.style.top = `${box.bottom - base.top + 4}px`;
  }

  function onPointer(event) {
    const hit = cellOf(event);
    if (!hit) return;
    showTooltip(hit.row, hit.col, hit.target);
    opts.onFocus?.(hit.row, hit.col);
  }

  function onClick(event) {
    const hit = cellOf(event);
    if (!hit) return;
    setActive(hit.row, hit.col, true);
    opts.onPin?.(hit.row, hit.col);
  }

  function onFocusIn(event) {
    const hit = cellOf(event);
    if (!hit) return;
    live.textContent = describeCell(hit.row, hit.col);
    showTooltip(hit.row, hit.col, hit.target);
  }

  const MOVES = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
    Home: [0, -1e9],
    End: [0, 1e9],
  };

  function onKey(event) {
    const hit = cellOf(event);
    if (!hit) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      opts.onPin?.(hit.row, hit.col);
      return;
    }
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const row = Math.min(cells.length - 1, Math.max(0, hit.row + move[0]));
    const col = Math.min(cells[0].length - 1, Math.max(0, hit.col + move[1]));
    setActive(row, col, true);
    opts.onFocus?.(row, col, true);
  }

  return {
    update(next) {
      data = next;
      caption.textContent = next.title ?? '';
      caption.hidden = !next.title;
      const layout = next.rows.length && next.cols.length ? measure(next) : null;
      const key = JSON.stringify(layout);
      if (!next.rows.length || !next.cols.length) {
        clear(scroller);
        svg = null;
        cells = [];
        shapeKey = '';
        return;
      }
      const hadFocus = root.contains(root.getRootNode().activeElement);
      if (key !== shapeKey) {
        shapeKey = key;
        build(layout);
      }
      paint();
      if (hadFocus) cells[active.row][active.col].focus();
    },
    svg: () => svg,
    destroy() {
      root.remove();
    },
  };
}
