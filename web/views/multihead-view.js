// multihead-view: every head as a small heat map (click to select one or several), then what
// multi-head attention does with them: the selected heads' outputs side by side (the
// concatenation, T × H·d) and the result of the output projection (T × E). Small matrices are
// canvases so 8 heads × 64 × 64 stay fast; the nodes are built once per shape (words, heads) and
// repainted in place, so a keystroke adds no DOM; export wraps the canvases as images in one SVG.
// Values come from analyze(): `analysis` (all heads, its concat and output); `selected` only
// changes which heads are drawn in full colour.

import { clear, el, svgEl, update } from '../shared/dom.js';
import { fillDiverging, fillViridis } from '../shared/palette.js';

export const defaults = Object.freeze({
  label: 'All heads',
  thumb: 132, // px, the side of a small matrix
  rowHeight: 0, // px per token in the concat/output pictures; 0 = fit between 4 and 18
  onSelect: null, // (indices: number[]) => void
});

function maxAbs(values) {
  let m = 1e-9;
  for (let i = 0; i < values.length; ++i) {
    const a = Math.abs(values[i]);
    if (a > m && a !== Infinity) m = a; // NaN fails a > m
  }
  return m;
}

// Sets a canvas's pixel size only when it changes (assigning width or height clears it and
// reallocates its buffer, even to the same value).
function resize(canvas, width, height) {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
}

// Draws a (rows, cols) ImageData scaled up without smoothing: one pixel per number, then one
// drawImage. 8 heads × 64 × 64 fillRect calls with a colour string each took tens of ms.
function blit(canvas, pixels, width, height) {
  const small = canvas.__apSmall ?? (canvas.__apSmall = document.createElement('canvas'));
  resize(small, pixels.width, pixels.height);
  small.getContext('2d').putImageData(pixels, 0, 0);
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  g.imageSmoothingEnabled = false;
  g.drawImage(small, 0, 0, width, height);
  return g;
}

// idle (T, may be null): rows where the head has no signal are faded, as in the matrix view.
function paintHeat(canvas, weights, mask, T, S, side, idle = null) {
  const cell = Math.max(1, Math.floor(side / Math.max(T, S)));
  resize(canvas, S * cell, T * cell);
  const pixels = new ImageData(S, T);
  fillViridis(pixels.data, weights, { S, mask, idle });
  blit(canvas, pixels, S * cell, T * cell);
}

// A value picture's pixel width per number (its canvas is W·colW × T·rowH).
const columnWidth = (W) => Math.max(1, Math.min(16, Math.floor(720 / Math.max(1, W))));

/** values: (T, W) row-major; blocks: [{width, dim}] column groups (dim = drawn faded). */
function paintValues(canvas, values, T, W, rowH, blocks) {
  const colW = columnWidth(W);
  resize(canvas, W * colW, T * rowH);
  const scale = maxAbs(values);
  const faded = new Uint8Array(W);
  let x = 0;
  for (const block of blocks ?? []) {
    if (block.dim) faded.fill(1, x, x + block.width);
    x += block.width;
  }
  // One pixel per number (T × 1024 would be 65k fillRect calls), scaled up without smoothing.
  const pixels = new ImageData(W, T);
  fillDiverging(pixels.data, values, scale, W, faded, 46);
  const g = blit(canvas, pixels, W * colW, T * rowH);
  g.fillStyle = '#444444';
  x = 0;
  for (const block of blocks ?? []) {
    x += block.width;
    if (x < W) g.fillRect(x * colW - 1, 0, 2, T * rowH);
  }
}

// The value pictures are painted only when near the window: at 64 words each is 64 × 1024
// numbers, and in a 1280 × 900 window the output picture starts ~450 px below it, so every
// keystroke painted a picture nobody saw. Away from the window a picture keeps its last paint
// and is repainted (with the newest numbers) when it comes within `margin` of the window, and
// before an export. Where a picture is is known per slot ('concat', 'output'), so a rebuilt
// canvas (a new word count) inherits it; until it is first known a picture is painted at once.
// Its size is always set at once (the page's layout never waits for a paint).
function createNearPainter(margin = '200px 0px') {
  const near = new Map(); // slot -> boolean, as last reported
  const stale = new Map(); // slot -> paint()
  const slotOf = new WeakMap(); // canvas -> slot
  const observer =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              const slot = slotOf.get(entry.target);
              if (slot === undefined) continue;
              near.set(slot, entry.isIntersecting);
              if (!entry.isIntersecting) continue;
              stale.get(slot)?.();
              stale.delete(slot);
            }
          },
          { rootMargin: margin },
        )
      : null;
  return {
    /** Watches canvas as the holder of slot (call once per new canvas). */
    watch(slot, canvas) {
      slotOf.set(canvas, slot);
      observer?.observe(canvas);
    },
    /** Paints now if slot is near the window (or not yet known), else when it comes near. */
    paint(slot, paint) {
      if (near.get(slot) === false) stale.set(slot, paint);
      else {
        stale.delete(slot);
        paint();
      }
    },
    /** Paints every picture still waiting (before the canvases are read). */
    flush() {
      for (const paint of stale.values()) paint();
      stale.clear();
    },
    disconnect() {
      observer?.disconnect();
    },
  };
}

