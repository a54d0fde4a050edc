// cell-popover: a matrix cell's "why this score", opened right at the cell (click, or Enter on
// the keyboard's cell): the core's named contributions (score-breakdown.js) and the weight the
// cell shows, in a labelled live region anchored under the cell. The keyboard focus stays on
// the grid (arrows keep moving the active cell; Tab reaches the box's close button); Escape,
// the close button or a click elsewhere closes it. It never covers the cell it explains: below
// the cell, above it when the window has no room below, and on a phone a sheet along the
// bottom of the window with the page scrolled so the tapped cell stays in sight above it.

import { el, percent } from '../shared/dom.js';
import { scoreBreakdown } from './score-breakdown.js';

const SHEET_BELOW = 600; // px of window width: narrower, the box is a sheet along the bottom

/** root: the view's positioned element; grid: the element focus returns to. */
export function createCellPopover(root, grid) {
  const close = el('button', { type: 'button', class: 'ap-popover-close', 'aria-label': 'Close', text: '×' });
  const body = el('div', { class: 'ap-popover-body' });
  const box = el('div', { class: 'ap-popover', role: 'region', 'aria-live': 'polite', hidden: true }, close, body);
  root.append(box);
  let at = null; // {row, col} of the cell explained

  function outside(event) {
    if (!event.composedPath().includes(box)) hide(false);
  }
  function hide(refocus) {
    if (!at) return;
    at = null;
    box.hidden = true;
    root.ownerDocument.removeEventListener('pointerdown', outside, true);
    if (refocus) grid.focus();
  }
  close.addEventListener('click', () => hide(true));
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    hide(true);
  });

  // Where the box goes: it must never cover the cell it explains (nor run off the window).
  function place(anchor) {
    const view = root.ownerDocument.defaultView;
    box.classList.toggle('ap-popover-sheet', view.innerWidth < SHEET_BELOW);
    // Inside a container that holds fixed boxes (the widget's contain: content) the sheet would
    // sit at the container's bottom, not the window's: then the box goes beside the cell.
    const sheet = view.innerWidth < SHEET_BELOW && Math.abs(box.getBoundingClientRect().bottom - view.innerHeight) < 2;
    if (!sheet) box.classList.remove('ap-popover-sheet');
    const base = root.getBoundingClientRect();
    if (sheet) {
      box.style.left = box.style.top = '';
      // The cell's bottom (window px) must clear the sheet's top, with a little air.
      const cover = base.top + anchor.bottom + 8 - (view.innerHeight - box.offsetHeight);
      if (cover > 0) view.scrollBy({ top: cover, behavior: 'instant' });
      return;
    }
    const room = root.clientWidth - box.offsetWidth - 4;
    box.style.left = `${Math.max(0, Math.min(anchor.left + anchor.width / 2 - 40, room))}px`;
    const height = box.offsetHeight;
    const below = view.innerHeight - (base.top + anchor.bottom);
    const above = base.top + anchor.top;
    const up = below < height + 8 && above >= height + 8;
    box.style.top = `${up ? anchor.top - height - 4 : anchor.bottom + 4}px`;
    box.scrollIntoView?.({ block: 'nearest' });
  }

  /** data: the matrix view's data; fills the box for the cell at. */
  function fill(data) {
    const { row, col } = at;
    const n = row * data.cols.length + col;
    const query = data.rows[row].text;
    const key = data.cols[col].text;
    box.setAttribute('aria-label', `Why “${query}” → “${key}” scores what it does`);
    const blocked = Boolean(data.mask?.[n]);
    body.replaceChildren(
      scoreBreakdown({ explain: () => data.explain(row, col), query, key }),
      el('p', {
        class: 'ap-popover-weight',
        text: blocked
          ? `Weight: 0% — the mask blocks “${key}” for “${query}”.`
          : `Weight after softmax: ${percent(data.weights[n])}.`,
      }),
    );
  }

  return {
    get open() {
      return at !== null;
    },
    is: (row, col) => at !== null && at.row === row && at.col === col,
    /**
     * Opens for cell (row, col) of data beside the cell's box {left, top, bottom, width} (px in
     * root): under it, or above it when the window has no room below; on a phone, as a sheet
     * along the bottom of the window, the page scrolled so the tapped cell stays above it.
     */
    show(data, row, col, anchor) {
      const first = !at;
      at = { row, col };
      fill(data);
      box.hidden = false;
      if (first) root.ownerDocument.addEventListener('pointerdown', outside, true);
      place(anchor);
    },
    /** New numbers (typing, another head): the open box shows them, or closes if its cell left. */
    refresh(data) {
      if (!at) return;
      if (!data.explain || at.row >= data.rows.length || at.col >= data.cols.length) return hide(false);
      fill(data);
    },
    hide,
  };
}
