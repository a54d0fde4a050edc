// The Kneser-Ney trigram baseline (src/lm/ngram.h): a value worked out by hand from the
// formulas, every distribution summing to 1 (seen and unseen contexts), and the gap filler.
#include "lm/ngram.h"

#include <catch.hpp>
#include <cmath>
#include <vector>

TEST_CASE("ngram: P(4 | 2 3) matches the hand-worked interpolated Kneser-Ney value", "[lm]") {
  // Trigrams of 2 3 4 2 3 5 2 3 4: (2 3 4) twice, (3 4 2) (4 2 3) (2 3 5) (3 5 2) (5 2 3) once:
  // D3 = 5 / (5 + 2·1). Continuation counts N1+(· v w): (2 3) 2, the other four 1: D2 = 4 / 6.
  // N1+(· w) over ids 0..5: 0 0 2 1 1 1: D1 = 3 / 5, N1+(··) = 5, 4 words seen.
  // P1(4) = (1 - .6)/5 + .6·4/5/6 = 0.16; P2(4|3) = (1 - 2/3)/2 + (2/3)(2/2)(0.16) = 0.27333;
  // P3(4|2 3) = (2 - 5/7)/3 + (5/7)(2/3)(0.27333) = 0.55873.
  const attn::lm::KneserNeyTrigram kn({2, 3, 4, 2, 3, 5, 2, 3, 4}, 6);
  CHECK(kn.discount(3) == Approx(5.0 / 7.0));
  CHECK(kn.discount(2) == Approx(2.0 / 3.0));
  CHECK(kn.discount(1) == Approx(0.6));
  CHECK(kn.prob(2, 3, 4) == Approx(0.558730).epsilon(1e-5));
}

TEST_CASE("ngram: every context's distribution sums to 1", "[lm]") {
  std::vector<int> stream;
  for (int i = 0; i < 500; ++i) stream.push_back((i * 7 + i / 13) % 17 + (i % 5 == 0 ? 3 : 0));
  const attn::lm::KneserNeyTrigram kn(stream, 23);
  for (auto [u, v] : std::vector<std::pair<int, int>>{{0, 0}, {7, 14}, {3, 5}, {22, 1}, {2, 9}}) {
    double sum = 0;
    for (int w = 0; w < 23; ++w) {
      CHECK(kn.prob(u, v, w) > 0);
      sum += kn.prob(u, v, w);
    }
    CHECK(sum == Approx(1.0).epsilon(1e-9));
  }
  CHECK(std::isfinite(kn.perplexity({5, 6, 7, 0, 22})));
}

TEST_CASE("ngram: the gap filler uses both sides and rejects bad input", "[lm]") {
  // "3 4 5" and "3 6 7" both follow 3: only the right side tells 4 from 6.
  std::vector<int> train;
  for (int i = 0; i < 20; ++i) train.insert(train.end(), {3, 4, 5, 8, 3, 6, 7, 8});
  const attn::lm::KneserNeyTrigram kn(train, 10);
  CHECK(kn.fill_gap({8, 3, 0, 5, 8}, 2, 3) == 4);
  CHECK(kn.fill_gap({8, 3, 0, 7, 8}, 2, 3) == 6);
  CHECK(kn.perplexity(train) < 2.0);
  CHECK_THROWS_AS(attn::lm::KneserNeyTrigram({1, 2, 10}, 10), std::invalid_argument);
}
