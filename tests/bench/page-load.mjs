// load-bench (`npm run bench:load`): page-level load figures for issue 8, in headless Chromium on
// localhost. Serves dist/ gzipped (web/tools/serve.mjs, everything compressed beforehand so the
// figures measure transfer and start-up, not the server's one-time compression), then opens the
// playground in 5 fresh browser contexts with the cache disabled and reports, as medians:
//   - cold load: navigation start -> the first rendered attention matrix (a .ap-cell in the DOM,
//     read with performance.now() inside the page, polled every animation frame),
//   - bytes transferred in total (CDP Network.loadingFinished encodedDataLength: gzipped body +
//     headers, every response of the page load, counted until the network is quiet),
//   - bytes of the wasm module + its JS glue (attention_core*.{wasm,mjs}) as transferred.
// Targets: cold load <= 1.5 s, total <= 4 MB, wasm + glue <= 250 KB. Prints a table and writes
// artifacts/bench/load.json. It measures, it asserts nothing (the test command never runs it).
// Keystroke latency is tests/browser/update-time.bench.mjs, not here.
import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { precompress, serve } from '../../web/tools/serve.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const DIST = new URL('../../dist/', import.meta.url).pathname;
const OUT = new URL('../../artifacts/bench/', import.meta.url);
const TARGETS = { coldLoadMs: 1500, totalBytes: 4 * 1000 * 1000, wasmGlueBytes: 250 * 1000 };
const GLUE = /\/attention_core(_nosimd)?\.(wasm|mjs)$/;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function coldLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map(); // requestId -> url
  const responses = []; // {url, bytes, encoding}
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    urls.set(e.requestId, e.request.url);
    lastActivity = Date.now();
  });
  const encodings = new Map();
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    encodings.set(e.requestId, headers['content-encoding'] ?? 'identity');
  });
  cdp.on('Network.loadingFinished', (e) => {
    responses.push({ url: urls.get(e.requestId), bytes: e.encodedDataLength, encoding: encodings.get(e.requestId) });
    lastActivity = Date.now();
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  const firstMatrixMs = await page.waitForFunction(
    () => (document.querySelector('.ap-ready .ap-cell') ? performance.now() : null),
    null,
    { polling: 'raf', timeout: 60000 },
  );
  const ms = await firstMatrixMs.jsonValue();
  // Where the time went: the last download (resource timing) and the core's load, both in page time.
  const downloadsDoneMs = await page.evaluate(() =>
    Math.max(0, ...performance.getEntriesByType('resource').map((entry) => entry.responseEnd)),
  );
  // Count whatever the page still fetches after the first matrix (lazy views, duplicates).
  while (Date.now() - lastActivity < 1000) await new Promise((resolve) => setTimeout(resolve, 200));
  await context.close();
  const path = (u) => new URL(u).pathname;
  return {
    coldLoadMs: ms,
    downloadsDoneMs,
    totalBytes: responses.reduce((sum, r) => sum + r.bytes, 0),
    wasmGlueBytes: responses.filter((r) => GLUE.test(path(r.url))).reduce((sum, r) => sum + r.bytes, 0),
    responses: responses.map((r) => ({ path: path(r.url), bytes: r.bytes, encoding: r.encoding })),
    errors,
  };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

async function main() {
  const started = Date.now();
  const files = await precompress(DIST);
  console.log(`gzipped ${files} files of dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s (once, cached)`);
  const { server, url } = await serve({ dir: DIST, port: 0, compress: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    await coldLoad(browser, url); // warm-up: Chromium's own start-up, the OS file cache
    const runs = [];
    for (let i = 0; i < RUNS; ++i) {
      runs.push(await coldLoad(browser, url));
      const r = runs.at(-1);
      console.log(
        `run ${i + 1}: first matrix ${r.coldLoadMs.toFixed(0)} ms (downloads done ${r.downloadsDoneMs.toFixed(0)} ms), ${kb(r.totalBytes)} total, ${kb(r.wasmGlueBytes)} wasm+glue`,
      );
    }
    const figures = {
      coldLoadMs: median(runs.map((r) => r.coldLoadMs)),
      downloadsDoneMs: median(runs.map((r) => r.downloadsDoneMs)),
      totalBytes: median(runs.map((r) => r.totalBytes)),
      wasmGlueBytes: median(runs.map((r) => r.wasmGlueBytes)),
    };
    // What each response weighed (first run), largest first, with how often it was fetched.
    const byPath = new Map();
    for (const r of runs[0].responses) {
      const entry = byPath.get(r.path) ?? { path: r.path, fetches: 0, bytes: 0, encoding: r.encoding };
      entry.fetches += 1;
      entry.bytes += r.bytes;
      byPath.set(r.path, entry);
    }
    const responses = [...byPath.values()].sort((a, b) => b.bytes - a.bytes);
    // Had every file been fetched once (duplicates are a page defect, not a size limit):
    const onceBytes = responses.reduce((sum, r) => sum + r.bytes / r.fetches, 0);
    console.log('\nlargest responses (first run, as transferred):');
    for (const r of responses.slice(0, 8)) {
      console.log(
        `  ${r.path.padEnd(40)} ${kb(r.bytes).padStart(10)}  ${r.encoding}${r.fetches > 1 ? `  fetched ${r.fetches}x` : ''}`,
      );
    }
    const rows = [
      [
        'cold load to first matrix',
        `${figures.coldLoadMs.toFixed(0)} ms`,
        `<= ${TARGETS.coldLoadMs} ms`,
        figures.coldLoadMs <= TARGETS.coldLoadMs,
      ],
      ['  of which downloads', `${figures.downloadsDoneMs.toFixed(0)} ms`, '', true],
      [
        'bytes transferred, total',
        kb(figures.totalBytes),
        `<= ${kb(TARGETS.totalBytes)}`,
        figures.totalBytes <= TARGETS.totalBytes,
      ],
      ['  if each file fetched once', kb(onceBytes), '', true],
      [
        'wasm + JS glue',
        kb(figures.wasmGlueBytes),
        `<= ${kb(TARGETS.wasmGlueBytes)}`,
        figures.wasmGlueBytes <= TARGETS.wasmGlueBytes,
      ],
    ];
    console.log(`\nmedian of ${RUNS} fresh contexts, cache disabled, gzip, localhost:`);
    console.log(`${'figure'.padEnd(28)} ${'measured'.padStart(12)} ${'target'.padStart(14)}  met`);
    for (const [name, value, target, met] of rows) {
      console.log(
        `${name.padEnd(28)} ${value.padStart(12)} ${target.padStart(14)}  ${target ? (met ? 'yes' : 'NO') : ''}`,
      );
    }
    const pageErrors = runs.flatMap((r) => r.errors);
    if (pageErrors.length) console.log(`\npage errors: ${pageErrors.join(' | ')}`);
    await mkdir(OUT, { recursive: true });
    const report = {
      command: 'npm run bench:load',
      date: new Date().toISOString(),
      runs: RUNS,
      conditions: 'headless Chromium, localhost, fresh context per run, cache disabled, gzip (level 9)',
      targets: TARGETS,
      medians: figures,
      totalBytesIfEachFileOnce: onceBytes,
      met: Object.fromEntries(Object.entries(TARGETS).map(([name, target]) => [name, figures[name] <= target])),
      perRun: runs.map(({ coldLoadMs, downloadsDoneMs, totalBytes, wasmGlueBytes }) => ({
        coldLoadMs,
        downloadsDoneMs,
        totalBytes,
        wasmGlueBytes,
      })),
      responses,
      pageErrors,
    };
    await writeFile(new URL('load.json', OUT), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${new URL('load.json', OUT).pathname}`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
