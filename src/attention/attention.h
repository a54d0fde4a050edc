// attention: scaled dot-product attention for one head, with every intermediate kept.
//
// clang-format off
//   scores  = Q · K^T                       (Tq, Tk)
//   scaled  = scale * scores                (Tq, Tk)   scale defaults to 1 / sqrt(dk)
//   masked  = scaled, -inf where blocked    (Tq, Tk)
//   weights = softmax over keys (each row)  (Tq, Tk)   a fully blocked row is all 0
//   output  = weights · V                   (Tq, dv)   a fully blocked row is all 0
// clang-format on
//
// Two entry points: scaled_dot_product() keeps everything (what the page animates), and
// scaled_dot_product_output() computes only the output with O(Tk) scratch per query row (what
// multi-head attention uses when nobody asked for the weights). Heavy work goes through
// kernels.h. Inputs may be blocks of larger row-major matrices (e.g. one head's columns).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "attention/mask.h"
#include "attention/matrix.h"

namespace attn {

struct AttentionResult {
  Mat scores;   // (Tq, Tk) raw Q·K^T
  Mat scaled;   // (Tq, Tk) scale * scores
  Mat masked;   // (Tq, Tk) scaled with -inf where the mask blocks (== scaled when no mask)
  Mat weights;  // (Tq, Tk) softmax of each masked row; rows sum to 1, or are all 0
  Mat output;   // (Tq, dv) weights · V
  std::vector<std::uint8_t> row_fully_masked;  // (Tq) 1 = every key blocked (weights/output 0)
  float scale = 0;                             // the scale that was used
};

// q: (Tq, dk), k: (Tk, dk), v: (Tk, dv), mask: (Tq, Tk) 1 = blocked (MaskSpec, may be empty),
// scale: default 1/sqrt(dk) -> AttentionResult (all intermediates). Tk = 0 (no keys) is legal:
// every query is fully masked, (Tq, 0) score matrices and a zero output.
// Throws ShapeError (zero sizes but Tk, mismatched dk / Tk, mask size) and NonFiniteError (NaN/inf
// in q, k, v or scale, or scores overflowing to inf).
AttentionResult scaled_dot_product(const Eigen::Ref<const Mat>& q, const Eigen::Ref<const Mat>& k,
                                   const Eigen::Ref<const Mat>& v, const MaskSpec& mask = {},
                                   std::optional<float> scale = std::nullopt);

// Same contract, output only: out (Tq, dv) = softmax(scale Q K^T, masked) V, computed one query
// row at a time with O(Tk) scratch; row_fully_masked (Tq) may be null. No input checks beyond
// shapes (callers have checked finiteness). out may be a block of a larger matrix.
void scaled_dot_product_output(const Eigen::Ref<const Mat>& q, const Eigen::Ref<const Mat>& k,
                               const Eigen::Ref<const Mat>& v, const MaskSpec& mask, float scale,
                               Eigen::Ref<Mat> out, std::uint8_t* row_fully_masked = nullptr);

// Same contract, weights and output only (no scores / scaled / masked copies): weights (Tq, Tk)
// and out (Tq, dv), either may be a block of a larger matrix; row_fully_masked (Tq) may be null.
// For multi-head attention with need_weights and no trace.
void scaled_dot_product_weights(const Eigen::Ref<const Mat>& q, const Eigen::Ref<const Mat>& k,
                                const Eigen::Ref<const Mat>& v, const MaskSpec& mask, float scale,
                                Eigen::Ref<Mat> weights, Eigen::Ref<Mat> out,
                                std::uint8_t* row_fully_masked = nullptr);

// Double-precision plain-loop reference of scaled_dot_product, for tests (same contract;
// returns weights (Tq, Tk) and output (Tq, dv)).
struct AttentionReference {
  MatD weights;
  MatD output;
};
AttentionReference scaled_dot_product_reference(const MatD& q, const MatD& k, const MatD& v,
                                                const Mask& mask, double scale);

}  // namespace attn
