// page-helpers: small readers shared by the playground's browser tests — wait for the page to
// be ready or settled after an edit, and read a matrix view back as numbers from its cells.

/** Waits until the core loaded and the first update was drawn (or the page reported failure). */
export async function ready(page) {
  await page.waitForFunction(() => document.querySelector('.ap-ready #timings[data-tokens], .ap-failed'));
  await settled(page);
}

/** Resolves after two animation frames: an input's update has been computed and drawn. */
export function settled(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Types into an input the way a person does (replacing its text), then waits for the redraw. */
export async function typeInto(page, selector, text) {
  await page.fill(selector, text);
  await settled(page);
}

/** Reads the matrix view inside panel (e.g. '.ap-panel-main'): labels and every cell. */
export function readMatrix(page, panel = '.ap-panel-main') {
  return page.$eval(panel, (root) => {
    const text = (nodes) => [...nodes].map((n) => n.textContent);
    const cells = [...root.querySelectorAll('.ap-cell')].map((c) => ({
      row: Number(c.dataset.row),
      col: Number(c.dataset.col),
      weight: Number(c.dataset.weight),
      blocked: c.classList.contains('ap-cell-blocked'),
      label: c.getAttribute('aria-label'),
    }));
    return {
      rows: text(root.querySelectorAll('.ap-matrix-rowlabel')),
      cols: text(root.querySelectorAll('.ap-col-label')),
      cells,
    };
  });
}

/** The percentage a cell's accessible label announces ("… looks at “x”: 12.3%") as a number. */
export function announcedPercent(label) {
  const match = /(\d+(?:\.\d+)?)%\)?$/.exec(label);
  return match ? Number(match[1]) : NaN;
}
