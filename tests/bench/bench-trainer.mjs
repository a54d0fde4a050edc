// bench-trainer: the Train mode's learning speed, a tool (not a test). For each task, a fresh
// trainer (createTrainer, the engine's wasm SIMD, Node) trains in chunks of CHUNK steps; after
// each chunk, held-out accuracy on 256 fresh examples. Prints the wall time (training and the
// evaluations, as the page would spend them) and the step at which held-out accuracy first
// reaches 95%, steps per second, and the steps at which heads earned labels. Induction trains on
// past 95% until a layer-1 head is labelled previous-token and a layer-2 head induction (its
// target asks for both) and prints when both were. Median over seeds.
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

// A probe's events -> true when layer 1 has a previous-token head and layer 2 an induction head.
const circuit = (events) =>
  events.some((e) => e.layer === 0 && e.label === 'previous-token') &&
  events.some((e) => e.layer === 1 && e.label === 'induction');

function run(task, seed) {
  const tr = attn.createTrainer({ task, seed });
  const started = performance.now();
  let trainMs = 0;
  let reached = null;
  let heads = null;
  let accuracy = 0;
  while ((performance.now() - started) / 1000 < LIMIT_S) {
    const t0 = performance.now();
    const p = tr.train({ steps: CHUNK });
    trainMs += performance.now() - t0;
    const { events } = tr.probe(); // as the page does, so label events are recorded
    const seconds = (performance.now() - started) / 1000;
    if (!heads && circuit(events)) heads = { seconds, step: p.step };
    accuracy = tr.evaluate({ examples: 256 }).accuracy;
    if (!reached && accuracy >= 0.95) reached = { seconds: (performance.now() - started) / 1000, step: p.step };
    if (reached && (heads || task !== 'induction')) break;
  }
  const step = tr.probe().step;
  const { events } = tr.probe();
  const result = { reached, heads, accuracy, stepsPerSecond: step / (trainMs / 1000), events, config: tr.config };
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
    const circuitAt = r.heads ? `; both heads at ${r.heads.seconds.toFixed(1)} s (step ${r.heads.step})` : '';
    console.log(
      `${task} seed ${seed} (load ${load()}): ${r.reached ? `95% at ${r.reached.seconds.toFixed(1)} s (step ${r.reached.step})` : `not reached in ${LIMIT_S} s (held-out ${r.accuracy.toFixed(3)})`}, ${r.stepsPerSecond.toFixed(0)} steps/s; ${labels || 'no labels'}${circuitAt}`,
    );
  }
  if (task === 'induction') {
    const at = runs.map((r) => (r.heads ? r.heads.seconds : Infinity));
    const atSteps = runs.map((r) => (r.heads ? r.heads.step : Infinity));
    console.log(
      `induction: median time to a layer-1 previous-token and a layer-2 induction head ${Number.isFinite(median(at)) ? `${median(at).toFixed(1)} s, step ${median(atSteps)}` : `not reached (> ${LIMIT_S} s)`}`,
    );
  }
  const times = runs.map((r) => (r.reached ? r.reached.seconds : Infinity));
  const steps = runs.map((r) => (r.reached ? r.reached.step : Infinity));
  const { layers, heads, embedDim, attentionOnly, lr, batch } = runs[0].config;
  console.log(
    `${task}: median time to 95% held-out ${Number.isFinite(median(times)) ? `${median(times).toFixed(1)} s, ${median(steps)} steps` : `not reached (> ${LIMIT_S} s)`}, median ${median(runs.map((r) => r.stepsPerSecond)).toFixed(0)} steps/s (${JSON.stringify({ layers, heads, embedDim, attentionOnly, lr, batch })})`,
  );
}
