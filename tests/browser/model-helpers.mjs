// model-helpers: the model browser tests' shared steps: open the playground, open files the way
// a person does (the "Open a model…" file input, or a drop on the page), wait for the model area
// to show, and read the head grid and the picked head's matrix back as drawn.
import assert from 'node:assert/strict';
import { ready, settled } from './page-helpers.mjs';
import { checkDrawn, readMatrixInPage } from './matrix-reader.mjs';

/** Opens the page at hash and waits for the core. -> {page, context, errors} */
export async function openPlayground(harness, hash = '') {
  const opened = await harness.openPage(hash);
  await ready(opened.page);
  return opened;
}

/** files: [{name, buffer}] through the file input; waits until a model shows or a message says why not. */
export async function openFiles(page, files) {
  await page.setInputFiles(
    '#model-file',
    files.map((f) => ({ mimeType: 'application/octet-stream', ...f })),
  );
  await waitShown(page);
}

/** The same files dropped on the page (a DataTransfer built in the page, as a drag from the desktop makes). */
export async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, bytes: [...f.buffer] }));
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
    const target = document.querySelector('#views') ?? document.body;
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }, payload);
  await waitShown(page);
}

async function waitShown(page) {
  await page.waitForFunction(
    () =>
      document.querySelector('#model-message')?.textContent.trim() &&
      !document.querySelector('#model-message').textContent.startsWith('Reading'),
  );
  await settled(page);
  await settled(page);
}

/** What the grid shows: cell count, row and column labels, the cells' accessible names. */
export function readGrid(page) {
  return page.evaluate(() => ({
    cells: document.querySelectorAll('#model-grid .ap-headgrid-cell').length,
    rows: [...document.querySelectorAll('#model-grid .ap-headgrid-rowhead')].map((n) => n.textContent),
    cols: [...document.querySelectorAll('#model-grid .ap-headgrid-colhead')].map((n) => n.textContent),
    selected: [...document.querySelectorAll('#model-grid [aria-selected="true"]')].map((n) =>
      n.getAttribute('aria-label'),
    ),
  }));
}

/** Clicks grid cell (layer, head) and waits for the head view to show it. */
export async function pickHead(page, layer, head) {
  await page.click(`#model-grid .ap-headgrid-cell[data-layer="${layer}"][data-head="${head}"]`);
  await page.waitForSelector(`#model-head[data-layer="${layer}"][data-head="${head}"]`);
  await settled(page);
}

/** Reads the picked head's matrix as drawn and checks every cell against {rows, weights, mask}. */
export async function checkHeadMatrix(page, expected) {
  const matrix = await page.evaluate(readMatrixInPage, { panel: '#model-head' });
  assert.ok(matrix, 'no matrix in the model area');
  assert.deepEqual(matrix.rows, expected.rows, 'row labels');
  assert.deepEqual(matrix.cols, expected.rows, 'column labels');
  checkDrawn(matrix, expected, 'model head matrix');
  return matrix;
}
