// multi_head_attention: a two-head case worked out on paper, the trace's consistency, PyTorch's
// weight layouts (packed and separate kdim/vdim), masks, no keys at all (Tk = 0), agreement with
// a double-precision reference on odd sizes and head widths that are not multiples of 4, and
// MultiHeadLayer (weights checked and packed once) against the one-shot function.
#include "attention/multi_head.h"

#include <catch.hpp>
#include <cmath>
#include <limits>
#include <random>

#include "attention/attention.h"
#include "attention/input_checks.h"
#include "random_matrix.h"

using attn::Mat;
using attn::MatD;
using attn::MultiHeadOptions;
using attn::MultiHeadWeights;
using attn::Vec;
using attn::test::max_abs_diff;
using attn::test::random_mat;

namespace {

MultiHeadWeights random_weights(int e, int h, int kdim, int vdim, bool packed, std::mt19937& rng) {
  MultiHeadWeights w;
  w.embed_dim = e;
  w.num_heads = h;
  w.kdim = kdim;
  w.vdim = vdim;
  const float sd = 1.0f / std::sqrt(static_cast<float>(e));
  if (packed) {
    w.in_proj_weight = random_mat(3 * e, e, rng, sd);
  } else {
    w.q_proj_weight = random_mat(e, e, rng, sd);
    w.k_proj_weight = random_mat(e, kdim, rng, sd);
    w.v_proj_weight = random_mat(e, vdim, rng, sd);
  }
  w.in_proj_bias = random_mat(3 * e, 1, rng, 0.1f);
  w.out_proj_weight = random_mat(e, e, rng, sd);
  w.out_proj_bias = random_mat(e, 1, rng, 0.1f);
  return w;
}

// The whole forward pass in double precision, plain loops through the attention reference.
MatD reference_mha(const Mat& query, const Mat& key, const Mat& value, const MultiHeadWeights& w,
                   const attn::Mask& mask) {
  const int e = w.embed_dim, hd = e / w.num_heads;
  const bool packed = w.in_proj_weight.size() != 0;
  const MatD wq = packed ? MatD(w.in_proj_weight.topRows(e).cast<double>())
                         : MatD(w.q_proj_weight.cast<double>());
  const MatD wk = packed ? MatD(w.in_proj_weight.middleRows(e, e).cast<double>())
                         : MatD(w.k_proj_weight.cast<double>());
  const MatD wv = packed ? MatD(w.in_proj_weight.bottomRows(e).cast<double>())
                         : MatD(w.v_proj_weight.cast<double>());
  const Eigen::VectorXd b = w.in_proj_bias.size() != 0
                                ? Eigen::VectorXd(w.in_proj_bias.cast<double>())
                                : Eigen::VectorXd::Zero(3 * e);
  const MatD q = (query.cast<double>() * wq.transpose()).rowwise() + b.head(e).transpose();
  const MatD k = (key.cast<double>() * wk.transpose()).rowwise() + b.segment(e, e).transpose();
  const MatD v = (value.cast<double>() * wv.transpose()).rowwise() + b.tail(e).transpose();
  MatD concat(query.rows(), e);
  for (int h = 0; h < w.num_heads; ++h) {
    const attn::AttentionReference r = attn::scaled_dot_product_reference(
        q.middleCols(h * hd, hd), k.middleCols(h * hd, hd), v.middleCols(h * hd, hd), mask,
        1.0 / std::sqrt(static_cast<double>(hd)));
    concat.middleCols(h * hd, hd) = r.output;
  }
  return (concat * w.out_proj_weight.cast<double>().transpose()).rowwise() +
         w.out_proj_bias.cast<double>().transpose();
}

}  // namespace

TEST_CASE("multi_head_attention: two one-wide heads worked out on paper", "[multi_head]") {
  // E = 2, H = 2 (hd = 1, scale 1), identity projections, no input bias, out bias [0.5, -0.5].
  MultiHeadWeights w;
  w.embed_dim = 2;
  w.num_heads = 2;
  w.in_proj_weight.resize(6, 2);
  w.in_proj_weight << 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1;
  w.out_proj_weight = Mat::Identity(2, 2);
  w.out_proj_bias.resize(2);
  w.out_proj_bias << 0.5f, -0.5f;
  Mat x(3, 2);
  x << 1, 0, 0, 1, 1, 1;
  // Head 0 sees column 0: q = k = v = [1, 0, 1]. A query of 1 scores [1, 0, 1] -> weights
  // [e, 1, e] / (2e + 1), output 2e / (2e + 1); a query of 0 is uniform -> output 2/3.
  // Head 1 sees column 1: q = k = v = [0, 1, 1], the same with the roles swapped.
  const double hi = 0.8446375965030364, third = 2.0 / 3.0;
  const attn::MultiHeadResult r = attn::self_attention(x, w);
  const double expected[6] = {hi + 0.5, third - 0.5, third + 0.5, hi - 0.5, hi + 0.5, hi - 0.5};
  for (int i = 0; i < 6; ++i) CHECK(r.output.data()[i] == Approx(expected[i]).epsilon(1e-6));
  REQUIRE(r.weights.rows() == 6);                                       // (H * Tq, Tk)
  CHECK(r.weights(0, 1) == Approx(0.15536240349696362).epsilon(1e-6));  // head 0, query 0
  CHECK(r.weights(4, 0) == Approx(0.15536240349696362).epsilon(1e-6));  // head 1, query 1
  CHECK(r.weights(1, 2) == Approx(1.0 / 3.0).epsilon(1e-6));            // head 0, query 1
  CHECK_FALSE(r.trace.has_value());
}

