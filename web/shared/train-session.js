// train-session: the main thread's side of the Train mode, shared by the page and the widget. It
// starts the training worker (train-worker.js, its own wasm instance), sends it Play, Pause,
// Step and Reset, and keeps what the views draw: the latest probe and figures, the loss and
// accuracy history (thinned to at most MAX_POINTS per curve, so a long run draws as fast as a
// short one) and the head events. It computes nothing: every number comes from the worker.

const WORKER_URL = new URL('./train-worker.js', import.meta.url);
const MAX_POINTS = 400;

// Keeps every other point once the curve is full: the curve keeps its shape, bounded in size.
function pushPoint(points, point) {
  points.push(point);
  if (points.length > MAX_POINTS) {
    const kept = points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
    points.splice(0, points.length, ...kept);
  }
}

/**
 * onChange(snapshot) is called after every message from the worker.
 * -> { reset(options), play(), pause(), step(n), exportModel() -> Promise<{bytes, config, tokens, step}>,
 *      snapshot(), destroy() }. snapshot: { status: 'starting' | 'ready' | 'error', playing, error,
 *      workerPlaying (what the worker's last message said: false once a Pause has taken effect),
 *      config, step, loss, accuracy, heldOut, stepsPerSecond, probe, messages (count),
 *      history: { loss: [[step, v]], accuracy: [[step, v]], heldOut: [[step, v]] } }
 */
export function createTrainSession(onChange) {
  const worker = new Worker(WORKER_URL, { type: 'module', name: 'attention-playground-trainer' });
  let state = fresh();
  let exports = []; // pending exportModel() promises, oldest first

  function fresh() {
    return {
      status: 'starting',
      playing: false,
      workerPlaying: false,
      error: null,
      config: null,
      step: 0,
      loss: null,
      accuracy: null,
      heldOut: null,
      stepsPerSecond: null,
      probe: null,
      messages: 0,
      history: { loss: [], accuracy: [], heldOut: [] },
    };
  }

  function progress(m) {
    const h = state.history;
    const newer = m.step > (h.loss.at(-1)?.[0] ?? -1);
    if (newer && m.loss !== null) pushPoint(h.loss, [m.step, m.loss]);
    if (newer && m.accuracy !== null) pushPoint(h.accuracy, [m.step, m.accuracy]);
    if (m.heldOut && m.heldOut.step > (h.heldOut.at(-1)?.[0] ?? -1))
      pushPoint(h.heldOut, [m.heldOut.step, m.heldOut.accuracy]);
    Object.assign(state, {
      status: 'ready',
      step: m.step,
      loss: m.loss,
      accuracy: m.accuracy,
      heldOut: m.heldOut,
      stepsPerSecond: m.stepsPerSecond,
      probe: m.probe,
      playing: m.playing && state.playing,
      workerPlaying: m.playing,
    });
  }

  worker.addEventListener('message', ({ data: m }) => {
    state.messages += 1;
    if (m.type === 'ready') {
      state.config = m.config;
      state.error = null;
      progress(m);
    } else if (m.type === 'progress') progress(m);
    else if (m.type === 'model') exports.shift()?.resolve(m);
    else if (m.type === 'error') {
      if (m.during === 'export') exports.shift()?.reject(new Error(m.message));
      else
        Object.assign(state, {
          status: m.during === 'init' ? 'error' : state.status,
          error: m.message,
          playing: false,
        });
    }
    onChange(state);
  });
  worker.addEventListener('error', (event) => {
    Object.assign(state, {
      status: 'error',
      error: event.message || 'the training worker could not start',
      playing: false,
    });
    onChange(state);
  });

  const send = (message) => worker.postMessage(message);
  return {
    /** A new trainer with createTrainer's options (history cleared). */
    reset(options) {
      const messages = state.messages;
      state = fresh();
      state.messages = messages;
      send({ type: 'init', options });
      onChange(state);
    },
    play() {
      if (state.status !== 'ready') return;
      state.playing = true;
      send({ type: 'play' });
      onChange(state);
    },
    pause() {
      state.playing = false;
      send({ type: 'pause' });
      onChange(state);
    },
    step(steps = 1) {
      if (state.status !== 'ready') return;
      state.playing = false;
      send({ type: 'step', steps });
      onChange(state);
    },
    /** The model as safetensors bytes (the worker's model.save()) with the probe's tokens. */
    exportModel() {
      return new Promise((resolve, reject) => {
        exports.push({ resolve, reject });
        send({ type: 'export' });
      });
    },
    snapshot: () => state,
    destroy() {
      worker.terminate();
      for (const pending of exports) pending.reject(new Error('the training stopped'));
      exports = [];
    },
  };
}
