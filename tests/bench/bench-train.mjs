// bench-train: training throughput (tokens/s) of the issue-16 model (gpt-spec.mjs TRAIN_SHAPE:
// 2 layers, 4 heads, d_model 128, context 64, batch 16, MLP 512, vocab 512, pre-LN GPT-2,
// tied embeddings) on three implementations in one run:
//   ours       - the engine through the JS API (createTransformer + trainStep), wasm SIMD, Node;
//   tfjs-wasm  - TF.js 4.22 wasm backend with its autograd (train-tfjs.mjs), in two attention
//                formulations, 'batched' and 'per-head'; the ratio is against the faster;
//   pytorch    - PyTorch native (Debian's python3-torch), torch.set_num_threads(1), eager,
//                torch.optim.AdamW (train_torch.py, a subprocess driven over stdin/stdout), with
//                OpenBLAS (libopenblas0-pthread, 1 thread) as libblas.so.3; 'pytorch-refblas' is
//                the same with Debian's reference BLAS, what python3-torch alone links (~10× slower
//                products), shown for context, never used for the ratio.
// One step = forward + backward + AdamW update of every parameter, loss read back to the host.
// All three start from the same weights (ours' save() when the engine is there, else the
// seeded GPT-2 init of gpt-spec.mjs) and the same batch; the first CHECK_STEPS losses of each
// are printed and must agree with the reference's within LOSS_TOLERANCE (relative) before
// anything is timed. Timing: warm-up, then >= 5 alternating rounds (each implementation in turn
// runs enough steps to last >= 300 ms), median per-step process CPU time (wall time in the JSON).
// Writes artifacts/bench/bench-train.json.
//
//   node tests/bench/bench-train.mjs [--repeats 5] [--no-torch] [--no-refblas] [--python /usr/bin/python3] [--out FILE]

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import {
  LAYER_NORM_EPS,
  OPTIMIZER,
  TRAIN_SHAPE,
  fromSafetensors,
  initWeights,
  parameterTable,
  toSafetensors,
  tokenBatch,
} from './gpt-spec.mjs';
import { loadTf } from './baselines.mjs';
import { measure, median } from './timing.mjs';
import { tfjsTrainer } from './train-tfjs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const CHECK_STEPS = 3;
const REF_BLAS_DIR = '/usr/lib/x86_64-linux-gnu/blas';
export const LOSS_TOLERANCE = 1e-4;

function parseArgs(argv) {
  const args = {
    repeats: 5,
    torch: true,
    refBlas: true,
    python: '/usr/bin/python3',
    out: join(root, 'artifacts/bench/bench-train.json'),
  };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--repeats') args.repeats = Math.max(5, Number(argv[++i]));
    else if (a === '--no-torch') args.torch = false;
    else if (a === '--no-refblas') args.refBlas = false;
    else if (a === '--python') args.python = argv[++i];
    else if (a === '--out') args.out = resolve(argv[++i]);
    else throw new Error(`bench-train: unknown argument ${a}`);
  }
  return args;
}

/** A synchronous JS trainer (step() -> loss) as a peer: steps(k) -> { losses, cpuMs, wallMs } per step. */
function jsPeer(step) {
  return async (count) => {
    const losses = [];
    return { losses, ...measure(() => losses.push(step()), count) };
  };
}

