// multihead-view: every head as a small heat map (click to select one or several), then what
// multi-head attention does with them: the selected heads' outputs side by side (the
// concatenation, T × H·d) and the result of the output projection (T × E). Small matrices are
// canvases so 8 heads × 64 × 64 stay fast; export wraps them as images in one SVG.
// Values come from analyze(): `analysis` (all heads, its concat and output); `selected` only
// changes which heads are drawn in full colour.

import { clear, el, svgEl } from '../dom.js';
import { divergingRgb, viridisRgb } from '../palette.js';

export const defaults = Object.freeze({
  label: 'All heads',
  thumb: 132, // px, the side of a small matrix
  rowHeight: 0, // px per token in the concat/output pictures; 0 = fit between 4 and 18
  onSelect: null, // (indices: number[]) => void
});

const maxAbs = (values) => values.reduce((m, x) => (Number.isFinite(x) ? Math.max(m, Math.abs(x)) : m), 1e-9);

const BLOCKED_RGB = [0x9a, 0x9a, 0x9a];

// One pixel per weight, scaled up without smoothing: 8 heads × 64 × 64 fillRect calls with a
// colour string each took tens of milliseconds per keystroke.
function heatCanvas(weights, mask, T, S, side) {
  const cell = Math.max(1, Math.floor(side / Math.max(T, S)));
  const canvas = el('canvas', { class: 'ap-thumb-canvas', width: S * cell, height: T * cell });
  const pixels = new ImageData(S, T);
  for (let i = 0; i < T * S; ++i) {
    const [red, green, blue] = mask && mask[i] ? BLOCKED_RGB : viridisRgb(weights[i]);
    pixels.data[4 * i] = red;
    pixels.data[4 * i + 1] = green;
    pixels.data[4 * i + 2] = blue;
    pixels.data[4 * i + 3] = 255;
  }
  const small = el('canvas', { width: S, height: T });
  small.getContext('2d').putImageData(pixels, 0, 0);
  const g = canvas.getContext('2d');
  g.imageSmoothingEnabled = false;
  g.drawImage(small, 0, 0, S * cell, T * cell);
  return canvas;
}

/** values: (T, W) row-major; blocks: [{width, dim}] column groups (dim = drawn faded). */
function valueCanvas(values, T, W, rowH, blocks) {
  const colW = Math.max(1, Math.min(16, Math.floor(720 / Math.max(1, W))));
  const canvas = el('canvas', { class: 'ap-values-canvas', width: W * colW, height: T * rowH });
  const g = canvas.getContext('2d');
  const scale = maxAbs(Array.from(values));
  const faded = new Uint8Array(W);
  let x = 0;
  for (const block of blocks ?? []) {
    if (block.dim) faded.fill(1, x, x + block.width);
    x += block.width;
  }
  // One pixel per number (T × 1024 would be 65k fillRect calls), scaled up without smoothing.
  const pixels = new ImageData(W, T);
  for (let r = 0; r < T; ++r) {
    for (let c = 0; c < W; ++c) {
      const [red, green, blue] = divergingRgb(values[r * W + c] / scale);
      const p = 4 * (r * W + c);
      pixels.data[p] = red;
      pixels.data[p + 1] = green;
      pixels.data[p + 2] = blue;
      pixels.data[p + 3] = faded[c] ? 46 : 255;
    }
  }
  const small = el('canvas', { width: W, height: T });
  small.getContext('2d').putImageData(pixels, 0, 0);
  g.imageSmoothingEnabled = false;
  g.drawImage(small, 0, 0, W * colW, T * rowH);
  g.globalAlpha = 1;
  g.fillStyle = '#444444';
  x = 0;
  for (const block of blocks ?? []) {
    x += block.width;
    if (x < W) g.fillRect(x * colW - 1, 0, 2, T * rowH);
  }
  return canvas;
}

