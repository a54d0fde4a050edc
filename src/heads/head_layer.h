// head_layer: the hand-built heads' own projection step, then the core's plain attention.
//
// As torch.nn.MultiheadAttention the heads would be E = H·kHeadDim wide (1024 for 8 heads):
// the ~180 features zero-padded to E, (E, E) projections that are zero but for each head's
// named rows, and an identity out-projection (head_weights_pytorch gives exactly those weights;
// a test runs them through multi_head_attention and compares). The heads know which rows are
// named, so instead each head h projects only its n_qk(h) named Q/K rows and n_v(h) V rows
// straight from the (T, kFeatureCount) features (~10-30 of 128 dims each: most of the work
// skipped), attends on those columns with scaled_dot_product (the unnamed columns are exactly
// 0 and add nothing to a score), and pads Q, K, V and its output back to kHeadDim columns. The
// layer's output is concat itself (identity out-projection, no bias).
//
// Only the heads asked for are run; concat needs them all.
#pragma once

#include <vector>

#include "attention/matrix.h"
#include "attention/multi_head.h"
#include "heads/head_specs.h"

namespace attn {

// A weight matrix's nonzero entries, row by row (compressed sparse rows): row r's are
// cols[start[r] .. start[r + 1]) with coefs at the same places, columns ascending.
struct SparseRows {
  std::vector<int> start;  // rows + 1 offsets
  std::vector<int> cols;
  std::vector<float> coefs;
};

// Head h's projection weights: its named rows of W_q, W_k, W_v, over the feature columns, and
// the same as sparse rows (a named dim reads a handful of the ~180 features, so projecting
// through the nonzeros alone does a few percent of the dense product's work).
struct HeadProjection {
  Mat wq;  // (n_qk, kFeatureCount); the query side carries sqrt(d) so Q.K / sqrt(d) is in logits
  Mat wk;  // (n_qk, kFeatureCount)
  Mat wv;  // (n_v, kFeatureCount)
  SparseRows sq, sk, sv;  // wq, wk, wv's nonzeros
};

// h in [0, kCrossHeadCount) -> its projection, built on first use and cached. n_qk and n_v
// are the spec's named dims, at least 1 (a zero row for a head without any).
const HeadProjection& head_projection(int h);

// The first `heads` heads as torch.nn.MultiheadAttention weights (E = heads * kHeadDim):
// q_proj_weight (E, E) for the features zero-padded to E, k_proj_weight and v_proj_weight
// (E, kFeatureCount) (kdim = vdim = kFeatureCount), no biases, out_proj_weight the identity.
// Throws std::invalid_argument unless 1 <= heads <= kCrossHeadCount and E >= kFeatureCount.
MultiHeadWeights head_weights_pytorch(int heads);

// The scale every head uses: 1 / sqrt(kHeadDim).
float heads_scale();

// xq (T, kFeatureCount) query features, T >= 1; xs (S, kFeatureCount) key/value features,
// S >= 0; head_count: kSelfHeadCount or kCrossHeadCount; causal: mask_causal(T, S); run:
// the heads to compute (indices < head_count, each once) -> trace with head_count entries in
// heads, those not in run left empty (0 x 0); mask (T, S), row_fully_masked (T) and scale
// 1/sqrt(kHeadDim) always; concat (T, head_count * kHeadDim) only when every head ran.
// S = 0 gives every query weights (T, 0) and a zero output, as a fully masked query gets.
MultiHeadTrace run_heads(const Mat& xq, const Mat& xs, int head_count, bool causal,
                         const std::vector<int>& run);

}  // namespace attn
