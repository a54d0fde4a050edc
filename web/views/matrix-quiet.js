// matrix-quiet: the matrix view's rows where the head has no signal (the core's evidence, shaped
// by view-model.js's quietRows): their word labels in muted italics, a "nothing here" mark in a
// column beside the cells (only "∅" when the screen is narrow), and one sentence under the
// matrix saying why (the focused row's reason, else the first). The cells themselves are faded
// by matrix-cells.js. It reads the verdicts; it decides nothing.

import { el, svgEl } from '../shared/dom.js';

const WIDE = 96; // px beside the cells for "∅ nothing here"
const NARROW = 18; // px for "∅" alone

/** quiet: {idle, reasons, words} or null; fits(width) -> whether the cells stay wide enough. -> px to reserve. */
export function quietWidth(quiet, fits) {
  if (!quiet?.words.length) return 0;
  return fits(WIDE) ? WIDE : NARROW;
}

/** overlay: the matrix's SVG (the marks go in it). -> {note: the <p> to place, reset(), paint(...)} */
export function createQuietRows(overlay) {
  const note = el('p', { class: 'ap-quiet-note', hidden: true });
  let marks = [];
  let key = ''; // the verdicts shown ('0110…'): a repaint with the same ones (a hover) skips them

  return {
    note,
    /** The overlay was rebuilt: the marks are gone. */
    reset() {
      marks = [];
      key = '';
    },
    /** layout: {S, leftW, topH, cell, quietW}; rowLabels: the SVG row words; row: the focused row. */
    paint({ S, leftW, topH, cell, quietW }, rowLabels, quiet, row) {
      const idle = quiet?.idle ?? null;
      const next = idle ? idle.join('') : '';
      if (next !== key) {
        key = next;
        for (const node of marks) node.remove();
        marks = [];
        rowLabels.forEach((label, r) => label.classList.toggle('ap-quiet-label', Boolean(idle?.[r])));
        for (let r = 0; idle && quietW && r < idle.length; ++r) {
          if (!idle[r]) continue;
          const at = { class: 'ap-quiet-mark', x: leftW + S * cell + 6, y: topH + r * cell + cell / 2 };
          marks.push(svgEl('text', at, quietW === WIDE ? '∅ nothing here' : '∅'));
        }
        overlay.append(...marks);
      }
      const reasons = quiet?.reasons ?? [];
      const words = quiet?.words ?? [];
      const why = reasons[row] || reasons.find(Boolean) || '';
      const text = words.length ? `Faded rows have no signal (${words.join(', ')}). ${why}` : '';
      note.hidden = !words.length;
      if (note.textContent !== text) note.textContent = text;
    },
  };
}
