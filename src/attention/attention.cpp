// attention: scaled dot-product attention over the kernels of kernels.h. The full path keeps
// every (Tq, Tk) intermediate for the page; the output-only path walks blocks of query rows
// with O(Tk) scratch per row and skips keys a causal mask hides. The double-precision
// reference at the bottom is plain loops, for tests only.
#include "attention/attention.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "attention/input_checks.h"
#include "attention/kernels.h"
#include "attention/softmax.h"

namespace attn {
namespace {

// Query rows per block in the output-only path: enough rows for the kernels' register tiles,
// few enough that the scratch stays O(Tk).
constexpr int kRowBlock = 16;

struct Dims {
  int tq, tk, dk, dv;
};

Dims check_inputs(const char* where, const Eigen::Ref<const Mat>& q, const Eigen::Ref<const Mat>& k,
                  const Eigen::Ref<const Mat>& v, const MaskSpec& mask) {
  check_shape(where, "q", q, -1, -1);
  const int tq = static_cast<int>(q.rows()), dk = static_cast<int>(q.cols());
  check_shape_rows_may_be_zero(where, "k", k, -1, dk);  // Tk = 0: every query fully masked
  const int tk = static_cast<int>(k.rows());
  check_shape_rows_may_be_zero(where, "v", v, tk, -1);
  mask_spec_check(where, mask, tq, tk);
  return {tq, tk, dk, static_cast<int>(v.cols())};
}

float resolve_scale(const char* where, std::optional<float> scale, int dk) {
  const float s = scale ? *scale : 1.0f / std::sqrt(static_cast<float>(dk));
  check_finite(where, "scale", &s, 1);
  return s;
}

void check_out(const char* where, const char* name, const Eigen::Ref<Mat>& m, int rows, int cols) {
  if (m.rows() != rows || m.cols() != cols) {
    throw ShapeError(std::string(where) + ": " + name + " is (" + std::to_string(m.rows()) + ", " +
                     std::to_string(m.cols()) + "), expected (" + std::to_string(rows) + ", " +
                     std::to_string(cols) + ")");
  }
}

int ld(const Eigen::Ref<const Mat>& m) { return static_cast<int>(m.outerStride()); }

// What scaled_dot_product gives when there are no keys (Tk = 0): (Tq, 0) score matrices and,
// as for any fully masked query, a zero output row.
AttentionResult no_keys(const Dims& d, AttentionResult r) {
  r.scores = r.scaled = r.masked = r.weights = Mat(d.tq, 0);
  r.output = Mat::Zero(d.tq, d.dv);
  r.row_fully_masked.assign(static_cast<std::size_t>(d.tq), 1);
  return r;
}

}  // namespace

AttentionResult scaled_dot_product(const Eigen::Ref<const Mat>& q, const Eigen::Ref<const Mat>& k,
                                   const Eigen::Ref<const Mat>& v, const MaskSpec& mask,
                                   std::optional<float> scale) {
  constexpr const char* kWhere = "scaled_dot_product";
  const Dims d = check_inputs(kWhere, q, k, v, mask);
  check_finite(kWhere, "q", q);
  check_finite(kWhere, "k", k);
  check_finite(kWhere, "v", v);
  AttentionResult r;
  r.scale = resolve_scale(kWhere, scale, d.dk);
  if (d.tk == 0) return no_keys(d, std::move(r));

  // pass 1: raw scores Q K^T, then the scaled copy
  r.scores.resize(d.tq, d.tk);
  kernels::gemm_nt(d.tq, d.tk, d.dk, q.data(), ld(q), k.data(), ld(k), r.scores.data(), d.tk, 1.0f,
                   false);
  r.scaled = r.scores * r.scale;
  // Finite q and k can still overflow float; say so here rather than deep in the softmax.
  check_finite(kWhere, "scaled scores (q k^T overflowed)", r.scaled);
  // pass 2: blocked pairs become -inf
  r.masked = r.scaled;
  if (!mask.empty()) {
    for (int i = 0; i < d.tq; ++i) mask_spec_apply_row(mask, i, d.tq, d.tk, &r.masked(i, 0));
  }
  // pass 3: softmax over keys; a fully blocked row comes back all zeros
  r.weights = r.masked;
  std::vector<std::uint8_t> has_any(d.tq);
  kernels::softmax_rows(d.tq, d.tk, r.weights.data(), d.tk, has_any.data());
  r.row_fully_masked.resize(d.tq);
  for (int i = 0; i < d.tq; ++i) r.row_fully_masked[i] = has_any[i] ? 0 : 1;
  // pass 4: output = weights V (zero weights give a zero output row)
  r.output.resize(d.tq, d.dv);
  kernels::gemm_nn(d.tq, d.dv, d.tk, r.weights.data(), d.tk, v.data(), ld(v), r.output.data(), d.dv,
                   1.0f, false);
  return r;
}

void scaled_dot_product_output(const Eigen::Ref<const Mat>& q, const Eigen::Ref<const Mat>& k,
                               const Eigen::Ref<const Mat>& v, const MaskSpec& mask, float scale,
                               Eigen::Ref<Mat> out, std::uint8_t* row_fully_masked) {
  constexpr const char* kWhere = "scaled_dot_product_output";
  const Dims d = check_inputs(kWhere, q, k, v, mask);
  check_out(kWhere, "out", out, d.tq, d.dv);
  const int block = std::min(kRowBlock, d.tq);
  std::vector<float> scratch(static_cast<std::size_t>(block) * d.tk);
  std::uint8_t has_any[kRowBlock];
  const int ldo = static_cast<int>(out.outerStride());
  for (int i0 = 0; i0 < d.tq; i0 += block) {
    const int rows = std::min(block, d.tq - i0);
    // Keys at or past the causal end of the block's last row get weight 0 for every row.
    const int cols = mask_spec_causal_end(mask, i0 + rows - 1, d.tq, d.tk);
    float* out_rows = out.data() + static_cast<std::ptrdiff_t>(i0) * ldo;
    if (cols == 0) {
      for (int r = 0; r < rows; ++r) {
        std::fill(out_rows + static_cast<std::ptrdiff_t>(r) * ldo,
                  out_rows + static_cast<std::ptrdiff_t>(r) * ldo + d.dv, 0.0f);
        if (row_fully_masked) row_fully_masked[i0 + r] = 1;
      }
      continue;
    }
    // pass 1: scaled scores for this block of queries, (rows, cols) with leading dimension cols
    kernels::gemm_nt(rows, cols, d.dk, q.data() + static_cast<std::ptrdiff_t>(i0) * ld(q), ld(q),
                     k.data(), ld(k), scratch.data(), cols, scale, false);
    // pass 2: mask, softmax, weights V
    if (!mask.empty()) {
      for (int r = 0; r < rows; ++r) {
        mask_spec_apply_row(mask, i0 + r, d.tq, d.tk, scratch.data() + r * cols, cols);
      }
    }
    kernels::softmax_rows(rows, cols, scratch.data(), cols, has_any);
    kernels::gemm_nn(rows, d.dv, cols, scratch.data(), cols, v.data(), ld(v), out_rows, ldo, 1.0f,
                     false);
    if (row_fully_masked) {
      for (int r = 0; r < rows; ++r) row_fully_masked[i0 + r] = has_any[r] ? 0 : 1;
    }
  }
}

void scaled_dot_product_weights(const Eigen::Ref<const Mat>& q, const Eigen::Ref<const Mat>& k,
                                const Eigen::Ref<const Mat>& v, const MaskSpec& mask, float scale,
                                Eigen::Ref<Mat> weights, Eigen::Ref<Mat> out,
                                std::uint8_t* row_fully_masked) {
  constexpr const char* kWhere = "scaled_dot_product_weights";
  const Dims d = check_inputs(kWhere, q, k, v, mask);
  check_out(kWhere, "weights", weights, d.tq, d.tk);
  check_out(kWhere, "out", out, d.tq, d.dv);
  if (d.tk == 0) {  // no keys: every query fully masked
    out.setZero();
    if (row_fully_masked) std::fill(row_fully_masked, row_fully_masked + d.tq, 1);
    return;
  }
  const int ldw = static_cast<int>(weights.outerStride());
  // pass 1: scaled scores straight into weights; pass 2: mask; pass 3: softmax; pass 4: · V
  kernels::gemm_nt(d.tq, d.tk, d.dk, q.data(), ld(q), k.data(), ld(k), weights.data(), ldw, scale,
                   false);
  if (!mask.empty()) {
    for (int i = 0; i < d.tq; ++i) {
      mask_spec_apply_row(mask, i, d.tq, d.tk,
                          weights.data() + static_cast<std::ptrdiff_t>(i) * ldw);
    }
  }
  std::vector<std::uint8_t> has_any(d.tq);
  kernels::softmax_rows(d.tq, d.tk, weights.data(), ldw, has_any.data());
  kernels::gemm_nn(d.tq, d.dv, d.tk, weights.data(), ldw, v.data(), ld(v), out.data(),
                   static_cast<int>(out.outerStride()), 1.0f, false);
  if (row_fully_masked) {
    for (int i = 0; i < d.tq; ++i) row_fully_masked[i] = has_any[i] ? 0 : 1;
  }
}

AttentionReference scaled_dot_product_reference(const MatD& q, const MatD& k, const MatD& v,
                                                const Mask& mask, double scale) {
  const Eigen::Index tq = q.rows(), tk = k.rows(), dk = q.cols(), dv = v.cols();
  AttentionReference r{MatD::Zero(tq, tk), MatD::Zero(tq, dv)};
  for (Eigen::Index i = 0; i < tq; ++i) {
    std::vector<double> row(tk);
    for (Eigen::Index j = 0; j < tk; ++j) {
      double dot = 0;
      for (Eigen::Index c = 0; c < dk; ++c) dot += q(i, c) * k(j, c);
      const bool blocked = mask.size() != 0 && mask(i, j);
      row[j] = blocked ? -std::numeric_limits<double>::infinity() : dot * scale;
    }
    softmax_row_reference(row.data(), row.data(), row.size());
    for (Eigen::Index j = 0; j < tk; ++j) {
      r.weights(i, j) = row[j];
      for (Eigen::Index c = 0; c < dv; ++c) r.output(i, c) += row[j] * v(j, c);
    }
  }
  return r;
}

}  // namespace attn
