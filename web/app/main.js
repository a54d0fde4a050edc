// main: the playground page. Loads the core through the public JS API, keeps the one state
// object (state.js) in sync with the URL, and on every change — at most once per animation
// frame — asks the core for the analyses the mode needs and hands them to the views.
// It computes no attention number itself: those all come from attn.analyze / attn.explainScore.

import { loadAttention } from '../lib/index.js';
import { createStore, parseState, serializeState } from './state.js';
import { bindControls } from './controls.js';
import { createPanels } from './panels.js';
import { createTimeline, STEPS } from './timeline.js';
import { applyTheme, onSystemThemeChange, prefersReducedMotion } from './theme.js';
import { composeSvg, download, svgText, svgToPng, toCsv, toJson } from './export.js';

const page = document.getElementById('page');
const status = document.getElementById('status');
const timings = document.getElementById('timings');
const store = createStore(parseState(location.hash));

let attn = null;
let frame = 0;
let current = { key: '', analyses: null, error: null, coreMs: 0 };
let drawnOnce = false;

const timeline = createTimeline({
  steps: STEPS,
  reducedMotion: prefersReducedMotion(),
  onStep: (i) => store.set({ step: i }),
  onPlayingChange: (playing) => controls.setPlaying(playing),
});
const controls = bindControls(page, store, { timeline, exportAs });
const panels = createPanels(document.getElementById('views'), {
  focus(row, col, fromKeyboard) {
    const s = store.get();
    if (s.pinned && !fromKeyboard) return;
    store.set({ token: row, key: col ?? s.key });
  },
  pin(row, col) {
    const s = store.get();
    const same = s.pinned && s.token === row && (col === undefined || col === s.key);
    store.set({ token: row, key: col ?? s.key, pinned: !same });
  },
  step: (i) => store.set({ step: i }),
  selectHeads: (heads) => store.set({ heads }),
  explain: (analysis, head, q, k) => attn.explainScore(analysis, head, q, k),
});

function say(message, kind = 'info') {
  status.textContent = message;
  status.classList.toggle('ap-error', kind === 'error');
  status.classList.toggle('ap-warning', kind === 'warning');
}

// The matrices the current layout draws: analyze() copies only these out of the core (a
// keystroke at 64 words then moves ~0.2 MB instead of ~1.9 MB). Step by step shows everything
// about one head; exports ask for everything again (exportAs).
function fieldsFor(state) {
  if (state.view === 'steps') return undefined; // all
  return state.mode === 'multihead' ? ['weights', 'mask', 'concat', 'output'] : ['weights', 'mask'];
}

/** The analyses the mode needs: {analyses: {self?, causal?, cross?}, coreMs}. Throws the core's error. */
function runAnalyses(state, fields) {
  const base = { text: state.text, lang: state.lang, fields };
  const analyses = {};
  let coreMs = 0;
  const run = (options) => {
    const a = attn.analyze(options);
    coreMs += a.timings?.coreMs ?? 0;
    return a;
  };
  if (state.mode === 'cross') {
    analyses.cross = run({ ...base, source: state.source, sourceLang: state.sourceLang, mode: 'cross' });
  } else {
    analyses.self = run({ ...base, mode: 'self' });
    if (state.mode === 'masked') analyses.causal = run({ ...base, mode: 'causal' });
  }
  return { analyses, coreMs };
}

/** Runs the core for the current inputs, reusing the last result when only the focus changed. */
function analyses(state) {
  const fields = fieldsFor(state);
  const key = JSON.stringify([
    state.text,
    state.lang,
    state.source,
    state.sourceLang,
    state.mode === 'multihead' ? 'self' : state.mode, // multi-head reuses the self analysis
    fields ?? 'all',
  ]);
  if (key === current.key) return current;
  const started = performance.now();
  try {
    const { analyses: result, coreMs } = runAnalyses(state, fields);
    current = { key, analyses: result, error: null, coreMs, jsMs: performance.now() - started };
  } catch (error) {
    current = { key, analyses: null, error, coreMs: 0 };
  }
  return current;
}

