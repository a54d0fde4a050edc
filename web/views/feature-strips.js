// feature-strips: vectors with named dimensions (Q, K, V, a head's output) drawn as coloured
// strips, one row per word, blue = negative, red = positive. Heads have up to 128 dimensions,
// many '(unused)': those are left out, and neighbouring dimensions whose names share a group
// ("meaning · 17" → "meaning") get one label above them. Hovering (or focusing and using the
// arrow keys) reads out a dimension's full name and value. Used by the steps view; it draws
// the core's numbers and computes none.

import { el, number, pointVerb } from '../shared/dom.js';
import { diverging } from '../shared/palette.js';

const UNUSED = '(unused)';
const groupOf = (name) => name.split(' · ')[0];

/** names: string[] (d) -> {keep: kept dimension indices, groups: [{name, count}]} */
export function namedDimensions(names) {
  const keep = names.map((n, i) => (n === UNUSED ? -1 : i)).filter((i) => i >= 0);
  const groups = [];
  for (const i of keep) {
    const name = groupOf(names[i]);
    if (groups.length && groups[groups.length - 1].name === name) groups[groups.length - 1].count += 1;
    else groups.push({ name, count: 1 });
  }
  return { keep, groups };
}

/**
 * rows: [{label, values: Float32Array (d), accent?}]; names: string[] (d); caption: string.
 * -> an element with the strips, group labels and a readout line.
 */
export function createFeatureStrips({ rows, names, caption, width = 560 }) {
  const { keep, groups } = namedDimensions(names);
  const colW = Math.max(2, Math.min(14, Math.floor(width / Math.max(1, keep.length))));
  const rowH = rows.length > 24 ? 8 : 14;
  // Each row gets its own colour scale: a query's numbers can be 30x its keys' (they carry the
  // head's strength), and one shared scale would leave the keys blank. The readout has the values.
  const rowScale = (values) =>
    keep.reduce((m, i) => (Number.isFinite(values[i]) ? Math.max(m, Math.abs(values[i])) : m), 1e-9);

  const readout = el('div', {
    class: 'ap-fstrip-readout',
    'aria-live': 'polite',
    text: `${pointVerb()} a strip to read each named feature.`,
  });
  const groupRow = el(
    'div',
    { class: 'ap-fstrip-groups', 'aria-hidden': 'true' },
    el('span', { class: 'ap-fstrip-label' }),
  );
  for (const g of groups) {
    const label = el('span', { class: 'ap-fstrip-group', title: g.name, text: g.count * colW >= 24 ? g.name : '' });
    label.style.width = `${g.count * colW}px`;
    groupRow.append(label);
  }
  const box = el(
    'figure',
    { class: 'ap-fstrip' },
    // The size the text speaks of (d in ÷√d) is the head's whole width; say how much of it is
    // drawn, so the strip's width is not mistaken for d.
    el('figcaption', {
      text: `${caption}: the ${keep.length} named of the head's d = ${names.length} dimensions (the other ${names.length - keep.length} are 0; blue −, red +; each row on its own scale)`,
    }),
    groupRow,
  );
  for (const r of rows) {
    const canvas = el('canvas', {
      class: 'ap-fstrip-canvas',
      width: keep.length * colW,
      height: rowH,
      tabindex: 0,
      role: 'img',
      'aria-label': `${r.label}: ${keep.length} named features; arrow keys read them one by one`,
    });
    const g = canvas.getContext('2d');
    const scale = rowScale(r.values);
    keep.forEach((i, c) => {
      g.fillStyle = diverging(r.values[i] / scale);
      g.fillRect(c * colW, 0, colW - (colW > 3 ? 1 : 0), rowH);
    });
    let cursor = 0;
    const read = (c) => {
      cursor = Math.min(keep.length - 1, Math.max(0, c));
      const i = keep[cursor];
      readout.textContent = `${r.label} · ${names[i]}: ${number(r.values[i])}`;
    };
    canvas.addEventListener('pointermove', (event) => read(Math.floor(event.offsetX / colW)));
    canvas.addEventListener('focus', () => read(cursor));
    canvas.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      read(cursor + (event.key === 'ArrowRight' ? 1 : -1));
    });
    box.append(
      el(
        'div',
        { class: `ap-fstrip-row${r.accent ? ' ap-fstrip-accent' : ''}` },
        el('span', { class: 'ap-fstrip-label', text: r.label }),
        canvas,
      ),
    );
  }
  box.append(readout);
  return el('div', { class: 'ap-scroll' }, box);
}
