// bench-trainer: the Train mode's learning speed, a tool (not a test). For each task, a fresh
// trainer (createTrainer, the engine's wasm SIMD, Node) trains in chunks of CHUNK steps; after
// each chunk, held-out accuracy on 256 fresh examples. Prints the wall time (training and the
// evaluations, as the page would spend them) and the step at which held-out accuracy first
// reaches 95%, steps per second, and the steps at which heads earned labels. Median over seeds.
// Each task runs with createTrainer's defaults for it (what the page opens with).
// Targets (issue 19, in headless Chromium): induction 60 s, reverse and sort 90 s; this tool
// runs in Node, whose wasm engine is Chromium's V8.
//
//   node tests/bench/bench-trainer.mjs [--tasks induction,reverse,sort,copy,brackets] [--seeds 3] [--limit 120]
import os from 'node:os';

import { loadAttention } from 'attention-playground';
import { cliOptions } from './timing.mjs';

const args = cliOptions();
const TASKS = (args.tasks ?? 'induction,reverse,sort,copy,brackets').split(',');
const SEEDS = Number(args.seeds ?? 3);
const LIMIT_S = Number(args.limit ?? 120);
const CHUNK = 25;
const attn = await loadAttention({ assets: false });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(task, seed) {
  const tr = attn.createTrainer({ task, seed });
  const started = performance.now();
  let trainMs = 0;
  let reached = null;
  let accuracy = 0;
  while ((performance.now() - started) / 1000 < LIMIT_S) {
    const t0 = performance.now();
    const p = tr.train({ steps: CHUNK });
    trainMs += performance.now() - t0;
    tr.probe(); // as the page does, so label events are recorded
    accuracy = tr.evaluate({ examples: 256 }).accuracy;
    if (accuracy >= 0.95) {
      reached = { seconds: (performance.now() - started) / 1000, step: p.step };
      break;
    }
  }
  const step = tr.probe().step;
  const { events } = tr.probe();
  const result = { reached, accuracy, stepsPerSecond: step / (trainMs / 1000), events, config: tr.config };
  tr.dispose();
  return result;
}

const load = () => os.loadavg()[0].toFixed(1);
console.log(`load average ${load()} at the start (2 cores)`);
for (const task of TASKS) {
  const runs = [];
  for (let seed = 1; seed <= SEEDS; ++seed) {
    const r = run(task, seed);
    runs.push(r);
    const labels = r.events.map((e) => `L${e.layer + 1}H${e.head + 1} ${e.label}@${e.step}`).join(', ');
    console.log(
      `${task} seed ${seed} (load ${load()}): ${r.reached ? `95% at ${r.reached.seconds.toFixed(1)} s (step ${r.reached.step})` : `not reached in ${LIMIT_S} s (held-out ${r.accuracy.toFixed(3)})`}, ${r.stepsPerSecond.toFixed(0)} steps/s; ${labels || 'no labels'}`,
    );
  }
  const times = runs.map((r) => (r.reached ? r.reached.seconds : Infinity));
  const steps = runs.map((r) => (r.reached ? r.reached.step : Infinity));
  const { layers, heads, embedDim, attentionOnly, lr, batch } = runs[0].config;
  console.log(
    `${task}: median time to 95% held-out ${Number.isFinite(median(times)) ? `${median(times).toFixed(1)} s, ${median(steps)} steps` : `not reached (> ${LIMIT_S} s)`}, median ${median(runs.map((r) => r.stepsPerSecond)).toFixed(0)} steps/s (${JSON.stringify({ layers, heads, embedDim, attentionOnly, lr, batch })})`,
  );
}
