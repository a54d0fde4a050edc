// lines-view: queries in a column on the left, keys on the right, a line from each query to each
// key whose thickness and opacity are the weight the core computed. The focused query's lines
// are drawn in colour on top; the others stay faint so the picture is readable at 64 words.
// Left words are focusable (Up/Down move, Enter pins). It draws; it never computes weights.

import { percent, svgEl, textWidth } from '../shared/dom.js';
import { viridis } from '../shared/palette.js';
import { createSvgShell } from './svg-shell.js';

export const defaults = Object.freeze({
  label: 'Attention as lines between words',
  rowHeight: 24,
  minWeight: 0.02, // lines thinner than this are not drawn (they would be invisible anyway)
  onFocus: null, // (row) => void
  onPin: null, // (row) => void
});

const FONT = '13px system-ui, sans-serif';

export function createLinesView(container, options = {}) {
  const opts = { ...defaults, ...options };
  let data = null;

  function render(next) {
    data = next;
    const T = data.rows.length;
    const S = data.cols.length;
    if (!T || !S) return null;
    const focus = data.focus?.row ?? 0;
    const leftW = Math.ceil(Math.max(...data.rows.map((t) => textWidth(t.text, `bold ${FONT}`)))) + 12;
    const rightW = Math.ceil(Math.max(90, ...data.cols.map((t) => textWidth(t.text, FONT) + 48))) + 12;
    const width = Math.max(leftW + rightW + 120, Math.min(720, (container.clientWidth || 600) - 4));
    // No signal on the focused word: its lines stay grey (svg-shell writes the reason below).
    const reason = data.quiet?.reasons[focus] ?? '';
    const height = Math.max(T, S) * opts.rowHeight + 30;
    const x1 = leftW;
    const x2 = width - rightW;
    const yq = (r) => 24 + r * opts.rowHeight + opts.rowHeight / 2;
    const yk = (c) => 24 + c * opts.rowHeight + opts.rowHeight / 2;
    const svg = svgEl('svg', {
      class: 'ap-lines-svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      // A group, not an image: the word buttons inside must stay reachable to assistive tech.
      role: 'group',
      'aria-label': `${opts.label}; focused word “${data.rows[focus]?.text ?? ''}”`,
    });
    svg.append(
      svgEl('text', { class: 'ap-lines-head', x: 0, y: 12 }, data.rowsTitle ?? 'word asking'),
      svgEl('text', { class: 'ap-lines-head', x: x2 + 6, y: 12 }, data.colsTitle ?? 'words looked at'),
    );
    const faint = svgEl('g', { class: 'ap-lines-faint' });
    const strong = svgEl('g', { class: 'ap-lines-focus' });
    for (let r = 0; r < T; ++r) {
      for (let c = 0; c < S; ++c) {
        const w = data.weights[r * S + c];
        if ((data.mask && data.mask[r * S + c]) || !(w >= opts.minWeight)) continue;
        const line = svgEl('line', {
          x1: x1 + 4,
          y1: yq(r),
          x2: x2 - 4,
          y2: yk(c),
          'stroke-width': (0.5 + 7 * w).toFixed(2),
        });
        if (r === focus && !reason) {
          line.setAttribute('stroke', viridis(0.25 + 0.75 * w));
          line.setAttribute('stroke-opacity', (0.35 + 0.65 * w).toFixed(2));
          line.append(svgEl('title', {}, `“${data.rows[r].text}” → “${data.cols[c].text}”: ${percent(w)}`));
          strong.append(line);
        } else {
          line.setAttribute('stroke-opacity', (0.05 + 0.3 * w).toFixed(2));
          line.setAttribute('stroke', '#8a8a8a');
          faint.append(line);
        }
      }
    }
    svg.append(faint, strong);
    for (let r = 0; r < T; ++r) {
      svg.append(
        svgEl(
          'text',
          {
            class: `ap-label ap-lines-query${r === focus ? ' ap-focus' : ''}${data.quiet?.idle[r] ? ' ap-quiet-label' : ''}`,
            x: x1 - 6,
            y: yq(r),
            'text-anchor': 'end',
            tabindex: r === focus ? 0 : -1,
            role: 'button',
            'aria-label': `Focus on “${data.rows[r].text}”`,
            'data-row': r,
          },
          data.rows[r].text,
        ),
      );
    }
    for (let c = 0; c < S; ++c) {
      const w = data.weights[focus * S + c];
      const blocked = Boolean(data.mask && data.mask[focus * S + c]);
      svg.append(
        svgEl(
          'text',
          {
            class: `ap-label ap-lines-key${blocked ? ' ap-blocked-text' : ''}`,
            x: x2 + 6,
            y: yk(c),
            'aria-label': blocked ? `“${data.cols[c].text}”: blocked` : `“${data.cols[c].text}”: ${percent(w)}`,
          },
          data.cols[c].text,
          svgEl('tspan', { class: 'ap-lines-value', dx: 6 }, blocked ? 'blocked' : percent(w, 0)),
        ),
      );
    }
    return svg;
  }

  const { shell, view } = createSvgShell(container, 'ap-lines', {
    render,
    // A focused word keeps the keyboard across the redraw, and the move is announced.
    before: (_, { root }) => root.contains(root.getRootNode().activeElement),
    after(next, svg, hadFocus, { live }) {
      const row = next.focus?.row ?? 0;
      if (hadFocus) svg?.querySelector(`[data-row="${row}"]`)?.focus();
      if (hadFocus && next.cols.length) live.textContent = `“${next.rows[row].text}” looks most at the thicker lines`;
    },
  });
  const { holder } = shell;

  const rowOf = (event) => {
    const node = event.target.closest?.('.ap-lines-query');
    return node ? Number(node.dataset.row) : null;
  };
  holder.addEventListener('pointerover', (event) => {
    const row = rowOf(event);
    if (row !== null && row !== data.focus?.row) opts.onFocus?.(row);
  });
  holder.addEventListener('click', (event) => {
    const row = rowOf(event);
    if (row !== null) opts.onPin?.(row);
  });
  holder.addEventListener('keydown', (event) => {
    const row = rowOf(event);
    if (row === null) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      opts.onPin?.(row);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.min(data.rows.length - 1, Math.max(0, row + (event.key === 'ArrowDown' ? 1 : -1)));
      opts.onFocus?.(next);
    }
  });

  return view;
}
