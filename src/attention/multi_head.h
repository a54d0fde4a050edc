// multi_head: multi-head attention with torch.nn.MultiheadAttention's conventions
// (batch_first, one batch, dropout 0, boolean masks with 1 = blocked).
//
// Dimension names: Tq queries, Tk keys/values, E = embed_dim, H = num_heads, hd = E / H,
// qdim / kdim / vdim = widths of the query / key / value inputs (all E for self attention;
// PyTorch requires qdim == E, this core also takes a narrower query, see MultiHeadWeights).
//
//   Q = query W_q^T + b_q   (Tq, E)    query (Tq, qdim), W_q (E, qdim)    head h uses columns
//   [h*hd, (h+1)*hd) K = key   W_k^T + b_k   (Tk, E) V = value W_v^T + b_v   (Tk, E) head_h  =
//   softmax(Q_h K_h^T / sqrt(hd), masked) V_h        (Tq, hd) concat  = [head_0 | ... | head_{H-1}]
//   (Tq, E) output  = concat W_o^T + b_o                                (Tq, E)
//
// Weights are PyTorch's: packed in_proj_weight (3E, E) = [W_q; W_k; W_v] when kdim == vdim == E,
// or separate q_proj_weight (E, E), k_proj_weight (E, kdim), v_proj_weight (E, vdim);
// in_proj_bias (3E) = [b_q; b_k; b_v]; out_proj.weight (E, E), out_proj.bias (E).
// Unlike PyTorch 1.13 (which gives NaN), a query whose keys are all blocked gets weights 0 and
// a head output of 0 (so its output row is just out_proj.bias).
//
// Memory: with need_weights = false and trace = false nothing O(Tq*Tk) is kept beyond the
// user's explicit attn_mask, and nothing O(T*E) beyond the inputs and the (Tq, E) output: each
// head projects only its own (T, hd) slices of Q, K, V and attends with the tiled kernel (or
// row blocks under an explicit mask); the output projection runs in place, block by block.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "attention/mask.h"
#include "attention/matrix.h"

namespace attn {

struct MultiHeadWeights {
  int embed_dim = 0;  // E
  int num_heads = 0;  // H, E % H must be 0
  // Width of query inputs; 0 means E. PyTorch always has qdim == E; a narrower query equals
  // PyTorch's with the query zero-padded to E and W_q's extra columns zero, without storing or
  // multiplying them (the hand-built heads: E = 1024 wide, fed ~180 features).
  int qdim = 0;
  int kdim = 0;  // width of key inputs; 0 means E
  int vdim = 0;  // width of value inputs; 0 means E
  // Either packed (only when qdim == kdim == vdim == E) ...
  Mat in_proj_weight;  // (3E, E) or empty
  // ... or separate (used when in_proj_weight is empty).
  Mat q_proj_weight;    // (E, qdim)
  Mat k_proj_weight;    // (E, kdim)
  Mat v_proj_weight;    // (E, vdim)
  Vec in_proj_bias;     // (3E) or empty (no input bias)
  Mat out_proj_weight;  // (E, E); may be empty when out_proj_identity
  Vec out_proj_bias;    // (E) or empty (no output bias)
  // The output projection is the identity: out_proj_weight is then empty (nothing stored) or
  // the identity (multi_head_weights_check verifies it), and the product is skipped, which is
  // exact (the hand-built heads use this).
  bool out_proj_identity = false;
  // Optional, per head h (H entries each, or empty): only the first qk_rows[h] rows of head h's
  // block of W_q and W_k (rows [h*hd, h*hd + qk_rows[h])) and the first v_rows[h] of W_v may be
  // non-zero (multi_head_weights_check verifies it). The traced and weights paths then project
  // only those rows; the rest of Q, K, V is the bias (0 without one). The hand-built heads name
  // ~10-30 of their 128 dimensions, so this skips most of their projections' work.
  std::vector<int> qk_rows;
  std::vector<int> v_rows;
};

// The projection weights packed once for the kernels (kernels::pack_b), by head: for a layer
// whose weights serve many calls, the output-only path then skips all per-call packing.
struct MultiHeadPacked {
  int num_heads = 0;
  std::vector<std::vector<float>> q, k, v;  // (H) rows [h*hd, (h+1)*hd) of W_q, W_k, W_v, packed
  std::vector<float> out;                   // W_o (E, E), packed; empty when out_proj_identity
};

struct MultiHeadOptions {
  bool causal = false;                         // mask_causal(Tq, Tk), last query ~ last key
  Mask attn_mask;                              // empty or (Tq, Tk), 1 = blocked
  std::vector<std::uint8_t> key_padding_mask;  // empty or (Tk), 1 = padded key
  bool need_weights = true;                    // fill MultiHeadResult::weights
  bool trace = false;                          // fill MultiHeadResult::trace
  std::optional<float> scale;                  // default 1 / sqrt(hd)
  // The caller already ran multi_head_weights_check(w) on these exact weights (e.g. constant
  // weights built once): skip re-checking millions of values on every call. Shapes of the
  // inputs and masks are still checked.
  bool weights_checked = false;
  // multi_head_pack() of these exact weights, or null. Used by the output-only path.
  const MultiHeadPacked* packed = nullptr;
};

// Everything one head computed (all row-major).
struct HeadTrace {
  Mat q;        // (Tq, hd) this head's slice of the projected queries
  Mat k;        // (Tk, hd)
  Mat v;        // (Tk, hd)
  Mat scores;   // (Tq, Tk) raw Q_h K_h^T
  Mat scaled;   // (Tq, Tk) scale * scores (before masking)
  Mat weights;  // (Tq, Tk) softmax over keys after masking; rows sum to 1 or are all 0
  Mat output;   // (Tq, hd) weights · V_h
};

struct MultiHeadTrace {
  std::vector<HeadTrace> heads;                // H
  Mask mask;                                   // (Tq, Tk) combined mask, 1 = blocked
  std::vector<std::uint8_t> row_fully_masked;  // (Tq) 1 = every key blocked
  Mat concat;                                  // (Tq, E) heads side by side, before out_proj
  float scale = 0;                             // the scale used
};

struct MultiHeadResult {
  Mat output;   // (Tq, E) final projected output
  Mat weights;  // (H * Tq, Tk): head h is rows [h*Tq, (h+1)*Tq); empty unless need_weights
  std::optional<MultiHeadTrace> trace;  // present when options.trace
};

// query: (Tq, qdim), key: (Tk, kdim), value: (Tk, vdim) -> MultiHeadResult.
// Throws ShapeError (zero sizes, E % H != 0, any weight/bias/input/mask size mismatch; the
// message names the argument, expected and given sizes) and NonFiniteError (NaN/inf anywhere).
MultiHeadResult multi_head_attention(const Eigen::Ref<const Mat>& query,
                                     const Eigen::Ref<const Mat>& key,
                                     const Eigen::Ref<const Mat>& value, const MultiHeadWeights& w,
                                     const MultiHeadOptions& options = {});

// Self attention: x (T, E) is query, key and value -> MultiHeadResult with Tq = Tk = T.
MultiHeadResult self_attention(const Eigen::Ref<const Mat>& x, const MultiHeadWeights& w,
                               const MultiHeadOptions& options = {});

// Throws ShapeError / NonFiniteError unless w is a consistent set of weights (see above).
void multi_head_weights_check(const MultiHeadWeights& w);

// w (checked by multi_head_weights_check) -> its packed projections, ~the size of the weights.
MultiHeadPacked multi_head_pack(const MultiHeadWeights& w);

}  // namespace attn
