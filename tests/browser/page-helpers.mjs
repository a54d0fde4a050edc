// page-helpers: small readers shared by the playground's browser tests — wait for the page to
// be ready or settled after an edit, and read a matrix view back as a person sees it.
import assert from 'node:assert/strict';
import { checkDrawn, pageAnalysisInPage, readMatrixInPage } from './matrix-reader.mjs';

/** Waits until the core loaded and the first update was drawn (or the page reported failure). */
export async function ready(page) {
  await page.waitForFunction(() => document.querySelector('.ap-ready #timings[data-tokens], .ap-failed'));
  await settled(page);
}

/**
 * Resolves after two animation frames and once the page has written its address: an input's
 * update has been computed and drawn, and the URL holds it (the playground writes the URL when
 * the browser is idle, or after a burst of changes stops, and marks #timings with
 * data-url-pending until then).
 */
export function settled(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const written = () => {
          if (document.querySelector('#timings[data-url-pending]')) requestAnimationFrame(written);
          else resolve();
        };
        requestAnimationFrame(() => requestAnimationFrame(written));
      }),
  );
}

/** Types into an input the way a person does (replacing its text), then waits for the redraw. */
export async function typeInto(page, selector, text) {
  const renders = () => Number(document.querySelector('#timings')?.dataset.renders ?? -1);
  const before = await page.evaluate(renders);
  await page.fill(selector, text);
  // The playground counts its renders: wait for the one after this input (a loaded machine can
  // take longer than two frames). Unchanged text renders nothing, hence no failure here.
  if (before >= 0)
    await page
      .waitForFunction((n) => Number(document.querySelector('#timings').dataset.renders) > n, before, {
        timeout: 5000,
      })
      .catch(() => {});
  await settled(page);
}

/**
 * Reads the matrix view inside panel (e.g. '.ap-panel-main') as a person sees it — labels, each
 * cell's colour and tooltip — and checks every cell against the core's weights for the page's
 * state (matrix-reader.mjs), then restores the state the hovering changed.
 * -> {rows, cols, cells: [{row, col, weight, blocked, label, rgb}]}
 */
export async function readMatrix(page, panel = '.ap-panel-main') {
  // The state to put back is the page's, so a URL write still queued must land first (else
  // restoring an old address would undo the last click).
  await settled(page);
  const state = await page.evaluate(() => location.hash);
  const matrix = await page.evaluate(readMatrixInPage, { panel });
  const core = await page.evaluate(pageAnalysisInPage, { panel });
  // Hovering moved the focused word; the URL is the whole state, so putting it back undoes that
  // (once the page has written the hovered state: else the address would already read as the
  // old one, and setting it would change nothing).
  await settled(page);
  await page.evaluate(
    (hash) =>
      new Promise((resolve) => {
        if (location.hash === hash) return resolve();
        addEventListener('hashchange', () => requestAnimationFrame(() => requestAnimationFrame(resolve)), {
          once: true,
        });
        location.hash = hash;
      }),
    state,
  );
  assert.ok(matrix, `${panel}: no matrix drawn`);
  assert.deepEqual(matrix.rows, core.rows, `${panel}: row labels`);
  assert.deepEqual(matrix.cols, core.cols, `${panel}: column labels`);
  checkDrawn(matrix, core, panel);
  return matrix;
}

/** The percentage a cell's accessible label announces ("… looks at “x”: 12.3%") as a number. */
export function announcedPercent(label) {
  // The first percentage: a row with no signal appends its reason after it.
  const match = /(\d+(?:\.\d+)?)%/.exec(label);
  return match ? Number(match[1]) : NaN;
}
