// api-vectors: GloVe word vectors, nearest words, a sentiment axis and part-of-speech tags,
// all computed by the C++ core (src/text/word_vectors.h, src/text/tagger.h). This file loads the two
// assets once (vectors.bin, tagger.bin), checks arguments and turns tokens into strings.
// It does not look anything up or tag anything itself.

import { AttentionError, checkNumber, describe, unwrap, wellFormed } from './errors.js';
import { ASSET_FILES } from './assets.js';

const DIM = 100;

function fail(method, message) {
  throw new AttentionError(`${method}: ${message}`);
}

// tokens: array of strings or of tokens {text, lower} (from tokenize) -> strings.
// field 'lower' for lookups (falls back to text), 'text' for tagging (case matters).
function wordsOf(method, tokens, field) {
  if (!Array.isArray(tokens))
    fail(method, `tokens must be an array of strings or tokens {text}, got ${describe(tokens)}`);
  return tokens.map((item, i) => {
    if (typeof item === 'string') return wellFormed(item);
    if (item && typeof item === 'object' && typeof item.text === 'string') {
      return wellFormed(field === 'lower' && typeof item.lower === 'string' ? item.lower : item.text);
    }
    return fail(method, `item ${i} must be a string or a token {text}, got ${describe(item)}`);
  });
}

export async function vectorsApi(core, context) {
  const [vectorBytes, taggerBytes] = await Promise.all([
    context.readAsset(ASSET_FILES.vectors),
    context.readAsset(ASSET_FILES.tagger),
  ]);
  const { vocabSize } = unwrap(core.vectorsLoad(vectorBytes));
  unwrap(core.taggerLoad(taggerBytes));

  return {
    /**
     * tokens: (n) strings or tokens -> {vectors: Float32Array (n*100) row-major, dim: 100,
     * known: boolean[n] (false: hashed character n-gram vector), sentiment: Float32Array (n)}
     */
    embed(tokens) {
      const result = unwrap(core.vectorsEmbed(wordsOf('embed', tokens, 'lower')));
      return { vectors: result.vectors, dim: DIM, known: result.known, sentiment: result.sentiment };
    },
    /** tokens: (n) strings or tokens (surface case matters) -> (n) Universal tags ('NOUN', 'VERB', ...) */
    tag: (tokens) => unwrap(core.taggerTag(wordsOf('tag', tokens, 'text'))).tags,
    /** vector: (100) numbers, k = 5 -> [{word, similarity}] top-k by cosine over the vocabulary, best first */
    nearestWords(vector, k = 5) {
      checkNumber('nearestWords: k', k, { min: 0, integer: true });
      if (!(Array.isArray(vector) || ArrayBuffer.isView(vector)) || vector.length !== DIM) {
        fail('nearestWords', `vector must have ${DIM} numbers, got ${describe(vector)}`);
      }
      // A compact copy: a subarray of a larger buffer crosses the boundary ~10x slower.
      return unwrap(core.vectorsNearest(Float32Array.from(vector), k)).neighbours;
    },
    /** -> {vocabSize, dim: 100} of the loaded word-vector asset */
    vectorsInfo: () => ({ vocabSize, dim: DIM }),
  };
}
