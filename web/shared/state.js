// state: the one table of settings (TensorFlow Playground's State.PROPS). Each property is listed
// once with its type, default, its name in the page's URL hash (index.html#text=…) and its name
// as an attribute of <attention-playground> (also embed.html's query and the Share snippets).
// readState() turns untrusted strings from either side into a clean state plus friendly
// problems (it never throws); writeState() gives back the non-default values; resolveAgainst()
// checks heads and focus once an analysis (the core's head names and tokens) exists. No DOM here.
//
// Vocabulary: `mode` is the core's analyze() mode (self | causal | cross); `layout` is how it is
// shown: one view (single), the causal mask beside the same head unmasked (compare), or every
// head with the concatenation and output projection (heads). Older names stay accepted as
// aliases so existing links and embeds keep working (MODE_ALIASES).

export const MODES = Object.freeze(['self', 'causal', 'cross']);
export const LAYOUTS = Object.freeze(['single', 'compare', 'heads']);
export const VIEWS = Object.freeze(['matrix', 'lines', 'strip', 'steps']);
/** What the page's view tabs and the widget's view menu call each view (one set of names). */
export const VIEW_LABELS = Object.freeze({
  matrix: 'Matrix',
  lines: 'Lines',
  strip: 'While processing…',
  steps: 'Step by step',
});
export const LANGS = Object.freeze(['en', 'fr']);
export const THEMES = Object.freeze(['auto', 'light', 'dark']);
export const CONTROLS = Object.freeze(['none', 'minimal', 'full']);
export const SPEEDS = Object.freeze(['0.5', '1', '2', '4']);
/** Issue 19: mode=train shows the Train mode (web/app/train-*.js) instead of an analysis. */
export const TRAIN_MODE = 'train';
/** The trainer's tasks (web/lib/api-trainer.js TASKS, src/train/tasks.h). */
export const TRAIN_TASKS = Object.freeze(['induction', 'reverse', 'sort', 'copy', 'brackets']);

/** Old mode names -> the settings they stand for (the README documents them). */
export const MODE_ALIASES = Object.freeze({
  bidirectional: { mode: 'self' },
  masked: { mode: 'causal', layout: 'compare' },
  multihead: { mode: 'self', layout: 'heads' },
});

/** Long enough for any sentence a tutorial shows (the core keeps 64 tokens), short enough to stay fast. */
export const MAX_SENTENCE_CHARS = 1000;
const MAX_HEADS = 16;

/**
 * The table. type: text | enum (values) | int (min, max; null default = unset) | heads (a list
 * of head names or indices, resolved against the core's heads) | bool | list (control names).
 * url: name in the page's hash (null: not in the URL); attr: attribute / embed query name.
 */
