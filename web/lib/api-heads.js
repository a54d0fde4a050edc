// api-heads: the hand-built attention heads ("experts") and the one call that drives every
// view of the page: analyze(). Also explainScore(), the named breakdown of one score.
// Everything is computed by the C++ core (src/heads/heads.h, src/heads/explain.h); this file checks
// arguments, attaches the head descriptions and times the core call. It does not compute
// any attention number itself.

import { AttentionError, describe, unwrap, wellFormed } from './errors.js';
import { ASSET_FILES } from './assets.js';

export const DISCLAIMER =
  'These heads are hand-built: their weights are written by hand over named word features to imitate ' +
  'relations that trained transformers are known to learn. They are not a trained model.';

const MODES = ['self', 'causal', 'cross'];
const LANGS = ['en', 'fr'];
const MAX_TOKENS = 64;

// What analyze() can return besides the tokens, as options.fields names -> the bit the core
// reads (bindings/heads_bindings.cpp). Per head: q, k, v, scores, scaled, weights, mask,
// headOutput (heads[i].output), nearest; for the whole layer: concat, output. The core skips
// the work of what is not asked for: the nearest words without 'nearest', the heads not in
// options.heads without 'concat' or 'output' (which need every head).
const FIELDS = Object.freeze({
  q: 1 << 0,
  k: 1 << 1,
  v: 1 << 2,
  scores: 1 << 3,
  scaled: 1 << 4,
  weights: 1 << 5,
  mask: 1 << 6,
  headOutput: 1 << 7,
  nearest: 1 << 8,
  concat: 1 << 9,
  output: 1 << 10,
});
const ALL_FIELDS = Object.values(FIELDS).reduce((bits, bit) => bits | bit, 0);

function fieldBits(fields) {
  if (fields === undefined || fields === null) return ALL_FIELDS;
  if (!Array.isArray(fields)) fail(`fields must be an array of field names, got ${describe(fields)}`);
  return fields.reduce((bits, name) => {
    if (!Object.hasOwn(FIELDS, name))
      fail(`fields: ${describe(name)} is not a field (${Object.keys(FIELDS).join(', ')})`);
    return bits | FIELDS[name];
  }, 0);
}

async function loadModel(core, context) {
  const [vectors, tagger, lexicon] = await Promise.all([
    context.readAsset(ASSET_FILES.vectors),
    context.readAsset(ASSET_FILES.tagger),
    context.readAsset(ASSET_FILES.lexicon).then(
      (bytes) => new TextDecoder().decode(bytes),
      () => null,
    ),
  ]);
  unwrap(core.headsLoad(vectors, tagger, lexicon));
}

function fail(message) {
  throw new AttentionError(`analyze: ${message}`);
}

