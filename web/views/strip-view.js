// strip-view: "while processing X" — the key sentence written out once, each word's background
// coloured by how much the query word X attends to it, the exact percentage under it. Blocked
// words (the future, under a causal mask) are greyed and marked "blocked". Words wrap to the
// container's width. It reads the core's weights row as given and computes nothing.

import { percent, svgEl, textWidth } from '../shared/dom.js';
import { textOn, viridis } from '../shared/palette.js';
import { createSvgShell } from './svg-shell.js';

export const defaults = Object.freeze({
  label: 'While processing one word',
  onFocus: null, // (row, col) => void when a word is hovered or focused
  onPin: null, // (row, col) => void on click or Enter
  gap: 6,
  chipHeight: 28,
});

const FONT = '14px system-ui, sans-serif';

export function createStripView(container, options = {}) {
  const opts = { ...defaults, ...options };
  let data = null;

  function render(next) {
    data = next;
    const S = data.cols.length;
    const row = data.focus?.row ?? 0;
    if (!S || !data.rows.length) return null;
    const query = data.rows[row]?.text ?? '';
    const width = Math.max(240, (container.clientWidth || 600) - 4);
    const lineH = opts.chipHeight + 22;
    const items = [];
    let x = 0;
    let y = 0;
    for (let c = 0; c < S; ++c) {
      const w = Math.max(textWidth(data.cols[c].text, FONT) + 16, 44);
      if (x > 0 && x + w > width) {
        x = 0;
        y += lineH;
      }
      items.push({ c, x, y, w });
      x += w + opts.gap;
    }
    const height = y + lineH + 24;
    const svg = svgEl('svg', {
      class: 'ap-strip-svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'list',
      'aria-label': `${opts.label}: “${query}”`,
    });
    const heading = svgEl(
      'text',
      { class: 'ap-strip-heading', x: 0, y: 14 },
      'While processing ',
      svgEl('tspan', { class: 'ap-strip-query' }, `“${query}”`),
      ', it looks at:',
    );
    svg.append(heading);
    for (const { c, x: cx, y: cy, w } of items) {
      const i = row * S + c;
      const blocked = Boolean(data.mask && data.mask[i]);
      const weight = data.weights[i];
      const top = cy + 24;
      const label = blocked
        ? `“${data.cols[c].text}”: blocked, cannot be used`
        : `“${data.cols[c].text}”: ${percent(weight)}`;
      const group = svgEl('g', {
        class: `ap-chip${blocked ? ' ap-chip-blocked' : ''}${c === data.focus?.col ? ' ap-focus' : ''}`,
        role: 'listitem',
        tabindex: 0,
        'aria-label': label,
        'data-col': c,
        'data-weight': blocked ? '0' : String(weight),
      });
      group.append(
        svgEl('rect', {
          class: 'ap-chip-bg',
          x: cx,
          y: top,
          width: w,
          height: opts.chipHeight,
          rx: 5,
          fill: blocked ? '#b8b8b8' : viridis(weight),
        }),
        svgEl(
          'text',
          {
            class: 'ap-chip-text',
            x: cx + w / 2,
            y: top + opts.chipHeight / 2,
            fill: blocked ? '#333333' : textOn(weight),
          },
          data.cols[c].text,
        ),
        svgEl(
          'text',
          { class: 'ap-chip-value', x: cx + w / 2, y: top + opts.chipHeight + 13 },
          blocked ? 'blocked' : percent(weight),
        ),
      );
      svg.append(group);
    }
    return svg;
  }

  const { shell, view } = createSvgShell(container, 'ap-strip', {
    render,
    // The chip that had the keyboard keeps it across the redraw.
    before(_, { root }) {
      const focused = root.getRootNode().activeElement;
      return focused && root.contains(focused) ? focused.dataset?.col : undefined;
    },
    after(_, svg, focusCol) {
      if (focusCol !== undefined) svg?.querySelector(`[data-col="${focusCol}"]`)?.focus();
    },
  });
  const { holder, live } = shell;

  const colOf = (event) => {
    const chip = event.target.closest?.('.ap-chip');
    return chip ? Number(chip.dataset.col) : null;
  };
  holder.addEventListener('focusin', (event) => {
    const chip = event.target.closest?.('.ap-chip');
    if (chip) live.textContent = chip.getAttribute('aria-label');
  });
  holder.addEventListener('click', (event) => {
    const col = colOf(event);
    if (col !== null) opts.onPin?.(data.focus?.row ?? 0, col);
  });
  holder.addEventListener('keydown', (event) => {
    const col = colOf(event);
    if (col === null || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    opts.onPin?.(data.focus?.row ?? 0, col);
  });

  return view;
}
