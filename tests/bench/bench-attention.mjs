// bench-attention: the performance benchmark of issue 8 (not part of `npm test`).
//
//   npm run build && cmake --preset native-release && cmake --build build/native-release \
//     --target bench_attention && npm run bench
//   node tests/bench/bench-attention.mjs [--quick] [--repeats 5] [--max-call-s 3]
//        [--models 64x4,256x8,768x12] [--sizes 16,64,256,1024,4096] [--native PATH] [--no-long]
//        [--no-ort] [--ort-max-n 1024]
//
// Full multi-head self-attention forward (in-projection, Q·Kᵀ, softmax, weights·V,
// out-projection; one sequence, no mask, weights not returned) for each d_model / heads and
// sequence length n, on: this project's wasm SIMD build and its no-SIMD build through the
// public JS API (a layer from createMultiHeadAttention, weights resident in wasm memory, as a
// model run many times would use it; "wasm-simd-oneshot" is multiHeadAttention, which copies
// and checks the weights on every call), a plain-JS implementation, TF.js 4.22 wasm (XNNPACK, SIMD, 1 thread) and cpu
// backends, and the native release build (src/tools/bench_attention.cpp). FLOPs counted:
// 8·n·d² (four d×d projections, multiply+add = 2) + 4·n²·d (Q·Kᵀ and weights·V).
// Each cell: warm-up, then the median of >= 5 timed repeats (a repeat times enough calls to
// last >= 25 ms), in process CPU time (shown) and wall time (in the JSON). Ratios are against
// TF.js-wasm and plain JS measured in the same run, and against onnxruntime-web (ort-peer.mjs:
// a standard-op graph and the fused contrib ops), timed in alternating rounds with ours after
// its outputs are checked against ours. A baseline (not the SIMD build itself) whose
// predicted call time (from its rate at the previous n) exceeds --max-call-s is skipped and
// marked. Then the long input (n = 16384, d_model 256) runs in a fresh process on a module
// without the text assets and reports the wasm heap size. Writes artifacts/bench/bench-attention.json.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

import { loadTf, plainJs, tfjs } from './baselines.mjs';
import { attentionGraph, loadOrt, ortAttention, ORT_VARIANTS } from './ort-peer.mjs';
import { measure, measureAsync, median, random } from './timing.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function parseArgs(argv) {
  const args = {
    repeats: 5,
    maxCallS: 3,
    models: '64x4,256x8,768x12',
    sizes: '16,64,256,1024,4096',
    native: join(root, 'build/native-release/src/tools/bench_attention'),
    long: true,
    out: join(root, 'artifacts/bench/bench-attention.json'),
    ort: true,
    ortMaxN: 1024,
  };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--quick') Object.assign(args, { sizes: '16,64,256', models: '64x4,256x8', repeats: 5 });
    else if (a === '--no-long') args.long = false;
    else if (a === '--no-ort') args.ort = false;
    else if (a === '--ort-max-n') args.ortMaxN = Number(argv[++i]);
    else if (a === '--long-only') args.longOnly = true;
    else if (a === '--repeats') args.repeats = Math.max(5, Number(argv[++i]));
    else if (a === '--max-call-s') args.maxCallS = Number(argv[++i]);
    else if (a === '--models') args.models = argv[++i];
    else if (a === '--sizes') args.sizes = argv[++i];
    else if (a === '--native') args.native = resolve(argv[++i]);
    else if (a === '--out') args.out = resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  args.models = args.models.split(',').map((m) => m.split('x').map(Number));
  args.sizes = args.sizes.split(',').map(Number);
  return args;
}

// Deterministic inputs (random: mulberry32) so every implementation sees the same numbers.
function fill(n, rnd, scale) {
  return Float32Array.from({ length: n }, () => (rnd() * 2 - 1) * scale);
}
function weightsFor(E) {
  const rnd = random(E);
  const s = 1 / Math.sqrt(E);
  return {
    inProjWeight: fill(3 * E * E, rnd, s),
    inProjBias: fill(3 * E, rnd, 0.1),
    outProjWeight: fill(E * E, rnd, s),
    outProjBias: fill(E, rnd, 0.1),
  };
}

