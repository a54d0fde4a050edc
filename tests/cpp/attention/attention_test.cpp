// scaled_dot_product (full result) and scaled_dot_product_output (row-blocked, output only):
// a case worked out on paper, properties, and agreement with the double-precision reference.
#include "attention/attention.h"

#include <catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "attention/input_checks.h"
#include "random_matrix.h"

using attn::MaskSpec;
using attn::Mat;
using attn::test::max_abs_diff;
using attn::test::random_mat;

namespace {

Mat mat(int rows, int cols, std::initializer_list<float> values) {
  Mat m(rows, cols);
  std::copy(values.begin(), values.end(), m.data());
  return m;
}

// The paper example: dk = 4 so the default scale is exactly 1/2.
struct PaperCase {
  Mat q = mat(3, 4, {1, 0, 1, 0, 0, 2, 0, 0, 1, 1, 1, 1});
  Mat k = mat(3, 4, {1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0});
  Mat v = mat(3, 2, {1, 0, 0, 1, 2, 2});
};

}  // namespace

TEST_CASE("scaled_dot_product: three tokens worked out on paper", "[attention]") {
  const PaperCase c;
  const attn::AttentionResult r = attn::scaled_dot_product(c.q, c.k, c.v);
  // Q K^T = [[2,0,0],[0,2,0],[2,2,0]]; scaled by 1/sqrt(4) = [[1,0,0],[0,1,0],[1,1,0]].
  CHECK(r.scale == 0.5f);
  CHECK(r.scores == mat(3, 3, {2, 0, 0, 0, 2, 0, 2, 2, 0}));
  CHECK(r.scaled == mat(3, 3, {1, 0, 0, 0, 1, 0, 1, 1, 0}));
  CHECK(r.masked == r.scaled);
  // softmax([1,0,0]) = [e, 1, 1] / (e + 2); softmax([1,1,0]) = [e, e, 1] / (2e + 1).
  const double a = 0.5761168847658291, b = 0.21194155761708547;
  const double c2 = 0.4223187982515182, d = 0.15536240349696362;
  const double expected_w[9] = {a, b, b, b, a, b, c2, c2, d};
  for (int i = 0; i < 9; ++i) CHECK(r.weights.data()[i] == Approx(expected_w[i]).epsilon(1e-6));
  // Outputs: [1, 3/(e+2)], [3/(e+2), 1], [(e+2)/(2e+1)] * 2.
  const double expected_o[6] = {1.0, 0.6358246728512564, 0.6358246728512564,
                                1.0, 0.7330436052454453, 0.7330436052454453};
  for (int i = 0; i < 6; ++i) CHECK(r.output.data()[i] == Approx(expected_o[i]).epsilon(1e-6));
  CHECK(r.row_fully_masked == std::vector<std::uint8_t>{0, 0, 0});
}

TEST_CASE("scaled_dot_product: the paper case under a causal mask", "[attention]") {
  const PaperCase c;
  MaskSpec causal;
  causal.causal = true;
  const attn::AttentionResult r = attn::scaled_dot_product(c.q, c.k, c.v, causal);
  const float inf = std::numeric_limits<float>::infinity();
  CHECK(r.masked(0, 1) == -inf);
  CHECK(r.masked(0, 2) == -inf);
  CHECK(r.masked(1, 2) == -inf);
  // Row 0 sees only key 0; row 1 softmax([0, 1]) = [1, e] / (1 + e); row 2 as unmasked.
  CHECK(r.weights(0, 0) == 1.0f);
  CHECK(r.weights(1, 0) == Approx(0.2689414213699951).epsilon(1e-6));
  CHECK(r.weights(1, 1) == Approx(0.7310585786300049).epsilon(1e-6));
  CHECK(r.output(0, 0) == 1.0f);
  CHECK(r.output(0, 1) == 0.0f);
  CHECK(r.output(1, 0) == Approx(0.2689414213699951).epsilon(1e-6));
  CHECK(r.output(2, 1) == Approx(0.7330436052454453).epsilon(1e-6));
}