export const PROPS = Object.freeze(
  [
    { name: 'text', type: 'text', default: 'The cat sat on the mat', url: 'text', attr: 'sentence', label: 'sentence' },
    // Cross-attention's source: the default sentence in French, every word in the lexicon.
    {
      name: 'source',
      type: 'text',
      default: 'Le chat est assis sur le tapis',
      url: 'source',
      attr: 'source',
      label: 'source sentence',
    },
    { name: 'lang', type: 'enum', values: LANGS, default: 'en', url: 'lang', attr: 'lang' },
    { name: 'sourceLang', type: 'enum', values: LANGS, default: 'fr', url: 'sourceLang', attr: 'source-lang' },
    {
      name: 'mode',
      type: 'enum',
      values: [...MODES, TRAIN_MODE],
      default: 'self',
      url: 'mode',
      attr: 'mode',
      aliases: MODE_ALIASES,
    },
    { name: 'layout', type: 'enum', values: LAYOUTS, default: 'single', url: 'layout', attr: 'layout' },
    { name: 'heads', type: 'heads', default: [0], url: 'heads', attr: 'head', label: 'head' },
    { name: 'view', type: 'enum', values: VIEWS, default: 'matrix', url: 'view', attr: 'view' },
    { name: 'focus', type: 'int', min: 0, max: 1e6, default: 0, url: 'token', attr: 'focus' },
    { name: 'key', type: 'int', min: 0, max: 1e6, default: null, url: 'key', attr: 'key' },
    { name: 'step', type: 'int', min: 0, max: 99, default: 0, url: 'step', attr: 'step' },
    { name: 'theme', type: 'enum', values: THEMES, default: 'auto', url: 'theme', attr: 'theme' },
    { name: 'pinned', type: 'bool', default: false, url: 'pinned', attr: null },
    { name: 'speed', type: 'enum', values: SPEEDS, default: '1', url: 'speed', attr: null },
    { name: 'hide', type: 'list', default: [], url: 'hide', attr: null },
    { name: 'controls', type: 'enum', values: CONTROLS, default: 'minimal', url: null, attr: 'controls' },
    { name: 'height', type: 'int', min: 120, max: 4000, default: null, url: null, attr: 'height' },
    // Issue 17: where the attention comes from: 'hand-built' (the named heads), a checkpoint's URL
    // or path relative to the page (model="distilgpt2.safetensors"), or 'opened' (a file the person
    // opened on the page); issue 18 adds 'learned-causal' and 'learned-masked'. vocab: BERT's
    // vocab.txt beside a checkpoint URL; layer: the model head's layer (its head is heads[0]).
    { name: 'model', type: 'text', default: 'hand-built', url: 'model', attr: 'model' },
    { name: 'vocab', type: 'text', default: '', url: 'vocab', attr: 'vocab' },
    { name: 'layer', type: 'int', min: 0, max: 999, default: null, url: 'layer', attr: 'layer' },
    // Issue 19: the Train mode's task and the small transformer trained on it (ranges as the
    // issue's controls). null = the trainer's own default (createTrainer), shown once it runs;
    // a link names only what it means: #mode=train&task=induction&layers=2&attentionOnly=1.
    { name: 'task', type: 'enum', values: TRAIN_TASKS, default: 'induction', url: 'task', attr: 'task' },
    {
      name: 'layers',
      type: 'int',
      min: 1,
      max: 3,
      default: null,
      url: 'layers',
      attr: 'layers',
      label: 'number of layers',
    },
    {
      name: 'headsPerLayer',
      type: 'int',
      min: 1,
      max: 4,
      default: null,
      url: 'headsPerLayer',
      attr: 'heads-per-layer',
      label: 'number of heads per layer',
    },
    {
      name: 'embed',
      type: 'int',
      min: 16,
      max: 128,
      default: null,
      url: 'embed',
      attr: 'embed',
      label: 'model width (embed)',
    },
    {
      name: 'attentionOnly',
      type: 'bool',
      default: null,
      url: 'attentionOnly',
      attr: 'attention-only',
      label: 'attention-only',
    },
    { name: 'lr', type: 'number', min: 1e-5, max: 0.1, default: null, url: 'lr', attr: 'lr', label: 'learning rate' },
    { name: 'batch', type: 'int', min: 1, max: 64, default: null, url: 'batch', attr: 'batch', label: 'batch size' },
    { name: 'seed', type: 'int', min: 0, max: 4294967295, default: null, url: 'seed', attr: 'seed' },
  ].map(Object.freeze),
);

export const DEFAULTS = Object.freeze(Object.fromEntries(PROPS.map((p) => [p.name, p.default])));

/** The attribute names, in the order snippets list them (the element observes these). */
export const ATTRIBUTES = Object.freeze(PROPS.filter((p) => p.attr).map((p) => p.attr));

/** What a reader sees for each way of looking, keyed by choiceOf(state); also the page's tabs. */
export const CHOICES = Object.freeze({
  self: { label: 'Self-attention', patch: { mode: 'self', layout: 'single' } },
  causal: { label: 'Causal (masked)', patch: { mode: 'causal', layout: 'single' } },
  masked: { label: 'Masked and unmasked', patch: { mode: 'causal', layout: 'compare' } },
  cross: { label: 'Cross-attention', patch: { mode: 'cross', layout: 'single' } },
  multihead: { label: 'Multi-head', patch: { mode: 'self', layout: 'heads' } },
  train: { label: 'Train a transformer', patch: { mode: TRAIN_MODE, layout: 'single' } }, // issue 19
});

/**
 * What picking a way of looking (a CHOICES key) sets, on the page's tabs and the widget's menu
 * alike. headNames: the core's head names (attn.headNames()), whose last is the cross head that
 * only cross mode has. Cross-attention selects that head; the heads layout keeps the selection;
 * a single view keeps the first head, unless it is the cross head and the mode is not cross.
 */
export function choicePatch(key, state, headNames) {
  const { patch } = CHOICES[key];
  const crossHead = headNames.at(-1);
  if (patch.mode === 'cross' && crossHead) return { ...patch, heads: [crossHead] };
  const isCross = (h) =>
    crossHead && (String(h).toLowerCase() === crossHead.toLowerCase() || Number(h) === headNames.length - 1);
  const kept = (patch.layout === 'heads' ? state.heads : state.heads.slice(0, 1)).filter((h) => !isCross(h));
  return { ...patch, heads: kept.length ? kept : [0] };
}

