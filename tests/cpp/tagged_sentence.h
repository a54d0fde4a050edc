// tagged_sentence: "The/DET cat/NOUN sat/VERB" -> FeatureTokens (lower-cased word + tag), for
// the tests that run the chunker, the features and the heads without the tagger or the vectors.
// Each test chooses the word vectors: vector_of(lower, index) -> (kWordDim) floats.
#pragma once

#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include "heads/token_features.h"

namespace attn::test {

template <typename VectorOf>
std::vector<FeatureToken> tagged_sentence(const std::string& line, VectorOf vector_of) {
  std::istringstream in(line);
  std::vector<FeatureToken> out;
  std::string item;
  while (in >> item) {
    const std::size_t slash = item.rfind('/');
    FeatureToken t;
    t.lower = item.substr(0, slash);
    for (char& ch : t.lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    t.tag = item.substr(slash + 1);
    t.vector = vector_of(t.lower, out.size());
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace attn::test