/** The PyTorch subprocess as a peer (see train_torch.py), or throws with what is missing. */
export async function torchPeer(python, initPath, s, batch, { refBlas = false } = {}) {
  // One thread everywhere (torch.set_num_threads(1) in the script, OpenBLAS and OpenMP here);
  // refBlas: Debian's reference libblas.so.3 instead of the installed alternative (OpenBLAS).
  const env = {
    ...process.env,
    OPENBLAS_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    ...(refBlas ? { LD_LIBRARY_PATH: REF_BLAS_DIR } : {}),
  };
  const child = spawn(python, [join(here, 'train_torch.py')], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise((ok) => child.on('close', ok));
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) {
      await exited;
      throw new Error(
        `PyTorch peer exited: ${stderr.trim().split('\n').slice(-3).join(' | ')} (python3-torch missing? run: bash .ci/install-deps.sh bench)`,
      );
    }
    return JSON.parse(value);
  };
  const send = (obj) => child.stdin.write(`${JSON.stringify(obj)}\n`);
  send({
    init: initPath,
    shape: s,
    optimizer: OPTIMIZER,
    layerNormEps: LAYER_NORM_EPS,
    inputs: [...batch.inputs],
    targets: [...batch.targets],
  });
  const hello = await next();
  const steps = async (count) => (send({ cmd: 'steps', count }), next());
  steps.version = hello.torch;
  steps.threads = hello.threads;
  steps.blas = hello.blas;
  steps.close = async () => (send({ cmd: 'quit' }), child.stdin.end(), exited);
  return steps;
}

/** Ours through the JS API, from `init` bytes (save() of a model) or a fresh seeded model. */
function oursPeer(attn, s, batch, bytes) {
  const model = bytes ? attn.loadTransformer(bytes) : attn.createTransformer({ ...s, seed: 1 });
  const options = { inputs: batch.inputs, targets: batch.targets, batch: s.batch, optimizer: OPTIMIZER };
  const steps = jsPeer(() => model.trainStep(options).loss);
  steps.model = model;
  steps.close = async () => model.dispose();
  return steps;
}

// Same process, alternating rounds; every peer first warms up (>= 2 steps, >= 1 s).
async function timeAlternating(peers, repeats) {
  const counts = {};
  for (const [name, steps] of Object.entries(peers)) {
    const t0 = performance.now();
    let once = await steps(2);
    while (performance.now() - t0 < 1000) once = await steps(1);
    counts[name] = Math.max(1, Math.ceil(300 / Math.max(once.wallMs, 1)));
  }
  const samples = Object.fromEntries(Object.keys(peers).map((n) => [n, { cpu: [], wall: [] }]));
  for (let r = 0; r < repeats; ++r) {
    for (const [name, steps] of Object.entries(peers)) {
      const t = await steps(counts[name]);
      samples[name].cpu.push(t.cpuMs);
      samples[name].wall.push(t.wallMs);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([n, x]) => [
      n,
      {
        msPerStep: median(x.cpu),
        wallMsPerStep: median(x.wall),
        stepsPerRound: counts[n],
        cpuSamples: x.cpu,
        wallSamples: x.wall,
      },
    ]),
  );
}

