// head_scores: see head_scores.h.
#include "train/head_scores.h"

#include <stdexcept>

namespace attn::train {
namespace {

// weights (T, T), queries [from, to), key_of(i) -> mean normalized attention on key_of(i).
template <typename KeyOf>
float mean_above_uniform(const float* weights, int T, int from, int to, KeyOf key_of) {
  double sum = 0.0;
  int count = 0;
  for (int i = from; i < to; ++i) {
    const double u = 1.0 / (i + 1);  // query i sees keys 0..i
    if (i == 0) continue;
    sum += (weights[static_cast<std::size_t>(i) * T + key_of(i)] - u) / (1.0 - u);
    ++count;
  }
  return count ? static_cast<float>(sum / count) : 0.0f;
}

}  // namespace

float previous_token_score(const float* weights, int T) {
  if (T < 2) throw std::invalid_argument("previous_token_score: need T >= 2");
  return mean_above_uniform(weights, T, 1, T, [](int i) { return i - 1; });
}

float induction_score(const float* weights, int n) {
  if (n < 1) throw std::invalid_argument("induction_score: need n >= 1");
  return mean_above_uniform(weights, 2 * n, n, 2 * n, [n](int i) { return i - n + 1; });
}

std::string head_label(float previous_token, float induction) {
  if (induction >= kHeadLabelThreshold) return "induction";
  if (previous_token >= kHeadLabelThreshold) return "previous-token";
  return "";
}

}  // namespace attn::train