function pick(options, name, allowed, fallback) {
  const value = options[name] ?? fallback;
  if (!allowed.includes(value))
    fail(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`);
  return value;
}

// heads: (name | index)[] -> indices into the mode's heads, in the given order.
function headIndices(heads, specs, count) {
  if (heads === undefined || heads === null) return [];
  if (!Array.isArray(heads)) fail(`heads must be an array of head names or indices, got ${describe(heads)}`);
  return heads.map((h) => {
    if (typeof h === 'number' && Number.isInteger(h) && h >= 0 && h < count) return h;
    if (typeof h === 'string') {
      const i = specs.slice(0, count).findIndex((s) => s.name.toLowerCase() === h.toLowerCase());
      if (i >= 0) return i;
    }
    return fail(
      `heads: ${describe(h)} is not a head of this mode (${specs
        .slice(0, count)
        .map((s) => s.name)
        .join(', ')})`,
    );
  });
}

// modes: analyzeModes' distinct mode names, at least one.
function checkModes(modes) {
  if (!Array.isArray(modes) || modes.length === 0) {
    fail(`modes must be a non-empty array of ${MODES.map((m) => `'${m}'`).join(', ')}, got ${describe(modes)}`);
  }
  modes.forEach((mode, i) => {
    if (!MODES.includes(mode)) fail(`modes: ${describe(mode)} is not one of ${MODES.map((m) => `'${m}'`).join(', ')}`);
    if (modes.indexOf(mode) !== i) fail(`modes: '${mode}' is given twice`);
  });
  return modes.slice();
}

// options -> the object the core's analyze (mode) or analyzeModes (modes) takes.
function checkOptions(options, specs, { many = false } = {}) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail(`options must be an object like {text, ${many ? 'modes' : 'mode'}}, got ${describe(options)}`);
  }
  if (typeof options.text !== 'string') fail(`text must be a string, got ${describe(options.text)}`);
  const modes = many ? checkModes(options.modes) : [pick(options, 'mode', MODES, undefined)];
  const lang = pick(options, 'lang', LANGS, 'en');
  const sourceLang = pick(options, 'sourceLang', LANGS, 'en');
  const cross = modes.includes('cross');
  if (cross && typeof options.source !== 'string') {
    fail(`cross mode needs source, the sentence to look at, as a string; got ${describe(options.source)}`);
  }
  const maxTokens = options.maxTokens ?? MAX_TOKENS;
  if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > MAX_TOKENS) {
    fail(`maxTokens must be an integer from 1 to ${MAX_TOKENS}, got ${describe(maxTokens)}`);
  }
  // Heads every given mode has (Alignment only when cross is the only mode).
  const count = modes.every((m) => m === 'cross') ? specs.length : specs.length - 1;
  const heads = headIndices(options.heads, specs, count);
  return {
    text: wellFormed(options.text),
    source: cross ? wellFormed(options.source) : '',
    lang,
    sourceLang,
    ...(many ? { modes } : { mode: modes[0] }),
    maxTokens,
    heads,
    fields: fieldBits(options.fields),
  };
}

// The core sends each head's decoded words as (T, k) candidate indices and similarities, -1
// past a row's end (bindings/heads_bindings.cpp) -> per query [{word, similarity}], best first.
function nearestLists({ index, similarity }, candidates, T) {
  const k = T ? index.length / T : 0;
  return Array.from({ length: T }, (_, i) => {
    const list = [];
    for (let j = i * k; j < (i + 1) * k && index[j] >= 0; ++j)
      list.push({ word: candidates[index[j]], similarity: similarity[j] });
    return list;
  });
}

// A head's spec as every result carries it (copies: a caller may change what it is given).
const labels = ({ name, description, queryFeatures, valueFeatures, asksFor, minEvidence }) => ({
  name,
  description,
  queryFeatures: queryFeatures.slice(),
  valueFeatures: valueFeatures.slice(),
  asksFor,
  minEvidence,
});

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export async function headsApi(core, context) {
  if (typeof core.headSpecs !== 'function') {
    // A module built without bindings/heads_bindings.cpp: the rest of the API still works.
    const missing = () => {
      throw new AttentionError('analyze: this build of the attention core has no hand-built heads');
    };
    return { analyze: missing, analyzeModes: missing, explainScore: missing, headNames: () => [], headSpecs: () => [] };
  }
  const specs = unwrap(core.headSpecs());
  // A missing asset must not break the rest of the API: analyze() reports it when called.
  let loadError = null;
  try {
    await loadModel(core, context);
  } catch (error) {
    loadError = error;
  }

  /**
   * options: {text, source?, lang?, sourceLang?, mode: 'self'|'causal'|'cross', heads?, maxTokens?,
   *           fields?}
   * -> {mode, handBuilt, disclaimer, tokens, sourceTokens, truncated, sourceTruncated, embedDim,
   *     numHeads, headDim, scale, heads: [{name, description, queryFeatures, valueFeatures, asksFor,
   *     minEvidence, evidence: {best, asks, idle}, q, k, v, scores, scaled, mask, weights, output,
   *     nearest}], concat, output, timings: {coreMs}}
   * fields (default: all): the matrices to copy out of the core, by the names in FIELDS; the
   * others are left out of the result (a view that draws weights needs ['weights', 'mask'],
   * about a tenth of the bytes at 64 tokens).
   */
  function analyze(options) {
    const checked = checkOptions(options, specs);
    if (loadError) throw new AttentionError(`analyze: the heads could not load their assets: ${loadError.message}`);
    const started = now();
    const result = unwrap(core.analyze(checked));
    return shaped(result, now() - started);
  }

  /**
   * options: analyze()'s, with modes: ('self'|'causal'|'cross')[] (distinct) instead of mode
   * -> {[mode]: what analyze({...options, mode}) returns}, computed from one tokenize and tag
   * of the text (and source). For the page's masked view: analyzeModes({text, modes: ['self',
   * 'causal']}) gives the bidirectional and causal analyses side by side. timings.coreMs of each
   * is the time of the one core call.
   */
  function analyzeModes(options) {
    const checked = checkOptions(options, specs, { many: true });
    if (loadError) throw new AttentionError(`analyze: the heads could not load their assets: ${loadError.message}`);
    const started = now();
    const results = unwrap(core.analyzeModes(checked));
    const coreMs = now() - started;
    return Object.fromEntries(results.map((result) => [result.mode, shaped(result, coreMs)]));
  }

  // The core's analysis -> the documented result (head descriptions attached, nearest words
  // as lists), in the fields asked for.
  function shaped(result, coreMs) {
    const T = result.tokens.length;
    const heads = result.heads.map(({ index, nearest, ...traced }) => ({
      ...labels(specs[index]),
      ...traced,
      ...(nearest && { nearest: nearestLists(nearest, result.candidates, T) }),
    }));
    return {
      mode: result.mode,
      handBuilt: true,
      disclaimer: DISCLAIMER,
      tokens: result.tokens,
      sourceTokens: result.sourceTokens,
      truncated: result.truncated,
      sourceTruncated: result.sourceTruncated,
      embedDim: result.embedDim,
      numHeads: result.numHeads,
      headDim: result.headDim,
      scale: result.scale,
      heads,
      ...('concat' in result && { concat: result.concat }),
      ...('output' in result && { output: result.output }),
      timings: { coreMs },
    };
  }

  /** -> {head, query, key, total, scale, scaled, masked, contributions: [{feature, q, k, product, scaledProduct, dims}]} */
  function explainScore(analysis, headIndex, queryIndex, keyIndex) {
    if (analysis === null || typeof analysis !== 'object' || !Array.isArray(analysis.heads)) {
      throw new AttentionError(`explainScore: analysis must be the result of analyze(), got ${describe(analysis)}`);
    }
    const T = analysis.tokens.length;
    const S = analysis.sourceTokens.length;
    const d = analysis.headDim;
    const check = (name, value, n) => {
      if (!Number.isInteger(value) || value < 0 || value >= n) {
        throw new AttentionError(`explainScore: ${name} must be an integer from 0 to ${n - 1}, got ${describe(value)}`);
      }
    };
    check('headIndex', headIndex, analysis.heads.length);
    check('queryIndex', queryIndex, T);
    check('keyIndex', keyIndex, S);
    const head = analysis.heads[headIndex];
    const missing = ['q', 'k', 'mask'].filter((field) => head[field] == null);
    if (missing.length > 0) {
      throw new AttentionError(
        `explainScore: the analysis was made without the fields ${missing.map((f) => `'${f}'`).join(', ')}; ` +
          `call analyze with fields including 'q', 'k' and 'mask' (or without fields)`,
      );
    }
    const q = head.q.subarray(queryIndex * d, (queryIndex + 1) * d);
    const k = head.k.subarray(keyIndex * d, (keyIndex + 1) * d);
    const masked = head.mask[queryIndex * S + keyIndex] === 1;
    const e = unwrap(core.explainScore(q, k, head.queryFeatures, analysis.scale, masked));
    return {
      head: head.name,
      query: analysis.tokens[queryIndex].text,
      key: analysis.sourceTokens[keyIndex].text,
      ...e,
    };
  }

  // The first call builds the cached weights and compiles the code it runs; pay for it at
  // load time. In a browser only what a first picture needs (self attention's weights and
  // mask) is warmed now; the other fields and the cross path are warmed once the page is idle
  // (a call before then warms them itself). Node warms everything now.
  if (!loadError) {
    analyze({ text: 'The cat sat on the mat.', mode: 'self', fields: ['weights', 'mask'] });
    const warmRest = () => {
      analyze({ text: 'The cat sat on the mat.', mode: 'self' });
      analyze({ text: 'The cat sleeps', source: 'Le chat dort', sourceLang: 'fr', mode: 'cross' });
    };
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(() => {
        try {
          warmRest();
        } catch {
          // the same error reaches the next call, with its message
        }
      });
    } else {
      warmRest();
    }
  }

  return {
    analyze,
    analyzeModes,
    explainScore,
    headNames: () => specs.map((s) => s.name),
    /** -> [{name, description, queryFeatures, valueFeatures, asksFor, minEvidence}], as analyze() labels its heads. */
    headSpecs: () => specs.map(labels),
  };
}
