// model-source: attention that is not the hand-built heads' — a real checkpoint the core runs
// (attn.loadCheckpoint, issue 17) or attention computed elsewhere (attn.importAttention) — turned
// into one "source" shape the head grid and the head views read, for the page and the widget.
// It slices the core's (or the file's) arrays per head and never computes a weight: the one
// thing it makes is GPT-2's causal mask (key > query blocked), a fact of the architecture that
// tells the views which cells to hatch. Models loaded from a URL are shared: one load per
// resolved URL (every widget on a page that names the same file waits on the same promise).

/** The `model` state values that are not a checkpoint or an opened file. */
export const HAND_BUILT = 'hand-built';
const OTHER_SOURCES = /^hand-built$/; // learned-causal / learned-masked are sources too (issue 18)

/** True when state.model names a checkpoint URL, a file the person opened, or a learned model. */
export function isModelSource(model) {
  return typeof model === 'string' && model.trim() !== '' && !OTHER_SOURCES.test(model);
}

const FAMILY_NAMES = { gpt2: 'GPT-2', bert: 'BERT' };

/**
 * The readable form of a sub-word piece: GPT-2's byte-level 'Ġ' (a space before the word) as
 * '␣', 'Ċ' (newline) as '↵'; BERT's continuation '##ing' as '-ing'. Pieces already given as
 * plain text (' cat') get the same marks. -> { text (readable), raw (the vocabulary's piece) }.
 */
export function readablePiece(raw, family) {
  const text = String(raw);
  if (family === 'gpt2') {
    const piece = text.replace(/^ /, 'Ġ').replace(/\n/g, 'Ċ');
    return { text: piece.replace(/Ġ/g, '␣').replace(/Ċ/g, '↵'), raw: piece };
  }
  if (family === 'bert' && text.startsWith('##') && text.length > 2) return { text: `-${text.slice(2)}`, raw: text };
  return { text, raw: text };
}

// BERT tokens given as slices of the text: a piece glued to the previous one continues a word.
function bertRaw(tokens, i) {
  const t = tokens[i];
  if (t.text.startsWith('##') || i === 0) return t.text;
  const prev = tokens[i - 1];
  const glued =
    Number.isInteger(t.start) && t.start === prev.end && !/^\[.*\]$/.test(t.text) && !/^\[.*\]$/.test(prev.text);
  return glued && /\w/.test(t.text[0]) && /\w/.test(prev.text.at(-1) ?? '') ? `##${t.text}` : t.text;
}

function causalMask(T) {
  const mask = new Uint8Array(T * T);
  for (let q = 0; q < T; ++q) mask.fill(1, q * T + q + 1, (q + 1) * T);
  return mask;
}

// Per-layer (H·T·T) arrays -> [{heads: [{weights: subarray (T·T)}]}] (views, no copies).
function perHead(attention, H, T) {
  return attention.map((layer) => ({
    heads: Array.from({ length: H }, (_, h) => ({ weights: layer.subarray(h * T * T, (h + 1) * T * T) })),
  }));
}

/**
 * A checkpoint's run on a text. m: from attn.loadCheckpoint; run: m.run()'s result; info:
 * { name: file or URL, random?: true for random weights }.
 * -> source { kind: 'model', family, causal, title, honest, tokens: [{text, raw, start, end}],
 *    layers: [{heads: [{weights}]}], L, H, T, mask, top, masks, trace }
 */
export function modelSource(m, run, info = {}) {
  const { family } = m;
  const T = run.tokens.length;
  const H = m.config.heads;
  const tokens = run.tokens.map((t, i) => {
    const raw = family === 'bert' ? bertRaw(run.tokens, i) : t.text;
    return { ...readablePiece(raw, family), start: t.start, end: t.end };
  });
  const causal = family === 'gpt2';
  const { layers, heads, embedDim } = m.config;
  const name = FAMILY_NAMES[family] ?? family;
  return {
    kind: 'model',
    family,
    causal,
    title: `${name}: ${layers} layers × ${heads} heads, ${embedDim} wide`,
    honest: info.random
      ? `Random weights (${info.name ?? 'a test checkpoint'}): a real ${name} network, but untrained, so its patterns mean nothing.`
      : `Weights from ${info.name ?? 'your file'}, run as they are by the core in this browser; nothing was uploaded. This page does not know who trained them.`,
    tokens,
    layers: perHead(run.attention, H, T),
    L: layers,
    H,
    T,
    mask: causal ? causalMask(T) : null,
    top: run.top ?? [],
    masks: run.masks ?? [],
    trace: run.trace ?? null,
  };
}

/**
 * Attention from a file (attn.importAttention's result) as a source: no mask (whatever the file
 * holds is shown, zeros included), no predictions, no trace, labelled as computed elsewhere.
 */
export function importedSource(imported) {
  const { layers: L, heads: H, T } = imported;
  return {
    kind: 'imported',
    family: null,
    causal: false,
    title: `Imported: computed elsewhere (${imported.name || imported.format}): ${L} layer${L === 1 ? '' : 's'} × ${H} head${H === 1 ? '' : 's'}, ${T} tokens`,
    honest:
      'These weights were computed elsewhere and read from your file as they are; this page did not run the model.',
    tokens: imported.tokens.map((t) => ({ text: t.text, raw: t.text })),
    layers: perHead(imported.attention, H, T),
    L,
    H,
    T,
    mask: null,
    top: [],
    masks: [],
    trace: null,
    warnings: imported.warnings,
  };
}

const loads = new Map(); // resolved model URL + '\n' + vocab URL -> {promise, listeners}

async function fetchText(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the ${what} ${url} could not be fetched (HTTP ${response.status})`);
  return response.text();
}

// The config.json beside a hosted checkpoint, as the hub lays a model's folder out (it names the
// head count when the head size is not 64); none there is fine, a broken one is an error.
async function fetchConfig(url) {
  const response = await fetch(url).catch(() => null);
  if (!response?.ok) return undefined;
  try {
    return JSON.parse(await response.text());
  } catch (error) {
    throw new Error(`${url} is not valid JSON (${error.message})`);
  }
}

/**
 * Loads a checkpoint named by URL (with the config.json beside it, if there is one) once per page: attn: the API (with loadCheckpoint); url, vocabUrl:
 * absolute URLs (vocabUrl may be null); onProgress(fraction) is called for this caller too.
 * -> Promise<m>. A failed load is forgotten, so a later call tries again.
 */
export function loadModelUrl(attn, url, vocabUrl = null, onProgress = null) {
  const key = `${url}\n${vocabUrl ?? ''}`;
  let entry = loads.get(key);
  if (!entry) {
    const listeners = new Set();
    const promise = (async () => {
      if (typeof attn.loadCheckpoint !== 'function') throw new Error('this build of the core cannot open checkpoints');
      const [vocab, config] = await Promise.all([
        vocabUrl ? fetchText(vocabUrl, 'vocabulary') : undefined,
        fetchConfig(new URL('config.json', url)),
      ]);
      return attn.loadCheckpoint(url, { vocab, config, onProgress: (f) => listeners.forEach((fn) => fn(f)) });
    })();
    entry = { promise, listeners };
    loads.set(key, entry);
    promise.catch(() => loads.delete(key));
  }
  if (onProgress) entry.listeners.add(onProgress);
  return entry.promise;
}
