// report: renders the benchmark JSON files as the Markdown tables of the performance page
// (web/tutorial/docs/performance.md). Prints them; with --write, replaces what lies between
// `<!-- bench:begin -->` and `<!-- bench:end -->` in that page, so the page is regenerated
// from a run, never edited by hand; a section whose JSON file is missing keeps the page's
// current text for it.
//
//   npm run bench && npm run bench:page && node tests/bench/report.mjs --write
//   node tests/bench/report.mjs [--kernel artifacts/bench/bench-attention.json]
//        [--train artifacts/bench/bench-train.json] [--forward artifacts/bench/bench-forward.json]
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
  'ort-std': 'ORT-web std ops',
  'ort-mha': 'ORT-web MultiHeadAttention',
  'ort-attention': 'ORT-web Attention',
};
// Names for the training benchmark's implementations (bench-train.mjs).
const TRAIN_NAMES = {
  ours: 'ours (wasm SIMD)',
  'tfjs-wasm-batched': 'TF.js 4.22 wasm, batched attention',
  'tfjs-wasm-per-head': 'TF.js 4.22 wasm, per-head 2-D products',
  pytorch: 'PyTorch native, 1 thread, OpenBLAS',
  'pytorch-refblas': "PyTorch native, 1 thread, Debian's reference BLAS",
};