export function createMultiheadView(container, options = {}) {
  const opts = { ...defaults, ...options };
  const root = el('div', { class: 'ap-view ap-multihead' });
  container.append(root);
  let data = null;
  let canvases = [];
  let shapeKey = '';
  let parts = null; // the nodes paint() writes into, from build()
  const pictures = createNearPainter();

  function labels(count, rowH) {
    const list = el('ol', { class: 'ap-row-labels', 'aria-hidden': 'true' });
    for (let i = 0; i < count; ++i) {
      const item = el('li');
      item.style.height = `${rowH}px`;
      item.style.lineHeight = `${rowH}px`;
      item.style.fontSize = `${Math.min(13, rowH)}px`;
      list.append(item);
    }
    return list;
  }

  // The nodes for one shape (words, heads, widths); typing inside a word only repaints them.
  function build(T, H, rowH) {
    clear(root);
    const cards = Array.from({ length: H }, (_, i) => {
      const name = el('span', { class: 'ap-head-name' });
      const canvas = el('canvas', { class: 'ap-thumb-canvas' });
      const desc = el('span', { class: 'ap-head-desc' });
      // Word labels: rows (the words asking) on the left, columns (looked at) on top.
      const rows = el('ol', { class: 'ap-thumb-rows', 'aria-hidden': 'true' });
      const cols = el('ol', { class: 'ap-thumb-cols', 'aria-hidden': 'true' });
      const picture = el('span', { class: 'ap-thumb' }, el('span'), cols, rows, canvas);
      const card = el(
        'button',
        { class: 'ap-head-card', type: 'button', role: 'checkbox', 'data-head': i },
        name,
        picture,
        desc,
      );
      return { card, name, canvas, desc, rows, cols };
    });
    const figure = (caption, canvas) => {
      const list = labels(T, rowH);
      const node = el(
        'figure',
        { class: 'ap-combine-step' },
        caption,
        el('div', { class: 'ap-values-row' }, list, canvas),
      );
      return { node, list };
    };
    const concat = { caption: el('figcaption'), canvas: el('canvas', { class: 'ap-values-canvas' }) };
    const output = { caption: el('figcaption'), canvas: el('canvas', { class: 'ap-values-canvas' }) };
    const concatFigure = figure(concat.caption, concat.canvas);
    const outputFigure = figure(output.caption, output.canvas);
    root.append(
      el('p', {
        class: 'ap-view-title',
        text: 'Every head looks at the sentence in its own way. Click heads to combine them; the last one clicked is shown in detail below.',
      }),
      el(
        'div',
        { class: 'ap-head-grid', role: 'group', 'aria-label': 'Heads: select one or several' },
        cards.map((c) => c.card),
      ),
      el(
        'div',
        { class: 'ap-combine' },
        concatFigure.node,
        outputFigure.node,
        el('p', { class: 'ap-legend', text: 'Blue = negative, red = positive, white = 0.' }),
      ),
    );
    parts = { cards, concat, output, lists: [concatFigure.list, outputFigure.list] };
    pictures.watch('concat', concat.canvas);
    pictures.watch('output', output.canvas);
  }

  // One label per word, each one cell high (or wide); hidden when cells are too small to read.
  function thumbLabels(list, tokens, cell) {
    list.hidden = cell < 7;
    list.style.setProperty('--ap-thumb-cell', `${cell}px`);
    while (list.children.length > tokens.length) list.lastChild.remove();
    while (list.children.length < tokens.length) list.append(el('li'));
    tokens.forEach((t, i) => setText(list.children[i], t.text));
  }

  const setText = (node, text) => {
    if (node.textContent !== text) node.textContent = text;
  };

  function render() {
    const a = data.analysis;
    const T = a.tokens.length;
    const S = a.sourceTokens.length;
    if (!T || !S) {
      clear(root);
      canvases = [];
      shapeKey = '';
      return;
    }
    const selected = new Set(data.selected ?? []);
    // The core's concat and output always hold every head (E = H·d); the selected heads' blocks
    // are drawn in full colour and the others faded, so the eye follows the chosen ones.
    const rowH = opts.rowHeight || Math.max(4, Math.min(18, Math.floor(360 / T)));
    const key = `${T}|${S}|${a.heads.length}|${rowH}`;
    if (key !== shapeKey) {
      shapeKey = key;
      build(T, a.heads.length, rowH);
    }
    canvases = [];
    const cell = Math.max(1, Math.floor(opts.thumb / Math.max(T, S)));
    a.heads.forEach((h, i) => {
      const { card, name, canvas, desc, rows, cols } = parts.cards[i];
      paintHeat(canvas, h.weights, h.mask, T, S, opts.thumb, h.evidence?.idle);
      thumbLabels(rows, a.tokens, cell);
      thumbLabels(cols, a.sourceTokens, cell);
      card.classList.toggle('ap-detail', i === data.selected?.[0]);
      canvases.push({ canvas, title: h.name });
      card.classList.toggle('ap-selected', selected.has(i));
      update(card, { 'aria-checked': String(selected.has(i)), 'aria-label': `Head ${h.name}: ${h.description}` });
      setText(name, h.name);
      setText(desc, h.description);
    });
    const concatW = a.concat.length / T;
    const outW = a.output.length / T;
    const selectedNames = a.heads.filter((_, i) => selected.has(i)).map((h) => h.name);
    const blocks = a.heads.map((h, i) => ({ width: a.headDim, dim: !selected.has(i), name: h.name }));
    const { concat, output } = parts;
    // Sized now, so the page's layout never waits for a paint; painted when near the window.
    resize(concat.canvas, concatW * columnWidth(concatW), T * rowH);
    resize(output.canvas, outW * columnWidth(outW), T * rowH);
    pictures.paint('concat', () => paintValues(concat.canvas, a.concat, T, concatW, rowH, blocks));
    pictures.paint('output', () => paintValues(output.canvas, a.output, T, outW, rowH, []));
    canvases.push(
      { canvas: parts.concat.canvas, title: 'concatenation' },
      { canvas: parts.output.canvas, title: 'output projection' },
    );
    setText(
      parts.concat.caption,
      `1. Concatenate the outputs of all ${a.heads.length} heads (${a.headDim} numbers per word each) → ${T} × ${concatW}. In colour: ${selectedNames.join(' + ') || 'no head'}`,
    );
    setText(
      parts.output.caption,
      `2. Multiply by the output projection W_O → ${T} × ${outW}: every output number mixes all heads; one vector per word goes on to the next layer`,
    );
    for (const list of parts.lists) a.tokens.forEach((t, i) => setText(list.children[i], t.text));
  }

  root.addEventListener('click', (event) => {
    const card = event.target.closest?.('.ap-head-card');
    if (!card) return;
    opts.onSelect?.(toggleHead(data.selected ?? [], Number(card.dataset.head)));
  });

  /** The small matrices and value pictures as one SVG of embedded images (for export). */
  function exportSvg() {
    if (!canvases.length) return null;
    pictures.flush();
    let y = 0;
    const svg = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg' });
    let width = 0;
    let x = 0;
    for (const { canvas, title } of canvases) {
      const w = Math.max(canvas.width, 80);
      if (x + w > 720 || title === 'concatenation' || title === 'output projection') {
        x = 0;
        y = svg.childNodes.length ? y + rowMax + 30 : y;
      }
      svg.append(
        svgEl('text', { x, y: y + 12, class: 'ap-label' }, title),
        svgEl('image', {
          x,
          y: y + 18,
          width: canvas.width,
          height: canvas.height,
          href: canvas.toDataURL('image/png'),
        }),
      );
      rowMax = Math.max(x === 0 ? 0 : rowMax, canvas.height);
      x += w + 16;
      width = Math.max(width, x);
    }
    const height = y + rowMax + 30;
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    return svg;
  }
  let rowMax = 0;

  return {
    update(next) {
      data = next;
      render();
    },
    svg: exportSvg,
    destroy() {
      pictures.disconnect();
      root.remove();
    },
  };
}

/**
 * The selection after clicking head i: a head not selected joins at the front (the detail view
 * shows the first), a selected one leaves (never the last one). Shared with the page's chips.
 */
export function toggleHead(selected, i) {
  if (!selected.includes(i)) return [i, ...selected];
  return selected.length > 1 ? selected.filter((h) => h !== i) : selected;
}
