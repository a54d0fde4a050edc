// main: the playground page. Loads the core through the public JS API, keeps the one state
// object (shared/state.js, under its URL names) in sync with the URL hash, and on every change —
// at most once per animation frame — asks the core for the analyses the state needs
// (shared/analyses.js, as the widget does) and hands them to the views (views/panels.js).
// It computes no attention number itself: those all come from attn.analyze / attn.explainScore.

import { loadAttention } from '../lib/index.js';
import { warmUp } from './warm-up.js';
import { update } from '../shared/dom.js';
import { createStore, parseLocation, resolveAgainst, serializeHash } from '../shared/state.js';
import { pageUrl } from './page-url.js';
import { analysesKey, drawable, runAnalyses, shownHead } from '../shared/analyses.js';
import { bindControls } from './controls.js';
import { createPanels } from '../views/panels.js';
import { createMatrixView } from '../views/matrix-view.js';
import { createLinesView } from '../views/lines-view.js';
import { createStripView } from '../views/strip-view.js';
import { createStepsView } from '../views/steps-view.js';
import { createMultiheadView } from '../views/multihead-view.js';
import { createTimeline, STEPS } from '../shared/timeline.js';
import { applyTheme, onSystemThemeChange, prefersReducedMotion } from '../shared/theme.js';
import { bindTimelineUi } from './timeline-ui.js';
import { createExplainer } from '../shared/explain.js';
import { composeSvg, download, svgText, svgToPng, toCsv, toJson } from './export.js';
import { createModelPanel } from './model-panel.js';
import { createTrainMode } from './train-mode.js';

const page = document.getElementById('page');
const status = document.getElementById('status');
const timings = document.getElementById('timings');
const store = createStore(parseLocation(location.search, location.hash));

let attn = null;
let frame = 0;
let renders = 0;
let current = { key: '', analyses: null, problems: [], error: null, coreMs: 0 };
let drawnOnce = false;

const timeline = createTimeline({
  steps: STEPS,
  reducedMotion: prefersReducedMotion(),
  onStep: (i) => store.set({ step: i }),
  onPlayingChange: (playing) => {
    controls.setPlaying(playing);
    if (playing) panels.follow(); // Play keeps the stage on screen from its first frame
  },
});
const controls = bindControls(page, store, { timeline, exportAs, headNames: () => attn?.headNames() ?? [] });
bindTimelineUi(page, timeline, () => store.get().view === 'steps');
const factories = {
  matrix: createMatrixView,
  lines: createLinesView,
  strip: createStripView,
  steps: createStepsView,
  multihead: createMultiheadView,
};
const viewHandlers = {
  focus(row, col, fromKeyboard) {
    const s = store.get();
    if (s.pinned && !fromKeyboard) return;
    store.set({ focus: row, key: col ?? s.key });
  },
  pin(row, col) {
    const s = store.get();
    const same = s.pinned && s.focus === row && (col === undefined || col === s.key);
    store.set({ focus: row, key: col ?? s.key, pinned: !same });
  },
  step: (i) => store.set({ step: i }),
};
const panels = createPanels(
  document.getElementById('views'),
  {
    ...viewHandlers,
    selectHeads: (heads) => store.set({ heads }),
    explain: createExplainer(
      () => attn,
      () => store.get(),
    ),
  },
  { factories },
);
// Issue 17: a checkpoint or imported attention (state.model) replaces the hand-built views.
const modelPanel = createModelPanel(page, store, { core: () => attn, factories, handlers: viewHandlers, say });
// Issue 19: mode=train trains a small transformer in a worker (app/train-mode.js) instead.
const trainMode = createTrainMode(page, store, {
  core: () => attn,
  openTrained: (trained) => modelPanel.openTrained(trained),
  say,
  redraw: () => render(),
});

function say(message, kind = 'info') {
  update(status, { text: message }); // the same words are not rewritten (that repaints them)
  status.classList.toggle('ap-error', kind === 'error');
  status.classList.toggle('ap-warning', kind === 'warning');
}

