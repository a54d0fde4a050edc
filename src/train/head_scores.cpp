// head_scores: see head_scores.h.
#include "train/head_scores.h"

#include <stdexcept>

namespace attn::train {
namespace {

// weights (T, T), queries [from, to), key_of(i) -> mean attention on key_of(i).
template <typename KeyOf>
float mean_on_key(const float* weights, int T, int from, int to, KeyOf key_of) {
  double sum = 0.0;
  for (int i = from; i < to; ++i) sum += weights[static_cast<std::size_t>(i) * T + key_of(i)];
  return to > from ? static_cast<float>(sum / (to - from)) : 0.0f;
}

}  // namespace

float previous_token_score(const float* weights, int T) {
  if (T < 2) throw std::invalid_argument("previous_token_score: need T >= 2");
  return mean_on_key(weights, T, 1, T, [](int i) { return i - 1; });
}

float induction_score(const float* weights, int T, int first, int n) {
  if (n < 1 || first < 0 || first + 2 * n > T)
    throw std::invalid_argument("induction_score: need n >= 1, first >= 0, first + 2n <= T");
  return mean_on_key(weights, T, first + n, first + 2 * n, [n](int i) { return i - n + 1; });
}

std::string head_label(float previous_token, float induction) {
  if (induction >= kHeadLabelThreshold) return "induction";
  if (previous_token >= kHeadLabelThreshold) return "previous-token";
  return "";
}

}  // namespace attn::train
