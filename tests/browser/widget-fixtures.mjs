// widget-fixtures: helpers shared by the widget, embed, tutorial and CSP browser tests. Host
// pages are served by intercepting a URL on the test server (so they are same-origin with the
// widget, like a tutorial page on the same site) and may carry the strict CSP header.
// widgetInfo() reads what a person would see inside a widget's shadow root, and checks its heat
// map's colours and tooltips against the weights of the analysis the widget shows.
import { STRICT_CSP } from '../../web/tools/serve.mjs';
import { SCREENSHOTS } from './harness.mjs';
import { checkDrawn, readMatrixInPage } from './matrix-reader.mjs';

/** A host page whose body is `body` (trusted test HTML) and that loads the widget script. */
export function hostPage(body, { script = '../attention-playground.js', head = '' } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Widget host</title>${head}<script type="module" src="${script}"></script></head><body>${body}</body></html>`;
}

/** Opens `html` at harness.url + path. -> {page, context, errors, requests} (errors: console errors and page errors). */
export async function openHost(
  harness,
  html,
  { path = 'fixture/host.html', csp = false, colorScheme = 'light', viewport = { width: 1000, height: 800 } } = {},
) {
  const context = await harness.browser.newContext({ viewport, colorScheme });
  const headers = { 'Content-Type': 'text/html; charset=utf-8' };
  if (csp) headers['Content-Security-Policy'] = STRICT_CSP;
  await context.route(new URL(path, harness.url).href, (route) => route.fulfill({ status: 200, headers, body: html }));
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('dialog', (dialog) => {
    errors.push(`a dialog opened: ${dialog.message()}`);
    dialog.dismiss();
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(new URL(path, harness.url).href);
  return { page, context, errors, requests };
}

/** Counts the wasm module downloads among recorded request URLs. */
export const wasmFetches = (requests) => requests.filter((url) => /attention_core(_nosimd)?\.wasm$/.test(url)).length;

/** Waits until the index-th widget matching selector has rendered more than `after` times. */
export async function waitRendered(
  page,
  { selector = 'attention-playground', index = 0, after = 0, timeout = 20000 } = {},
) {
  await page.waitForFunction(
    ([sel, i, n]) => {
      const frame = document.querySelectorAll(sel)[i]?.shadowRoot?.querySelector('.apw');
      return Number(frame?.dataset.rendered ?? 0) > n;
    },
    [selector, index, after],
    { timeout },
  );
}

/** What the index-th widget shows: status, mode, layout, title, messages, labels and matrix cells. */
export async function widgetInfo(page, { selector = 'attention-playground', index = 0 } = {}) {
  // Side by side, the causal panel shows the widget's own analysis (the other is unmasked).
  const layout = await page.evaluate(
    ([sel, i]) => document.querySelectorAll(sel)[i].shadowRoot.querySelector('.apw').dataset.layout,
    [selector, index],
  );
  const panel = layout === 'compare' ? '.ap-panel-causal' : '.ap-panel-main';
  const matrix = await page.evaluate(readMatrixInPage, { host: selector, index, panel });
  const info = await page.evaluate(
    ([sel, i]) => {
      const host = document.querySelectorAll(sel)[i];
      const root = host.shadowRoot;
      const frame = root.querySelector('.apw');
      const texts = (query) => [...root.querySelectorAll(query)].map((node) => node.textContent);
      // the head the matrix shows: the widget marks its index on the frame, and outside the
      // all-heads layout the subtitle must name that same head ("Grammar head: …")
      const subtitle = root.querySelector('.apw-subtitle').textContent;
      const head = host.analysis?.heads[Number(frame.dataset.head)];
      if (head && frame.dataset.layout !== 'heads' && !subtitle.startsWith(`${head.name} head`))
        throw new Error(`the subtitle "${subtitle}" does not name the head drawn (${head.name})`);
      return {
        status: host.status,
        mode: frame.dataset.mode,
        layout: frame.dataset.layout,
        view: frame.dataset.view,
        rendered: Number(frame.dataset.rendered ?? 0),
        dark: frame.classList.contains('ap-theme-dark'),
        title: root.querySelector('.apw-title').textContent,
        subtitle,
        footnote: root.querySelector('.apw-note').textContent,
        messages: texts('.apw-messages li'),
        head: head && {
          weights: Array.from(head.weights),
          mask: Array.from(head.mask ?? [], Boolean),
          idle: Array.from(head.evidence?.idle ?? []),
        },
        matrices: root.querySelectorAll('.ap-matrix, svg').length,
        text: root.querySelector('.apw-body').textContent,
        elements: [...root.querySelectorAll('*')].map((node) => node.localName),
        hostHeight: host.getBoundingClientRect().height,
        frameHeight: frame.getBoundingClientRect().height,
      };
    },
    [selector, index],
  );
  info.rowLabels = matrix?.rows ?? [];
  info.colLabels = matrix?.cols ?? [];
  info.cells = matrix ? checkDrawn(matrix, info.head ?? { weights: [] }, `widget ${index}`) : [];
  return info;
}

/** Row sums of the matrix cells (non-blocked weights), one per row. */
export function rowSums(cells) {
  const sums = [];
  for (const cell of cells) sums[cell.row] = (sums[cell.row] ?? 0) + (cell.blocked ? 0 : cell.weight);
  return sums;
}

/** Saves a picture of the index-th widget to artifacts/screenshots/<name>.png. */
export async function widgetScreenshot(page, name, { selector = 'attention-playground', index = 0 } = {}) {
  await page
    .locator(selector)
    .nth(index)
    .screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname });
}
