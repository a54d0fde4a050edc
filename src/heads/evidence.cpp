// evidence: per query, the best content score a head finds among the other words and whether
// that is a signal (see evidence.h). Reads the trace's Q and K; only the spec's non-background
// dims enter, gathered side by side and multiplied with the core's GEMM kernel (a scalar loop
// over them cost ~1 ms per head at 64 words in wasm; the product is a small fraction of that).
#include "heads/evidence.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "attention/kernels.h"
#include "heads/head_specs.h"
#include "heads/token_features.h"

namespace attn {
namespace {

// Whether query row i of xq is a word the spec asks from.
bool asks(const HeadSpec& s, const Mat& xq, int i) {
  if (s.asks.empty()) return true;
  float sum = 0;
  for (const auto& [col, coef] : s.asks) sum += coef * xq(i, col);
  return sum > 0;
}

}  // namespace

HeadEvidence head_evidence(int h, const Mat& q, const Mat& k, const Mat& xq, const Mask& mask,
                           float scale, bool self) {
  const HeadSpec& s = head_specs().at(static_cast<std::size_t>(h));
  const int t = static_cast<int>(q.rows()), n = static_cast<int>(k.rows());
  const bool masked = mask.size() != 0;
  if (q.cols() != kHeadDim || k.cols() != kHeadDim || xq.rows() != t ||
      xq.cols() != kFeatureCount || (masked && (mask.rows() != t || mask.cols() != n))) {
    throw std::invalid_argument("head_evidence: q (" + std::to_string(t) + ", " +
                                std::to_string(q.cols()) + "), k (" + std::to_string(n) + ", " +
                                std::to_string(k.cols()) + "), features and mask disagree");
  }
  std::vector<int> content;
  for (std::size_t d = 0; d < s.qk.size(); ++d)
    if (!s.qk[d].background) content.push_back(static_cast<int>(d));
  // The content dims side by side, then all content scores in one product (the core's GEMM):
  // scores (T, S) = scale * Qc (T, nc) . Kc (S, nc)^T.
  const int nc = static_cast<int>(content.size());
  Mat qc(t, nc), kc(n, nc), scores(t, n);
  // (Eigen's col() of a matrix with no rows offsets a null pointer: skip empty sides.)
  for (int c = 0; c < nc; ++c) {
    if (t != 0) qc.col(c) = q.col(content[static_cast<std::size_t>(c)]);
    if (n != 0) kc.col(c) = k.col(content[static_cast<std::size_t>(c)]);
  }
  if (t != 0 && n != 0) {
    if (nc == 0)
      scores.setZero();
    else
      kernels::gemm_nt(t, n, nc, qc.data(), nc, kc.data(), nc, scores.data(), n, scale, false);
  }
  HeadEvidence e{
      std::vector<float>(static_cast<std::size_t>(t), -std::numeric_limits<float>::infinity()),
      std::vector<std::uint8_t>(static_cast<std::size_t>(t), 0),
      std::vector<std::uint8_t>(static_cast<std::size_t>(t), 1)};
  for (int i = 0; i < t; ++i) {
    float best = -std::numeric_limits<float>::infinity();
    for (int j = 0; j < n; ++j) {
      if ((self && i == j) || (masked && mask(i, j))) continue;
      best = std::max(best, scores(i, j));
    }
    const auto r = static_cast<std::size_t>(i);
    e.best[r] = best;
    e.asks[r] = asks(s, xq, i);
    e.idle[r] = !e.asks[r] || !(best >= s.min_evidence);
  }
  return e;
}

}  // namespace attn
