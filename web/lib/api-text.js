// api-text: from typed text to tokens, positions and French glosses, all computed by the C++
// core (src/text/tokenizer.h, src/attention/positions.h, src/text/lexicon.h). This file checks arguments, encodes
// text to UTF-8 and loads the French lexicon asset once. It does not tokenize or translate
// anything itself.

import { AttentionError, checkNumber, describe, unwrap, wellFormed } from './errors.js';
import { ASSET_FILES } from './assets.js';

const LANGS = ['en', 'fr'];
const POSITION_KINDS = ['sinusoidal', 'none'];
const DEFAULT_MAX_TOKENS = 64;
const MAX_TOKENS_LIMIT = 100000; // kMaxTokensLimit in src/text/tokenizer.h

// TextEncoder turns lone surrogates into U+FFFD (one UTF-16 unit, like the surrogate it
// replaces), so token offsets still index the caller's string. Embind's own string conversion
// would instead merge a lone surrogate with the character after it.
const encoder = new TextEncoder();
// encodeInto a reused buffer: encode() allocates a fresh buffer per call, ~40 ms for 1 MB.
let scratch = new Uint8Array(1 << 14);
function utf8(text) {
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.subarray(0, written);
}

function fail(method, message) {
  throw new AttentionError(`${method}: ${message}`);
}

function checkLang(method, lang, allowed = LANGS) {
  if (!allowed.includes(lang))
    fail(method, `lang must be ${allowed.map((l) => `'${l}'`).join(' or ')}, got ${describe(lang)}`);
  return lang;
}

// A token object from tokenize() or a plain string -> the string the core looks up.
function wordOf(item, i) {
  if (typeof item === 'string') return wellFormed(item);
  if (item && typeof item === 'object' && typeof item.text === 'string') return wordOf(item.text, i);
  return fail('translate', `item ${i} must be a string or a token {text}, got ${describe(item)}`);
}

export async function textApi(core, context) {
  // A missing lexicon must not break tokenize/positions: translate() reports it when called.
  let lexiconError = null;
  let lexiconEntries = 0;
  try {
    lexiconEntries = unwrap(core.textLoadLexicon(await context.readAsset(ASSET_FILES.lexicon))).entries;
  } catch (error) {
    lexiconError = error;
  }

  /**
   * text: string; options.lang: 'en' | 'fr' (default 'en'); options.maxTokens: 1..100000 (default 64)
   * -> {tokens: [{text, lower, start, end, kind}], truncated}
   * start/end are UTF-16 offsets: text.slice(start, end) === token.text (except where the text
   * held a lone surrogate, which the token shows as U+FFFD). kind: 'word' | 'number' | 'punct' |
   * 'symbol' | 'special'.
   */
  function tokenize(text, options = {}) {
    if (typeof text !== 'string') fail('tokenize', `text must be a string, got ${describe(text)}`);
    if (options === null || typeof options !== 'object')
      fail('tokenize', `options must be an object like {lang, maxTokens}, got ${describe(options)}`);
    const lang = checkLang('tokenize', options.lang ?? 'en');
    const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
    if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > MAX_TOKENS_LIMIT) {
      fail('tokenize', `maxTokens must be an integer from 1 to ${MAX_TOKENS_LIMIT}, got ${describe(maxTokens)}`);
    }
    return tokenizePrefix(text, lang, maxTokens);
  }

  // The core stops scanning after maxTokens, but encoding and copying 1 MB still costs
  // milliseconds. So hand over a prefix first, and a longer one (up to the whole text) only when the
  // prefix did not already prove truncation. A truncated result from a prefix equals the
  // full-text result when its last token ends a few code units before the cut: the tokenizer
  // looks at most 2 code points past a token's end (e.g. '-' then a letter) to decide where it
  // ends, and whether another token starts depends on single characters only.
  function tokenizePrefix(text, lang, maxTokens) {
    let length = Math.min(text.length, Math.max(4096, maxTokens * 32));
    for (;;) {
      const whole = length >= text.length;
      const result = unwrap(core.textTokenize(utf8(whole ? text : text.slice(0, length)), lang, maxTokens));
      if (whole) return result;
      const last = result.tokens[result.tokens.length - 1];
      if (result.truncated && last && last.end + 8 <= length) return result;
      length = Math.min(text.length, length * 8);
    }
  }

  /**
   * n: number of positions (>= 0), dim: width (>= 1, may be odd), kind: 'sinusoidal' | 'none'
   * -> {data: Float32Array (n * dim, row-major: position p is data.subarray(p * dim, (p + 1) * dim)), n, dim}
   */
  function positions(n, dim, kind = 'sinusoidal') {
    checkNumber('positions: n', n, { min: 0, integer: true });
    checkNumber('positions: dim', dim, { min: 1, integer: true });
    if (!POSITION_KINDS.includes(kind)) fail('positions', `kind must be 'sinusoidal' or 'none', got ${describe(kind)}`);
    return unwrap(core.textPositions(n, dim, kind));
  }

  /**
   * items: (token | string)[] of a French sentence, lang: 'fr'
   * -> [{gloss, tag, known}] one per item: gloss = English lemma (the lookup form itself when
   * unknown), tag = Universal POS (PUNCT/SYM/NUM pass through, X for unknown words), known = false
   * for words missing from the lexicon.
   */
  function translate(items, lang = 'fr') {
    if (!Array.isArray(items)) fail('translate', `items must be an array of tokens or strings, got ${describe(items)}`);
    checkLang('translate', lang, ['fr']);
    if (items.length > MAX_TOKENS_LIMIT) fail('translate', `at most ${MAX_TOKENS_LIMIT} items, got ${items.length}`);
    const words = items.map(wordOf);
    if (lexiconError) fail('translate', `the French lexicon could not be loaded: ${lexiconError.message}`);
    return unwrap(core.textTranslate(words, lang));
  }

  /** -> {entries} of the loaded French lexicon (0 if it failed to load) */
  const lexiconInfo = () => ({ entries: lexiconEntries });

  return { tokenize, positions, translate, lexiconInfo };
}
