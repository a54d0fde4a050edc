// state: the one table of settings an embedded playground understands — the attributes of
// <attention-playground>, the query parameters of embed.html and the snippets of the Share
// dialog all use these names. readState() turns untrusted strings into a clean state plus a
// list of friendly problems to show; it never throws and never touches the DOM. It does not
// know the heads' names or the token count: resolveAgainst() checks head and focus once an
// analysis exists.

export const MODES = ['self', 'causal', 'bidirectional', 'cross', 'multihead'];
export const VIEWS = ['matrix', 'lines', 'strip', 'steps'];
export const CONTROLS = ['none', 'minimal', 'full'];
export const THEMES = ['light', 'dark', 'auto'];
export const LANGS = ['en', 'fr'];

/** Every setting, in the order snippets list them (attribute name = URL parameter name). */
export const PARAMS = [
  'sentence',
  'source',
  'lang',
  'source-lang',
  'mode',
  'head',
  'view',
  'step',
  'focus',
  'controls',
  'theme',
  'height',
];

export const DEFAULTS = Object.freeze({
  sentence: 'The cat sat on the mat',
  source: '',
  lang: 'en',
  'source-lang': 'en',
  mode: 'self',
  head: '',
  view: 'matrix',
  step: 0,
  focus: null,
  controls: 'minimal',
  theme: 'auto',
  height: null,
});

// Long enough for any sentence a tutorial shows (the core keeps the first 64 tokens anyway),
// short enough that a pasted novel cannot make the widget slow.
export const MAX_SENTENCE_CHARS = 1000;
const MAX_STEP = 99;
const MIN_HEIGHT = 120;
const MAX_HEIGHT = 4000;

/** What the core's analyze() is asked for, per widget mode. */
export const CORE_MODE = { self: 'self', bidirectional: 'self', causal: 'causal', cross: 'cross', multihead: 'self' };

/** A short label a reader sees for each mode. */
export const MODE_LABELS = {
  self: 'Self-attention',
  bidirectional: 'Bidirectional (unmasked)',
  causal: 'Causal (masked)',
  cross: 'Cross-attention',
  multihead: 'Multi-head',
};

// Quotes a value for a message, shortened so a huge or odd value stays readable as text.
function quote(value) {
  const text = String(value);
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `“${short.replace(/[\u0000-\u001f]/g, ' ')}”`;
}

function pick(raw, allowed, name, problems) {
  const value = raw.trim().toLowerCase();
  if (allowed.includes(value)) return value;
  problems.push(`Unknown ${name} ${quote(raw)}; using “${DEFAULTS[name]}”. Choose one of: ${allowed.join(', ')}.`);
  return DEFAULTS[name];
}

function integer(raw, name, min, max, problems) {
  const text = raw.trim();
  if (!/^[+-]?\d{1,12}$/.test(text)) {
    problems.push(`The ${name} ${quote(raw)} is not a whole number; ignoring it.`);
    return null;
  }
  const value = Number(text);
  if (value < min || value > max) {
    problems.push(`The ${name} ${value} is out of range (${min} to ${max}); ignoring it.`);
    return null;
  }
  return value;
}

function text(raw, name, problems) {
  const clean = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
  if (clean.length <= MAX_SENTENCE_CHARS) return clean;
  problems.push(
    `The ${name} is very long (${clean.length.toLocaleString('en')} characters); only the first ${MAX_SENTENCE_CHARS.toLocaleString('en')} are used.`,
  );
  return clean.slice(0, MAX_SENTENCE_CHARS);
}

/**
 * get: (name) -> string | null (an attribute or URL parameter). Returns {state, problems}:
 * state has every PARAMS key with a valid value; problems are sentences for the reader.
 */
export function readState(get) {
  const problems = [];
  const state = { ...DEFAULTS };
  const raw = (name) => {
    const value = get(name);
    return typeof value === 'string' ? value : null;
  };
  const sentence = raw('sentence');
  if (sentence !== null) state.sentence = text(sentence, 'sentence', problems);
  const source = raw('source');
  if (source !== null) state.source = text(source, 'source sentence', problems);
  for (const name of ['lang', 'source-lang'])
    if (raw(name) !== null) state[name] = pick(raw(name), LANGS, name, problems);
  if (raw('mode') !== null) state.mode = pick(raw('mode'), MODES, 'mode', problems);
  if (raw('view') !== null) state.view = pick(raw('view'), VIEWS, 'view', problems);
  if (raw('controls') !== null) state.controls = pick(raw('controls'), CONTROLS, 'controls', problems);
  if (raw('theme') !== null) state.theme = pick(raw('theme'), THEMES, 'theme', problems);
  if (raw('head') !== null) state.head = raw('head').trim().slice(0, 40);
  if (raw('step') !== null && raw('step').trim() !== '')
    state.step = integer(raw('step'), 'step', 0, MAX_STEP, problems) ?? 0;
  if (raw('focus') !== null && raw('focus').trim() !== '')
    state.focus = integer(raw('focus'), 'focus', 0, 1e6, problems);
  if (raw('height') !== null && raw('height').trim() !== '') {
    state.height = integer(raw('height').replace(/px$/i, ''), 'height', MIN_HEIGHT, MAX_HEIGHT, problems);
  }
  if (state.mode === 'cross' && state.source.trim() === '') {
    problems.push(
      'Cross-attention needs a source sentence (the source attribute); the sentence looks at itself for now.',
    );
  }
  return { state, problems };
}

