// train-worker: the Train mode's trainer, in a module Web Worker with its own wasm instance
// (loadAttention without the text assets), so the page never trains: typing, scrolling and the
// other views stay on the main thread's own time. It runs training in chunks of about CHUNK_MS,
// and after each chunk posts what the page draws: the step, the chunk's mean loss and training
// accuracy, steps per second, the probe (attention of every head on the fixed example, the
// prediction, head labels and events), and every ~EVAL_MS a held-out accuracy. Between chunks
// it yields to its message queue, so Pause, Step and Reset take effect within one chunk.
// The probe's weight arrays are transferred to the page, not copied.
//
// Messages in:  {type: 'init', options} (a new trainer; createTrainer's options), 'play',
//               'pause', {type: 'step', steps}, {type: 'export'} (the model's safetensors bytes).
// Messages out: {type: 'ready', config, progress} | {type: 'progress', ...} |
//               {type: 'model', bytes, config, tokens} | {type: 'error', message, during}.

import { loadAttention } from '../lib/index.js';

const CHUNK_MS = 100; // training time between two posts: ~8 posts a second with the probe
const EVAL_MS = 1000; // a held-out accuracy about once a second
const EVAL_EXAMPLES = 256;
const RATE_WINDOW_MS = 2000; // steps per second over the last two seconds of playing

let attn = null;
let trainer = null;
let playing = false;
let running = false; // a chunk loop is scheduled
let msPerStep = 5; // measured, so a chunk of steps lasts about CHUNK_MS
let lastEval = -Infinity;
let heldOut = null; // {step, accuracy}
let recent = []; // [{time, step}] while playing, for steps per second
let last = { loss: null, accuracy: null };
let currentStep = 0;

const post = (message, transfer = []) => self.postMessage(message, transfer);
const fail = (error, during) => post({ type: 'error', message: error?.message ?? String(error), during });

// The probe with each head's weights as the transfer list (one buffer per array).
function probeMessage() {
  const probe = trainer.probe();
  const buffers = new Set();
  for (const layer of probe.layers) for (const head of layer.heads) buffers.add(head.weights.buffer);
  return { probe, transfer: [...buffers] };
}

function stepsPerSecond() {
  if (recent.length < 2) return null;
  const first = recent[0];
  const newest = recent.at(-1);
  const seconds = (newest.time - first.time) / 1000;
  return seconds > 0 ? (newest.step - first.step) / seconds : null;
}

function report(type = 'progress') {
  const now = performance.now();
  if (now - lastEval >= EVAL_MS || !heldOut) {
    heldOut = { step: currentStep, accuracy: trainer.evaluate({ examples: EVAL_EXAMPLES }).accuracy };
    lastEval = performance.now();
  }
  const { probe, transfer } = probeMessage();
  const message = {
    type,
    step: probe.step,
    loss: last.loss,
    accuracy: last.accuracy,
    heldOut,
    stepsPerSecond: playing ? stepsPerSecond() : null,
    msPerStep,
    playing,
    probe,
  };
  if (type === 'ready') message.config = trainer.config;
  post(message, transfer);
}

// steps optimizer steps; remembers the chunk's loss and accuracy and the time per step.
function train(steps) {
  const started = performance.now();
  const progress = trainer.train({ steps });
  const ms = (performance.now() - started) / steps;
  msPerStep = 0.7 * msPerStep + 0.3 * ms;
  currentStep = progress.step;
  last = { loss: progress.loss, accuracy: progress.accuracy };
}

function chunk() {
  running = false;
  if (!playing || !trainer) return;
  try {
    const steps = Math.max(1, Math.round(CHUNK_MS / Math.max(msPerStep, 0.05)));
    train(steps);
    recent.push({ time: performance.now(), step: currentStep });
    while (recent.length > 2 && recent.at(-1).time - recent[0].time > RATE_WINDOW_MS) recent.shift();
    report();
  } catch (error) {
    playing = false;
    fail(error, 'train');
    return;
  }
  schedule();
}

// A macrotask, so messages that arrived meanwhile (Pause) are handled before the next chunk.
function schedule() {
  if (running || !playing) return;
  running = true;
  setTimeout(chunk, 0);
}

async function init(options) {
  attn ??= await loadAttention({ assets: false });
  trainer?.dispose();
  trainer = null;
  playing = false;
  recent = [];
  heldOut = null;
  lastEval = -Infinity;
  currentStep = 0;
  last = { loss: null, accuracy: null };
  trainer = attn.createTrainer(options);
  report('ready');
}

function exportModel() {
  const bytes = trainer.model.save();
  const { probe } = probeMessage();
  post({ type: 'model', bytes, config: trainer.config, step: probe.step, tokens: probe.tokens }, [bytes.buffer]);
}

const handlers = {
  init: (message) => init(message.options),
  play() {
    playing = true;
    recent = [{ time: performance.now(), step: currentStep }];
    schedule();
  },
  pause() {
    playing = false;
    report();
  },
  step(message) {
    playing = false;
    train(Math.max(1, Math.min(1000, Math.floor(message.steps ?? 1))));
    report();
  },
  export: exportModel,
};

// Messages are handled one at a time: an init still loading the core delays the ones after it.
let queue = Promise.resolve();
self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  const handler = handlers[message.type];
  if (!handler) return fail(new Error(`unknown message ${JSON.stringify(message.type)}`), 'message');
  queue = queue.then(async () => {
    if (message.type !== 'init' && !trainer) return fail(new Error('no trainer yet'), message.type);
    try {
      await handler(message);
    } catch (error) {
      if (message.type === 'init') trainer = null;
      fail(error, message.type);
    }
  });
});