TEST_CASE("multi_head_attention: the trace is consistent with the result", "[multi_head]") {
  std::mt19937 rng(31);
  const MultiHeadWeights w = random_weights(12, 3, 12, 12, true, rng);
  const Mat x = random_mat(7, 12, rng);
  MultiHeadOptions o;
  o.trace = true;
  o.causal = true;
  const attn::MultiHeadResult r = attn::self_attention(x, w, o);
  REQUIRE(r.trace.has_value());
  const attn::MultiHeadTrace& t = *r.trace;
  REQUIRE(t.heads.size() == 3);
  CHECK(t.mask == attn::mask_causal(7, 7));
  CHECK(t.scale == Approx(0.5));
  CHECK(t.concat.rows() == 7);
  CHECK(t.concat.cols() == 12);
  for (int h = 0; h < 3; ++h) {
    const attn::HeadTrace& head = t.heads[h];
    CHECK(head.q.rows() == 7);
    CHECK(head.q.cols() == 4);
    CHECK((head.scores * 0.5f - head.scaled).cwiseAbs().maxCoeff() < 1e-6f);
    for (int i = 0; i < 7; ++i)  // masked: what the softmax read, -inf exactly where blocked
      for (int j = 0; j < 7; ++j)
        CHECK(head.masked(i, j) ==
              (j > i ? -std::numeric_limits<float>::infinity() : head.scaled(i, j)));
    CHECK((head.weights - r.weights.middleRows(h * 7, 7)).cwiseAbs().maxCoeff() == 0.0f);
    CHECK((head.weights * head.v - head.output).cwiseAbs().maxCoeff() < 1e-5f);
    CHECK((t.concat.middleCols(h * 4, 4) - head.output).cwiseAbs().maxCoeff() == 0.0f);
    CHECK(head.weights(2, 3) == 0.0f);
  }
  const Mat projected =
      (t.concat * w.out_proj_weight.transpose()).rowwise() + w.out_proj_bias.transpose();
  CHECK((projected - r.output).cwiseAbs().maxCoeff() < 1e-5f);
  // Without weights or trace the row-blocked path gives the same output and keeps nothing.
  o.trace = false;
  o.need_weights = false;
  const attn::MultiHeadResult lean = attn::self_attention(x, w, o);
  CHECK(lean.weights.size() == 0);
  CHECK_FALSE(lean.trace.has_value());
  CHECK((lean.output - r.output).cwiseAbs().maxCoeff() < 1e-5f);
}

TEST_CASE("multi_head_attention: agrees with the double reference (self and cross)",
          "[multi_head]") {
  std::mt19937 rng(37);
  const int sizes[] = {1, 2, 3, 5, 17, 63, 64, 65, 257};
  // (E, H, kdim, vdim, packed): head widths 5, 7, 3, 6.
  const int configs[][5] = {
      {15, 3, 15, 15, 1}, {14, 2, 6, 9, 0}, {9, 3, 9, 9, 0}, {18, 3, 11, 5, 0}};
  double worst = 0;
  int n = 0;
  for (int tq : sizes) {
    for (int tk : sizes) {
      const int* c = configs[n % 4];
      const MultiHeadWeights w = random_weights(c[0], c[1], c[2], c[3], c[4] != 0, rng);
      const Mat query = random_mat(tq, c[0], rng), key = random_mat(tk, c[2], rng);
      const Mat value = random_mat(tk, c[3], rng);
      MultiHeadOptions o;
      o.causal = n % 2 == 1;
      if (n % 3 == 2) {
        o.key_padding_mask.assign(tk, 0);
        o.key_padding_mask[tk - 1] = 1;
      }
      o.need_weights = n % 4 < 2;
      ++n;
      attn::MaskSpec spec;
      spec.causal = o.causal;
      spec.key_padding = o.key_padding_mask;
      const MatD ref =
          reference_mha(query, key, value, w, attn::mask_spec_materialize(spec, tq, tk));
      const attn::MultiHeadResult r = attn::multi_head_attention(query, key, value, w, o);
      INFO("tq " << tq << " tk " << tk << " E " << c[0] << " H " << c[1]);
      worst = std::max(worst, max_abs_diff(r.output, ref));
      REQUIRE(worst < 5e-6);
      REQUIRE(r.output.allFinite());
    }
  }
  WARN("multi_head_attention: max |error| vs double " << worst);
}

