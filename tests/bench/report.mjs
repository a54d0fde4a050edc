// report: renders the benchmark JSON files as the Markdown tables of the performance page
// (web/tutorial/docs/performance.md). Prints them; with --write, replaces what lies between
// `<!-- bench:begin -->` and `<!-- bench:end -->` in that page, so the page is regenerated
// from a run, never edited by hand.
//
//   npm run bench && npm run bench:page && node tests/bench/report.mjs --write
//   node tests/bench/report.mjs [--kernel artifacts/bench/bench-attention.json]
//        [--page artifacts/bench/page.json] [--write [web/tutorial/docs/performance.md]]
// A missing file leaves its section out with a note.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';
// Column names for the implementations bench-attention.mjs knows; any other key shows as is.
const IMPL_NAMES = {
  'wasm-simd': 'wasm SIMD (layer)',
  'wasm-simd-oneshot': 'wasm SIMD (one-shot)',
  'wasm-nosimd': 'wasm no-SIMD',
  native: 'native',
  'plain-js': 'plain JS',
  'tfjs-wasm': 'TF.js wasm',
  'tfjs-cpu': 'TF.js cpu',
};

function parseArgs(argv) {
  const args = {
    kernel: resolve(root, 'artifacts/bench/bench-attention.json'),
    page: resolve(root, 'artifacts/bench/page.json'),
    write: null,
  };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--kernel') args.kernel = resolve(argv[++i]);
    else if (argv[i] === '--page') args.page = resolve(argv[++i]);
    else if (argv[i] === '--write')
      args.write = resolve(
        argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : resolve(root, 'web/tutorial/docs/performance.md'),
      );
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const day = (iso) => (iso ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : 'undated');
const load = (avg) => (avg ? avg.map((x) => x.toFixed(1)).join(' / ') : 'not recorded');
const fixed = (x) => (x < 9.995 ? x.toFixed(2) : x < 99.95 ? x.toFixed(1) : x.toFixed(0));
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );

function kernelSection(report, path) {
  if (!report) return `_No kernel benchmark results (${path} not found): run \`npm run bench\`._`;
  const rel = (p) => p.replace(`${root}/`, '');
  const cell = (c) => (c?.ms ? `${fixed(c.ms)} (${c.gflops.toFixed(1)})` : c?.skipped ? 'skipped' : '—');
  const ratio = (x) => (x ? `${x.toFixed(1)}×` : '—');
  const impls = [...new Set(report.results.flatMap((r) => Object.keys(r.impls)))];
  const rows = report.results.map((r) => [
    `${r.dModel}/${r.heads}`,
    r.n,
    ...impls.map((key) => cell(r.impls[key])),
    ratio(r['speedupVs_tfjs-wasm']),
    ratio(r['speedupVs_plain-js']),
  ]);
  const lines = [
    `Kernel benchmark of ${day(report.date)} (\`${rel(path)}\`): Node ${report.node}, ${report.cpu ?? 'CPU not recorded'} × ${report.cores ?? '?'} cores, load average ${load(report.loadAverage)} (1 / 5 / 15 min), TF.js ${report.tfjs}, median of ${report.repeats} repeats. Each cell: ms per call (GFLOP/s), process CPU time.`,
    '',
    table(
      ['d_model/heads', 'n', ...impls.map((key) => IMPL_NAMES[key] ?? key), 'SIMD vs TF.js wasm', 'SIMD vs plain JS'],
      rows,
    ),
  ];
  const skipped = [
    ...new Set(
      report.results.flatMap((r) =>
        Object.values(r.impls)
          .map((c) => c.skipped)
          .filter(Boolean),
      ),
    ),
  ];
  if (skipped.length) lines.push('', `Skipped cells: ${skipped.map((s) => s.replace(/\s*\(.*\)$/, '')).join('; ')}.`);
  const long = report.longInput;
  if (long?.n) {
    lines.push(
      '',
      `Long input, n = ${long.n}, d_model ${long.dModel} / ${long.heads} heads, weights not requested (tiled path): ${fixed(long.ms)} ms (${long.gflops.toFixed(1)} GFLOP/s), wasm heap ${(long.wasmHeapBytesBefore / 2 ** 20).toFixed(0)} MB before, ${(long.wasmHeapBytesPeak / 2 ** 20).toFixed(0)} MB after (peak), output finite: ${long.outputFinite ? 'yes' : 'NO'}.`,
    );
  } else if (long) lines.push('', `Long input (n = 16,384): ${long.skipped ? `not run (${long.skipped})` : 'failed'}.`);
  return lines.join('\n');
}

