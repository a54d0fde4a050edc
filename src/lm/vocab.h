// vocab: the learned models' word vocabulary and their token-id files. Words are the project
// tokenizer's lookup forms (lower-cased, text/tokenizer.h); ids 0..2 are special:
//   0 <unk> (any word outside the vocabulary), 1 [MASK], 2 </s> (sentence boundary: one before
//   every sentence of the corpus and before the text a person types).
// Token-id files (.ids) are "ATTNIDS1", a little-endian uint32 count, then count uint16 ids.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace attn::lm {

inline constexpr int kUnk = 0, kMask = 1, kBoundary = 2, kFirstWord = 3;

class Vocab {
 public:
  // words in id order, the three specials first; throws std::invalid_argument on a duplicate,
  // more than 65,535 words, or specials out of place.
  explicit Vocab(std::vector<std::string> words);
  int size() const { return static_cast<int>(words_.size()); }
  const std::string& word(int id) const { return words_.at(id); }
  int id(const std::string& lookup_form) const;  // kUnk when absent
  const std::vector<std::string>& words() const { return words_; }

 private:
  std::vector<std::string> words_;
  std::unordered_map<std::string, int> ids_;
};

// (word, count) pairs -> the specials plus the size - 3 most frequent words, ties broken by
// the word's bytes (so the choice does not depend on hash order).
Vocab most_frequent(std::vector<std::pair<std::string, long>> counts, int size);

// One word per line, in id order. Throw std::runtime_error naming the path on I/O errors.
void write_vocab(const std::string& path, const Vocab& vocab);
Vocab read_vocab(const std::string& path);
void write_ids(const std::string& path, const std::vector<int>& ids);
std::vector<int> read_ids(const std::string& path);

}  // namespace attn::lm
