// softmax_row against the double-precision reference, and its masked-row contract.
#include "attention/softmax.h"

#include <catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace {
constexpr float kInf = std::numeric_limits<float>::infinity();
}

TEST_CASE("softmax_row: hand-computed three scores", "[softmax]") {
  const float x[3] = {1.0f, 2.0f, 3.0f};
  float y[3];
  REQUIRE(attn::softmax_row(x, y, 3));
  // e^-2, e^-1, 1 over their sum 1.503214724
  CHECK(y[0] == Approx(0.090030573).epsilon(1e-6));
  CHECK(y[1] == Approx(0.244728471).epsilon(1e-6));
  CHECK(y[2] == Approx(0.665240956).epsilon(1e-6));
}

TEST_CASE("softmax_row: matches the double reference and is shift invariant", "[softmax]") {
  for (std::size_t n : {1u, 2u, 3u, 5u, 17u, 63u, 64u, 65u}) {
    std::vector<float> x(n), y(n), y_shifted(n), x_shifted(n);
    std::vector<double> xd(n), yd(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = std::sin(0.7f * static_cast<float>(i)) * 6.0f;
      x_shifted[i] = x[i] + 40.0f;
      xd[i] = x[i];
    }
    attn::softmax_row(x.data(), y.data(), n);
    attn::softmax_row(x_shifted.data(), y_shifted.data(), n);
    attn::softmax_row_reference(xd.data(), yd.data(), n);
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      CHECK(std::abs(y[i] - yd[i]) < 1e-6);
      CHECK(std::abs(y[i] - y_shifted[i]) < 1e-5);
      sum += y[i];
    }
    CHECK(sum == Approx(1.0).epsilon(1e-6));
  }
}

TEST_CASE("softmax_row: masked entries get zero, a fully masked row is all zeros", "[softmax]") {
  const float partly[4] = {0.5f, -kInf, 0.5f, -kInf};
  float y[4];
  REQUIRE(attn::softmax_row(partly, y, 4));
  CHECK(y[0] == Approx(0.5));
  CHECK(y[1] == 0.0f);
  CHECK(y[3] == 0.0f);

  const float all_masked[3] = {-kInf, -kInf, -kInf};
  float z[3] = {7, 7, 7};
  CHECK_FALSE(attn::softmax_row(all_masked, z, 3));
  for (float v : z) CHECK(v == 0.0f);
}

TEST_CASE("softmax_row: NaN and +inf are rejected with a message", "[softmax]") {
  const float bad[2] = {std::numeric_limits<float>::quiet_NaN(), 1.0f};
  float y[2];
  CHECK_THROWS_WITH(attn::softmax_row(bad, y, 2), Catch::Contains("score 0 is not finite"));
  const float pos_inf[2] = {1.0f, kInf};
  CHECK_THROWS_AS(attn::softmax_row(pos_inf, y, 2), std::invalid_argument);
}
