// positions: sinusoidal values against the formula in double precision, odd dims, none, errors.
#include "attention/positions.h"

#include <catch.hpp>
#include <cmath>
#include <stdexcept>

TEST_CASE("positions_sinusoidal: matches the formula, even and odd dims", "[positions]") {
  for (std::size_t dim : {1u, 2u, 3u, 7u, 16u, 17u, 64u}) {
    const std::size_t n = 50;
    const attn::Mat pe = attn::positions_sinusoidal(n, dim);
    REQUIRE(pe.rows() == 50);
    REQUIRE(pe.cols() == static_cast<Eigen::Index>(dim));
    for (std::size_t pos = 0; pos < n; ++pos) {
      for (std::size_t j = 0; j < dim; ++j) {
        const double i2 = static_cast<double>(j - j % 2);  // 2i
        const double angle =
            static_cast<double>(pos) / std::pow(10000.0, i2 / static_cast<double>(dim));
        const double expected = j % 2 == 0 ? std::sin(angle) : std::cos(angle);
        CHECK(std::abs(pe(pos, j) - expected) < 1e-6);
      }
    }
  }
}

TEST_CASE("positions_sinusoidal: hand-checked values", "[positions]") {
  const attn::Mat pe = attn::positions_sinusoidal(3, 4);
  CHECK(pe(0, 0) == 0.0f);
  CHECK(pe(0, 1) == 1.0f);
  CHECK(pe(1, 0) == Approx(0.841470985));   // sin(1)
  CHECK(pe(1, 1) == Approx(0.540302306));   // cos(1)
  CHECK(pe(1, 2) == Approx(0.0099998333));  // sin(1 / 100)
  CHECK(pe(2, 3) == Approx(0.99980001));    // cos(2 / 100)
}

TEST_CASE("positions_none: zeros of the same shape", "[positions]") {
  const attn::Mat z = attn::positions(5, 3, attn::PositionKind::kNone);
  CHECK(z.rows() == 5);
  CHECK(z.cols() == 3);
  CHECK(z.cwiseAbs().maxCoeff() == 0.0f);
  CHECK(attn::positions(0, 8, attn::PositionKind::kSinusoidal).rows() == 0);
}

TEST_CASE("positions: argument errors name the argument", "[positions]") {
  CHECK_THROWS_WITH(attn::positions_sinusoidal(3, 0), Catch::Contains("dim must be >= 1"));
  CHECK_THROWS_WITH(attn::positions_none(1u << 20, 1u << 10), Catch::Contains("n * dim"));
  CHECK_THROWS_WITH(attn::parse_position_kind("learned"),
                    Catch::Contains("'sinusoidal' or 'none'"));
  CHECK(attn::parse_position_kind("none") == attn::PositionKind::kNone);
}