function pageSection(report, path) {
  if (!report) return `_No page benchmark results (${path} not found): run \`npm run bench:page\`._`;
  const rel = path.replace(`${root}/`, '');
  const met = (m) => (m === null ? '' : m ? 'yes' : '**missed**');
  const lines = [
    `Page benchmark of ${day(report.date)} (\`${rel}\`): headless Chromium ${report.chromium ?? ''} on localhost, ${report.cpu ?? ''} × ${report.cores ?? '?'} cores, load average ${load(report.loadAverage)} (1 / 5 / 15 min) at the start.`,
    '',
    table(
      ['figure', 'measured', 'target', 'met'],
      report.table.map((r) => [r.figure, r.measured, r.target, met(r.met)]),
    ),
  ];
  const k = report.keystrokes?.rows;
  if (k?.length) {
    lines.push(
      '',
      `Where a keystroke's time goes (medians over ${report.keystrokes.edits} keystrokes, ms): the wait for the next frame, analyze() of all 8 heads in the core, drawing in JS, then the browser's style, layout and paint of that frame.`,
      '',
      table(
        [
          'case',
          'tokens',
          'p50',
          'p95',
          'key → input event',
          'input → drawn',
          'of which core',
          'of which JS drawing',
          'style, layout, paint',
        ],
        k.map((r) => [
          r.case,
          r.tokens,
          fixed(r.p50Ms),
          fixed(r.p95Ms),
          fixed(r.toInputMs),
          fixed(r.toDrawnMs),
          fixed(r.coreMs),
          fixed(r.renderMs),
          fixed(r.paintMs),
        ]),
      ),
    );
  }
  const w = report.load?.waterfall;
  if (w) {
    const big = w.responses.filter((r) => r.bytes > 10000 || /main\.js$/.test(r.path));
    lines.push(
      '',
      `Cold-load waterfall of the median run (ms since the page request; first matrix at ${fixed(w.coldLoadMs)} ms):`,
      '',
      table(
        ['response', 'KB transferred', 'requested', 'done'],
        big.map((r) => [`\`${r.path}\``, (r.bytes / 1000).toFixed(1), r.startMs, r.endMs]),
      ),
    );
    const marks = Object.entries(w.marks ?? {});
    if (marks.length)
      lines.push('', `Page marks: ${marks.map(([name, t]) => `${name.replace(/^ap:/, '')} ${t} ms`).join(', ')}.`);
  }
  return lines.join('\n');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const markdown = [
    `<!-- Generated by \`node tests/bench/report.mjs --write\` from the JSON files named below; do not edit between the markers. -->`,
    '',
    '### Kernel: multi-head self-attention forward',
    '',
    kernelSection(readJson(args.kernel), args.kernel),
    '',
    '### Page: cold load and keystrokes',
    '',
    pageSection(readJson(args.page), args.page),
  ].join('\n');
  if (!args.write) {
    console.log(markdown);
    return;
  }
  const page = readFileSync(args.write, 'utf8');
  const a = page.indexOf(BEGIN);
  const b = page.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${args.write} has no ${BEGIN} … ${END} markers`);
  writeFileSync(args.write, `${page.slice(0, a + BEGIN.length)}\n${markdown}\n${page.slice(b)}`);
  console.log(`report: wrote the tables into ${args.write}`);
}

main();
