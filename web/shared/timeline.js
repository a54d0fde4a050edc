// timeline: the step-by-step walkthrough as data. STEPS is a declarative list — each step names
// what it reveals, carries the commentary shown next to it and, in `show`, what its picture
// holds and how it moves there — and createTimeline() only moves a cursor along it (play, pause,
// step, seek, speed). No view logic and no maths here: the steps view draws a step from `show`
// (steps-board.js), the state object stores which step is current.
//
// show: {strips: Q, K, V feature strips; bar: the per-key field the bars and numbers show
// ('scores' | 'scaled' | 'weights', read from the core's trace; a bar morphs from what it showed
// before); sweep: the bars appear key by key, as the query meets each key; breakdown: the
// selected key's named contributions, term by term; blocked: masked keys greyed; flow: each
// value flows into the output, in proportion to its weight; output: the head's output strip;
// nearest: the output lands on its nearest words}.

export const STEPS = Object.freeze([
  {
    id: 'qkv',
    show: { strips: true },
    title: '1. Queries, keys and values',
    text: 'Each word becomes three short vectors. Its query (Q) says what it is looking for, its key (K) what it offers, its value (V) what it passes on. Every dimension has a name, because these heads are built by hand.',
  },
  {
    id: 'dot',
    show: { bar: 'scores', sweep: true, breakdown: true },
    title: '2. Q·K: how well each key matches',
    text: 'The query of the focused word is multiplied with the key of every word, dimension by dimension, and summed. Matching features add up; click a word to see which features made its score.',
  },
  {
    id: 'scale',
    show: { bar: 'scaled', breakdown: true },
    title: '3. Divide by √d',
    text: 'Scores are divided by the square root of the head size d, so that longer vectors do not make softmax overconfident.',
  },
  {
    id: 'mask',
    show: { bar: 'scaled', blocked: true, breakdown: true },
    title: '4. The mask',
    text: 'Words the query may not use get −∞. A causal (left-to-right) model blocks every word after the current one; a bidirectional one blocks nothing.',
  },
  {
    id: 'softmax',
    show: { bar: 'weights', blocked: true },
    title: '5. Softmax: scores become weights',
    text: 'Softmax turns the scores into positive weights that sum to 100%. A blocked word gets exactly 0%, and the remaining words share the whole 100%.',
  },
  {
    id: 'sum',
    show: { bar: 'weights', blocked: true, flow: true, output: true },
    title: '6. Weighted sum of the values',
    text: 'The output is the values mixed in those proportions: each feature of V, weighted by how much attention its word received.',
  },
  {
    id: 'decode',
    show: { bar: 'weights', blocked: true, output: true, nearest: true },
    title: '7. The nearest of the words looked at',
    text: 'The meaning part of the output (its 100 word-vector numbers) is compared, by cosine similarity, with the word vectors of the words this head looked at (the sentence, or the source in cross-attention; punctuation aside), not with the whole vocabulary. The closest of them show what information this head gathered for the focused word.',
  },
]);

export const defaults = Object.freeze({
  steps: STEPS,
  stepMs: 1600, // time on a step at speed 1
  speed: 1,
  loop: false,
  reducedMotion: false, // when true, playing still advances but views skip their transitions
  onStep: null, // (index) => void: the caller stores the index in its state
  onPlayingChange: null, // (playing) => void
});

export function createTimeline(options = {}) {
  const opts = { ...defaults, ...options };
  let index = 0;
  let timer = null;
  let speed = opts.speed;

  const last = () => opts.steps.length - 1;
  const go = (i) => {
    index = Math.min(last(), Math.max(0, i));
    opts.onStep?.(index);
  };
  const schedule = () => {
    // Reduced motion: slower pace; the views themselves drop transitions.
    const ms = (opts.stepMs * (opts.reducedMotion ? 1.5 : 1)) / speed;
    timer = setTimeout(tick, ms);
  };
  function tick() {
    if (index >= last() && !opts.loop) return pause();
    go(index >= last() ? 0 : index + 1);
    schedule();
  }
  function pause() {
    if (timer !== null) clearTimeout(timer);
    const was = timer !== null;
    timer = null;
    if (was) opts.onPlayingChange?.(false);
  }

  return {
    play() {
      if (timer !== null) return;
      if (index >= last()) go(0);
      schedule();
      opts.onPlayingChange?.(true);
    },
    pause,
    toggle() {
      if (timer !== null) pause();
      else this.play();
    },
    next: () => go(index + 1),
    prev: () => go(index - 1),
    /** Moves the cursor without calling onStep (the state already holds i). */
    sync(i) {
      index = Math.min(last(), Math.max(0, i));
    },
    seek: (i) => go(i),
    setSpeed(x) {
      speed = x > 0 ? x : 1;
    },
    get playing() {
      return timer !== null;
    },
    get index() {
      return index;
    },
    get length() {
      return opts.steps.length;
    },
    destroy: pause,
  };
}