const flops = (n, d) => 8 * n * d * d + 4 * n * n * d;
// Warm-up, then `repeats` timed repeats of enough calls to last >= 25 ms -> ms per call,
// as wall time and as this process's CPU time (user + system). On a shared, overloaded
// machine the wall time includes time spent descheduled; CPU time does not, so both go in
// the JSON and the table shows CPU time (everything here runs on one thread).
// Warm-up rule: >= 2 calls and >= 300 ms, and up to WARM_CALLS calls within 1 s. A new layer's
// JS closures start without V8 type feedback: at d_model 64, n = 16 its first few hundred
// calls took 0.26–0.5 ms each, settling at 0.03 ms after ~2000 calls (300 ms alone left the
// first cell of a run 7x slow).
const WARM_CALLS = 2000;
const warming = (calls, ms) => calls < 2 || ms < 300 || (calls < WARM_CALLS && ms < 1000);

function timeCalls(run, repeats) {
  let t0 = performance.now();
  for (let warm = 0; warming(warm, performance.now() - t0); ++warm) run();
  t0 = performance.now();
  run();
  const once = performance.now() - t0;
  const calls = Math.max(1, Math.ceil(25 / Math.max(once, 1e-3)));
  const wall = [],
    cpu = [];
  for (let r = 0; r < repeats; ++r) {
    const t = measure(run, calls);
    wall.push(t.wallMs);
    cpu.push(t.cpuMs);
  }
  return { wallMs: median(wall), cpuMs: median(cpu), wall, cpu };
}

// Same process, alternating rounds: after a warm-up of each runner (the rule above),
// every round times each runner in turn for >= 25 ms, so a slow spell of the shared machine
// hits all of them alike. runners: name -> async () => output. -> name -> { ms, wallMs, ... }
async function timeAlternating(runners, repeats) {
  const names = Object.keys(runners);
  const calls = {};
  for (const name of names) {
    let t0 = performance.now();
    for (let warm = 0; warming(warm, performance.now() - t0); ++warm) await runners[name]();
    t0 = performance.now();
    await runners[name]();
    calls[name] = Math.max(1, Math.ceil(25 / Math.max(performance.now() - t0, 1e-3)));
  }
  const samples = Object.fromEntries(names.map((n) => [n, { wall: [], cpu: [] }]));
  for (let r = 0; r < repeats; ++r) {
    for (const name of names) {
      const t = await measureAsync(runners[name], calls[name]);
      samples[name].wall.push(t.wallMs);
      samples[name].cpu.push(t.cpuMs);
    }
  }
  return Object.fromEntries(
    names.map((n) => [
      n,
      {
        ms: median(samples[n].cpu),
        wallMs: median(samples[n].wall),
        cpuSamples: samples[n].cpu,
        wallSamples: samples[n].wall,
      },
    ]),
  );
}

