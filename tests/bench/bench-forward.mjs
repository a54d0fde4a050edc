// bench-forward: forward throughput (GFLOP/s) of a GPT-2-small-shaped model through the engine's
// JS API (createTransformer + run(), wasm SIMD, Node): 12 layers, d_model 768, 12 heads, MLP
// 3072, learned positions (1024), causal, tied output layer, GPT-2's vocabulary of 50,257 unless
// --vocab says otherwise, at T = 64 and 256 tokens (one sequence; run() returns the logits
// (T·V) and every layer's attention (H·T·T), copied out, as a page would use them).
// FLOPs counted per forward (multiply + add = 2): 24·T·C² per layer (Q, K, V, output and the
// two MLP products), 4·T²·C per layer (Q·Kᵀ and P·V counted dense, though causal attention
// needs only about half), 2·T·C·V for the logits; embeddings, norms, GELU and softmax not
// counted. Warm-up, then the median of >= 5 repeats (each >= 300 ms) of process CPU time.
// Writes artifacts/bench/bench-forward.json.
//
//   node tests/bench/bench-forward.mjs [--tokens 64,256] [--vocab 50257] [--repeats 5] [--out FILE]

import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadOurs } from './bench-train.mjs';
import { measure, median } from './timing.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const GPT2_SMALL = Object.freeze({
  maxPositions: 1024,
  embedDim: 768,
  numHeads: 12,
  numLayers: 12,
  mlpDim: 3072,
  causal: true,
  norm: 'pre',
  activation: 'gelu_tanh',
  tieEmbeddings: true,
});

function parseArgs(argv) {
  const args = { tokens: [64, 256], vocab: 50257, repeats: 5, out: join(root, 'artifacts/bench/bench-forward.json') };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--tokens') args.tokens = argv[++i].split(',').map(Number);
    else if (a === '--vocab') args.vocab = Number(argv[++i]);
    else if (a === '--repeats') args.repeats = Math.max(5, Number(argv[++i]));
    else if (a === '--out') args.out = resolve(argv[++i]);
    else throw new Error(`bench-forward: unknown argument ${a}`);
  }
  return args;
}

/** Counted FLOPs of one forward of T tokens (see the header). */
export function forwardFlops(s, T) {
  const C = s.embedDim;
  const perLayer = 2 * T * (4 * C * C + 2 * C * s.mlpDim) + 4 * T * T * C;
  return s.numLayers * perLayer + 2 * T * C * s.vocabSize;
}

function timeRuns(run, repeats) {
  const t0 = performance.now();
  for (let warm = 0; warm < 2 || performance.now() - t0 < 1000; ++warm) run();
  const w = performance.now();
  run();
  const calls = Math.max(1, Math.ceil(300 / (performance.now() - w)));
  const cpu = [],
    wall = [];
  for (let r = 0; r < repeats; ++r) {
    const t = measure(run, calls);
    cpu.push(t.cpuMs);
    wall.push(t.wallMs);
  }
  return { ms: median(cpu), wallMs: median(wall), cpuSamples: cpu, wallSamples: wall };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const attn = await loadOurs();
  if (!attn) throw new Error('bench-forward: this build has no createTransformer (build the engine: npm run build)');
  const s = { ...GPT2_SMALL, vocabSize: args.vocab };
  const model = attn.createTransformer({ ...s, seed: 1 });
  const results = [];
  for (const T of args.tokens) {
    const tokenIds = Int32Array.from({ length: T }, (_, i) => (i * 7919) % s.vocabSize);
    const out = model.run({ tokenIds });
    if (out.logits.length !== T * s.vocabSize || out.attention.length !== s.numLayers)
      throw new Error('bench-forward: run() returned unexpected shapes');
    const t = timeRuns(() => model.run({ tokenIds }), args.repeats);
    const flops = forwardFlops(s, T);
    results.push({
      tokens: T,
      gflopCount: flops / 1e9,
      ...t,
      gflops: flops / t.ms / 1e6,
      wallGflops: flops / t.wallMs / 1e6,
      tokensPerS: (T / t.ms) * 1000,
    });
    process.stderr.write(
      `GPT-2 small forward, T = ${T}: ${t.ms.toFixed(1)} ms CPU, ${(flops / t.ms / 1e6).toFixed(1)} GFLOP/s\n`,
    );
  }
  const heap = attn.memoryStats?.().wasmBytes;
  model.dispose();
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    loadAverage: os.loadavg(),
    shape: s,
    flopsCounted: '12 layers x (24*T*C^2 + 4*T^2*C dense attention) + 2*T*C*V logits',
    timing: 'ms/gflops: median per-call process CPU time; wall* wall time',
    wasmHeapBytes: heap,
    repeats: args.repeats,
    results,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(report, null, 2));
  console.log(forwardTable(report));
  console.log(`JSON: ${args.out}`);
}

export function forwardTable(r) {
  const rows = r.results.map(
    (x) =>
      `| ${x.tokens} | ${x.gflopCount.toFixed(2)} | ${x.ms.toFixed(1)} | ${x.gflops.toFixed(1)} | ${Math.round(x.tokensPerS)} |`,
  );
  return [
    `GPT-2-small-shaped forward (vocab ${r.shape.vocabSize}), wasm SIMD through run():`,
    '| tokens | GFLOP counted | CPU ms | GFLOP/s | tokens/s |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