/** The CHOICES key that describes a state. */
export function choiceOf(state) {
  if (state.layout === 'heads') return 'multihead';
  if (state.layout === 'compare') return 'masked';
  return state.mode;
}

// Quotes a value for a message, shortened so a huge or odd value stays readable as text.
function quote(value) {
  const text = String(value);
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `“${short.replace(/[\u0000-\u001f]/g, ' ')}”`;
}

const nameOf = (prop, side) => (side === 'url' ? prop.url : prop.attr);

// One raw string -> the property's value, or undefined (with a problem) when it cannot be used.
function parseValue(prop, raw, side, problems) {
  const name = prop.label ?? nameOf(prop, side);
  if (prop.type === 'text') {
    const clean = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
    if (clean.length <= MAX_SENTENCE_CHARS) return clean;
    problems.push(
      `The ${name} is very long (${clean.length.toLocaleString('en')} characters); only the first ${MAX_SENTENCE_CHARS.toLocaleString('en')} are used.`,
    );
    return clean.slice(0, MAX_SENTENCE_CHARS);
  }
  if (prop.type === 'enum') {
    const value = raw.trim().toLowerCase();
    if (prop.values.includes(value)) return value;
    if (prop.aliases && Object.hasOwn(prop.aliases, value)) return prop.aliases[value];
    const names = [...prop.values, ...Object.keys(prop.aliases ?? {})];
    problems.push(`Unknown ${name} ${quote(raw)}; using “${prop.default}”. Choose one of: ${names.join(', ')}.`);
    return undefined;
  }
  if (prop.type === 'int') {
    const text = raw.trim().replace(/px$/i, '');
    if (text === '') return undefined;
    if (!/^[+-]?\d{1,12}$/.test(text)) {
      problems.push(`The ${name} ${quote(raw)} is not a whole number; ignoring it.`);
      return undefined;
    }
    const value = Number(text);
    if (value < prop.min || value > prop.max) {
      problems.push(`The ${name} ${value} is out of range (${prop.min} to ${prop.max}); ignoring it.`);
      return undefined;
    }
    return value;
  }
  if (prop.type === 'heads') {
    const heads = raw
      .split(',')
      .map((h) => h.trim().slice(0, 40))
      .filter((h) => h !== '');
    return heads.length ? [...new Set(heads)].slice(0, MAX_HEADS) : undefined;
  }
  if (prop.type === 'number') {
    const text = raw.trim();
    if (text === '') return undefined;
    const value = /^[+-]?(\d{1,12}(\.\d{0,12})?|\.\d{1,12})(e[+-]?\d{1,3})?$/i.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value)) {
      problems.push(`The ${name} ${quote(raw)} is not a number; ignoring it.`);
      return undefined;
    }
    if (value < prop.min || value > prop.max) {
      problems.push(`The ${name} ${value} is out of range (${prop.min} to ${prop.max}); ignoring it.`);
      return undefined;
    }
    return value;
  }
  if (prop.type === 'bool') {
    // A bare attribute (attention-only="") means yes, as HTML's boolean attributes do.
    const value = raw.trim().toLowerCase();
    if (['', '1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    problems.push(`The ${name} ${quote(raw)} is neither yes nor no (1 or 0); ignoring it.`);
    return undefined;
  }
  return raw.split(',').filter((x) => /^[a-z-]+$/.test(x)); // list of control names
}

/**
 * get: (name) -> string | null, an URL parameter (side 'url') or an attribute (side 'attr').
 * -> {state, problems}: state has every property with a valid value; problems are sentences
 * for the reader. An alias (mode=masked) sets the properties it stands for unless they are given.
 */
export function readState(get, side = 'attr') {
  const problems = [];
  const state = { ...DEFAULTS };
  const given = new Set();
  let implied = {};
  for (const prop of PROPS) {
    const name = nameOf(prop, side);
    const raw = name ? get(name) : null;
    if (typeof raw !== 'string') continue;
    const value = parseValue(prop, raw, side, problems);
    if (value === undefined) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      implied = { ...implied, ...value };
      continue;
    }
    state[prop.name] = value;
    given.add(prop.name);
  }
  for (const [name, value] of Object.entries(implied)) if (!given.has(name)) state[name] = value;
  // The side-by-side comparison is of the causal mask against none: it implies causal.
  if (state.layout === 'compare') state.mode = 'causal';
  return { state: Object.freeze(state), problems };
}

