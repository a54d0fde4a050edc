// train-curves: one small SVG line chart of a training curve (loss, or accuracy) against the
// step, with labelled axes: the x axis from step 0 to the last step drawn, the y axis from 0 to
// yMax (a fixed 1 for accuracy; for loss the largest value seen). It draws the points it is given
// and computes nothing but their positions. Several series share the axes (held-out dots over the
// training line); each is named in the legend.

import { svgEl, update } from '../shared/dom.js';

export const defaults = Object.freeze({
  title: '',
  yLabel: '',
  yMax: null, // null: the largest value of the series
  percent: false, // y ticks as percentages
  width: 280,
  height: 150,
  series: [], // [{name, className, dots?: true}]
});

const M = { left: 44, right: 10, top: 22, bottom: 30 }; // margins for the ticks and labels

const tick = (value, percent) => (percent ? `${Math.round(100 * value)}%` : value.toFixed(value >= 10 ? 0 : 1));

/** container; options: defaults -> { update(seriesPoints: [[[x, y], …] per series]), svg(), destroy() } */
export function createTrainCurves(container, options = {}) {
  const o = { ...defaults, ...options };
  const W = o.width - M.left - M.right;
  const H = o.height - M.top - M.bottom;
  const svg = svgEl('svg', {
    class: 'ap-train-curve',
    viewBox: `0 0 ${o.width} ${o.height}`,
    width: o.width,
    height: o.height,
    role: 'img',
    'aria-label': o.title,
  });
  const text = (attrs, value) => svgEl('text', attrs, value);
  const title = text({ class: 'ap-train-curve-title', x: M.left, y: 14 }, o.title);
  const axes = svgEl('path', {
    class: 'ap-train-axis',
    d: `M${M.left},${M.top} V${M.top + H} H${M.left + W}`,
  });
  const yTop = text({ class: 'ap-label', x: M.left - 4, y: M.top + 4, 'text-anchor': 'end' }, '');
  const yZero = text({ class: 'ap-label', x: M.left - 4, y: M.top + H, 'text-anchor': 'end' }, '0');
  const xEnd = text({ class: 'ap-label', x: M.left + W, y: M.top + H + 13, 'text-anchor': 'end' }, '');
  const xZero = text({ class: 'ap-label', x: M.left, y: M.top + H + 13 }, '0');
  const xLabel = text({ class: 'ap-label', x: M.left + W / 2, y: M.top + H + 26, 'text-anchor': 'middle' }, 'step');
  const yLabel = text(
    {
      class: 'ap-label',
      x: 10,
      y: M.top + H / 2,
      'text-anchor': 'middle',
      transform: `rotate(-90 10 ${M.top + H / 2})`,
    },
    o.yLabel,
  );
  const lines = o.series.map((s) => svgEl(s.dots ? 'g' : 'polyline', { class: `ap-train-line ${s.className}` }));
  const legend = o.series.map((s, i) =>
    text(
      { class: `ap-label ap-train-legend ${s.className}`, x: M.left + W, y: M.top + 10 + 12 * i, 'text-anchor': 'end' },
      s.name,
    ),
  );
  svg.append(title, axes, yTop, yZero, xZero, xEnd, xLabel, yLabel, ...lines, ...legend);
  container.append(svg);

  return {
    update(seriesPoints) {
      const all = seriesPoints.flat();
      const xMax = Math.max(1, ...all.map((p) => p[0]));
      const yMax = o.yMax ?? Math.max(1e-6, ...all.map((p) => p[1]).filter(Number.isFinite));
      const x = (v) => (M.left + (W * v) / xMax).toFixed(1);
      const y = (v) => (M.top + H - (H * Math.min(Math.max(v, 0), yMax)) / yMax).toFixed(1);
      update(yTop, { text: tick(yMax, o.percent) });
      update(xEnd, { text: String(xMax) });
      seriesPoints.forEach((points, i) => {
        const finite = points.filter((p) => Number.isFinite(p[1]));
        if (!o.series[i].dots) {
          lines[i].setAttribute('points', finite.map((p) => `${x(p[0])},${y(p[1])}`).join(' '));
          return;
        }
        const g = lines[i];
        while (g.childElementCount > finite.length) g.lastElementChild.remove();
        while (g.childElementCount < finite.length) g.append(svgEl('circle', { r: 2.2 }));
        finite.forEach((p, j) => update(g.children[j], { cx: x(p[0]), cy: y(p[1]) }));
      });
      svg.dataset.points = String(all.length);
    },
    svg: () => svg,
    destroy() {
      svg.remove();
    },
  };
}
