// contrast-reader: WCAG contrast computed from what the browser rendered, for the issue 20
// tests. textContrastInPage() walks every visible element that holds text (HTML and SVG) and
// compares its computed text colour with the background actually behind it (the ancestors'
// background colours composited, or a strip chip's own rectangle); cellContrastInPage() reads
// the matrix canvas's pixels and compares each cell's background with the most contrasting
// pixel of its printed value. Both run in the page (pass them to page.evaluate).

/** -> [{text, ratio, color, background}] for every visible text of the document. */
export function textContrastInPage() {
  const parse = (c) => (String(c).match(/[\d.]+/g) ?? []).map(Number);
  const lin = (v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  const lum = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  const blend = (top, alpha, under) => top.map((v, i) => v * alpha + under[i] * (1 - alpha));
  function background(node) {
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement ?? n.getRootNode()?.host) {
      const c = parse(getComputedStyle(n).backgroundColor);
      const alpha = c.length > 3 ? c[3] : 1;
      if (alpha > 0) layers.push([c.slice(0, 3), alpha]);
      if (alpha >= 1) break;
    }
    let color = [255, 255, 255];
    for (const [c, a] of layers.reverse()) color = blend(c, a, color);
    return color;
  }
  const out = [];
  const visit = (root) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.shadowRoot) visit(node.shadowRoot);
      const own = [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
      if (!own || node.closest('option, select, script, style, title, .ap-sr-only')) continue;
      const box = node.getBoundingClientRect();
      const style = getComputedStyle(node);
      if (box.width < 2 || box.height < 2 || style.visibility === 'hidden' || node.closest('[hidden]')) continue;
      if (node.closest('button:disabled')) continue; // WCAG exempts inactive controls
      const svg = node instanceof SVGElement;
      const color = parse(svg ? style.fill : style.color).slice(0, 3);
      const chip = svg && node.closest('.ap-chip')?.querySelector('.ap-chip-bg');
      const bg =
        chip && node.classList.contains('ap-chip-text')
          ? parse(
              chip
                .getAttribute('fill')
                .replace(/^#/, '')
                .match(/../g)
                .map((h) => parseInt(h, 16))
                .join(','),
            )
          : background(node);
      out.push({ text: node.textContent.trim().slice(0, 40), ratio: ratio(color, bg), color, background: bg });
    }
  };
  visit(document);
  return out;
}

/** panel: e.g. '.ap-panel-main' -> [{row, col, ratio}] for every cell whose value is printed. */
export function cellContrastInPage(panel) {
  const lin = (v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  const lum = (p) => 0.2126 * lin(p[0]) + 0.7152 * lin(p[1]) + 0.0722 * lin(p[2]);
  const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  const grid = document.querySelector(`${panel} [role=grid]`);
  const canvas = grid.querySelector('canvas');
  const T = Number(grid.getAttribute('aria-rowcount'));
  const S = Number(grid.getAttribute('aria-colcount'));
  const pitch = canvas.width / S; // device px per cell
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const at = (x, y) => data.slice(4 * (y * canvas.width + x), 4 * (y * canvas.width + x) + 3);
  const cells = [];
  for (let r = 0; r < T; ++r)
    for (let c = 0; c < S; ++c) {
      const x0 = Math.floor(c * pitch);
      const y0 = Math.floor(r * pitch);
      const bg = at(x0 + 3, y0 + 3);
      let best = 1;
      for (let y = Math.floor(y0 + pitch * 0.25); y < y0 + pitch * 0.75; ++y)
        for (let x = Math.floor(x0 + pitch * 0.15); x < x0 + pitch * 0.85; ++x)
          best = Math.max(best, ratio(bg, at(x, y)));
      if (best > 1.05) cells.push({ row: r, col: c, ratio: best, background: [...bg] });
    }
  return cells;
}