export function createMultiheadView(container, options = {}) {
  const opts = { ...defaults, ...options };
  const root = el('div', { class: 'ap-view ap-multihead' });
  container.append(root);
  let data = null;
  let canvases = [];

  function labels(tokens, rowH) {
    const list = el('ol', { class: 'ap-row-labels', 'aria-hidden': 'true' });
    for (const t of tokens) {
      const item = el('li', { text: t.text });
      item.style.height = `${rowH}px`;
      item.style.lineHeight = `${rowH}px`;
      item.style.fontSize = `${Math.min(13, rowH)}px`;
      list.append(item);
    }
    return list;
  }

  function render() {
    clear(root);
    canvases = [];
    const a = data.analysis;
    const T = a.tokens.length;
    const S = a.sourceTokens.length;
    if (!T || !S) return;
    const selected = new Set(data.selected ?? []);
    const grid = el('div', { class: 'ap-head-grid', role: 'group', 'aria-label': 'Heads: select one or several' });
    a.heads.forEach((h, i) => {
      const canvas = heatCanvas(h.weights, h.mask, T, S, opts.thumb);
      canvases.push({ canvas, title: h.name });
      const card = el(
        'button',
        {
          class: `ap-head-card${selected.has(i) ? ' ap-selected' : ''}`,
          type: 'button',
          role: 'checkbox',
          'aria-checked': String(selected.has(i)),
          'aria-label': `Head ${h.name}: ${h.description}`,
          'data-head': i,
        },
        el('span', { class: 'ap-head-name', text: h.name }),
        canvas,
        el('span', { class: 'ap-head-desc', text: h.description }),
      );
      grid.append(card);
    });
    // The core's concat and output always hold every head (E = H·d); the selected heads' blocks
    // are drawn in full colour and the others faded, so the eye follows the chosen ones.
    const rowH = opts.rowHeight || Math.max(4, Math.min(18, Math.floor(360 / T)));
    const concatW = a.concat.length / T;
    const outW = a.output.length / T;
    const selectedNames = a.heads.filter((_, i) => selected.has(i)).map((h) => h.name);
    const blocks = a.heads.map((h, i) => ({ width: a.headDim, dim: !selected.has(i), name: h.name }));
    const concat = valueCanvas(a.concat, T, concatW, rowH, blocks);
    const output = valueCanvas(a.output, T, outW, rowH, []);
    canvases.push({ canvas: concat, title: 'concatenation' }, { canvas: output, title: 'output projection' });
    root.append(
      el('p', {
        class: 'ap-view-title',
        text: 'Every head looks at the sentence in its own way. Click heads to combine them.',
      }),
      grid,
      el(
        'div',
        { class: 'ap-combine' },
        el(
          'figure',
          { class: 'ap-combine-step' },
          el('figcaption', {
            text: `1. Concatenate the outputs of all ${a.heads.length} heads (${a.headDim} numbers per word each) → ${T} × ${concatW}. In colour: ${selectedNames.join(' + ') || 'no head'}`,
          }),
          el('div', { class: 'ap-values-row' }, labels(a.tokens, rowH), concat),
        ),
        el(
          'figure',
          { class: 'ap-combine-step' },
          el('figcaption', {
            text: `2. Multiply by the output projection W_O → ${T} × ${outW}: every output number mixes all heads; one vector per word goes on to the next layer`,
          }),
          el('div', { class: 'ap-values-row' }, labels(a.tokens, rowH), output),
        ),
        el('p', { class: 'ap-legend', text: 'Blue = negative, red = positive, white = 0.' }),
      ),
    );
  }

  root.addEventListener('click', (event) => {
    const card = event.target.closest?.('.ap-head-card');
    if (!card) return;
    const i = Number(card.dataset.head);
    const selected = new Set(data.selected ?? []);
    if (selected.has(i) && selected.size > 1) selected.delete(i);
    else selected.add(i);
    opts.onSelect?.([...selected].sort((x, y) => x - y));
  });

  /** The small matrices and value pictures as one SVG of embedded images (for export). */
  function exportSvg() {
    if (!canvases.length) return null;
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
      root.remove();
    },
  };
}
