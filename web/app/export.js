// export: the current picture as SVG or PNG, and the numbers behind it as CSV or JSON. Pictures
// are the views' own SVGs, cloned side by side into one standalone file with the few text styles
// they need; PNG rasterises that SVG on a canvas at 2×. The numbers are the core's, written out
// unchanged (no rounding beyond float32 → decimal text).

import { SVG_NS, svgEl } from '../shared/dom.js';

const EXPORT_STYLE = `
text { font: 12px system-ui, sans-serif; }
text:not([fill]) { fill: #1a1a1a; }
.ap-label { dominant-baseline: middle; }
.ap-matrix-rowlabel { text-anchor: end; }
.ap-row-ring { stroke: #1a1a1a; stroke-width: 2; stroke-dasharray: 4 2; }
.ap-cell-ring { stroke: #c0392b; stroke-width: 3; }
.ap-legend-text { font-size: 11px; fill: #555; dominant-baseline: middle; }
.ap-blocked-text { fill: #8a8a8a; text-decoration: line-through; }
.ap-lines-head { font-size: 11px; font-style: italic; fill: #666; }
.ap-cell-value, .ap-chip-text, .ap-chip-value { text-anchor: middle; dominant-baseline: central; }
.ap-cell-value { font-size: 11px; }
.ap-chip-value { font-size: 11px; fill: #444; }
.ap-strip-query { font-weight: 700; }
.ap-focus { font-weight: 700; }
.ap-view-title { font-weight: 600; }
`;

/** Joins views' SVGs ([{svg, title}]) into one standalone SVG element, two per row. */
export function composeSvg(parts, columns = 2) {
  const gap = 24;
  const items = parts.filter((p) => p.svg);
  const out = svgEl('svg', { xmlns: SVG_NS, version: '1.1' });
  out.append(svgEl('style', {}, EXPORT_STYLE), svgEl('rect', { width: '100%', height: '100%', fill: '#ffffff' }));
  const size = (svg) => [Number(svg.getAttribute('width')) || 400, Number(svg.getAttribute('height')) || 300];
  let y = 0;
  let width = 0;
  for (let start = 0; start < items.length; start += columns) {
    let x = 0;
    let rowHeight = 0;
    for (const { svg, title } of items.slice(start, start + columns)) {
      const [w, h] = size(svg);
      const g = svgEl('g', { transform: `translate(${x} ${y})` });
      if (title) g.append(svgEl('text', { x: 0, y: 14, class: 'ap-view-title' }, title));
      const inner = svg.cloneNode(true);
      inner.setAttribute('x', '0');
      inner.setAttribute('y', title ? '24' : '0');
      inner.removeAttribute('class');
      g.append(inner);
      out.append(g);
      x += w + gap;
      rowHeight = Math.max(rowHeight, h + (title ? 24 : 0));
    }
    width = Math.max(width, x - gap);
    y += rowHeight + gap;
  }
  const height = Math.max(1, y - gap);
  width = Math.max(1, width);
  out.setAttribute('width', width);
  out.setAttribute('height', height);
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return out;
}

export function svgText(svg) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

/** Rasterises an SVG element to a PNG Blob at the given pixel ratio. */
export async function svgToPng(svg, ratio = 2) {
  const text = svgText(svg);
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise((resolve, reject) => {
      image.onload = resolve;
      image.onerror = () => reject(new Error('the picture could not be rasterised'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * ratio);
    canvas.height = Math.ceil(height * ratio);
    const g = canvas.getContext('2d');
    g.scale(ratio, ratio);
    g.drawImage(image, 0, 0, width, height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

const csvField = (value) => {
  const s = String(value);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One line per (analysis, head, query, key): the core's score, scaled score, mask and weight. */
export function toCsv(analyses) {
  const lines = [
    ['attention', 'head', 'query_index', 'query', 'key_index', 'key', 'score', 'scaled', 'blocked', 'weight'].join(','),
  ];
  for (const { name, analysis: a } of analyses) {
    const S = a.sourceTokens.length;
    for (const h of a.heads) {
      a.tokens.forEach((q, i) => {
        a.sourceTokens.forEach((k, j) => {
          const n = i * S + j;
          lines.push(
            [name, h.name, i, q.text, j, k.text, h.scores[n], h.scaled[n], h.mask[n], h.weights[n]]
              .map(csvField)
              .join(','),
          );
        });
      });
    }
  }
  return `${lines.join('\n')}\n`;
}

const plain = (value) => {
  if (ArrayBuffer.isView(value))
    return Array.from(value, (x) => (Number.isFinite(x) ? x : x > 0 ? 'Infinity' : x < 0 ? '-Infinity' : 'NaN'));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
};

/** The state and every analysis shown, typed arrays as plain arrays (−∞ as the string "-Infinity"). */
export function toJson(state, analyses) {
  return JSON.stringify(
    { state, analyses: analyses.map(({ name, analysis }) => ({ name, ...plain(analysis) })) },
    null,
    1,
  );
}

/** Starts a download of blob as filename (an <a download> click; no server involved). */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
