// mask_*: causal alignment (square and rectangular), padding, explicit masks, combining, and the
// MaskSpec evaluation the attention paths use row by row.
#include "attention/mask.h"

#include <catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "attention/input_checks.h"

namespace {

attn::Mask from_rows(std::initializer_list<std::initializer_list<int>> rows) {
  attn::Mask m(static_cast<int>(rows.size()), static_cast<int>(rows.begin()->size()));
  int i = 0;
  for (const auto& row : rows) {
    int j = 0;
    for (int x : row) m(i, j++) = static_cast<std::uint8_t>(x);
    ++i;
  }
  return m;
}

}  // namespace

TEST_CASE("mask_causal: square is the upper triangle above the diagonal", "[mask]") {
  CHECK(attn::mask_causal(3, 3) == from_rows({{0, 1, 1}, {0, 0, 1}, {0, 0, 0}}));
  CHECK(attn::mask_causal(1, 1) == from_rows({{0}}));
}

TEST_CASE("mask_causal: fewer queries than keys align the last query to the last key", "[mask]") {
  // Two new tokens after three cached ones: query 0 is token 3, query 1 is token 4.
  CHECK(attn::mask_causal(2, 5) == from_rows({{0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}}));
}

TEST_CASE("mask_causal: more queries than keys leave the first queries fully masked", "[mask]") {
  const attn::Mask m = attn::mask_causal(4, 2);
  CHECK(m == from_rows({{1, 1}, {1, 1}, {0, 1}, {0, 0}}));
  CHECK(attn::mask_row_fully_blocked(m, 0));
  CHECK(attn::mask_row_fully_blocked(m, 1));
  CHECK_FALSE(attn::mask_row_fully_blocked(m, 2));
}

TEST_CASE("mask_padding, mask_from_bools, mask_combine, mask_none", "[mask]") {
  const attn::Mask pad = attn::mask_padding(2, {0, 0, 1});
  CHECK(pad == from_rows({{0, 0, 1}, {0, 0, 1}}));
  const std::uint8_t bools[6] = {0, 7, 0, 0, 0, 0};  // any nonzero means blocked
  const attn::Mask arbitrary = attn::mask_from_bools(2, 3, bools, 6);
  CHECK(arbitrary == from_rows({{0, 1, 0}, {0, 0, 0}}));
  CHECK(attn::mask_combine(pad, arbitrary) == from_rows({{0, 1, 1}, {0, 0, 1}}));
  CHECK(attn::mask_none(2, 3) == attn::Mask::Zero(2, 3));
}

TEST_CASE("mask functions reject zero and mismatched sizes with named arguments", "[mask]") {
  const std::uint8_t bools[4] = {};
  CHECK_THROWS_AS(attn::mask_causal(0, 3), attn::ShapeError);
  CHECK_THROWS_WITH(attn::mask_from_bools(2, 3, bools, 4), Catch::Contains("mask") &&
                                                               Catch::Contains("size 4") &&
                                                               Catch::Contains("expected 6"));
  CHECK_THROWS_WITH(attn::mask_combine(attn::mask_none(2, 3), attn::mask_none(3, 2)),
                    Catch::Contains("(3, 2)") && Catch::Contains("(2, 3)"));
  CHECK_THROWS_AS(attn::mask_padding(2, {}), attn::ShapeError);
}

TEST_CASE("MaskSpec: materialize equals combining its parts, apply_row agrees", "[mask]") {
  for (int tq : {1, 3, 5}) {
    for (int tk : {1, 4, 6}) {
      attn::MaskSpec spec;
      spec.causal = true;
      spec.key_padding.assign(tk, 0);
      spec.key_padding[0] = 1;
      spec.explicit_mask = attn::mask_none(tq, tk);
      spec.explicit_mask(tq - 1, tk - 1) = 1;
      const attn::Mask expected = attn::mask_combine(
          attn::mask_combine(attn::mask_causal(tq, tk), attn::mask_padding(tq, spec.key_padding)),
          spec.explicit_mask);
      const attn::Mask got = attn::mask_spec_materialize(spec, tq, tk);
      CHECK(got == expected);
      for (int i = 0; i < tq; ++i) {
        std::vector<float> row(tk, 1.0f);
        const int open = attn::mask_spec_apply_row(spec, i, tq, tk, row.data());
        int expected_open = 0;
        for (int j = 0; j < tk; ++j) {
          CHECK(std::isinf(row[j]) == (expected(i, j) != 0));
          expected_open += expected(i, j) ? 0 : 1;
        }
        CHECK(open == expected_open);
      }
    }
  }
}

TEST_CASE("MaskSpec: an empty spec blocks nothing, a wrong size is named", "[mask]") {
  attn::MaskSpec spec;
  CHECK(spec.empty());
  CHECK(attn::mask_spec_materialize(spec, 2, 3) == attn::Mask::Zero(2, 3));
  CHECK(attn::mask_spec_causal_end(spec, 0, 2, 3) == 3);
  spec.key_padding = {0, 1};
  CHECK_THROWS_WITH(attn::mask_spec_check("test", spec, 2, 3),
                    Catch::Contains("key_padding_mask") && Catch::Contains("expected 3"));
  spec.key_padding.clear();
  spec.explicit_mask = attn::mask_none(3, 3);
  CHECK_THROWS_WITH(attn::mask_spec_check("test", spec, 2, 3),
                    Catch::Contains("attn_mask is (3, 3), expected (2, 3)"));
}