TEST_CASE("scaled_dot_product: weight rows sum to 1, causal rows renormalize", "[attention]") {
  std::mt19937 rng(7);
  const Mat q = random_mat(9, 5, rng), k = random_mat(9, 5, rng), v = random_mat(9, 3, rng);
  MaskSpec causal;
  causal.causal = true;
  const attn::AttentionResult plain = attn::scaled_dot_product(q, k, v);
  const attn::AttentionResult r = attn::scaled_dot_product(q, k, v, causal);
  for (int i = 0; i < 9; ++i) {
    CHECK(plain.weights.row(i).sum() == Approx(1.0).epsilon(1e-6));
    CHECK(r.weights.row(i).sum() == Approx(1.0).epsilon(1e-6));
    for (int j = i + 1; j < 9; ++j) CHECK(r.weights(i, j) == 0.0f);
    // The visible part is the unmasked weights renormalized over keys 0..i.
    const double visible = plain.weights.row(i).head(i + 1).sum();
    for (int j = 0; j <= i; ++j) {
      CHECK(r.weights(i, j) == Approx(plain.weights(i, j) / visible).epsilon(1e-5));
    }
  }
}

TEST_CASE("scaled_dot_product: adding a constant to every score changes nothing", "[attention]") {
  std::mt19937 rng(11);
  const Mat q = random_mat(6, 3, rng), k = random_mat(8, 3, rng), v = random_mat(8, 4, rng);
  // An extra feature: q gets a column of 10, k a column of 1, so every score grows by 10.
  Mat q2(6, 4), k2(8, 4);
  q2 << q, Mat::Constant(6, 1, 10.0f);
  k2 << k, Mat::Constant(8, 1, 1.0f);
  const attn::AttentionResult a = attn::scaled_dot_product(q, k, v, {}, 0.7f);
  const attn::AttentionResult b = attn::scaled_dot_product(q2, k2, v, {}, 0.7f);
  CHECK((b.scores.array() - a.scores.array() - 10.0f).abs().maxCoeff() < 1e-5f);
  CHECK((a.weights - b.weights).cwiseAbs().maxCoeff() < 1e-5f);
  CHECK((a.output - b.output).cwiseAbs().maxCoeff() < 1e-5f);
}

TEST_CASE("scaled_dot_product: permuting keys and values together changes no output",
          "[attention]") {
  std::mt19937 rng(13);
  const Mat q = random_mat(5, 6, rng), k = random_mat(7, 6, rng), v = random_mat(7, 5, rng);
  const std::vector<int> perm = {3, 0, 6, 1, 5, 2, 4};
  Mat kp(7, 6), vp(7, 5);
  for (int j = 0; j < 7; ++j) {
    kp.row(j) = k.row(perm[j]);
    vp.row(j) = v.row(perm[j]);
  }
  const attn::AttentionResult a = attn::scaled_dot_product(q, k, v);
  const attn::AttentionResult b = attn::scaled_dot_product(q, kp, vp);
  CHECK((a.output - b.output).cwiseAbs().maxCoeff() < 1e-5f);
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 7; ++j)
      CHECK(b.weights(i, j) == Approx(a.weights(i, perm[j])).margin(1e-6));
  }
}

TEST_CASE("scaled_dot_product: the scale is a temperature", "[attention]") {
  std::mt19937 rng(17);
  const Mat q = random_mat(4, 3, rng), k = random_mat(6, 3, rng), v = random_mat(6, 2, rng);
  // scale 0: uniform weights, output = mean of V.
  const attn::AttentionResult flat = attn::scaled_dot_product(q, k, v, {}, 0.0f);
  CHECK((flat.weights.array() - 1.0f / 6.0f).abs().maxCoeff() < 1e-6f);
  CHECK((flat.output.rowwise() - v.colwise().mean()).cwiseAbs().maxCoeff() < 1e-5f);
  // scale s on q equals scale 1 on (s q); a huge scale picks the best key (hard attention).
  const attn::AttentionResult s = attn::scaled_dot_product(q, k, v, {}, 2.5f);
  const attn::AttentionResult one = attn::scaled_dot_product(q * 2.5f, k, v, {}, 1.0f);
  CHECK((s.weights - one.weights).cwiseAbs().maxCoeff() < 1e-5f);
  const attn::AttentionResult hard = attn::scaled_dot_product(q, k, v, {}, 1000.0f);
  for (int i = 0; i < 4; ++i) {
    Eigen::Index best = 0;
    hard.scores.row(i).maxCoeff(&best);
    CHECK(hard.weights(i, best) == Approx(1.0f).margin(1e-4));
  }
  CHECK(attn::scaled_dot_product(q, k, v).scale == Approx(1.0 / std::sqrt(3.0)));
}

