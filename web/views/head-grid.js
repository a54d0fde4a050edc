// head-grid: the layers × heads overview of a model — one small heat map per head, a row per
// layer and a column per head, so a person sees every head of a real model (or of attention
// computed elsewhere) at once and picks one to open in the matrix, lines, strip and step-by-step
// views. Shared by the model panel (issue 17), the learned heads (18) and the trainer (19).
//
// It draws what it is given and computes nothing: each thumbnail is the head's weights, one
// canvas pixel per number (T × T, scaled up by CSS without smoothing), coloured on the same
// viridis scale as the matrix view. headGridModel() is the DOM-free part (labels, names, the
// keyboard moves), so it is tested in Node; createHeadGrid() puts it on the page.
//
// Keyboard: the grid is one Tab stop (a roving tabindex over role="gridcell" buttons); arrow
// keys move between heads, Home / End to the row's ends, Ctrl+Home / Ctrl+End to the corners,
// Enter or Space (or a click) opens the head. The selected head is aria-selected and ringed.

import { clear, el, number, svgEl, update } from '../shared/dom.js';
import { fillViridis } from '../shared/palette.js';

export const defaults = Object.freeze({
  label: 'Every head of every layer',
  thumb: 56, // CSS px, the side of one thumbnail
  selected: null, // {layer, head} or null
  onSelect: null, // ({layer, head}) => void, on click, Enter or Space
});

/**
 * data: { tokens: [{text}], layers: [{ heads: [{ weights: Float32Array (T·T, row-major: query,
 * key), label?, shortLabel?, score? }] }], selected?: {layer, head} }; selected: the fallback
 * selection. -> { T, layers: L, heads: H (the widest layer), columns: ['head 0', …], rows:
 * [{ label: 'layer 0', cells: [{ layer, head, label, shortLabel, score, scoreText, name, selected }] }] }.
 * Throws a TypeError naming the head whose weights are not T·T numbers (a caller's bug).
 */
export function headGridModel(data, selected = null) {
  const tokens = data?.tokens ?? [];
  const T = tokens.length;
  const layers = data?.layers ?? [];
  const chosen = data?.selected !== undefined ? data.selected : selected; // null: none
  const H = Math.max(0, ...layers.map((l) => l.heads?.length ?? 0));
  const rows = layers.map((layer, l) => ({
    label: `layer ${l}`,
    cells: (layer.heads ?? []).map((head, h) => {
      if (!head?.weights || head.weights.length !== T * T)
        throw new TypeError(
          `head grid: layer ${l} head ${h} has ${head?.weights?.length ?? 'no'} weights; expected ${T}·${T} = ${T * T}`,
        );
      const label = head.label ? String(head.label) : '';
      const hasScore = typeof head.score === 'number' && Number.isFinite(head.score);
      const scoreText = hasScore ? number(head.score, 2) : '';
      const extra = [label, scoreText && `score ${scoreText}`].filter(Boolean).join(', ');
      return {
        layer: l,
        head: h,
        label,
        // Under the thumbnail: the source's short form when it has one ("previous word 94%"; the
        // cell's name and tooltip keep the whole "previous word, 94% of positions").
        shortLabel: head.shortLabel ? String(head.shortLabel) : label,
        score: hasScore ? head.score : null,
        scoreText,
        name: `Layer ${l}, head ${h}${extra ? `: ${extra}` : ''}`,
        selected: !!chosen && chosen.layer === l && chosen.head === h,
      };
    }),
  }));
  return { T, layers: layers.length, heads: H, columns: Array.from({ length: H }, (_, h) => `head ${h}`), rows };
}

/**
 * Where a key moves the keyboard from {layer, head} in a model -> {layer, head}, or null when
 * the key is not a move. Rows may be ragged: a move lands on the nearest head that exists.
 */
export function moveInGrid(model, at, key, ctrl = false) {
  const last = model.rows.length - 1;
  if (last < 0) return null;
  const width = (l) => model.rows[l].cells.length;
  const clampHead = (l, h) => ({ layer: l, head: Math.max(0, Math.min(h, width(l) - 1)) });
  const { layer, head } = at;
  switch (key) {
    case 'ArrowLeft':
      return clampHead(layer, head - 1);
    case 'ArrowRight':
      return clampHead(layer, head + 1);
    case 'ArrowUp':
      return clampHead(Math.max(0, layer - 1), head);
    case 'ArrowDown':
      return clampHead(Math.min(last, layer + 1), head);
    case 'Home':
      return ctrl ? clampHead(0, 0) : clampHead(layer, 0);
    case 'End':
      return ctrl ? clampHead(last, width(last) - 1) : clampHead(layer, width(layer) - 1);
    default:
      return null;
  }
}

// One pixel per weight on the thumbnail's canvas; CSS scales it up (image-rendering: pixelated).
function paintThumb(canvas, weights, T) {
  if (canvas.width !== T) canvas.width = T;
  if (canvas.height !== T) canvas.height = T;
  if (!T) return;
  const pixels = new ImageData(T, T);
  fillViridis(pixels.data, weights, { S: T });
  canvas.getContext('2d').putImageData(pixels, 0, 0);
}

/**
 * container: the element to draw into; options: defaults above.
 * -> { update(data) (data as headGridModel's), select({layer, head}), focus(), svg(), destroy() }
 */
