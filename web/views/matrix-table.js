// matrix-table: the attention matrix as a real <table> for screen readers (visually hidden):
// a caption, one column header per key word, one row header per query word, each cell the
// weight the core computed ("blocked" where the mask forbids, and the reason where the head
// has no signal). The canvas grid above stays the pointer and keyboard surface; this is the
// same numbers in the structure screen readers' table commands navigate. It is rebuilt a
// moment after the last update (not on every keystroke: 64 × 64 cells are 4,096 nodes).

import { clear, el, percent } from '../shared/dom.js';

const DELAY_MS = 250;

/** container: where the table goes; -> {update(data, caption), destroy()}. data: the matrix view's input. */
export function createMatrixTable(container) {
  const table = el('table', { class: 'ap-sr-only ap-matrix-table' });
  container.append(table);
  let timer = 0;
  let pending = null;

  function build() {
    timer = 0;
    const { data, caption } = pending;
    clear(table);
    const T = data.rows.length;
    const S = data.cols.length;
    table.append(el('caption', { text: caption }));
    const head = el('tr', {}, el('td', {}));
    for (let c = 0; c < S; ++c) head.append(el('th', { scope: 'col', text: data.cols[c].text }));
    const body = el('tbody');
    for (let r = 0; r < T; ++r) {
      const reason = data.quiet?.reasons[r];
      const header = el('th', { scope: 'row', text: reason ? `${data.rows[r].text} (no signal)` : data.rows[r].text });
      const row = el('tr', {}, header);
      for (let c = 0; c < S; ++c) {
        const n = r * S + c;
        row.append(el('td', { text: data.mask && data.mask[n] ? 'blocked' : percent(data.weights[n]) }));
      }
      body.append(row);
    }
    table.append(el('thead', {}, head), body);
  }

  return {
    update(data, caption) {
      pending = { data, caption };
      if (!timer) timer = setTimeout(build, DELAY_MS);
    },
    destroy() {
      clearTimeout(timer);
      table.remove();
    },
  };
}