TEST_CASE("scaled_dot_product: a fully masked row gives weights 0, output 0, no NaN",
          "[attention]") {
  std::mt19937 rng(19);
  const Mat q = random_mat(4, 3, rng), k = random_mat(2, 3, rng), v = random_mat(2, 5, rng);
  MaskSpec spec;
  spec.causal = true;  // 4 queries over 2 keys: queries 0 and 1 see nothing
  const attn::AttentionResult r = attn::scaled_dot_product(q, k, v, spec);
  CHECK(r.row_fully_masked == std::vector<std::uint8_t>{1, 1, 0, 0});
  CHECK(r.weights.row(0).isZero());
  CHECK(r.output.row(1).isZero());
  CHECK(r.output.allFinite());
  CHECK(r.weights.row(3).sum() == Approx(1.0));
  Mat out(4, 5);
  std::vector<std::uint8_t> flags(4, 9);
  attn::scaled_dot_product_output(q, k, v, spec, r.scale, out, flags.data());
  CHECK(flags == r.row_fully_masked);
  CHECK((out - r.output).cwiseAbs().maxCoeff() < 1e-6f);
}

TEST_CASE("scaled_dot_product: agrees with the double reference on odd sizes", "[attention]") {
  std::mt19937 rng(23);
  const int sizes[] = {1, 2, 3, 5, 17, 63, 64, 65, 257};
  const int widths[][2] = {{7, 5}, {13, 3}, {1, 9}, {6, 10}};  // (dk, dv), not multiples of 4
  double worst_w = 0, worst_o = 0;
  int n = 0;
  for (int tq : sizes) {
    for (int tk : sizes) {
      const int dk = widths[n % 4][0], dv = widths[n % 4][1];
      const Mat q = random_mat(tq, dk, rng), k = random_mat(tk, dk, rng),
                v = random_mat(tk, dv, rng);
      MaskSpec spec;  // cycle through none, causal, padding + causal
      spec.causal = n % 3 != 0;
      if (n % 3 == 2) {
        spec.key_padding.assign(tk, 0);
        for (int j = 0; j < tk; j += 3) spec.key_padding[j] = 1;
      }
      ++n;
      const attn::Mask mask = attn::mask_spec_materialize(spec, tq, tk);
      const float scale = 1.0f / std::sqrt(static_cast<float>(dk));
      const attn::AttentionReference ref = attn::scaled_dot_product_reference(
          q.cast<double>(), k.cast<double>(), v.cast<double>(), mask, scale);
      const attn::AttentionResult r = attn::scaled_dot_product(q, k, v, spec);
      Mat out(tq, dv);
      attn::scaled_dot_product_output(q, k, v, spec, scale, out);
      Mat weights2(tq, tk), out2(tq, dv);
      attn::scaled_dot_product_weights(q, k, v, spec, scale, weights2, out2);
      INFO("tq " << tq << " tk " << tk << " dk " << dk << " dv " << dv);
      worst_w = std::max(
          {worst_w, max_abs_diff(r.weights, ref.weights), max_abs_diff(weights2, ref.weights)});
      worst_o = std::max({worst_o, max_abs_diff(r.output, ref.output),
                          max_abs_diff(out, ref.output), max_abs_diff(out2, ref.output)});
      REQUIRE(worst_w < 2e-6);
      REQUIRE(worst_o < 5e-6);
    }
  }
  WARN("max |error| vs double: weights " << worst_w << ", outputs " << worst_o);
}