function render() {
  frame = 0;
  const state = store.get();
  applyTheme(document.documentElement, state.theme);
  timeline.sync(state.step);
  timeline.setSpeed(state.speed);
  history.replaceState(null, '', serializeState(state) || `${location.pathname}${location.search}`);
  if (!attn) return controls.reflect(state, null);

  const { analyses: result, error, coreMs, jsMs } = analyses(state);
  const t1 = performance.now();
  if (error) {
    controls.reflect(state, null);
    say(`That could not be analysed: ${error.message}`, 'error');
    return;
  }
  const main = result.cross ?? result.self;
  // The URL may ask for a word or head the sentence does not have: show the nearest valid one.
  const T = main.tokens.length;
  const H = main.heads.length;
  const heads = state.heads.filter((h) => h < H);
  const view = { ...state, token: Math.min(state.token, Math.max(0, T - 1)), heads: heads.length ? heads : [0] };
  controls.reflect(view, main);
  describe(state, main);
  panels.update(view, result, view.heads[0]);
  const t2 = performance.now();
  if (!drawnOnce) performance.mark('ap:first-draw');
  drawnOnce = true;
  timings.textContent = `Last update: core ${coreMs.toFixed(2)} ms (${jsMs.toFixed(2)} ms with the JS around it), rendering ${(t2 - t1).toFixed(2)} ms, ${T} words.`;
  timings.dataset.coreMs = coreMs.toFixed(3);
  timings.dataset.analyzeMs = jsMs.toFixed(3);
  timings.dataset.renderMs = (t2 - t1).toFixed(3);
  timings.dataset.tokens = String(T);
}

/** The status line: what the person is looking at, or what to do next. */
function describe(state, main) {
  if (!state.text.trim()) return say('Type a sentence above to see attention.', 'warning');
  if (!main.tokens.length) return say('No words found in that text. Try letters or numbers.', 'warning');
  if (state.mode === 'cross' && !main.sourceTokens.length)
    return say('Type a source sentence for the target to read from.', 'warning');
  const notes = [];
  if (main.truncated || main.sourceTruncated) notes.push('Only the first 64 words are used.');
  const unknown = main.tokens.filter((t) => t.known === false).length;
  if (unknown === 1) notes.push('1 word is not in the vocabulary, so only its grammar is known.');
  if (unknown > 1) notes.push(`${unknown} words are not in the vocabulary, so only their grammar is known.`);
  say(
    `${main.tokens.length} words, ${main.heads.length} heads. ${notes.join(' ')}`.trim(),
    notes.length ? 'warning' : 'info',
  );
}

function schedule() {
  if (!frame) frame = requestAnimationFrame(render);
}

async function exportAs(kind) {
  const state = store.get();
  const base = `attention-${state.mode}-${state.view}`;
  try {
    // Every matrix of what is shown, whatever the view drew.
    const everything = () =>
      Object.entries(runAnalyses(state, undefined).analyses).map(([name, analysis]) => ({ name, analysis }));
    if (kind === 'svg')
      download(new Blob([svgText(composeSvg(panels.pictures()))], { type: 'image/svg+xml' }), `${base}.svg`);
    else if (kind === 'png') download(await svgToPng(composeSvg(panels.pictures())), `${base}.png`);
    else if (kind === 'csv') download(new Blob([toCsv(everything())], { type: 'text/csv' }), `${base}.csv`);
    else if (kind === 'json')
      download(new Blob([toJson(state, everything())], { type: 'application/json' }), `${base}.json`);
    else if (kind === 'share') {
      // The share dialog belongs to the widget (web/widget/); loaded on demand so the page works without it.
      const { openShareDialog, settingsFromPageState } = await import('../widget/share-dialog.js');
      openShareDialog(settingsFromPageState(state), { link: location.href });
    }
  } catch (error) {
    say(`Export failed: ${error.message}`, 'error');
  }
}

store.subscribe(schedule);
window.addEventListener('hashchange', () => store.set(parseState(location.hash)));
window.addEventListener('resize', () => {
  panels.reset(); // the layout depends on the width; the data does not
  schedule();
});
onSystemThemeChange(schedule);
schedule();

try {
  // Marks for the page benchmark's waterfall (tests/bench/page-load.mjs).
  performance.mark('ap:core-loading');
  // The folder is given, not left to lib/index.js's default (its own folder): the site builder
  // bundles this page's modules into one file in app/, where that default would point.
  attn = await loadAttention({ baseUrl: new URL('../lib/', import.meta.url) });
  performance.mark('ap:core-ready');
  if (typeof attn.analyze !== 'function')
    throw new Error('this build of the core has no analyze() (rebuild the wasm module)');
  const info = attn.buildInfo();
  say(`Attention core ${info.version} loaded (${info.kernels}).`);
  page.classList.add('ap-ready');
  schedule();
} catch (error) {
  say(
    `The attention core could not be loaded, so nothing can be computed: ${error.message}. This page needs a browser with WebAssembly (any current Chrome, Firefox, Safari or Edge) and must be served over http(s), not opened as a file.`,
    'error',
  );
  page.classList.add('ap-failed');
}
