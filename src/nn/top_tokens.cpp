// top_tokens: see top_tokens.h. Pass 1: max for stability; pass 2: the sum of exponentials in
// double; then a partial sort of the ids by logit (the softmax keeps the order).
#include "nn/top_tokens.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attn::nn {

std::vector<TokenProbability> top_tokens(const float* logits, int V, int k) {
  k = std::max(0, std::min(k, V));
  if (k == 0) return {};
  const float max = *std::max_element(logits, logits + V);
  double sum = 0.0;
  for (int i = 0; i < V; ++i) sum += std::exp(static_cast<double>(logits[i]) - max);
  std::vector<int> ids(static_cast<std::size_t>(V));
  std::iota(ids.begin(), ids.end(), 0);
  std::partial_sort(ids.begin(), ids.begin() + k, ids.end(), [&](int a, int b) {
    return logits[a] != logits[b] ? logits[a] > logits[b] : a < b;
  });
  std::vector<TokenProbability> out;
  for (int i = 0; i < k; ++i)
    out.push_back(
        {ids[i], static_cast<float>(std::exp(static_cast<double>(logits[ids[i]]) - max) / sum)});
  return out;
}

}  // namespace attn::nn
