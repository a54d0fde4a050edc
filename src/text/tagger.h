// tagger: a greedy averaged-perceptron part-of-speech tagger (after Honnibal's "A good POS
// tagger in about 200 lines of Python") over the Universal tagset, loaded from the committed
// model asset src/data/tagger.bin trained by src/tools/train_tagger.cpp on the Brown corpus.
//
// This file is inference only: feature extraction (shared with the trainer, so both agree
// bit for bit), the model loader with header/checksum validation, and greedy decoding.
// Training lives in the tool. Words arrive already tokenized (tokenizer.h), surface form
// with its case (capitals are evidence for PROPN).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

// The Universal part-of-speech tags this tagger predicts (a subset of UD's 17: no INTJ).
inline constexpr std::array<std::string_view, 16> kUniversalTags = {
    "NOUN", "PROPN", "VERB",  "AUX", "ADJ",  "ADV",   "PRON", "DET",
    "ADP",  "CCONJ", "SCONJ", "NUM", "PART", "PUNCT", "SYM",  "X"};
inline constexpr std::size_t kTagCount = kUniversalTags.size();

// Feature hashes of word i in context: words (n) surface forms, prev/prev2 = the tags
// already predicted for words i-1 and i-2 (kTagCount stands for "before the sentence").
// Appends 32-bit hashes to out. Shared by the trainer and the tagger.
void tagger_features(std::span<const std::string> words, std::size_t i, std::size_t prev,
                     std::size_t prev2, std::vector<std::uint32_t>& out);

// The normalized form used by the word features: lower-cased, digits -> shape classes.
std::string tagger_normalize(std::string_view word);

class Tagger {
 public:
  // Parses and validates the model bytes (copied). Throws std::invalid_argument naming what
  // is wrong (magic, version, sizes, truncation, checksum) on a corrupted or truncated asset.
  explicit Tagger(std::span<const std::uint8_t> asset);
  static Tagger from_file(const std::string& path);

  // words: (n) surface forms -> (n) tag indices into kUniversalTags. n = 0 gives {}.
  std::vector<std::size_t> tag_indices(std::span<const std::string> words) const;
  // words: (n) -> (n) tag names ("NOUN", ...).
  std::vector<std::string> tag(std::span<const std::string> words) const;

  std::size_t feature_count() const { return hashes_.size(); }

 private:
  // Adds the weights of feature hash h into scores (kTagCount); absent features add nothing.
  void add_weights(std::uint32_t h, float* scores) const;

  std::vector<std::uint32_t> hashes_;   // (F) sorted feature hashes
  std::vector<std::uint32_t> offsets_;  // (F + 1) ranges into classes_ / weights_
  std::vector<std::uint8_t> classes_;   // per nonzero weight: tag index
  std::vector<float> weights_;          // per nonzero weight: dequantized weight
};

}  // namespace attn
