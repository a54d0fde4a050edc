// api-checkpoint: opens a real GPT-2 or BERT checkpoint (a Hugging Face model.safetensors) in
// the C++ engine (src/io/hub_checkpoint.h through bindings/checkpoint_bindings.cpp):
//   const m = await attn.loadCheckpoint(bytesOrFileOrUrl, { vocab, config, onProgress });
// The file is read in slices (checkpoint-source.js) and each slice goes straight into the
// model's parameters in the wasm heap: the header first (a model too large for the heap is
// refused before any tensor is read), then the tensors in file order. The model is then the
// engine's transformer (api-transformer.js: trainStep, save, dispose) plus tokenize and a run
// that names its tokens, its top-5 predictions and, if asked, one head's step-by-step numbers.
// Every number comes from the core; this file only moves bytes and names tokens.

import { AttentionError, describe, unwrap, wellFormed } from './errors.js';
import { readBytes } from './load-module.js';
import { wrapTransformer } from './api-transformer.js';
import { openSource, WINDOW } from './checkpoint-source.js';

const TOP = 5;

function fail(message) {
  throw new AttentionError(`loadCheckpoint: ${message}`);
}

/** config.json (object) -> the core's overrides and the tokenizer's case. */
function overridesOf(config) {
  if (config === undefined) return { numHeads: 0, layerNormEps: 0 };
  if (config === null || typeof config !== 'object' || Array.isArray(config))
    fail(`config must be the parsed config.json object, got ${describe(config)}`);
  const heads = config.n_head ?? config.num_attention_heads ?? 0;
  const eps = config.layer_norm_epsilon ?? config.layer_norm_eps ?? 0;
  if (!Number.isInteger(heads) || heads < 0)
    fail(`config's head count must be an integer >= 1, got ${describe(heads)}`);
  if (typeof eps !== 'number' || !(eps >= 0))
    fail(`config's layer norm epsilon must be a number > 0, got ${describe(eps)}`);
  return { numHeads: heads, layerNormEps: eps };
}

// An uncased vocabulary has no upper-case letters outside its [SPECIAL] tokens.
function looksCased(vocab) {
  return vocab.split(/\r\n|\r|\n/).some((t) => !/^\[.*\]$/.test(t) && t !== t.toLowerCase());
}

/** Reads the header and the tensors of `source` into a new TransformerHandle. */
async function readModel(core, source, options) {
  const input = await openSource(source);
  const loader = new core.CheckpointLoader();
  const handle = new core.TransformerHandle();
  try {
    const first8 = new Uint8Array(8); // zero-padded: the core names a file shorter than 8 bytes
    first8.set(await input.read(0, Math.min(8, input.size)));
    const headerLength = unwrap(core.checkpointHeaderLength(first8, input.size)).length;
    const dataStart = 8 + headerLength;
    const plan = unwrap(
      loader.open(await input.read(8, headerLength), input.size - dataStart, overridesOf(options.config)),
    );
    const total = plan.tensors.reduce((sum, t) => sum + (t.end - t.begin), 0) || 1;
    let done = 0;
    unwrap(loader.allocate());
    for (const t of plan.tensors) {
      for (let at = 0; at < t.end - t.begin; at += WINDOW) {
        const bytes = await input.read(dataStart + t.begin + at, Math.min(WINDOW, t.end - t.begin - at));
        unwrap(loader.feed(t.index, at, bytes));
        done += bytes.length;
        options.onProgress?.(done / total);
      }
    }
    const config = unwrap(loader.finish(handle));
    return { handle, config, family: plan.family };
  } catch (error) {
    handle.delete();
    throw error instanceof AttentionError ? error : new AttentionError(`loadCheckpoint: ${error.message}`);
  } finally {
    loader.delete();
    await input.close();
  }
}

// One GPT-2 tokenizer per module, built the first time a GPT-2 model is opened.
const gpt2Tokenizers = new WeakMap();
function gpt2Tokenizer(core, baseUrl) {
  if (!gpt2Tokenizers.has(core)) {
    const pending = (async () => {
      const folder = new URL('assets/gpt2/', baseUrl);
      const [encoder, merges] = await Promise.all(
        ['encoder.json', 'vocab.bpe'].map((f) => readBytes(new URL(f, folder))),
      );
      const tokenizer = new core.ModelTokenizer();
      const decode = (bytes) => new TextDecoder().decode(bytes);
      unwrap(tokenizer.loadGpt2(decode(encoder), decode(merges)));
      return tokenizer;
    })();
    pending.catch(() => gpt2Tokenizers.delete(core));
    gpt2Tokenizers.set(core, pending);
  }
  return gpt2Tokenizers.get(core);
}

function bertTokenizer(core, vocab, config) {
  if (vocab === undefined) return null;
  if (typeof vocab !== 'string') fail(`vocab must be the text of vocab.txt, got ${describe(vocab)}`);
  const lowerCase = typeof config?.do_lower_case === 'boolean' ? config.do_lower_case : !looksCased(vocab);
  const tokenizer = new core.ModelTokenizer();
  try {
    unwrap(tokenizer.loadWordPiece(wellFormed(vocab), lowerCase));
  } catch (error) {
    tokenizer.delete();
    throw error;
  }
  return tokenizer;
}

