// bench-checkpoint: opening a real-sized checkpoint (issue 17), in Node: a GPT-2-small-shaped
// model (124M parameters, random weights, gpt2-hub.mjs) written as gpt2's model.safetensors
// (F32, 498 MB) to a temporary file, then
//   load   - attn.loadCheckpoint(path) (the file read in 8 MB slices straight into the wasm
//            heap) against reading the same file in the same slices into one reused buffer
//            (pure reading) and against fs.readFileSync (the bytes placed in fresh memory, as a
//            load must: on this VM first-touching 500 MB costs ~1.5 s CPU in page faults);
//            page cache warm; median of --repeats alternated rounds, wall and CPU time;
//   memory - in a fresh Node process: peak RSS growth while loading (sampled on every slice)
//            and the wasm heap after, against the model's float32 size;
//   forward- m.run() at 16 and 64 tokens (logits and all 144 heads' probabilities copied out)
//            against onnxruntime-web 1.31 (wasm, 1 thread) running the same weights as an ONNX
//            graph with every layer's attention probabilities as outputs; rounds alternated,
//            medians of process CPU time (wall time too); ORT's logits checked against ours.
// Writes artifacts/bench/bench-checkpoint.json. Not a test: nothing is asserted.
//
//   node tests/bench/bench-checkpoint.mjs [--tokens 16,64] [--repeats 5] [--vocab 50257]
//     [--tokens none] (load and memory only)

import { spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, readSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { GPT2_SMALL } from './bench-forward.mjs';
import { gpt2Graph, hubWeights, writeHubCheckpoint } from './gpt2-hub.mjs';
import { loadOrt } from './ort-peer.mjs';
import { relativeError } from '../js/relative-error.mjs';
import { measure, measureAsync, median } from './timing.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SLICE = 8 * 1024 * 1024;

function parseArgs(argv) {
  const args = { tokens: [16, 64], repeats: 5, vocab: 50257, memoryOf: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--tokens') args.tokens = argv[++i] === 'none' ? [] : argv[i].split(',').map(Number);
    else if (a === '--repeats') args.repeats = Number(argv[++i]);
    else if (a === '--vocab') args.vocab = Number(argv[++i]);
    else if (a === '--memory-of') args.memoryOf = argv[++i];
    else throw new Error(`bench-checkpoint: unknown argument ${a}`);
  }
  return args;
}

async function loadCore() {
  const { loadAttention } = await import(join(root, 'dist/lib/index.js'));
  return loadAttention({ assets: false });
}

/** Reads path in SLICE-byte slices, touching nothing -> { wall, cpu } ms. */
function readFileMs(path) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const fd = openSync(path, 'r');
  const buffer = new Uint8Array(SLICE);
  let at = 0;
  for (let n; (n = readSync(fd, buffer, 0, SLICE, at)) > 0;) at += n;
  closeSync(fd);
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/** Reads the whole file into a fresh buffer (fs.readFileSync) -> { wall, cpu } ms: like a
 * load, this places every byte in newly touched memory (page faults included). */
function readWholeMs(path) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const bytes = readFileSync(path);
  const c = process.cpuUsage(c0);
  if (bytes.length === 0) throw new Error('empty file');
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/** The child process of --memory-of: one load, peak RSS growth and the wasm heap -> JSON line. */
async function memoryChild(path) {
  const attn = await loadCore();
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const m = await attn.loadCheckpoint(path, {
    onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
  });
  peak = Math.max(peak, process.memoryUsage().rss);
  const wasm = attn.memoryStats();
  console.log(
    JSON.stringify({
      rssGrowth: peak - base,
      wasmBytes: wasm.wasmBytes,
      inUseBytes: wasm.inUseBytes,
      parameters: m.config.parameters,
    }),
  );
  m.dispose();
}

async function loadRounds(attn, path, repeats) {
  const ours = { wall: [], cpu: [] };
  const read = { wall: [], cpu: [] };
  const whole = { wall: [], cpu: [] };
  readFileMs(path); // warm the page cache
  for (let r = 0; r < repeats; ++r) {
    const f = readFileMs(path);
    (read.wall.push(f.wall), read.cpu.push(f.cpu));
    const w = readWholeMs(path);
    (whole.wall.push(w.wall), whole.cpu.push(w.cpu));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const m = await attn.loadCheckpoint(path);
    const c = process.cpuUsage(c0);
    (ours.wall.push(performance.now() - t0), ours.cpu.push((c.user + c.system) / 1000));
    m.dispose();
  }
  return {
    loadMs: median(ours.wall),
    readMs: median(read.wall),
    loadCpuMs: median(ours.cpu),
    readCpuMs: median(read.cpu),
    readWholeMs: median(whole.wall),
    readWholeCpuMs: median(whole.cpu),
    samples: { ours, read, whole },
  };
}

async function forwardRounds(m, ort, s, weights, T, repeats) {
  const session = await ort.InferenceSession.create(gpt2Graph(s, weights, T), {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const ids = BigInt64Array.from({ length: T }, (_, i) => BigInt((i * 7919) % s.vocabSize));
  const feeds = {
    ids: new ort.Tensor('int64', ids, [T]),
    positions: new ort.Tensor(
      'int64',
      BigInt64Array.from({ length: T }, (_, i) => BigInt(i)),
      [T],
    ),
  };
  const tokenIds = Int32Array.from(ids, Number);
  const runOrt = async () => {
    const out = await session.run(feeds);
    const logits = out.logits.data;
    for (const t of Object.values(out)) t.dispose?.();
    return logits;
  };
  const error = relativeError(await runOrt(), m.run({ tokenIds }).logits);
  const oursCpu = [];
  const oursWall = [];
  const ortCpu = [];
  const ortWall = [];
  for (let r = 0; r < repeats + 1; ++r) {
    const a = measure(() => m.run({ tokenIds }), 3);
    const b = await measureAsync(runOrt, 3);
    if (r === 0) continue; // warm-up round
    (oursCpu.push(a.cpuMs), oursWall.push(a.wallMs), ortCpu.push(b.cpuMs), ortWall.push(b.wallMs));
  }
  await session.release();
  return {
    tokens: T,
    oursMs: median(oursCpu),
    ortMs: median(ortCpu),
    oursWallMs: median(oursWall),
    ortWallMs: median(ortWall),
    ratio: median(ortCpu) / median(oursCpu),
    ortLogitsRelError: error,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.memoryOf) return memoryChild(args.memoryOf);
  const s = { ...GPT2_SMALL, vocabSize: args.vocab };
  const path = join(os.tmpdir(), `bench-gpt2-${process.pid}.safetensors`);
  const weights = hubWeights(s);
  const fileBytes = writeHubCheckpoint(path, s, weights);
  try {
    const attn = await loadCore();
    const load = await loadRounds(attn, path, args.repeats);
    process.stderr.write(`load ${JSON.stringify(load)}\n`);
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory-of', path], {
      encoding: 'utf8',
    });
    const memory = JSON.parse(child.stdout.trim().split('\n').pop());
    memory.float32Bytes = 4 * memory.parameters;
    process.stderr.write(`memory: ${JSON.stringify(memory)}\n`);
    const m = await attn.loadCheckpoint(path);
    const ort = args.tokens.length ? await loadOrt() : null;
    const forward = [];
    for (const T of args.tokens) {
      forward.push(await forwardRounds(m, ort, s, weights, T, args.repeats));
      process.stderr.write(`forward T=${T}: ${JSON.stringify(forward.at(-1))}\n`);
    }
    m.dispose();
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      loadAverage: os.loadavg(),
      shape: s,
      fileBytes,
      load,
      memory,
      forward,
    };
    const out = join(root, 'artifacts/bench/bench-checkpoint.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2));
    console.log(table(report));
    console.log(`JSON: ${out}`);
  } finally {
    rmSync(path, { force: true });
  }
}

function table(r) {
  const mb = (b) => (b / 1e6).toFixed(0);
  return [
    `GPT-2-small-shaped checkpoint (${mb(r.fileBytes)} MB F32 file), Node ${r.node}, load average ${r.loadAverage.map((x) => x.toFixed(1)).join(' ')}:`,
    `load ${r.load.loadMs.toFixed(0)} ms wall (${r.load.loadCpuMs.toFixed(0)} ms CPU) vs reading the file ${r.load.readMs.toFixed(0)} ms ` +
      `(${r.load.readCpuMs.toFixed(0)} ms CPU) in 8 MB slices into one buffer: ${(r.load.loadMs / r.load.readMs).toFixed(2)}x wall, ${(r.load.loadCpuMs / r.load.readCpuMs).toFixed(2)}x CPU`,
    `  vs reading it whole into fresh memory (fs.readFileSync) ${r.load.readWholeMs.toFixed(0)} ms (${r.load.readWholeCpuMs.toFixed(0)} ms CPU): ` +
      `${(r.load.loadMs / r.load.readWholeMs).toFixed(2)}x wall, ${(r.load.loadCpuMs / r.load.readWholeCpuMs).toFixed(2)}x CPU`,
    `memory: peak RSS growth ${mb(r.memory.rssGrowth)} MB, wasm heap ${mb(r.memory.wasmBytes)} MB, float32 model ${mb(r.memory.float32Bytes)} MB ` +
      `(${(r.memory.rssGrowth / r.memory.float32Bytes).toFixed(2)}x, heap ${(r.memory.wasmBytes / r.memory.float32Bytes).toFixed(2)}x)`,
    '| tokens | ours CPU ms | ORT-web CPU ms | ORT/ours | ours wall | ORT wall | ORT logits vs ours |',
    '|---|---|---|---|---|---|---|',
    ...r.forward.map(
      (f) =>
        `| ${f.tokens} | ${f.oursMs.toFixed(1)} | ${f.ortMs.toFixed(1)} | ${f.ratio.toFixed(2)}x | ${f.oursWallMs.toFixed(1)} | ${f.ortWallMs.toFixed(1)} | ${f.ortLogitsRelError.toExponential(1)} |`,
    ),
  ].join('\n');
}

await main();