// ORT-web's three graphs against our layer, alternating rounds; each graph's output is checked
// against ours first (max abs difference <= ORT_TOLERANCE, or the run stops). Adds
// impls['ort-<variant>'], impls['wasm-simd'].vsOrtRounds and speedupVs_ort-web (the fastest
// ORT variant's median over ours, both from the alternating rounds) to the cell.
const ORT_TOLERANCE = 1e-4;
async function ortCell(cell, ours, ortRunners, x, n, args) {
  const E = cell.dModel;
  if (n > args.ortMaxN) {
    for (const v of ORT_VARIANTS)
      cell.impls[`ort-${v}`] = { skipped: `n > --ort-max-n ${args.ortMaxN} (the std graph holds H·n² scores)` };
    return;
  }
  const reference = ours(x, n);
  const runners = { 'wasm-simd': async () => ours(x, n) };
  const diffs = {};
  for (const v of ORT_VARIANTS) {
    const run = ortRunners[v];
    diffs[v] = maxAbsDiff(await run(x, n), reference);
    if (!(diffs[v] <= ORT_TOLERANCE))
      throw new Error(`ORT-web ${v} differs from ours by ${diffs[v]} at d_model ${E}, n = ${n}`);
    runners[`ort-${v}`] = () => run(x, n);
  }
  const t = await timeAlternating(runners, args.repeats);
  const ms = (name) => t[name].ms;
  for (const v of ORT_VARIANTS) {
    const name = `ort-${v}`;
    cell.impls[name] = { ...t[name], gflops: flops(n, E) / ms(name) / 1e6, maxAbsDiffVsSimd: diffs[v] };
    cell[`speedupVs_${name}`] = ms(name) / ms('wasm-simd');
  }
  cell.impls['wasm-simd'].vsOrtRounds = t['wasm-simd'];
  const best = Math.min(...ORT_VARIANTS.map((v) => ms(`ort-${v}`)));
  cell['speedupVs_ort-web'] = best / ms('wasm-simd');
  cell.ortBest = ORT_VARIANTS.find((v) => ms(`ort-${v}`) === best);
}