/**
 * Checks head and focus against an analysis ({heads: [{name}], tokens: [...]}) and returns
 * {headIndex, focus, problems}. head may be a name (any case) or a 0-based index.
 */
export function resolveAgainst(state, analysis) {
  const problems = [];
  const names = analysis.heads.map((h) => h.name);
  let headIndex = 0;
  const head = state.head.trim();
  if (head !== '') {
    const byName = names.findIndex((name) => name.toLowerCase() === head.toLowerCase());
    if (byName >= 0) headIndex = byName;
    else if (/^\d{1,6}$/.test(head) && Number(head) < names.length) headIndex = Number(head);
    else
      problems.push(
        `There is no head ${quote(head)}; showing ${names[0] ?? 'the first head'}. Heads: ${names.join(', ')} (or 0 to ${names.length - 1}).`,
      );
  }
  let focus = state.focus;
  const count = analysis.tokens.length;
  if (focus !== null && focus >= count) {
    problems.push(
      `The focus ${focus} is past the last word (the sentence has ${count} token${count === 1 ? '' : 's'}, numbered from 0); ignoring it.`,
    );
    focus = null;
  }
  return { headIndex, focus, problems };
}

/**
 * The settings that differ from the defaults (plus those named in `always`) as [name, value]
 * pairs in PARAMS order, for URLs and snippets.
 */
export function changedSettings(state, always = ['sentence', 'mode']) {
  const pairs = [];
  for (const name of PARAMS) {
    const value = state[name];
    if (value === null || value === undefined || String(value) === '') continue;
    if (value === DEFAULTS[name] && !always.includes(name)) continue;
    pairs.push([name, String(value)]);
  }
  return pairs;
}

/** state -> URLSearchParams with the non-default settings. */
export function toSearchParams(state, always) {
  return new URLSearchParams(changedSettings(state, always));
}

// The playground page (web/app/state.js) keeps its state in the URL hash under its own names;
// these two functions translate between that and the widget's settings.
const PAGE_MODE = { self: 'self', bidirectional: 'self', causal: 'masked', cross: 'cross', multihead: 'multihead' };

// The heads in the order the core returns them (used only to turn a head name into the page's index).
const HEAD_ORDER = [
  'grammar',
  'semantics',
  'references',
  'context',
  'emotions',
  'entities',
  'actions',
  'modifiers',
  'alignment',
];

/** Widget state (+ the head index shown, if known) -> the page's hash, e.g. '#text=...&mode=masked&heads=2'. */
export function pageHash(state, headIndex = null) {
  if (headIndex === null) {
    const head = state.head.trim().toLowerCase();
    headIndex = /^\d{1,3}$/.test(head) ? Number(head) : Math.max(0, HEAD_ORDER.indexOf(head));
  }
  const p = new URLSearchParams();
  p.set('text', state.sentence);
  if (state.mode === 'cross') {
    p.set('source', state.source.trim() === '' ? state.sentence : state.source);
    p.set('sourceLang', state['source-lang']);
  }
  if (state.lang !== 'en') p.set('lang', state.lang);
  p.set('mode', PAGE_MODE[state.mode]);
  if (headIndex > 0) p.set('heads', String(headIndex));
  if (state.view !== 'matrix') p.set('view', state.view);
  if (state.focus !== null) p.set('token', String(state.focus));
  if (state.step > 0) p.set('step', String(state.step));
  return `#${p}`;
}

/** The page's state object ({text, source, lang, sourceLang, mode, heads, view, token, step}) -> widget settings. */
export function settingsFromPageState(page) {
  const mode = { self: 'self', masked: 'causal', cross: 'cross', multihead: 'multihead' }[page.mode] ?? 'self';
  const settings = { sentence: page.text, mode, view: page.view, step: page.step, lang: page.lang };
  if (page.token > 0) settings.focus = page.token; // 0 is the page's default, not a choice
  if (mode === 'cross') Object.assign(settings, { source: page.source, 'source-lang': page.sourceLang });
  if (Array.isArray(page.heads) && page.heads.length > 0 && mode !== 'multihead') {
    // A name reads better in a snippet than an index; fall back to the index if unknown.
    const name = HEAD_ORDER[page.heads[0]];
    settings.head = name ? name[0].toUpperCase() + name.slice(1) : page.heads[0];
  }
  return settings;
}
