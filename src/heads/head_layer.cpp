// head_layer: the hand-built heads' projection step and their run through the core's
// scaled_dot_product, one head at a time (see head_layer.h).
#include "heads/head_layer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "attention/attention.h"
#include "heads/token_features.h"

namespace attn {
namespace {

SparseRows sparse_rows(const Mat& w) {
  SparseRows s;
  s.start.push_back(0);
  for (Eigen::Index r = 0; r < w.rows(); ++r) {
    for (Eigen::Index c = 0; c < w.cols(); ++c) {
      if (w(r, c) == 0.0f) continue;
      s.cols.push_back(static_cast<int>(c));
      s.coefs.push_back(w(r, c));
    }
    s.start.push_back(static_cast<int>(s.cols.size()));
  }
  return s;
}

HeadProjection build_projection(const HeadSpec& s) {
  // The query side carries sqrt(d) so that the scaled score Q.K / sqrt(d) is in the specs'
  // logits.
  const float q_gain = std::sqrt(static_cast<float>(kHeadDim));
  const int n_qk = std::max(1, static_cast<int>(s.qk.size()));
  const int n_v = std::max(1, static_cast<int>(s.v.size()));
  HeadProjection p{Mat::Zero(n_qk, kFeatureCount),
                   Mat::Zero(n_qk, kFeatureCount),
                   Mat::Zero(n_v, kFeatureCount),
                   {},
                   {},
                   {}};
  for (std::size_t n = 0; n < s.qk.size(); ++n) {
    const Eigen::Index row = static_cast<Eigen::Index>(n);
    for (const auto& [col, coef] : s.qk[n].q) p.wq(row, col) += q_gain * coef;
    for (const auto& [col, coef] : s.qk[n].k) p.wk(row, col) += coef;
  }
  for (std::size_t n = 0; n < s.v.size(); ++n) {
    const Eigen::Index row = static_cast<Eigen::Index>(n);
    for (const auto& [col, coef] : s.v[n].v) p.wv(row, col) += coef;
  }
  p.sq = sparse_rows(p.wq);
  p.sk = sparse_rows(p.wk);
  p.sv = sparse_rows(p.wv);
  return p;
}

// y (T, n) = x (T, kFeatureCount) W^T for W (n, kFeatureCount) given by its nonzeros w; T may
// be 0 (no source). The zero entries a dense product would add contribute exactly 0 (features
// are finite by construction: one-hots, bounded scalars, waves, unit vectors), so this is the
// dense product summed in column order.
Mat project(const Mat& x, const SparseRows& w) {
  const int t = static_cast<int>(x.rows()), n = static_cast<int>(w.start.size()) - 1;
  Mat y(t, n);
  for (int i = 0; i < t; ++i) {
    const float* xi = x.data() + static_cast<std::ptrdiff_t>(i) * kFeatureCount;
    float* yi = y.data() + static_cast<std::ptrdiff_t>(i) * n;
    for (int r = 0; r < n; ++r) {
      float sum = 0.0f;
      for (int j = w.start[r]; j < w.start[r + 1]; ++j) sum += xi[w.cols[j]] * w.coefs[j];
      yi[r] = sum;
    }
  }
  return y;
}

// m (rows, n <= kHeadDim) -> (rows, kHeadDim): the head's unnamed dims are exactly 0.
Mat padded(const Mat& m) {
  Mat out = Mat::Zero(m.rows(), kHeadDim);
  out.leftCols(m.cols()) = m;
  return out;
}

// Head h over xq (T, F) and xs (S, F): its named projections, then the core's attention on
// them; every matrix of the trace at full kHeadDim width.
HeadTrace run_head(int h, const Mat& xq, const Mat& xs, const MaskSpec& mask, float scale) {
  const HeadProjection& p = head_projection(h);
  const Mat q = project(xq, p.sq), k = project(xs, p.sk), v = project(xs, p.sv);
  AttentionResult a = scaled_dot_product(q, k, v, mask, scale);
  return {padded(q),
          padded(k),
          padded(v),
          std::move(a.scores),
          std::move(a.scaled),
          std::move(a.masked),
          std::move(a.weights),
          padded(a.output)};
}

void check_features(const char* name, const Mat& x) {
  if (x.cols() != kFeatureCount) {
    throw std::invalid_argument(std::string("run_heads: ") + name + " has " +
                                std::to_string(x.cols()) + " columns, expected " +
                                std::to_string(kFeatureCount) + " features");
  }
}

}  // namespace

const HeadProjection& head_projection(int h) {
  static const std::vector<HeadProjection> all = [] {
    std::vector<HeadProjection> p;
    for (const HeadSpec& s : head_specs()) p.push_back(build_projection(s));
    return p;
  }();
  if (h < 0 || h >= static_cast<int>(all.size())) {
    throw std::invalid_argument("head_projection: head " + std::to_string(h) + " is not 0.." +
                                std::to_string(all.size() - 1));
  }
  return all[static_cast<std::size_t>(h)];
}

MultiHeadWeights head_weights_pytorch(int heads) {
  if (heads < 1 || heads > kCrossHeadCount) {
    throw std::invalid_argument("head_weights_pytorch: heads must be 1.." +
                                std::to_string(kCrossHeadCount) + ", got " + std::to_string(heads));
  }
  const int e = heads * kHeadDim;
  if (e < kFeatureCount) {
    throw std::invalid_argument("head_weights_pytorch: " + std::to_string(heads) +
                                " heads give width " + std::to_string(e) + ", fewer than the " +
                                std::to_string(kFeatureCount) + " features");
  }
  MultiHeadWeights w;
  w.embed_dim = e;
  w.num_heads = heads;
  w.kdim = w.vdim = kFeatureCount;
  w.q_proj_weight = Mat::Zero(e, e);
  w.k_proj_weight = Mat::Zero(e, kFeatureCount);
  w.v_proj_weight = Mat::Zero(e, kFeatureCount);
  for (int h = 0; h < heads; ++h) {
    const HeadProjection& p = head_projection(h);
    const int r0 = h * kHeadDim;
    w.q_proj_weight.block(r0, 0, p.wq.rows(), kFeatureCount) = p.wq;
    w.k_proj_weight.middleRows(r0, p.wk.rows()) = p.wk;
    w.v_proj_weight.middleRows(r0, p.wv.rows()) = p.wv;
  }
  w.out_proj_weight = Mat::Identity(e, e);
  return w;
}

float heads_scale() { return 1.0f / std::sqrt(static_cast<float>(kHeadDim)); }

MultiHeadTrace run_heads(const Mat& xq, const Mat& xs, int head_count, bool causal,
                         const std::vector<int>& run) {
  if (head_count != kSelfHeadCount && head_count != kCrossHeadCount) {
    throw std::invalid_argument("run_heads: head_count must be " + std::to_string(kSelfHeadCount) +
                                " or " + std::to_string(kCrossHeadCount) + ", got " +
                                std::to_string(head_count));
  }
  check_features("xq", xq);
  check_features("xs", xs);
  std::vector<bool> ran(static_cast<std::size_t>(head_count), false);
  for (int h : run) {
    if (h < 0 || h >= head_count || ran[static_cast<std::size_t>(h)]) {
      throw std::invalid_argument("run_heads: head " + std::to_string(h) +
                                  " is out of range or given twice");
    }
    ran[static_cast<std::size_t>(h)] = true;
  }
  const int t = static_cast<int>(xq.rows()), s = static_cast<int>(xs.rows());
  MaskSpec mask;
  mask.causal = causal;
  MultiHeadTrace trace;
  trace.heads.resize(static_cast<std::size_t>(head_count));
  trace.mask = mask_spec_materialize(mask, t, s);
  trace.row_fully_masked.resize(static_cast<std::size_t>(t));
  for (int i = 0; i < t; ++i)
    trace.row_fully_masked[static_cast<std::size_t>(i)] = mask_row_fully_blocked(trace.mask, i);
  trace.scale = heads_scale();
  for (int h : run)
    trace.heads[static_cast<std::size_t>(h)] = run_head(h, xq, xs, mask, trace.scale);
  if (static_cast<int>(run.size()) == head_count) {
    trace.concat.resize(t, static_cast<Eigen::Index>(head_count) * kHeadDim);
    for (int h = 0; h < head_count; ++h)
      trace.concat.middleCols(h * kHeadDim, kHeadDim) =
          trace.heads[static_cast<std::size_t>(h)].output;
  }
  return trace;
}

}  // namespace attn
