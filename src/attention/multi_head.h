// multi_head: multi-head attention with torch.nn.MultiheadAttention's conventions
// (batch_first, one batch, dropout 0, boolean masks with 1 = blocked), and MultiHeadLayer,
// the same with its weights checked and packed once for a model run many times.
//
// Dimension names: Tq queries, Tk keys/values, E = embed_dim, H = num_heads, hd = E / H,
// kdim / vdim = widths of the key / value inputs (E for self attention).
//
// clang-format off
//   Q       = query W_q^T + b_q                         (Tq, E)   query (Tq, E),    W_q (E, E)
//   K       = key   W_k^T + b_k                         (Tk, E)   key   (Tk, kdim), W_k (E, kdim)
//   V       = value W_v^T + b_v                         (Tk, E)   value (Tk, vdim), W_v (E, vdim)
//   head_h  = softmax(Q_h K_h^T / sqrt(hd), masked) V_h (Tq, hd)  Q_h = columns [h*hd, (h+1)*hd) of Q
//   concat  = [head_0 | head_1 | ... | head_{H-1}]      (Tq, E)
//   output  = concat W_o^T + b_o                        (Tq, E)
// clang-format on
//
// Weights are PyTorch's: packed in_proj_weight (3E, E) = [W_q; W_k; W_v] when kdim == vdim == E,
// or separate q_proj_weight (E, E), k_proj_weight (E, kdim), v_proj_weight (E, vdim);
// in_proj_bias (3E) = [b_q; b_k; b_v]; out_proj.weight (E, E), out_proj.bias (E).
// Unlike PyTorch 1.13 (which gives NaN), a query whose keys are all blocked gets weights 0 and
// a head output of 0 (so its output row is just out_proj.bias); Tk = 0 (no keys at all) is
// legal and gives every query that row.
//
// Memory: with need_weights = false and trace = false nothing O(Tq*Tk) is kept beyond the
// user's explicit attn_mask, and nothing O(T*E) beyond the inputs and the (Tq, E) output: each
// head projects only its own (T, hd) slices of Q, K, V and attends with the tiled kernel (or
// row blocks under an explicit mask); the output projection runs in place, block by block.
// It does not do dropout, batches or a backward pass.
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
  int kdim = 0;       // width of key inputs; 0 means E
  int vdim = 0;       // width of value inputs; 0 means E
  // Either packed (only when kdim == vdim == E) ...
  Mat in_proj_weight;  // (3E, E) or empty
  // ... or separate (used when in_proj_weight is empty).
  Mat q_proj_weight;    // (E, E)
  Mat k_proj_weight;    // (E, kdim)
  Mat v_proj_weight;    // (E, vdim)
  Vec in_proj_bias;     // (3E) or empty (no input bias)
  Mat out_proj_weight;  // (E, E)
  Vec out_proj_bias;    // (E) or empty (no output bias)
};

struct MultiHeadOptions {
  bool causal = false;                         // mask_causal(Tq, Tk), last query ~ last key
  Mask attn_mask;                              // empty or (Tq, Tk), 1 = blocked
  std::vector<std::uint8_t> key_padding_mask;  // empty or (Tk), 1 = padded key
  bool need_weights = true;                    // fill MultiHeadResult::weights
  bool trace = false;                          // fill MultiHeadResult::trace
  std::optional<float> scale;                  // default 1 / sqrt(hd)
};

// Everything one head computed (all row-major); what scaled_dot_product keeps, per head.
struct HeadTrace {
  Mat q;        // (Tq, hd) this head's slice of the projected queries
  Mat k;        // (Tk, hd)
  Mat v;        // (Tk, hd)
  Mat scores;   // (Tq, Tk) raw Q_h K_h^T
  Mat scaled;   // (Tq, Tk) scale * scores (before masking)
  Mat masked;   // (Tq, Tk) scaled with -inf where the mask blocks: what the softmax read
  Mat weights;  // (Tq, Tk) softmax over keys of masked; rows sum to 1 or are all 0
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

// query: (Tq, E), key: (Tk, kdim), value: (Tk, vdim), Tq >= 1, Tk >= 0 -> MultiHeadResult.
// Throws ShapeError (zero sizes but Tk, E % H != 0, any weight/bias/input/mask size mismatch;
// the message names the argument, expected and given sizes) and NonFiniteError (NaN/inf
// anywhere). Checks every weight on every call; MultiHeadLayer checks them once.
MultiHeadResult multi_head_attention(const Eigen::Ref<const Mat>& query,
                                     const Eigen::Ref<const Mat>& key,
                                     const Eigen::Ref<const Mat>& value, const MultiHeadWeights& w,
                                     const MultiHeadOptions& options = {});

// Self attention: x (T, E) is query, key and value -> MultiHeadResult with Tq = Tk = T.
MultiHeadResult self_attention(const Eigen::Ref<const Mat>& x, const MultiHeadWeights& w,
                               const MultiHeadOptions& options = {});

// Throws ShapeError / NonFiniteError unless w is a consistent set of weights (see above).
void multi_head_weights_check(const MultiHeadWeights& w);

// A multi-head attention layer that owns its weights: checked once when built, and its
// projections packed once for the kernels (kernels::pack_b), by head, so the output-only path
// skips all per-call checking and packing. Holds the weights twice (plain for the weights and
// trace paths, packed for output-only calls). forward() has multi_head_attention's contract.
class MultiHeadLayer {
 public:
  // Throws what multi_head_weights_check throws; a layer always holds valid weights.
  explicit MultiHeadLayer(MultiHeadWeights weights);

  const MultiHeadWeights& weights() const { return weights_; }

  // query: (Tq, E), key: (Tk, kdim), value: (Tk, vdim) -> as multi_head_attention.
  MultiHeadResult forward(const Eigen::Ref<const Mat>& query, const Eigen::Ref<const Mat>& key,
                          const Eigen::Ref<const Mat>& value,
                          const MultiHeadOptions& options = {}) const;

  // The projections packed for the kernels: (H) rows [h*hd, (h+1)*hd) of W_q, W_k, W_v each,
  // and W_o whole.
  struct Packed {
    std::vector<std::vector<float>> q, k, v;
    std::vector<float> out;
  };

 private:
  MultiHeadWeights weights_;
  Packed packed_;
};

}  // namespace attn