TEST_CASE("scaled_dot_product_output: head slices of a wider matrix write only their columns",
          "[attention]") {
  std::mt19937 rng(29);
  const Mat q = random_mat(20, 9, rng), k = random_mat(33, 9, rng), v = random_mat(33, 9, rng);
  Mat out = Mat::Constant(20, 9, 42.0f);
  attn::scaled_dot_product_output(q.middleCols(3, 3), k.middleCols(3, 3), v.middleCols(3, 3), {},
                                  0.5f, out.middleCols(3, 3));
  const attn::AttentionResult r = attn::scaled_dot_product(
      Mat(q.middleCols(3, 3)), Mat(k.middleCols(3, 3)), Mat(v.middleCols(3, 3)), {}, 0.5f);
  CHECK((out.middleCols(3, 3) - r.output).cwiseAbs().maxCoeff() < 1e-6f);
  CHECK((out.leftCols(3).array() == 42.0f).all());
  CHECK((out.rightCols(3).array() == 42.0f).all());
}

TEST_CASE("scaled_dot_product: no keys (Tk = 0) fully masks every query, on every path",
          "[attention]") {
  std::mt19937 rng(31);
  const Mat q = random_mat(3, 4, rng), k(0, 4), v(0, 5);
  for (const bool causal : {false, true}) {
    MaskSpec spec;
    spec.causal = causal;
    const attn::AttentionResult r = attn::scaled_dot_product(q, k, v, spec);
    for (const Mat* m : {&r.scores, &r.scaled, &r.masked, &r.weights})
      CHECK((m->rows() == 3 && m->cols() == 0));
    CHECK((r.output.rows() == 3 && r.output.cols() == 5));
    CHECK(r.output.isZero());
    CHECK(r.row_fully_masked == std::vector<std::uint8_t>(3, 1));
    Mat out = Mat::Constant(3, 5, 7.0f), weights(3, 0);
    std::vector<std::uint8_t> fully(3, 0);
    attn::scaled_dot_product_output(q, k, v, spec, 0.5f, out, fully.data());
    CHECK(out.isZero());
    CHECK(fully == std::vector<std::uint8_t>(3, 1));
    out.setConstant(7.0f);
    fully.assign(3, 0);
    attn::scaled_dot_product_weights(q, k, v, spec, 0.5f, weights, out, fully.data());
    CHECK(out.isZero());
    CHECK(fully == std::vector<std::uint8_t>(3, 1));
  }
  // Keys and values must still agree in count, and every width still counts.
  CHECK_THROWS_WITH(attn::scaled_dot_product(q, k, Mat::Ones(1, 5)),
                    Catch::Contains("v is (1, 5), expected (0, any)"));
  CHECK_THROWS_WITH(attn::scaled_dot_product(q, Mat(0, 3), v),
                    Catch::Contains("k is (0, 3), expected (any, 4)"));
  CHECK_THROWS_AS(attn::scaled_dot_product(q, k, Mat(0, 0)), attn::ShapeError);
}

TEST_CASE("scaled_dot_product: errors name the argument and both sizes", "[attention]") {
  const Mat q = Mat::Ones(3, 4), k = Mat::Ones(5, 4), v = Mat::Ones(5, 2);
  CHECK_THROWS_WITH(attn::scaled_dot_product(q, Mat::Ones(5, 3), v),
                    Catch::Contains("k is (5, 3), expected (any, 4)"));
  CHECK_THROWS_WITH(attn::scaled_dot_product(q, k, Mat::Ones(4, 2)),
                    Catch::Contains("v is (4, 2), expected (5, any)"));
  CHECK_THROWS_AS(attn::scaled_dot_product(Mat(0, 4), k, v), attn::ShapeError);
  Mat bad = q;
  bad(1, 2) = std::numeric_limits<float>::quiet_NaN();
  CHECK_THROWS_WITH(attn::scaled_dot_product(bad, k, v),
                    Catch::Contains("q has a non-finite value (nan) at (1, 2)"));
  CHECK_THROWS_AS(attn::scaled_dot_product(q, k, v, {}, std::numeric_limits<float>::infinity()),
                  attn::NonFiniteError);
  CHECK_THROWS_WITH(attn::scaled_dot_product(q * 1e30f, k * 1e30f, v),
                    Catch::Contains("q k^T overflowed") && Catch::Contains("(inf) at (0, 0)"));
  MaskSpec spec;
  spec.key_padding = {0, 1};
  CHECK_THROWS_WITH(attn::scaled_dot_product(q, k, v, spec),
                    Catch::Contains("key_padding_mask has size 2, expected 5"));
}