TEST_CASE("MultiHeadLayer: weights checked and packed once give multi_head_attention's result",
          "[multi_head]") {
  std::mt19937 rng(43);
  // (E, H, kdim, vdim, packed in_proj): head widths 5, 7, 3, 6, 32
  const int configs[][5] = {{15, 3, 15, 15, 1},
                            {14, 2, 6, 9, 0},
                            {9, 3, 9, 9, 0},
                            {18, 3, 11, 5, 0},
                            {256, 8, 256, 256, 1}};
  int n = 0;
  for (const auto& c : configs) {
    const MultiHeadWeights w = random_weights(c[0], c[1], c[2], c[3], c[4] != 0, rng);
    const attn::MultiHeadLayer layer(w);
    for (int tq : {1, 5, 65}) {
      const int tk = tq + n % 3;
      const Mat query = random_mat(tq, c[0], rng), key = random_mat(tk, c[2], rng);
      const Mat value = random_mat(tk, c[3], rng);
      MultiHeadOptions o;
      o.causal = n++ % 2 == 1;
      INFO("E " << c[0] << " H " << c[1] << " tq " << tq);
      for (const bool weights : {false, true}) {  // the packed output-only path, then the other
        o.need_weights = weights;
        const attn::MultiHeadResult plain = attn::multi_head_attention(query, key, value, w, o);
        const attn::MultiHeadResult kept = layer.forward(query, key, value, o);
        REQUIRE((kept.output - plain.output).cwiseAbs().maxCoeff() <= 1e-6f);
        REQUIRE(kept.weights == plain.weights);
      }
    }
  }
  // A layer is never built on bad weights: the constructor checks them.
  MultiHeadWeights bad = random_weights(8, 4, 8, 8, true, rng);
  bad.out_proj_weight(1, 2) = std::numeric_limits<float>::quiet_NaN();
  CHECK_THROWS_AS(attn::MultiHeadLayer(bad), attn::NonFiniteError);
  bad.num_heads = 3;
  CHECK_THROWS_WITH(attn::MultiHeadLayer(bad), Catch::Contains("not divisible by num_heads 3"));
}

TEST_CASE("multi_head_attention: Tk = 0 gives every query out_proj.bias, on every path",
          "[multi_head]") {
  std::mt19937 rng(59);
  const MultiHeadWeights w = random_weights(12, 3, 7, 5, false, rng);
  const attn::MultiHeadLayer layer(w);
  const Mat query = random_mat(4, 12, rng), key(0, 7), value(0, 5);
  for (const bool causal : {false, true}) {
    for (const bool weights : {false, true}) {
      for (const bool trace : {false, true}) {
        MultiHeadOptions o;
        o.causal = causal;
        o.need_weights = weights;
        o.trace = trace;
        INFO("causal " << causal << " weights " << weights << " trace " << trace);
        const attn::MultiHeadResult results[] = {
            attn::multi_head_attention(query, key, value, w, o),
            layer.forward(query, key, value, o)};
        for (const attn::MultiHeadResult& r : results) {
          REQUIRE(r.output.rows() == 4);
          for (int i = 0; i < 4; ++i)
            CHECK((r.output.row(i).transpose() - w.out_proj_bias).cwiseAbs().maxCoeff() == 0.0f);
          if (weights) CHECK((r.weights.rows() == 12 && r.weights.cols() == 0));
          if (!trace) continue;
          CHECK(r.trace->row_fully_masked == std::vector<std::uint8_t>(4, 1));
          CHECK((r.trace->mask.rows() == 4 && r.trace->mask.cols() == 0));
          CHECK(r.trace->concat.isZero());
          for (const attn::HeadTrace& h : r.trace->heads) {
            CHECK((h.k.rows() == 0 && h.k.cols() == 4));
            CHECK((h.masked.rows() == 4 && h.masked.cols() == 0));
            CHECK(h.output.isZero());
          }
        }
      }
    }
  }
  // Keys and values must still agree, and the key width still counts.
  CHECK_THROWS_WITH(attn::multi_head_attention(query, key, Mat(1, 5), w),
                    Catch::Contains("value is (1, 5), expected (0, 5)"));
  CHECK_THROWS_WITH(attn::multi_head_attention(query, Mat(0, 6), value, w),
                    Catch::Contains("key is (0, 6), expected (any, 7)"));
}