export async function loadOurs() {
  const { loadAttention } = await import('attention-playground');
  const attn = await loadAttention({ simd: true, assets: false });
  return typeof attn.createTransformer === 'function' ? attn : null;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const s = TRAIN_SHAPE;
  const batch = tokenBatch(s);
  const tokens = s.batch * s.seq;
  const attn = await loadOurs();
  const table = parameterTable(s);
  const initBytes = attn ? attn.createTransformer({ ...s, seed: 1 }).save() : toSafetensors(initWeights(s), table);
  const init = fromSafetensors(initBytes);
  const tmp = mkdtempSync(join(os.tmpdir(), 'bench-train-'));
  const initPath = join(tmp, 'init.safetensors');
  writeFileSync(initPath, toSafetensors(init, table));
  const { version: tfVersion } = await loadTf();

  const peers = {};
  if (attn) peers.ours = oursPeer(attn, s, batch, initBytes);
  for (const attention of ['batched', 'per-head']) {
    const trainer = await tfjsTrainer(s, init, OPTIMIZER, { attention });
    peers[`tfjs-wasm-${attention}`] = Object.assign(
      jsPeer(() => trainer.step(batch.inputs, batch.targets)),
      { close: async () => trainer.dispose() },
    );
  }
  if (args.torch) peers.pytorch = await torchPeer(args.python, initPath, s, batch);
  if (args.torch && args.refBlas)
    peers['pytorch-refblas'] = await torchPeer(args.python, initPath, s, batch, { refBlas: true });
  rmSync(tmp, { recursive: true, force: true });

  // Correctness first: the first CHECK_STEPS losses of every peer from the same weights.
  const reference = attn ? 'ours' : args.torch ? 'pytorch' : 'tfjs-wasm-batched';
  const losses = {};
  for (const [name, steps] of Object.entries(peers)) losses[name] = (await steps(CHECK_STEPS)).losses;
  const worst = {};
  for (const [name, ls] of Object.entries(losses))
    worst[name] = Math.max(...ls.map((l, i) => Math.abs(l - losses[reference][i]) / Math.abs(losses[reference][i])));
  console.log(
    `first ${CHECK_STEPS} losses from the same weights (reference ${reference}, tolerance ${LOSS_TOLERANCE} relative):`,
  );
  for (const [name, ls] of Object.entries(losses))
    console.log(
      `  ${name.padEnd(20)} ${ls.map((l) => l.toFixed(6)).join('  ')}   max rel diff ${worst[name].toExponential(1)}`,
    );
  const bad = Object.entries(worst).filter(([, w]) => !(w <= LOSS_TOLERANCE));
  if (bad.length)
    throw new Error(`bench-train: losses disagree with ${reference}: ${bad.map(([n, w]) => `${n} ${w}`).join(', ')}`);

  const loadBefore = os.loadavg();
  const timed = await timeAlternating(peers, args.repeats);
  for (const steps of Object.values(peers)) await steps.close();
  const results = Object.fromEntries(
    Object.entries(timed).map(([n, t]) => [
      n,
      { ...t, tokensPerS: (tokens / t.msPerStep) * 1000, wallTokensPerS: (tokens / t.wallMsPerStep) * 1000 },
    ]),
  );
  const tfBest = ['tfjs-wasm-batched', 'tfjs-wasm-per-head'].reduce((a, b) =>
    results[a].msPerStep <= results[b].msPerStep ? a : b,
  );
  const ratios = attn
    ? {
        'ours/tfjs-wasm': results[tfBest].msPerStep / results.ours.msPerStep,
        ...(results.pytorch ? { 'ours/pytorch': results.pytorch.msPerStep / results.ours.msPerStep } : {}),
      }
    : {};
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    loadAverage: loadBefore,
    loadAverageAfter: os.loadavg(),
    shape: s,
    tokensPerStep: tokens,
    optimizer: OPTIMIZER,
    step: 'forward + backward + AdamW update of every parameter, loss read back',
    tfjs: tfVersion,
    tfjsFastest: tfBest,
    pytorch: peers.pytorch
      ? {
          version: peers.pytorch.version,
          threads: peers.pytorch.threads,
          blas: peers.pytorch.blas,
          refBlas: peers['pytorch-refblas']?.blas,
        }
      : 'not run (--no-torch)',
    ours: attn
      ? 'wasm SIMD, createTransformer + trainStep'
      : 'not run: this build has no createTransformer (engine not merged)',
    timing:
      'msPerStep / tokensPerS: median per-step process CPU time over alternating rounds; wall* the same in wall time',
    repeats: args.repeats,
    checkSteps: CHECK_STEPS,
    lossReference: reference,
    losses,
    lossMaxRelDiff: worst,
    results,
    ratios,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(report, null, 2));
  console.log(trainTable(report));
  console.log(`JSON: ${args.out}`);
}

export function trainTable(r) {
  const rows = Object.entries(r.results).map(
    ([n, t]) =>
      `| ${n} | ${t.msPerStep.toFixed(1)} | ${t.wallMsPerStep.toFixed(1)} | ${Math.round(t.tokensPerS)} | ${r.results.ours ? (t.msPerStep / r.results.ours.msPerStep).toFixed(2) + 'x' : 'n/a'} |`,
  );
  return [
    '| implementation | CPU ms/step | wall ms/step | tokens/s (CPU) | ours ÷ it, tokens/s |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
