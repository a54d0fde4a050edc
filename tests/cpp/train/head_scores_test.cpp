// Head scores (src/train/head_scores.h): 1 on a synthetic perfect head, ~0 on a uniform causal
// head, and each score blind to the other's pattern.
#include "train/head_scores.h"

#include <catch.hpp>
#include <vector>

namespace {

using Weights = std::vector<float>;

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

TEST_CASE("head scores: a previous-token head scores 1, uniform 0", "[train][heads]") {
  for (int T : {2, 3, 17, 24}) {
    const Weights prev = one_hot(T, [](int i) { return i - 1; });
    CHECK(attn::train::previous_token_score(prev.data(), T) == Approx(1.0f).margin(1e-6));
    CHECK(attn::train::previous_token_score(uniform_causal(T).data(), T) ==
          Approx(0.0f).margin(1e-6));
    // Attending to itself is below uniform on the previous token.
    const Weights self = one_hot(T, [](int i) { return i; });
    CHECK(attn::train::previous_token_score(self.data(), T) < 0.0f);
  }
  CHECK_THROWS_AS(attn::train::previous_token_score(nullptr, 1), std::invalid_argument);
}

TEST_CASE("head scores: an induction head scores 1, uniform and previous-token ~0",
          "[train][heads]") {
  for (int n : {3, 5, 12}) {
    const int T = 2 * n;
    // In the repeat, query i attends to the token after its previous occurrence (i - n + 1);
    // in the first half, anywhere (here: itself).
    const Weights induction = one_hot(T, [n](int i) { return i >= n ? i - n + 1 : i; });
    CHECK(attn::train::induction_score(induction.data(), n) == Approx(1.0f).margin(1e-6));
    CHECK(attn::train::induction_score(uniform_causal(T).data(), n) == Approx(0.0f).margin(1e-6));
    const Weights prev = one_hot(T, [](int i) { return i - 1; });
    CHECK(attn::train::induction_score(prev.data(), n) < 0.0f);
    CHECK(attn::train::head_label(1.0f, 1.0f) == "induction");
  }
  CHECK(attn::train::head_label(0.9f, 0.1f) == "previous-token");
  CHECK(attn::train::head_label(0.2f, 0.1f) == "");
}
