// vectors_bindings: word vectors (src/text/word_vectors.h) and the part-of-speech tagger
// (src/text/tagger.h), registered for JS. Conversions only. Both assets are handed over once per
// module instance (vectorsLoad, taggerLoad) and kept here; every later call reads them.
#include <emscripten/bind.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "convert.h"
#include "shared_assets.h"
#include "text/tagger.h"
#include "text/word_vectors.h"

namespace attn::wasm {

std::unique_ptr<WordVectors>& shared_word_vectors() {
  static std::unique_ptr<WordVectors> vectors;
  return vectors;
}

std::unique_ptr<Tagger>& shared_tagger() {
  static std::unique_ptr<Tagger> tagger;
  return tagger;
}

namespace {

std::unique_ptr<WordVectors>& word_vectors() { return shared_word_vectors(); }
std::unique_ptr<Tagger>& pos_tagger() { return shared_tagger(); }

const WordVectors& loaded_vectors() {
  if (!word_vectors())
    throw std::invalid_argument("word vectors are not loaded (vectorsLoad first)");
  return *word_vectors();
}

std::vector<std::uint8_t> bytes_of(const emscripten::val& array) {
  return emscripten::convertJSArrayToNumberVector<std::uint8_t>(array);
}

// bytes: Uint8Array of vectors.bin -> {vocabSize, dim}
emscripten::val vectors_load_js(const emscripten::val& bytes) {
  return guarded([&] {
    if (!word_vectors()) word_vectors() = std::make_unique<WordVectors>(bytes_of(bytes));
    emscripten::val out = emscripten::val::object();
    out.set("vocabSize", static_cast<double>(word_vectors()->size()));
    out.set("dim", static_cast<double>(WordVectors::kDim));
    return out;
  });
}

// bytes: Uint8Array of tagger.bin -> {features}
emscripten::val tagger_load_js(const emscripten::val& bytes) {
  return guarded([&] {
    if (!pos_tagger()) pos_tagger() = std::make_unique<Tagger>(bytes_of(bytes));
    emscripten::val out = emscripten::val::object();
    out.set("features", static_cast<double>(pos_tagger()->feature_count()));
    return out;
  });
}

// words: (n) strings ->
//   {vectors: Float32Array (n * 100), known: bool[n], sentiment: Float32Array (n)}
emscripten::val embed_js(const emscripten::val& words_js) {
  return guarded([&] {
    const WordVectors& wv = loaded_vectors();
    const std::vector<std::string> words = emscripten::vecFromJSArray<std::string>(words_js);
    std::vector<float> vectors(words.size() * WordVectors::kDim), sentiment(words.size());
    emscripten::val known = emscripten::val::array();
    for (std::size_t i = 0; i < words.size(); ++i) {
      const WordVectors::Lookup found = wv.lookup(words[i]);
      std::copy(found.vector.begin(), found.vector.end(), vectors.begin() + i * WordVectors::kDim);
      sentiment[i] = wv.sentiment(found.vector);
      known.set(i, found.known);
    }
    emscripten::val out = emscripten::val::object();
    out.set("vectors", to_float32_array(vectors.data(), vectors.size()));
    out.set("known", known);
    out.set("sentiment", to_float32_array(sentiment.data(), sentiment.size()));
    return out;
  });
}

// vector: (100) numbers, k -> {neighbours: [{word, similarity}]}
emscripten::val nearest_words_js(const emscripten::val& vector, double k) {
  return guarded([&] {
    if (!(k >= 0 && k <= 1000) || k != static_cast<double>(static_cast<int>(k))) {
      throw std::invalid_argument("k must be an integer between 0 and 1000");
    }
    const std::vector<float> query = to_floats(vector);
    emscripten::val list = emscripten::val::array();
    const std::vector<WordVectors::Neighbour> found =
        loaded_vectors().nearest(query, static_cast<std::size_t>(k));
    for (std::size_t i = 0; i < found.size(); ++i) {
      emscripten::val item = emscripten::val::object();
      item.set("word", found[i].word);
      item.set("similarity", found[i].similarity);
      list.set(i, item);
    }
    emscripten::val out = emscripten::val::object();
    out.set("neighbours", list);
    return out;
  });
}

// words: (n) surface strings -> {tags: string[n]}
emscripten::val tag_js(const emscripten::val& words_js) {
  return guarded([&] {
    if (!pos_tagger()) throw std::invalid_argument("tagger is not loaded (taggerLoad first)");
    const std::vector<std::string> words = emscripten::vecFromJSArray<std::string>(words_js);
    emscripten::val tags = emscripten::val::array();
    const std::vector<std::size_t> indices = pos_tagger()->tag_indices(words);
    for (std::size_t i = 0; i < indices.size(); ++i)
      tags.set(i, std::string(kUniversalTags[indices[i]]));
    emscripten::val out = emscripten::val::object();
    out.set("tags", tags);
    return out;
  });
}

}  // namespace
}  // namespace attn::wasm

EMSCRIPTEN_BINDINGS(attn_vectors) {
  emscripten::function("vectorsLoad", &attn::wasm::vectors_load_js);
  emscripten::function("taggerLoad", &attn::wasm::tagger_load_js);
  emscripten::function("vectorsEmbed", &attn::wasm::embed_js);
  emscripten::function("vectorsNearest", &attn::wasm::nearest_words_js);
  emscripten::function("taggerTag", &attn::wasm::tag_js);
}