// The ORT graphs of the first model, checked by python3-onnx's checker (check-onnx.py) ->
// { variant: 'ok' | error } or a note when python3-onnx is missing.
function checkOnnx(E, H, w) {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-onnx-'));
  const files = ORT_VARIANTS.map((v) => join(dir, `${v}.onnx`));
  ORT_VARIANTS.forEach((v, i) => writeFileSync(files[i], attentionGraph(v, E, H, w)));
  const run = spawnSync('/usr/bin/python3', [join(root, 'tests/bench/check-onnx.py'), ...files], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (!run.stdout)
    return {
      note: `not checked: ${run.stderr?.trim().split('\n').pop() ?? run.error?.message} (bash .ci/install-deps.sh bench installs python3-onnx)`,
    };
  const byFile = JSON.parse(run.stdout);
  return Object.fromEntries(ORT_VARIANTS.map((v, i) => [v, byFile[files[i]]]));
}

function maxAbsDiff(a, b) {
  let m = 0;
  for (let i = 0; i < a.length; ++i) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function loadProject(simd) {
  const { loadAttention } = await import('attention-playground');
  const attn = await loadAttention({ simd });
  return attn;
}

// As a model run many times calls it: the weights live in wasm memory (createMultiHeadAttention),
// each call moves the input in and the output out.
function projectRunner(attn, E, H, w) {
  const layer = attn.createMultiHeadAttention({ embedDim: E, numHeads: H, ...w });
  return (x, n) => layer.forward({ query: x, tq: n, needWeights: false }).output;
}

// One-shot multiHeadAttention: the weights cross into wasm (and are checked) on every call.
function oneShotRunner(attn, E, H, w) {
  return (x, n) =>
    attn.multiHeadAttention({ query: x, tq: n, embedDim: E, numHeads: H, ...w, needWeights: false }).output;
}

function runNative(args) {
  if (!existsSync(args.native))
    return { note: `native tool not found at ${args.native} (build target bench_attention in build/native-release)` };
  const out = execFileSync(
    args.native,
    [
      '--models',
      args.models.map((m) => m.join('x')).join(','),
      '--sizes',
      args.sizes.join(','),
      '--repeats',
      String(args.repeats),
      '--max-call-s',
      String(args.maxCallS),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return { cells: JSON.parse(out) };
}

// The long input runs in a fresh process on a module loaded without the text assets
// (loadAttention({ assets: false })), so the wasm heap holds only what attention needs:
// the input (16 MB), the output (16 MB), one head's Q, K, V slices and the kernels' scratch.
async function longInput() {
  const { loadAttention } = await import('attention-playground');
  const attn = await loadAttention({ simd: true, assets: false });
  const E = 256,
    H = 8,
    n = 16384;
  const w = weightsFor(E);
  const x = fill(n * E, random(99), 1);
  const before = attn.memoryStats();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = attn.multiHeadAttention({ query: x, tq: n, embedDim: E, numHeads: H, ...w, needWeights: false }).output;
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const ms = (cpu.user + cpu.system) / 1000;
  const after = attn.memoryStats();
  let finite = true;
  for (const v of out)
    if (!Number.isFinite(v)) {
      finite = false;
      break;
    }
  return {
    n,
    dModel: E,
    heads: H,
    ms,
    wallMs,
    gflops: flops(n, E) / ms / 1e6,
    wasmHeapBytesBefore: before.wasmBytes,
    wasmHeapBytesPeak: after.wasmBytes,
    withinTarget: after.wasmBytes <= 64 * 1024 * 1024,
    outputFinite: finite,
  };
}

const IMPLS = ['wasm-simd', 'wasm-simd-oneshot', 'wasm-nosimd', 'native', 'plain-js', 'tfjs-wasm', 'tfjs-cpu'];

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.longOnly) {
    process.stdout.write(JSON.stringify(await longInput()));
    return;
  }
  const { version: tfVersion } = await loadTf();
  const simd = await loadProject(true);
  const nosimd = await loadProject(false);
  // V8 compiles wasm with a baseline tier first and optimizes hot functions later: run a
  // mid-size problem for ~1 s on both builds before the first measurement.
  for (const attn of [simd, nosimd]) {
    const w = weightsFor(256),
      x = fill(64 * 256, random(1), 1);
    const t0 = performance.now();
    while (performance.now() - t0 < 1000) projectRunner(attn, 256, 8, w)(x, 64);
  }
  const info = { simd: simd.buildInfo?.(), nosimd: nosimd.buildInfo?.() };
  const onnxCheck = args.ort
    ? checkOnnx(args.models[0][0], args.models[0][1], weightsFor(args.models[0][0]))
    : undefined;
  if (onnxCheck) process.stderr.write(`onnx.checker on the ORT graphs: ${JSON.stringify(onnxCheck)}\n`);
  process.stderr.write(`native tool: ${args.native}\n`);
  const native = runNative(args);
  const results = [];
  for (const [E, H] of args.models) {
    const w = weightsFor(E);
    const runners = {
      'wasm-simd': projectRunner(simd, E, H, w),
      'wasm-simd-oneshot': oneShotRunner(simd, E, H, w),
      'wasm-nosimd': projectRunner(nosimd, E, H, w),
      'plain-js': plainJs(E, H, w),
      'tfjs-wasm': await tfjs('wasm', E, H, w),
      'tfjs-cpu': await tfjs('cpu', E, H, w),
    };
    const ortRunners = {};
    if (args.ort) for (const v of ORT_VARIANTS) ortRunners[v] = await ortAttention(v, E, H, w);
    const rate = {}; // GFLOP/s at the previous n, to predict the next call time
    for (const n of args.sizes) {
      const x = fill(n * E, random(n + E), 1);
      const cell = { dModel: E, heads: H, n, gflopCount: flops(n, E) / 1e9, impls: {} };
      let reference;
      for (const name of IMPLS) {
        if (name === 'native') {
          const c = native.cells?.find((r) => r.dModel === E && r.n === n);
          cell.impls.native = c
            ? c.skipped
              ? { skipped: c.skipped }
              : { ms: c.ms, gflops: c.gflops, wallMs: c.wallMs }
            : { skipped: native.note ?? 'not run' };
          continue;
        }
        const predicted = rate[name] ? flops(n, E) / rate[name] / 1e6 : 0;
        if (name !== 'wasm-simd' && predicted > args.maxCallS * 1000) {
          cell.impls[name] = {
            skipped: `predicted ${(predicted / 1000).toFixed(1)} s per call > --max-call-s ${args.maxCallS}`,
          };
          continue;
        }
        const run = () => runners[name](x, n);
        const out = run();
        if (!reference) reference = out;
        const t = timeCalls(run, args.repeats);
        const ms = t.cpuMs;
        rate[name] = flops(n, E) / Math.min(ms, t.wallMs) / 1e6;
        cell.impls[name] = {
          ms,
          gflops: flops(n, E) / ms / 1e6,
          wallMs: t.wallMs,
          wallGflops: flops(n, E) / t.wallMs / 1e6,
          cpuSamples: t.cpu,
          wallSamples: t.wall,
          maxAbsDiffVsSimd: maxAbsDiff(out, reference),
        };
      }
      if (args.ort) await ortCell(cell, runners['wasm-simd'], ortRunners, x, n, args);
      const ours = cell.impls['wasm-simd'].ms;
      const oursWall = cell.impls['wasm-simd'].wallMs;
      for (const base of ['tfjs-wasm', 'plain-js']) {
        if (!cell.impls[base]?.ms) continue;
        cell[`speedupVs_${base}`] = cell.impls[base].ms / ours;
        cell[`wallSpeedupVs_${base}`] = cell.impls[base].wallMs / oursWall;
      }
      results.push(cell);
      process.stderr.write(`${row(cell)}\n`);
    }
    for (const run of Object.values(ortRunners)) await run.release();
  }
  let long = { skipped: 'run with the long input enabled' };
  if (args.long) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--long-only'], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    long = child.status === 0 ? JSON.parse(child.stdout) : { error: child.stderr.slice(-2000) };
  }
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    loadAverage: os.loadavg(),
    timing: 'ms/gflops: median per-call process CPU time; wallMs/wallGflops: median wall time',
    tfjs: tfVersion,
    ortWeb: args.ort ? (await loadOrt()).env.versions?.web : undefined,
    ort: args.ort
      ? 'onnxruntime-web wasm, numThreads 1, SIMD; graphs std / mha (com.microsoft.MultiHeadAttention) / attention (com.microsoft.Attention); timed in alternating rounds with wasm-simd; speedupVs_ort-web = fastest variant'
      : 'not run (--no-ort)',
    onnxCheck,
    build: info,
    flopsCounted: '8*n*d^2 + 4*n^2*d',
    repeats: args.repeats,
    results,
    longInput: long,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(report, null, 2));
  console.log(table(results));
  console.log(`\nlong input: ${JSON.stringify(long)}\nJSON: ${args.out}`);
}

const fmt = (c) => (c?.ms ? `${c.ms < 10 ? c.ms.toFixed(3) : c.ms.toFixed(1)} ms ${c.gflops.toFixed(1)}` : 'skip');
const COLUMNS = [...IMPLS, ...ORT_VARIANTS.map((v) => `ort-${v}`)];
const RATIOS = ['tfjs-wasm', 'plain-js', 'ort-web', ...ORT_VARIANTS.map((v) => `ort-${v}`)];
function row(c) {
  const r = (k) => (c[k] ? `${c[k].toFixed(2)}x` : 'n/a');
  return `| ${c.dModel}/${c.heads} | ${c.n} | ${COLUMNS.map((i) => fmt(c.impls[i])).join(' | ')} | ${RATIOS.map((k) => r(`speedupVs_${k}`)).join(' | ')} |`;
}
function table(results) {
  const head = `| d_model/heads | n | ${COLUMNS.map((i) => `${i} (CPU ms, GFLOP/s)`).join(' | ')} | ${RATIOS.map((k) => `SIMD vs ${k}`).join(' | ')} |`;
  return [head, head.replace(/[^|]+/g, '---'), ...results.map(row)].join('\n');
}

await main();