/** Reads the page's URL hash ('#text=…&mode=cross'); problems are dropped (the page shows its own). */
export function parseHash(hash) {
  return parseLocation('', hash);
}

/**
 * The page's settings from its whole URL: the query ('?sentence=…&head=…') and the hash
 * ('#text=…&heads=…') take the same settings, each under either of its two names (the page's
 * `url` name or the widget's `attr` name: text or sentence, heads or head, token or focus);
 * the hash wins over the query, the url name over the attr name. One format everywhere, so a
 * link written for the widget (embed.html?sentence=…) also opens the page.
 */
export function parseLocation(search, hash) {
  return readLocation(search, hash).state;
}

/** parseLocation's reading with its problems: -> {state, problems} (sentences for the reader). */
export function readLocation(search, hash) {
  const query = new URLSearchParams(String(search ?? '').replace(/^\?/, ''));
  const fragment = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  const byUrlName = new Map(PROPS.filter((p) => p.url).map((p) => [p.url, p]));
  const get = (name) => {
    const prop = byUrlName.get(name);
    const names = [name, prop.attr].filter(Boolean);
    for (const params of [fragment, query]) for (const n of names) if (params.has(n)) return params.get(n);
    return null;
  };
  return readState(get, 'url');
}

/** Whether a URL parameter name is a setting of the page (under either name). */
export function isSettingName(name) {
  return PROPS.some((p) => (p.url === name || p.attr === name) && p.url);
}

const same = (a, b) => (Array.isArray(a) ? a.join(',') === (b ?? []).join(',') : a === b);
const text = (value) =>
  Array.isArray(value) ? value.join(',') : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);

/**
 * The settings that differ from the defaults (plus those named in `always`) as [name, string]
 * pairs in table order, named for side 'url' or 'attr'.
 */
export function writeState(state, side = 'attr', always = []) {
  const pairs = [];
  for (const prop of PROPS) {
    const name = nameOf(prop, side);
    const value = state[prop.name];
    if (!name || value === null || value === undefined) continue;
    if (same(value, prop.default) && !always.includes(prop.name)) continue;
    pairs.push([name, text(value)]);
  }
  return pairs;
}

/** The page's URL hash for a state ('' when everything is default). */
export function serializeHash(state) {
  const query = new URLSearchParams(writeState(state, 'url')).toString();
  return query ? `#${query}` : '';
}

/**
 * Checks heads and focus against an analysis ({mode, heads: [{name}], tokens}) ->
 * {heads: indices (at least one), focus: a valid word index, problems}. A head is a name (any
 * case) or a 0-based index into the core's heads; a focus past the last word shows the last.
 */
export function resolveAgainst(state, analysis) {
  const problems = [];
  const names = analysis.heads.map((h) => h.name);
  const heads = [];
  // Cross mode with no head given (mode=cross in a link or attribute, nothing else) opens on
  // the core's cross head (the last, Alignment), as choosing Cross-attention does. "Not given"
  // is the defaults' own array: readState copies it only when no head was named.
  if (analysis.mode === 'cross' && state.heads === DEFAULTS.heads && names.length) heads.push(names.length - 1);
  for (const head of heads.length ? [] : state.heads) {
    const text = String(head);
    const byName = names.findIndex((name) => name.toLowerCase() === text.toLowerCase());
    const index = byName >= 0 ? byName : /^\d{1,6}$/.test(text) && Number(text) < names.length ? Number(text) : -1;
    if (index >= 0) {
      if (!heads.includes(index)) heads.push(index);
    } else {
      problems.push(
        `There is no head ${quote(text)}; showing ${names[0] ?? 'the first head'}. Heads: ${names.join(', ')} (or 0 to ${names.length - 1}).`,
      );
    }
  }
  if (!heads.length) heads.push(0);
  const count = analysis.tokens.length;
  let focus = state.focus;
  if (count > 0 && focus >= count) {
    problems.push(
      `The focus ${focus} is past the last word (the sentence has ${count} token${count === 1 ? '' : 's'}, numbered from 0); showing the last one.`,
    );
    focus = count - 1;
  }
  return { heads, focus: Math.max(0, Math.min(focus, count - 1)), problems };
}

/** A tiny store: get(), set(patch) merges and notifies subscribers once per call. */
export function createStore(initial) {
  let state = Object.freeze({ ...initial });
  const listeners = new Set();
  return {
    get: () => state,
    set(patch) {
      const next = { ...state, ...patch };
      const changed = Object.keys(patch).filter((k) => !same(state[k], next[k]));
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