function parseArgs(argv) {
  const args = {
    kernel: resolve(root, 'artifacts/bench/bench-attention.json'),
    page: resolve(root, 'artifacts/bench/page.json'),
    train: resolve(root, 'artifacts/bench/bench-train.json'),
    forward: resolve(root, 'artifacts/bench/bench-forward.json'),
    write: null,
  };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--kernel') args.kernel = resolve(argv[++i]);
    else if (argv[i] === '--page') args.page = resolve(argv[++i]);
    else if (argv[i] === '--train') args.train = resolve(argv[++i]);
    else if (argv[i] === '--forward') args.forward = resolve(argv[++i]);
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
  // our layer's time in the rounds alternating with ORT-web, which that ratio uses
  const rounds = (r) => {
    const t = r.impls['wasm-simd']?.vsOrtRounds;
    return t && { ms: t.ms, gflops: (r.gflopCount * 1e3) / t.ms };
  };
  const rows = report.results.map((r) => [
    `${r.dModel}/${r.heads}`,
    r.n,
    ...impls.map((key) => cell(r.impls[key])),
    ratio(r['speedupVs_tfjs-wasm']),
    ratio(r['speedupVs_plain-js']),
    cell(rounds(r)),
    r['speedupVs_ort-web'] ? `${r['speedupVs_ort-web'].toFixed(2)}× (${r.ortBest})` : '—',
  ]);
  const lines = [
    `Kernel benchmark of ${day(report.date)} (\`${rel(path)}\`): Node ${report.node}, ${report.cpu ?? 'CPU not recorded'} × ${report.cores ?? '?'} cores, load average ${load(report.loadAverage)} (1 / 5 / 15 min), TF.js ${report.tfjs}, median of ${report.repeats} repeats. Each cell: ms per call (GFLOP/s), process CPU time.`,
    report.ortWeb
      ? `onnxruntime-web ${report.ortWeb} (wasm, 1 thread, SIMD) runs three graphs — standard ops, MatMul + \`com.microsoft.MultiHeadAttention\`, \`com.microsoft.Attention\` — each checked against our output first, then timed in alternating rounds with our layer; "SIMD vs ORT-web" is against the fastest of the three (named), from those rounds.`
      : '',
    '',
    table(
      [
        'd_model/heads',
        'n',
        ...impls.map((key) => IMPL_NAMES[key] ?? key),
        'SIMD vs TF.js wasm',
        'SIMD vs plain JS',
        'wasm SIMD in the ORT rounds',
        'SIMD vs ORT-web',
      ],
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
      `Where a keystroke's time goes (medians over ${report.keystrokes.edits} keystrokes, ms): the wait for the next frame, analyze() in the core (all 8 heads for the multi-head case, the shown head for one matrix), drawing in JS, then the browser's style, layout and paint of that frame.`,
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

function trainSection(report, path) {
  if (!report) return `_No training benchmark results (${path} not found): run \`npm run bench -- --only train\`._`;
  const s = report.shape;
  const ours = report.results.ours;
  const rows = Object.entries(report.results).map(([key, t]) => [
    TRAIN_NAMES[key] ?? key,
    fixed(t.msPerStep),
    fixed(t.wallMsPerStep),
    Math.round(t.tokensPerS).toLocaleString('en-US'),
    ours ? `${(t.msPerStep / ours.msPerStep).toFixed(2)}×` : '—',
  ]);
  const losses = Object.entries(report.losses)
    .map(([key, ls]) => `${TRAIN_NAMES[key] ?? key} ${ls.map((l) => l.toFixed(5)).join(', ')}`)
    .join('; ');
  const worst = Math.max(...Object.values(report.lossMaxRelDiff));
  return [
    `Training benchmark of ${day(report.date)} (\`${path.replace(`${root}/`, '')}\`): pre-LN GPT-2 with ${s.numLayers} layers, ${s.numHeads} heads, d_model ${s.embedDim}, MLP ${s.mlpDim}, vocabulary ${s.vocabSize}, context ${s.seq}, batch ${s.batch} (${report.tokensPerStep} tokens per step), tied embeddings; one step = ${report.step}; AdamW lr ${report.optimizer.lr}, weight decay ${report.optimizer.weightDecay} on ≥ 2-D parameters. Node ${report.node}, ${report.cpu ?? ''} × ${report.cores ?? '?'} cores, load average ${load(report.loadAverage)} before timing, ${load(report.loadAverageAfter)} after. Median of ${report.repeats} alternating rounds, process CPU time (wall time alongside: the machine was shared).`,
    '',
    table(['implementation', 'CPU ms / step', 'wall ms / step', 'tokens/s (CPU)', 'ours ÷ it, tokens/s'], rows),
    '',
    `Same computation: all start from the same weights${report.lossReference === 'ours' ? ' (ours, exported with save())' : ''} and batch; first ${report.checkSteps} losses: ${losses} (worst relative difference to ${TRAIN_NAMES[report.lossReference] ?? report.lossReference}: ${worst.toExponential(1)}).`,
    '',
    `TF.js is written the fast way for its wasm backend: 2-D (in, out) variables, products and their gradients as untransposed 2-D matMuls (XNNPACK), embedding gradient by ScatterNd; both attention formulations are timed, the faster (${TRAIN_NAMES[report.tfjsFastest] ?? report.tfjsFastest}) is the ratio's peer. PyTorch ${report.pytorch?.version ?? ''} (Debian python3-torch) runs eager on one thread with OpenBLAS; with the reference BLAS python3-torch alone links it is the last row.`,
    ours ? '' : '_Ours not measured: the build has no engine (createTransformer)._',
  ].join('\n');
}

function forwardSection(report, path) {
  if (!report) return `_No GPT-2-small forward results (${path} not found): run \`npm run bench -- --only forward\`._`;
  const s = report.shape;
  return [
    `Forward of a GPT-2-small-shaped model through \`run()\` (wasm SIMD, Node), ${day(report.date)}, load average ${load(report.loadAverage)}: ${s.numLayers} layers, d_model ${s.embedDim}, ${s.numHeads} heads, MLP ${s.mlpDim}, vocabulary ${s.vocabSize}, causal, one sequence, logits and every layer's attention copied out. FLOPs counted: ${report.flopsCounted}.`,
    '',
    table(
      ['tokens', 'GFLOP counted', 'CPU ms', 'GFLOP/s', 'tokens/s'],
      report.results.map((r) => [
        r.tokens,
        r.gflopCount.toFixed(2),
        fixed(r.ms),
        r.gflops.toFixed(1),
        Math.round(r.tokensPerS),
      ]),
    ),
  ].join('\n');
}

// The page's generated part, one `### title` section per benchmark; `previous` holds the sections
// now in the page, kept (with a note) for a benchmark whose JSON is missing, so running one
// part of the benchmark never erases another part's figures.
function sections(args, previous) {
  const parts = [
    ['Kernel: multi-head self-attention forward', args.kernel, kernelSection],
    ['Training: tokens per second', args.train, trainSection],
    ['Model forward: GPT-2 small shape', args.forward, forwardSection],
    ['Page: cold load and keystrokes', args.page, pageSection],
  ];
  return parts.map(([title, path, render]) => {
    const report = readJson(path);
    const body = !report && previous[title] ? previous[title] : render(report, path);
    return `### ${title}\n\n${body.trim()}\n`;
  });
}

// "### title\n\nbody" sections between the markers of an existing page -> title -> body
function pageSections(generated) {
  const out = {};
  for (const chunk of generated.split(/^### /m).slice(1)) {
    const nl = chunk.indexOf('\n');
    out[chunk.slice(0, nl).trim()] = chunk.slice(nl + 1);
  }
  return out;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const page = args.write ? readFileSync(args.write, 'utf8') : '';
  const a = page.indexOf(BEGIN);
  const b = page.indexOf(END);
  if (args.write && (a < 0 || b < a)) throw new Error(`${args.write} has no ${BEGIN} … ${END} markers`);
  const markdown = [
    `<!-- Generated by \`node tests/bench/report.mjs --write\` from the JSON files named below; do not edit between the markers. -->`,
    '',
    sections(args, args.write ? pageSections(page.slice(a + BEGIN.length, b)) : {}).join('\n'),
  ].join('\n');
  if (!args.write) {
    console.log(markdown);
    return;
  }
  writeFileSync(args.write, `${page.slice(0, a + BEGIN.length)}\n${markdown}${page.slice(b)}`);
  console.log(`report: wrote the tables into ${args.write}`);
}

main();
