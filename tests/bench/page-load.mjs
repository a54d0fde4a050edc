// page-load: the cold-load half of the page benchmark (tests/bench/page-bench.mjs runs it).
// Opens the playground in fresh browser contexts with the cache disabled, on a server that
// sends dist/ gzipped, and measures per run:
//   - cold load: navigation start -> the first rendered attention matrix (a .ap-matrix-stage in the
//     DOM of a ready page, read with performance.now() inside the page, polled every frame),
//   - bytes transferred in total (CDP Network.loadingFinished encodedDataLength: gzipped body +
//     headers, every response of the page load, counted until the network is quiet 1 s),
//   - bytes of the wasm module + its JS glue (attention_core*.{wasm,mjs}) as transferred,
//   - a waterfall: each response's request start, first byte and end (ms since navigation
//     start, from CDP timestamps), and the page's own marks (performance.mark 'ap:…').
// It measures; it asserts nothing.

const GLUE = /\/attention_core(_nosimd)?\.(wasm|mjs)$/;

export const LOAD_TARGETS = Object.freeze({ coldLoadMs: 1500, totalBytes: 4 * 1000 * 1000, wasmGlueBytes: 250 * 1000 });

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One cold load of url in a fresh context -> {coldLoadMs, totalBytes, wasmGlueBytes, responses, marks, errors}. */
async function coldLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // no response bodies kept for DevTools: copying the 4.7 MB vectors would load the page's thread
  await cdp.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 });
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const requests = new Map(); // requestId -> {url, start, firstByte, end, bytes, encoding} (CDP seconds)
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, { url: e.request.url, start: e.timestamp });
    lastActivity = Date.now();
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    r.encoding = headers['content-encoding'] ?? 'identity';
    r.firstByte = e.timestamp;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.end = e.timestamp;
    r.bytes = e.encodedDataLength;
    lastActivity = Date.now();
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  const handle = await page.waitForFunction(
    () => (document.querySelector('.ap-ready .ap-matrix-stage canvas') ? performance.now() : null),
    null,
    { polling: 'raf', timeout: 60000 },
  );
  const coldLoadMs = await handle.jsonValue();
  const marks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])),
  );
  // Count whatever the page still fetches after the first matrix (lazy views, duplicates).
  while (Date.now() - lastActivity < 1000) await new Promise((resolve) => setTimeout(resolve, 200));
  await context.close();
  const done = [...requests.values()].filter((r) => r.end !== undefined);
  const t0 = Math.min(...done.map((r) => r.start)); // the document request ~ navigation start
  const ms = (t) => (t === undefined ? null : Math.round((t - t0) * 1000));
  const responses = done
    .map((r) => ({
      path: new URL(r.url).pathname,
      bytes: r.bytes,
      encoding: r.encoding,
      startMs: ms(r.start),
      firstByteMs: ms(r.firstByte),
      endMs: ms(r.end),
    }))
    .sort((a, b) => a.startMs - b.startMs);
  return {
    coldLoadMs,
    downloadsDoneMs: Math.max(...responses.map((r) => r.endMs)),
    totalBytes: responses.reduce((sum, r) => sum + r.bytes, 0),
    wasmGlueBytes: responses.filter((r) => GLUE.test(r.path)).reduce((sum, r) => sum + r.bytes, 0),
    responses,
    marks,
    errors,
  };
}

/**
 * Warm-up load (Chromium's own start-up, the OS file cache), then `runs` cold loads.
 * -> {medians, perRun, responses (first run, by path, largest first), onceBytes, waterfall, pageErrors}
 */
export async function measureColdLoads(browser, url, { runs = 5, log = console.log } = {}) {
  await coldLoad(browser, url);
  const all = [];
  for (let i = 0; i < runs; ++i) {
    const r = await coldLoad(browser, url);
    all.push(r);
    log(
      `  load ${i + 1}/${runs}: first matrix ${r.coldLoadMs.toFixed(0)} ms (downloads done ${r.downloadsDoneMs} ms), ${(r.totalBytes / 1000).toFixed(1)} KB`,
    );
  }
  const medians = Object.fromEntries(
    ['coldLoadMs', 'downloadsDoneMs', 'totalBytes', 'wasmGlueBytes'].map((k) => [k, median(all.map((r) => r[k]))]),
  );
  const byPath = new Map();
  for (const r of all[0].responses) {
    const entry = byPath.get(r.path) ?? { path: r.path, fetches: 0, bytes: 0, encoding: r.encoding };
    entry.fetches += 1;
    entry.bytes += r.bytes;
    byPath.set(r.path, entry);
  }
  const responses = [...byPath.values()].sort((a, b) => b.bytes - a.bytes);
  // The run closest to the median cold load, for the waterfall.
  const typical = [...all].sort(
    (a, b) => Math.abs(a.coldLoadMs - medians.coldLoadMs) - Math.abs(b.coldLoadMs - medians.coldLoadMs),
  )[0];
  return {
    medians,
    perRun: all.map(({ coldLoadMs, downloadsDoneMs, totalBytes, wasmGlueBytes, marks }) => ({
      coldLoadMs,
      downloadsDoneMs,
      totalBytes,
      wasmGlueBytes,
      marks,
    })),
    responses,
    // had every file been fetched once (a duplicate fetch is a page defect, not a size limit)
    onceBytes: responses.reduce((sum, r) => sum + r.bytes / r.fetches, 0),
    waterfall: { coldLoadMs: typical.coldLoadMs, marks: typical.marks, responses: typical.responses },
    pageErrors: all.flatMap((r) => r.errors),
  };
}
