// state: the page's whole UI state in one plain object, and its mirror in the URL hash, so every
// configuration (sentence, source, languages, mode, heads, view, focused word, step, hidden
// controls) is a shareable link (the TensorFlow Playground habit). Only values that differ from
// DEFAULTS are written. No DOM work here besides reading/writing location.hash.

export const MODES = Object.freeze(['self', 'masked', 'cross', 'multihead']);
export const VIEWS = Object.freeze(['matrix', 'lines', 'strip', 'steps']);
export const LANGS = Object.freeze(['en', 'fr']);
export const THEMES = Object.freeze(['auto', 'light', 'dark']);

export const DEFAULTS = Object.freeze({
  text: 'The cat sat on the mat',
  source: 'Le chat dort',
  lang: 'en', // language of text (the sentence whose words ask)
  sourceLang: 'fr', // language of source (cross attention only)
  mode: 'self',
  heads: Object.freeze([0]), // indices into analysis.heads; several only in multi-head mode
  view: 'matrix',
  token: 0, // the focused query word
  key: null, // the key whose score is broken down (step view), null = none
  pinned: false, // when pinned, hovering does not move the focus
  step: 0, // index into timeline STEPS
  speed: 1,
  theme: 'auto',
  hide: Object.freeze([]), // names of controls to hide (data-control values), for embedding
});

const MAX_TEXT = 2000; // a URL longer than this is not a link anyone shares on purpose

const clampInt = (value, min, max, fallback) => {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
};
const oneOf = (value, list, fallback) => (list.includes(value) ? value : fallback);

/** Parses a URL hash ("#text=...&mode=cross") into a full, valid state. Unknown keys are ignored. */
export function parseState(hash) {
  const p = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  const s = { ...DEFAULTS };
  if (p.has('text')) s.text = p.get('text').slice(0, MAX_TEXT);
  if (p.has('source')) s.source = p.get('source').slice(0, MAX_TEXT);
  s.lang = oneOf(p.get('lang'), LANGS, DEFAULTS.lang);
  s.sourceLang = oneOf(p.get('sourceLang'), LANGS, DEFAULTS.sourceLang);
  s.mode = oneOf(p.get('mode'), MODES, DEFAULTS.mode);
  s.view = oneOf(p.get('view'), VIEWS, DEFAULTS.view);
  s.theme = oneOf(p.get('theme'), THEMES, DEFAULTS.theme);
  if (p.has('heads')) {
    const heads = [
      ...new Set(
        p
          .get('heads')
          .split(',')
          .map((x) => clampInt(x, 0, 63, -1))
          .filter((x) => x >= 0),
      ),
    ];
    s.heads = heads.length ? heads : DEFAULTS.heads;
  }
  s.token = clampInt(p.get('token'), 0, 4096, DEFAULTS.token);
  s.key = p.has('key') ? clampInt(p.get('key'), 0, 4096, null) : null;
  s.pinned = p.get('pinned') === '1';
  s.step = clampInt(p.get('step'), 0, 64, DEFAULTS.step);
  const speed = Number(p.get('speed'));
  s.speed = [0.5, 1, 2, 4].includes(speed) ? speed : DEFAULTS.speed;
  if (p.has('hide'))
    s.hide = p
      .get('hide')
      .split(',')
      .filter((x) => /^[a-z-]+$/.test(x));
  return s;
}

/** The inverse of parseState: a hash with only the non-default values ('' if none). */
export function serializeState(state) {
  const p = new URLSearchParams();
  for (const [name, fallback] of Object.entries(DEFAULTS)) {
    const value = state[name];
    if (Array.isArray(fallback)) {
      if (value && value.join(',') !== fallback.join(',')) p.set(name, value.join(','));
    } else if (typeof fallback === 'boolean') {
      if (value !== fallback) p.set(name, value ? '1' : '0');
    } else if (value !== fallback && value !== null && value !== undefined) {
      p.set(name, String(value));
    }
  }
  const text = p.toString();
  return text ? `#${text}` : '';
}

/** A tiny store: get(), set(patch) merges and notifies subscribers once per call. */
export function createStore(initial) {
  let state = Object.freeze({ ...initial });
  const listeners = new Set();
  return {
    get: () => state,
    set(patch) {
      const next = { ...state, ...patch };
      const changed = Object.keys(patch).filter((k) => state[k] !== next[k]);
      if (!changed.length) return;
      const previous = state;
      state = Object.freeze(next);
      for (const fn of listeners) fn(state, previous, changed);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
