// top_tokens: the k most probable tokens at one position of a model's logits (softmax over the
// vocabulary), for the "next token" (GPT-2) and "fill [MASK]" (BERT) lists.
#pragma once

#include <vector>

namespace attn::nn {

struct TokenProbability {
  int id;
  float probability;
};

// logits (V) -> the k (<= V) largest softmax probabilities, most probable first; ties by id.
std::vector<TokenProbability> top_tokens(const float* logits, int V, int k);

}  // namespace attn::nn