export function createHeadGrid(container, options = {}) {
  const opts = { ...defaults, ...options };
  const root = el('div', { class: 'ap-view ap-headgrid' });
  const caption = el('div', { class: 'ap-view-title' });
  const scroller = el('div', { class: 'ap-scroll' });
  const grid = el('div', { class: 'ap-headgrid-grid', role: 'grid', 'aria-label': opts.label });
  scroller.append(grid);
  root.append(caption, scroller);
  container.append(root);

  let data = null;
  let model = null;
  let selected = opts.selected;
  let shapeKey = '';
  let cells = []; // [layer][head] -> {node, canvas, label, score}
  let active = { layer: 0, head: 0 }; // the one cell in the Tab order

  function build() {
    clear(grid);
    grid.style.setProperty('--ap-thumb', `${opts.thumb}px`);
    const header = el(
      'div',
      { class: 'ap-headgrid-row', role: 'row' },
      el('span', { class: 'ap-headgrid-corner', role: 'columnheader', 'aria-label': 'Layer' }),
      model.columns.map((text) => el('span', { class: 'ap-headgrid-colhead', role: 'columnheader', text })),
    );
    grid.append(header);
    cells = model.rows.map((row) => {
      const line = el(
        'div',
        { class: 'ap-headgrid-row', role: 'row' },
        el('span', { class: 'ap-headgrid-rowhead', role: 'rowheader', text: row.label }),
      );
      grid.append(line);
      return row.cells.map((cell) => {
        const canvas = el('canvas', { class: 'ap-headgrid-thumb', 'aria-hidden': 'true' });
        const label = el('span', { class: 'ap-headgrid-label' });
        const score = el('span', { class: 'ap-headgrid-score' });
        const node = el(
          'div',
          {
            class: 'ap-headgrid-cell',
            role: 'gridcell',
            tabindex: -1,
            'data-layer': cell.layer,
            'data-head': cell.head,
          },
          canvas,
          label,
          score,
        );
        line.append(node);
        return { node, canvas, label, score, painted: null };
      });
    });
  }

  function paint() {
    model.rows.forEach((row, l) =>
      row.cells.forEach((cell, h) => {
        const parts = cells[l][h];
        const weights = data.layers[l].heads[h].weights;
        // A new pick redraws the same arrays: only new numbers are painted again.
        if (parts.painted !== weights) paintThumb(parts.canvas, weights, model.T);
        parts.painted = weights;
        update(parts.label, { text: cell.shortLabel, hidden: !cell.label });
        update(parts.score, { text: cell.scoreText, hidden: !cell.scoreText });
        update(parts.node, {
          'aria-label': cell.name,
          'aria-selected': String(cell.selected),
          title: cell.name,
        });
        parts.node.classList.toggle('ap-selected', cell.selected);
      }),
    );
    const sel = selected && cells[selected.layer]?.[selected.head] ? selected : null;
    setActive(sel ?? (cells[active.layer]?.[active.head] ? active : { layer: 0, head: 0 }), false);
  }

  // Moves the single Tab stop; with focus = true also the keyboard focus.
  function setActive(at, focus) {
    const previous = cells[active.layer]?.[active.head];
    if (previous) previous.node.tabIndex = -1;
    const next = cells[at.layer]?.[at.head];
    if (!next) return;
    active = { layer: at.layer, head: at.head };
    next.node.tabIndex = 0;
    if (focus) next.node.focus();
  }

  const cellOf = (target) => target.closest?.('.ap-headgrid-cell');
  const coords = (node) => ({ layer: Number(node.dataset.layer), head: Number(node.dataset.head) });

  grid.addEventListener('click', (event) => {
    const node = cellOf(event.target);
    if (!node) return;
    setActive(coords(node), true);
    opts.onSelect?.(coords(node));
  });
  grid.addEventListener('keydown', (event) => {
    const node = cellOf(event.target);
    if (!node || !model) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      opts.onSelect?.(coords(node));
      return;
    }
    const to = moveInGrid(model, coords(node), event.key, event.ctrlKey || event.metaKey);
    if (!to) return;
    event.preventDefault();
    setActive(to, true);
  });

  /** The grid as a standalone SVG (thumbnails as embedded images), for export. */
  function exportSvg() {
    if (!model || !model.rows.length) return null;
    const side = opts.thumb;
    const left = 64;
    const top = 20;
    const pitch = side + 8;
    const width = left + model.heads * pitch;
    const height = top + model.layers * pitch;
    const svg = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` });
    model.columns.forEach((text, h) =>
      svg.append(svgEl('text', { class: 'ap-label', x: left + h * pitch, y: 14 }, text)),
    );
    model.rows.forEach((row, l) => {
      const y = top + l * pitch;
      svg.append(svgEl('text', { class: 'ap-label', x: 0, y: y + side / 2 }, row.label));
      row.cells.forEach((_, h) => {
        const href = cells[l][h].canvas.toDataURL('image/png');
        const at = { x: left + h * pitch, y, width: side, height: side, href, 'image-rendering': 'pixelated' };
        svg.append(svgEl('image', at));
      });
    });
    return svg;
  }

  return {
    update(next) {
      data = next;
      if (next.selected !== undefined) selected = next.selected;
      model = headGridModel(next, selected);
      caption.textContent = next.title ?? '';
      caption.hidden = !next.title;
      grid.setAttribute('aria-rowcount', model.layers + 1);
      grid.setAttribute('aria-colcount', model.heads + 1);
      const key = model.rows.map((r) => r.cells.length).join(',');
      if (key !== shapeKey) {
        shapeKey = key;
        build();
      }
      paint();
    },
    /** Marks {layer, head} as selected (or null for none) without calling onSelect. */
    select(at) {
      selected = at;
      if (data) this.update({ ...data, selected: at });
    },
    /** Puts the keyboard focus on the grid's one Tab stop. */
    focus() {
      cells[active.layer]?.[active.head]?.node.focus();
    },
    svg: exportSvg,
    destroy() {
      root.remove();
    },
  };
}