// The matrices the current layout draws: analyze() copies only these out of the core (a
// keystroke at 64 words then moves ~0.2 MB instead of ~1.9 MB). Step by step shows everything
// about one head; exports ask for everything again (exportAs).
function fieldsFor(state) {
  if (state.view === 'steps') return undefined; // all
  return state.layout === 'heads' ? ['weights', 'mask', 'concat', 'output'] : ['weights', 'mask'];
}

// One head's matrix, lines or strip: the core runs that head alone (at 64 words 0.9 instead of
// 1.8 ms in Node); the other heads are named by their specs for the head chips. Step by step
// shows every field of its head, and the layer's concatenation, which needs every head.
const oneHead = (state) => state.layout === 'single' && state.view !== 'steps';

/** Runs the core for the current inputs, reusing the last result when only the focus changed. */
function analyses(state) {
  const fields = fieldsFor(state);
  const head = oneHead(state) ? shownHead(attn, state) : null;
  const key = analysesKey(state, fields, head);
  if (key === current.key) return current;
  const started = performance.now();
  try {
    current = { key, ...runAnalyses(attn, state, fields, head), error: null, jsMs: performance.now() - started };
  } catch (error) {
    current = { key, analyses: null, problems: [], error, coreMs: 0 };
  }
  return current;
}

function render() {
  frame = 0;
  renders += 1;
  timings.dataset.renders = String(renders); // tests wait for the frame after their input
  const state = store.get();
  applyTheme(document.documentElement, state.theme);
  timeline.sync(state.step);
  timeline.setSpeed(Number(state.speed));
  writeUrl(state);
  if (!attn) return controls.reflect(state, null);
  if (trainMode.render(state)) return controls.reflect(state, null);
  if (modelPanel.render(state)) return controls.reflect(state, null);

  const { analyses: result, problems, error, coreMs, jsMs } = analyses(state);
  const t1 = performance.now();
  if (error) {
    controls.reflect(state, null);
    say(`That could not be analysed: ${error.message}`, 'error');
    return;
  }
  const main = result.main;
  // The URL may ask for a word or head the sentence does not have: show the nearest valid one.
  const T = main.tokens.length;
  const resolved = resolveAgainst(state, main);
  const view = { ...state, focus: resolved.focus, heads: resolved.heads };
  controls.reflect(view, main);
  describe(state, main, [...problems, ...resolved.problems]);
  // No words, or cross-attention without source words: nothing to draw, and no stand-in.
  if (drawable(result)) panels.update(view, result);
  else panels.destroy();
  const t2 = performance.now();
  if (!drawnOnce) performance.mark('ap:first-draw');
  drawnOnce = true;
  timings.textContent = `Last update: core ${coreMs.toFixed(2)} ms (${jsMs.toFixed(2)} ms with the JS around it), rendering ${(t2 - t1).toFixed(2)} ms, ${T} words.`;
  timings.dataset.coreMs = coreMs.toFixed(3);
  timings.dataset.renderMs = (t2 - t1).toFixed(3);
  timings.dataset.tokens = String(T);
}

/** The status line: what the person is looking at, or what to do next. */
function describe(state, main, problems) {
  if (!state.text.trim()) return say('Type a sentence above to see attention.', 'warning');
  if (!main.tokens.length) return say('No words found in that text. Try letters or numbers.', 'warning');
  const notes = [...problems];
  if (main.truncated || main.sourceTruncated) notes.push('Only the first 64 words are used.');
  const unknown = main.tokens.filter((t) => t.known === false).length;
  if (unknown === 1) notes.push('1 word is not in the vocabulary, so only its grammar is known.');
  if (unknown > 1) notes.push(`${unknown} words are not in the vocabulary, so only their grammar is known.`);
  say(
    `${main.tokens.length} words, ${main.heads.length} heads. ${notes.join(' ')}`.trim(),
    notes.length ? 'warning' : 'info',
  );
}

