// matrix-table: the attention matrix as a real <table> for screen readers (visually hidden):
// a caption, one column header per key word, one row header per query word, each cell the
// weight the core computed ("blocked" where the mask forbids, and the reason where the head
// has no signal). The canvas grid above stays the pointer and keyboard surface; this is the
// same numbers in the structure screen readers' table commands navigate.
// Cost matters (64 × 64 cells are ~8,500 nodes): the table is written a moment after typing
// stops, not on every keystroke (rewriting it every 250 ms while typing made a 64-word
// keystroke's p95 miss the frame whenever one landed on it), and its nodes are kept, only the
// texts that changed being written. (content-visibility: auto off screen would skip its layout,
// but Chromium then leaves it out of the accessibility tree, which is the table's whole point.)

import { clear, el, percent } from '../shared/dom.js';

const QUIET_MS = 250;

/** container: where the table goes; -> {update(data, caption), destroy()}. data: the matrix view's input. */
export function createMatrixTable(container) {
  // The visually hidden box is a div around the table: a table ignores its own width: 1px and
  // overflow (at 64 words it was 1,010 px wide, and a phone zoomed the page out to fit it).
  const table = el('table', { class: 'ap-matrix-table' });
  const box = el('div', { class: 'ap-sr-only' }, table);
  container.append(box);
  const caption = el('caption');
  let timer = 0;
  let pending = null;
  let shape = ''; // `${T}x${S}` the nodes below were built for
  let colHeads = [];
  let rowHeads = [];
  let cells = []; // T·S <td>, row-major

  const write = (node, text) => {
    if (node.textContent !== text) node.textContent = text;
  };

  function build(T, S) {
    clear(table);
    colHeads = Array.from({ length: S }, () => el('th', { scope: 'col' }));
    rowHeads = Array.from({ length: T }, () => el('th', { scope: 'row' }));
    cells = Array.from({ length: T * S }, () => el('td'));
    const body = el('tbody');
    for (let r = 0; r < T; ++r) body.append(el('tr', {}, rowHeads[r], ...cells.slice(r * S, (r + 1) * S)));
    table.append(caption, el('thead', {}, el('tr', {}, el('td', {}), ...colHeads)), body);
    shape = `${T}x${S}`;
  }

  function fill() {
    timer = 0;
    const { data, text } = pending;
    const T = data.rows.length;
    const S = data.cols.length;
    if (shape !== `${T}x${S}`) build(T, S);
    write(caption, text);
    for (let c = 0; c < S; ++c) write(colHeads[c], data.cols[c].text);
    for (let r = 0; r < T; ++r) {
      const reason = data.quiet?.reasons[r];
      write(rowHeads[r], reason ? `${data.rows[r].text} (no signal)` : data.rows[r].text);
    }
    for (let n = 0; n < T * S; ++n) write(cells[n], data.mask && data.mask[n] ? 'blocked' : percent(data.weights[n]));
  }

  return {
    update(data, text) {
      pending = { data, text };
      clearTimeout(timer);
      timer = setTimeout(fill, QUIET_MS);
    },
    destroy() {
      clearTimeout(timer);
      box.remove();
    },
  };
}