TEST_CASE("multi_head_attention: attn_mask and key padding block keys for every head",
          "[multi_head]") {
  std::mt19937 rng(41);
  const MultiHeadWeights w = random_weights(8, 2, 8, 8, true, rng);
  const Mat q = random_mat(3, 8, rng), kv = random_mat(4, 8, rng);
  MultiHeadOptions o;
  o.key_padding_mask = {0, 0, 1, 0};
  o.attn_mask = attn::mask_none(3, 4);
  o.attn_mask(1, 0) = 1;
  o.attn_mask.row(2).setOnes();  // query 2 sees nothing: weights 0, head outputs 0
  o.trace = true;
  const attn::MultiHeadResult r = attn::multi_head_attention(q, kv, kv, w, o);
  for (int h = 0; h < 2; ++h) {
    CHECK(r.weights(h * 3 + 0, 2) == 0.0f);
    CHECK(r.weights(h * 3 + 1, 0) == 0.0f);
    CHECK(r.weights.row(h * 3 + 1).sum() == Approx(1.0));
    CHECK(r.weights.row(h * 3 + 2).isZero());
  }
  CHECK(r.trace->row_fully_masked == std::vector<std::uint8_t>{0, 0, 1});
  CHECK(r.trace->concat.row(2).isZero());
  // The fully masked query's output is out_proj.bias alone, never NaN.
  CHECK((r.output.row(2).transpose() - w.out_proj_bias).cwiseAbs().maxCoeff() < 1e-6f);
  o.trace = false;
  o.need_weights = false;
  CHECK((attn::multi_head_attention(q, kv, kv, w, o).output - r.output).cwiseAbs().maxCoeff() <
        1e-5f);
}

TEST_CASE("multi_head_attention: errors name the argument, expected and given sizes",
          "[multi_head]") {
  std::mt19937 rng(43);
  MultiHeadWeights w = random_weights(6, 2, 6, 6, true, rng);
  const Mat x = random_mat(4, 6, rng);
  CHECK_THROWS_WITH(attn::self_attention(random_mat(4, 5, rng), w),
                    Catch::Contains("query is (4, 5), expected (any, 6)"));
  CHECK_THROWS_WITH(attn::multi_head_attention(x, x, random_mat(3, 6, rng), w),
                    Catch::Contains("value is (3, 6), expected (4, 6)"));
  MultiHeadOptions o;
  o.attn_mask = attn::mask_none(4, 3);
  CHECK_THROWS_WITH(attn::self_attention(x, w, o),
                    Catch::Contains("attn_mask is (4, 3), expected (4, 4)"));
  MultiHeadWeights bad = w;
  bad.num_heads = 4;
  CHECK_THROWS_WITH(attn::self_attention(x, bad),
                    Catch::Contains("embed_dim 6 is not divisible by num_heads 4"));
  bad = w;
  bad.in_proj_bias.resize(5);
  CHECK_THROWS_WITH(attn::self_attention(x, bad),
                    Catch::Contains("in_proj_bias has size 5, expected 18"));
  bad = w;
  bad.out_proj_weight(0, 0) = std::numeric_limits<float>::infinity();
  CHECK_THROWS_AS(attn::self_attention(x, bad), attn::NonFiniteError);
  bad = w;
  bad.kdim = 4;
  CHECK_THROWS_WITH(attn::self_attention(x, bad), Catch::Contains("kdim == vdim == embed_dim"));
  bad = w;
  bad.in_proj_weight.resize(0, 0);
  CHECK_THROWS_WITH(attn::self_attention(x, bad),
                    Catch::Contains("q_proj_weight is (0, 0), expected (6, 6)"));
  bad = random_weights(6, 2, 4, 6, false, rng);  // keys 4 wide: W_k is (6, 4)
  CHECK_NOTHROW(attn::multi_head_attention(x, random_mat(3, 4, rng), random_mat(3, 6, rng), bad));
  bad.k_proj_weight = random_mat(6, 6, rng);
  CHECK_THROWS_WITH(attn::multi_head_weights_check(bad),
                    Catch::Contains("k_proj_weight is (6, 6), expected (6, 4)"));
  bad.in_proj_weight = random_mat(18, 6, rng);
  CHECK_THROWS_WITH(attn::multi_head_weights_check(bad),
                    Catch::Contains("needs kdim == vdim == embed_dim"));
  bad = w;
  bad.embed_dim = 0;
  CHECK_THROWS_AS(attn::self_attention(x, bad), attn::ShapeError);
  CHECK_THROWS_AS(attn::self_attention(Mat(0, 6), w), attn::ShapeError);
  CHECK_NOTHROW(attn::self_attention(x, w));
}