// The URL is not drawn, and writing it is slow (replaceState: 1.5-6 ms of the main thread at
// 64 words, and Chromium throttles more than ~200 writes in 10 s). After a quiet spell a change
// is written when the browser is idle after its frame (at the latest 100 ms later); changes that
// follow within URL_QUIET_MS of a write (typing, hovering) wait until changes stop for that long,
// so a burst of keystrokes writes once, after it. Leaving the page or sharing it writes at once.
// #timings carries data-url-pending while a write waits (tests wait for it before reading).
const URL_QUIET_MS = 300;
let urlPending = null;
let urlTimer = 0;
let urlIdle = false;
let lastUrlWrite = -Infinity;
function writeUrl(state) {
  urlPending = state;
  timings.dataset.urlPending = '';
  clearTimeout(urlTimer);
  if (urlIdle) return; // the idle write queued after the quiet spell will take this state
  if (performance.now() - lastUrlWrite > URL_QUIET_MS) {
    urlIdle = true;
    const idle = globalThis.requestIdleCallback ?? ((fn) => setTimeout(fn, 0));
    idle(flushUrl, { timeout: 100 });
  } else urlTimer = setTimeout(flushUrl, URL_QUIET_MS);
}
function flushUrl() {
  urlIdle = false;
  clearTimeout(urlTimer);
  delete timings.dataset.urlPending;
  if (!urlPending) return;
  const next = pageUrl(location, serializeHash(urlPending));
  urlPending = null;
  lastUrlWrite = performance.now();
  if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', next);
}
window.addEventListener('pagehide', flushUrl);
document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flushUrl());

// A change asks the core at once, while the page waits for the next frame, so the frame only
// draws: at 64 words that moves analyze() (3.7-6.6 ms for the self matrix, 15 ms for all heads
// under load) out of the frame. Only the first change before a frame does it; render() finds
// the result under the same key, or computes again if the state moved on.
function schedule() {
  if (frame) return;
  frame = requestAnimationFrame(render);
  if (attn) analyses(store.get());
}

async function exportAs(kind) {
  const state = store.get();
  const base = `attention-${state.mode}-${state.view}`;
  try {
    // Every matrix of what is shown, whatever the view drew.
    const everything = () =>
      Object.values(runAnalyses(attn, state, undefined).analyses).map((analysis) => ({
        name: analysis.mode,
        analysis,
      }));
    if (kind === 'svg')
      download(new Blob([svgText(composeSvg(panels.pictures()))], { type: 'image/svg+xml' }), `${base}.svg`);
    else if (kind === 'png') download(await svgToPng(composeSvg(panels.pictures())), `${base}.png`);
    else if (kind === 'csv') download(new Blob([toCsv(everything())], { type: 'text/csv' }), `${base}.csv`);
    else if (kind === 'json')
      download(new Blob([toJson(state, everything())], { type: 'application/json' }), `${base}.json`);
    else if (kind === 'share') {
      // Loaded on demand: the page works without it.
      const { openShareDialog } = await import('../shared/share-dialog.js');
      flushUrl();
      openShareDialog(state, { link: location.href, headNames: attn.headNames() });
    }
  } catch (error) {
    say(`Export failed: ${error.message}`, 'error');
  }
}

store.subscribe(schedule);
// Typing draws in the input event itself, not in the animation frame: the frame that follows
// then only lays out and paints, so the DOM work (1-2 ms for one matrix at 64 words, 4-5 ms for
// all heads under load) happens while the page waits for that frame, not inside it. The
// browser still shows the result at the same frame boundary; other changes (hovering, which
// comes many times a frame) keep waiting for the frame.
for (const id of ['sentence', 'source'])
  document.getElementById(id)?.addEventListener('input', () => {
    if (!frame || !attn) return;
    cancelAnimationFrame(frame);
    render();
  });
window.addEventListener('hashchange', () => {
  // The new address is the truth: a queued write of the old state must not undo it (with
  // nothing pending, flushUrl only ends the wait).
  urlPending = null;
  flushUrl();
  store.set(parseLocation(location.search, location.hash));
});
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
  const info = attn.buildInfo();
  say(`Attention core ${info.version} loaded (${info.kernels}).`);
  page.classList.add('ap-ready');
  schedule();
  // Idle time after loading compiles the core's hot code before the reader types (warm-up.js).
  warmUp(attn).then((calls) => (timings.dataset.warmedUp = String(calls)));
} catch (error) {
  say(
    `The attention core could not be loaded, so nothing can be computed: ${error.message}. This page needs a browser with WebAssembly (any current Chrome, Firefox, Safari or Edge) and must be served over http(s), not opened as a file.`,
    'error',
  );
  page.classList.add('ap-failed');
}
