// Head scores (src/train/head_scores.h): 1 on a synthetic perfect head, the mean of 1 / (keys
// seen) on a uniform causal head, and each score blind to the other's pattern.
#include "train/head_scores.h"

#include <catch.hpp>
#include <vector>

namespace {

using Weights = std::vector<float>;

// What a uniform causal head scores: the mean over queries [from, to) of 1 / (i + 1).
double uniform_mean(int from, int to) {
  double sum = 0.0;
  for (int i = from; i < to; ++i) sum += 1.0 / (i + 1);
  return sum / (to - from);
}

Weights uniform_causal(int T) {
  Weights w(static_cast<std::size_t>(T) * T, 0.0f);
  for (int i = 0; i < T; ++i)
    for (int j = 0; j <= i; ++j) w[static_cast<std::size_t>(i) * T + j] = 1.0f / (i + 1);
  return w;
}

// Each query i puts all its attention on key_of(i) (itself at query 0).
template <typename KeyOf>
Weights one_hot(int T, KeyOf key_of) {
  Weights w(static_cast<std::size_t>(T) * T, 0.0f);
  for (int i = 0; i < T; ++i) w[static_cast<std::size_t>(i) * T + (i == 0 ? 0 : key_of(i))] = 1.0f;
  return w;
}

}  // namespace

TEST_CASE("head scores: a previous-token head scores 1, uniform its mean share, self 0",
          "[train][heads]") {
  for (int T : {2, 3, 17, 24}) {
    const Weights prev = one_hot(T, [](int i) { return i - 1; });
    CHECK(attn::train::previous_token_score(prev.data(), T) == Approx(1.0f).margin(1e-6));
    CHECK(attn::train::previous_token_score(uniform_causal(T).data(), T) ==
          Approx(uniform_mean(1, T)).margin(1e-6));
    const Weights self = one_hot(T, [](int i) { return i; });
    CHECK(attn::train::previous_token_score(self.data(), T) == 0.0f);
  }
  // A uniform head on a probe-sized sequence stays well below the label threshold.
  CHECK(attn::train::previous_token_score(uniform_causal(20).data(), 20) <
        attn::train::kHeadLabelThreshold / 2);
  CHECK_THROWS_AS(attn::train::previous_token_score(nullptr, 1), std::invalid_argument);
  CHECK_THROWS_AS(attn::train::induction_score(nullptr, 5, 0, 3), std::invalid_argument);
}

TEST_CASE("head scores: an induction head scores 1, uniform its mean share, previous-token 0",
          "[train][heads]") {
  for (int n : {3, 5, 12})
    for (int first : {0, 1, 7}) {
      const int T = first + 2 * n + 1;  // one token after the repeat too
      // In the repeat, query i attends to the token after its previous occurrence (i - n + 1);
      // elsewhere, anywhere (here: itself).
      const Weights induction = one_hot(
          T, [n, first](int i) { return i >= first + n && i < first + 2 * n ? i - n + 1 : i; });
      CHECK(attn::train::induction_score(induction.data(), T, first, n) ==
            Approx(1.0f).margin(1e-6));
      CHECK(attn::train::induction_score(uniform_causal(T).data(), T, first, n) ==
            Approx(uniform_mean(first + n, first + 2 * n)).margin(1e-6));
      const Weights prev = one_hot(T, [](int i) { return i - 1; });
      CHECK(attn::train::induction_score(prev.data(), T, first, n) == 0.0f);
      // A head that looks at the context's first token scores nothing once the repeat is
      // after a prefix.
      if (first > 0)
        CHECK(attn::train::induction_score(one_hot(T, [](int) { return 0; }).data(), T, first, n) ==
              0.0f);
    }
  CHECK(attn::train::head_label(1.0f, 1.0f) == "induction");
  CHECK(attn::train::head_label(0.9f, 0.1f) == "previous-token");
  CHECK(attn::train::head_label(0.2f, 0.1f) == "");
}
