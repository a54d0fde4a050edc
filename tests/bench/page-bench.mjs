// page-bench (`npm run bench:page`): the page-level figures of issue 8, in headless Chromium
// (Debian's /usr/bin/chromium through playwright-core) on localhost, after a build:
//   - cold load to the first rendered matrix, bytes transferred in total and for the wasm
//     module + JS glue (page-load.mjs: fresh contexts, cache disabled, dist/ served gzipped),
//   - keystroke -> updated view, p50 and p95 over 100 keystrokes, for 8-, 32- and 64-token
//     sentences with all 8 heads computed (page-keystroke.mjs).
// Prints one table (figure, measured, target, met) and writes artifacts/bench/page.json
// (page-load.json or page-keystroke.json with --only).
// A benchmark, not a test: it asserts nothing and `npm test` never runs it.
//
//   node tests/bench/page-bench.mjs [--only load|keystroke] [--runs 5] [--edits 100]
// (`npm run bench:load` is --only load.) RUNS and EDITS in the environment work too;
// ATTN_SITE_DIR serves another built site instead of dist/.
import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { precompress, serve } from '../../web/tools/serve.mjs';
import { LOAD_TARGETS, measureColdLoads } from './page-load.mjs';
import { FLOOR_CASE, KEYSTROKE_TARGET, measureKeystrokes } from './page-keystroke.mjs';

const DIST = process.env.ATTN_SITE_DIR ?? new URL('../../dist/', import.meta.url).pathname;
const OUT_DIR = new URL('../../artifacts/bench/', import.meta.url);

function parseArgs(argv) {
  const args = { only: null, runs: Number(process.env.RUNS ?? 5), edits: Number(process.env.EDITS ?? 100) };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--only') args.only = argv[++i];
    else if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--edits') args.edits = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (see the header of ${import.meta.url})`);
  }
  if (args.only && !['load', 'keystroke'].includes(args.only)) throw new Error('--only takes load or keystroke');
  return args;
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;

/** Table rows [figure, measured, target, met (true/false/null = no target)]. */
function tableRows(load, keystrokes) {
  const rows = [];
  if (load) {
    const m = load.medians;
    rows.push(
      [
        'cold load to first matrix',
        ms(m.coldLoadMs),
        `<= ${LOAD_TARGETS.coldLoadMs} ms`,
        m.coldLoadMs <= LOAD_TARGETS.coldLoadMs,
      ],
      ['  of which downloads done', ms(m.downloadsDoneMs), '', null],
      [
        'bytes transferred, total',
        kb(m.totalBytes),
        `<= ${kb(LOAD_TARGETS.totalBytes)}`,
        m.totalBytes <= LOAD_TARGETS.totalBytes,
      ],
      ['  if each file fetched once', kb(load.onceBytes), '', null],
      [
        'wasm + JS glue',
        kb(m.wasmGlueBytes),
        `<= ${kb(LOAD_TARGETS.wasmGlueBytes)}`,
        m.wasmGlueBytes <= LOAD_TARGETS.wasmGlueBytes,
      ],
    );
  }
  for (const k of keystrokes ?? []) {
    const targeted = k.tokens === KEYSTROKE_TARGET.tokens && k.case !== FLOOR_CASE;
    const name = `keystroke, ${k.tokens} tokens, ${k.case}`;
    rows.push(
      [`${name}: p50`, ms(k.p50Ms), '', null],
      [
        `${name}: p95`,
        ms(k.p95Ms),
        targeted ? `<= ${KEYSTROKE_TARGET.p95Ms} ms` : '',
        targeted ? k.p95Ms <= KEYSTROKE_TARGET.p95Ms : null,
      ],
    );
  }
  return rows;
}

function printTable(rows) {
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'figure'.padEnd(width)}  ${'measured'.padStart(10)}  ${'target'.padStart(12)}  met`);
  for (const [name, value, target, met] of rows) {
    console.log(
      `${name.padEnd(width)}  ${value.padStart(10)}  ${target.padStart(12)}  ${met === null ? '' : met ? 'yes' : 'MISS'}`,
    );
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const files = await precompress(DIST);
  console.log(
    `gzipped ${files} files of dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s (once, before timing)`,
  );
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
  const chromiumVersion = browser.version();
  const loadAverage = os.loadavg();
  let load = null;
  let keystrokes = null;
  try {
    if (args.only !== 'keystroke') {
      console.log(`cold loads (${args.runs} + 1 warm-up):`);
      load = await measureColdLoads(browser, url, { runs: args.runs });
    }
    if (args.only !== 'load') {
      console.log(`keystrokes (${args.edits} per case):`);
      keystrokes = await measureKeystrokes(browser, url, { edits: args.edits });
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (load) {
    console.log('\nlargest responses (first run, as transferred):');
    for (const r of load.responses.slice(0, 6))
      console.log(
        `  ${r.path.padEnd(36)} ${kb(r.bytes).padStart(10)}  ${r.encoding}${r.fetches > 1 ? `  fetched ${r.fetches}x` : ''}`,
      );
    if (load.pageErrors.length) console.log(`page errors: ${load.pageErrors.join(' | ')}`);
  }
  const rows = tableRows(load, keystrokes);
  console.log(
    `\nheadless Chromium, localhost; load: median of ${args.runs} fresh contexts, cache off, gzip; load average ${loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
  );
  printTable(rows);
  const report = {
    command: 'npm run bench:page',
    date: new Date().toISOString(),
    chromium: chromiumVersion,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    loadAverage,
    targets: { ...LOAD_TARGETS, keystroke: KEYSTROKE_TARGET },
    load: load && {
      runs: args.runs,
      conditions: 'fresh context per run, cache disabled, gzip level 9, localhost',
      ...load,
    },
    keystrokes: keystrokes && { edits: args.edits, rows: keystrokes },
    table: rows.map(([figure, measured, target, met]) => ({ figure: figure.trim(), measured, target, met })),
  };
  const out = new URL(args.only ? `page-${args.only}.json` : 'page.json', OUT_DIR);
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${out.pathname}`);
}

await main();
