// word_vectors: the committed GloVe word-vector asset (src/data/vectors.bin) in memory:
// lookup by lower-cased word, deterministic vectors for unknown words, top-k nearest words
// by cosine over the whole vocabulary, and a sentiment axis derived from the vectors.
//
// Every vector this API returns or accepts has kDim = 100 components (GloVe 6B 100-d).
// The asset stores them rotated and scalar-quantized (see src/tools/make_vectors.cpp and
// src/data/README.md), so a known word's vector equals the source vector up to that
// quantization error. This file does not tokenize (see tokenizer.h) and does no I/O: the
// caller hands over the asset's bytes once (a file in native tools/tests, a fetched asset
// in the page).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

class WordVectors {
 public:
  static constexpr std::size_t kDim = 100;

  struct Lookup {
    std::vector<float> vector;  // (kDim)
    bool known = false;         // false: a hashed character n-gram vector, not from GloVe
  };

  struct Neighbour {
    std::string word;
    float similarity = 0.0f;  // cosine in [-1, 1]
  };

  // Parses and validates the asset bytes (copied). Throws std::invalid_argument naming what
  // is wrong (magic, version, sizes, truncation, checksum) for a corrupted or truncated asset.
  explicit WordVectors(std::span<const std::uint8_t> asset);

  // Reads a file and constructs from its bytes (native tools and tests).
  static WordVectors from_file(const std::string& path);

  std::size_t size() const { return word_ends_.size(); }  // vocabulary size V
  std::string_view word(std::size_t index) const;         // index < size(), else throws

  // word: any UTF-8 string; looked up lower-cased (ASCII and Latin-1 letters), with the
  // documented fallbacks (aliases for words GloVe's package lacks, numerals, a trailing
  // period) -> (kDim) vector and known flag. Unknown words get a deterministic vector from
  // hashed character 3..5-grams with the vocabulary's typical norm.
  Lookup lookup(std::string_view word) const;

  // The keys lookup() tries, in order: the lower-cased word, then its fallbacks (alias of a
  // word the package lacks, e.g. "a" -> "an", "n't" -> "not"; numerals -> number words;
  // trailing periods stripped). Shared with the generator's coverage count.
  static std::vector<std::string> lookup_keys(std::string_view word);

  // index < size() -> out: (kDim) decoded vector of that vocabulary word.
  void vector_of(std::size_t index, float* out) const;

  // query: (kDim), k >= 0 -> up to k words, highest cosine first (ties: lower index first).
  // A zero or non-finite query throws std::invalid_argument.
  std::vector<Neighbour> nearest(std::span<const float> query, std::size_t k) const;

  // Sentiment axis: unit vector along mean(positive seeds) - mean(negative seeds) over the
  // normalized seed vectors (seeds in word_vectors.cpp: good, happy, ... vs bad, sad, ...).
  // sentiment(v) = cos(v, axis) - offset, where offset centres the two seed groups on 0:
  // > 0 leans positive, < 0 negative, roughly within [-1, 1].
  float sentiment(std::span<const float> vector) const;  // vector: (kDim)
  float sentiment(std::string_view word) const;          // = sentiment(lookup(word).vector)
  const std::vector<float>& sentiment_axis() const { return axis_; }  // (kDim)

 private:
  long find_index(std::string_view lower) const;                // -1 when absent
  std::string_view word_at(std::size_t index) const noexcept {  // word(), unchecked
    const std::size_t start = index == 0 ? 0 : word_ends_[index - 1];
    return std::string_view(words_).substr(start, word_ends_[index] - start);
  }
  void init_sentiment();

  // Vectors are stored rotated onto their principal axes (rotation_, orthogonal, so cosines
  // are unchanged) and rounded to a per-tier, per-axis step: x = rotation^T (codes * step).
  // Frequent words (index < tier1_) keep int8 codes, the rest 4-bit codes, two per byte.
  // Tier-1 row: kDim int8 codes padded to a multiple of 16.
  static constexpr std::size_t kRow8 = 112;
  // Tier-2 row: byte j = code of axis j (low nibble) and of axis j + 64 (high), each stored + 8;
  // padding 8 (= 0).
  static constexpr std::size_t kRow4 = 64;
  // index < size() -> out: (kDim) rotated coefficients codes * step (vector_of before rotating).
  void coefficients_of(std::size_t index, float* out) const;

  std::vector<float> rotation_;       // (kDim, kDim) row r = principal axis r
  std::vector<float> steps_;          // (2, kDim) step of each axis in tier 1, then tier 2
  std::size_t tier1_ = 0;             // words [0, tier1_) are tier 1
  std::vector<std::int8_t> codes1_;   // (tier1_, kRow8) rotated coefficients / step, zero padded
  std::vector<std::uint8_t> codes2_;  // (V - tier1_, kRow4) packed 4-bit codes
  std::vector<float> inv_norms_;      // (V) 1 / |decoded vector|
  // All V words in GloVe frequency order, back to back (one block, not V small strings:
  // about 0.8 MB of heap instead of 2 MB); word i is words_[word_ends_[i-1], word_ends_[i]).
  std::string words_;
  std::vector<std::uint32_t> word_ends_;  // (V)
  std::vector<std::uint32_t> slots_;  // hash table: word index + 1, 0 = empty (size a power of 2)
  float typical_norm_ = 1.0f;
  std::vector<float> axis_;  // (kDim)
  float sentiment_offset_ = 0.0f;
};

}  // namespace attn