/** The checkpoint model's API over the engine's transformer `base`. */
function checkpointModel(core, { handle, config, family }, base, tokenizer, ownsTokenizer) {
  const bert = family === 'bert';
  const special = (name) => (bert && tokenizer ? tokenizer.idOf(name) : -1);
  const cls = special('[CLS]');
  const sep = special('[SEP]');
  const mask = special('[MASK]');
  const utf8 = new TextDecoder();
  const tokenText = (id) => {
    if (!tokenizer || id >= tokenizer.vocabSize()) return `#${id}`;
    const t = unwrap(tokenizer.token(id));
    return typeof t === 'string' ? t : utf8.decode(t);
  };
  const tokenize = (text) => {
    if (typeof text !== 'string') throw new AttentionError(`tokenize: text must be a string, got ${describe(text)}`);
    if (!tokenizer)
      throw new AttentionError('tokenize: this BERT model was opened without its vocab.txt (options.vocab)');
    const safe = wellFormed(text);
    const { ids, starts, ends } = unwrap(tokenizer.encode(safe));
    const tokens = Array.from(ids, (id, i) => ({
      text: bert ? tokenText(id) : safe.slice(starts[i], ends[i]),
      start: starts[i],
      end: ends[i],
    }));
    if (!bert) return { ids: Int32Array.from(ids), tokens };
    const withSpecials = [cls, ...ids, sep].filter((id) => id >= 0);
    if (cls >= 0) tokens.unshift({ text: '[CLS]', start: 0, end: 0 });
    if (sep >= 0) tokens.push({ text: '[SEP]', start: safe.length, end: safe.length });
    return { ids: Int32Array.from(withSpecials), tokens };
  };
  const top = (position) =>
    unwrap(core.checkpointTopTokens(handle, position, TOP)).map(({ id, probability }) => ({
      token: tokenText(id),
      id,
      probability,
    }));
  const run = (input, options = {}) => {
    if (input === null || typeof input !== 'object')
      throw new AttentionError(`run: expects { text } or { tokenIds }, got ${describe(input)}`);
    let ids;
    let tokens;
    if (typeof input.text === 'string') ({ ids, tokens } = tokenize(input.text));
    else if (input.tokenIds instanceof Int32Array || Array.isArray(input.tokenIds)) {
      ids = Int32Array.from(input.tokenIds);
      tokens = Array.from(ids, (id) => ({ text: tokenText(id), start: 0, end: 0 }));
    } else throw new AttentionError('run: expects { text } or { tokenIds: Int32Array }');
    if (ids.length > config.maxPositions)
      throw new AttentionError(`run: ${ids.length} tokens, more than this model's ${config.maxPositions} positions`);
    const { logits, attention } = base.run({ tokenIds: ids, tokenTypes: input.tokenTypes });
    const result = { tokens, logits, attention };
    if (bert) {
      result.masks = [];
      ids.forEach((id, index) => id === mask && result.masks.push({ index, top: top(index) }));
      result.top = result.masks[0]?.top ?? [];
    } else {
      result.top = top(ids.length - 1);
    }
    if (options.trace) {
      const { layer, head } = options.trace;
      result.trace = unwrap(core.checkpointTraceHead(handle, layer, head));
    }
    return result;
  };
  return Object.freeze({
    family,
    /** { layers, heads, embedDim, vocabSize, maxPositions, mlpDim, typeVocabSize, causal, parameters, ... } */
    config: Object.freeze({ ...config, layers: config.numLayers, heads: config.numHeads, family }),
    tokenize,
    run,
    trainStep: base.trainStep,
    save: base.save,
    dispose() {
      base.dispose();
      if (ownsTokenizer && tokenizer && !tokenizer.isDeleted()) tokenizer.delete();
    },
  });
}

export function checkpointApi(core, context) {
  return {
    /** See README (JS API): a GPT-2 or BERT model.safetensors -> the model, read in slices. */
    async loadCheckpoint(source, options = {}) {
      if (options === null || typeof options !== 'object') fail(`options must be an object, got ${describe(options)}`);
      if (options.onProgress !== undefined && typeof options.onProgress !== 'function')
        fail('onProgress must be a function');
      overridesOf(options.config); // bad options fail before any byte is read
      const opened = await readModel(core, source, options);
      const base = wrapTransformer(opened.handle, opened.config);
      try {
        const tokenizer =
          opened.family === 'gpt2'
            ? await gpt2Tokenizer(core, context.baseUrl)
            : bertTokenizer(core, options.vocab, options.config);
        return checkpointModel(core, opened, base, tokenizer, opened.family === 'bert');
      } catch (error) {
        base.dispose();
        throw error;
      }
    },
  };
}
