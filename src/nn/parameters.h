// parameters: the Transformer's named tensors in one contiguous float buffer (as llm.c), and
// views into it. The same table lays out the gradients, so a gradient is found at the
// parameter's offset. Names follow GPT-2's (so issue 17 can map hub checkpoints onto them);
// every 2-D weight is stored (out, in) like torch.nn.Linear (GPT-2's Conv1D files are (in, out)
// and get transposed on import). Per config, in this order:
//   wte.weight (V, C)                                  token embedding (also the output layer when
//   tied) wpe.weight (maxT, C)                               learned positions only wtt.weight
//   (types, C)                              token types only ln_e.weight, ln_e.bias (C) post-LN
//   only: LayerNorm of the embeddings h.{l}.ln_1.weight, h.{l}.ln_1.bias (C)             pre-LN:
//   before attention; post-LN: after it h.{l}.attn.c_attn.weight (3C, C), .bias (3C)       q, k, v
//   projections, rows [q; k; v] h.{l}.attn.c_proj.weight (C, C), .bias (C)         attention output
//   projection h.{l}.ln_2.weight, h.{l}.ln_2.bias (C)             with MLP only
//   h.{l}.mlp.c_fc.weight (F, C), .bias (F)            with MLP only
//   h.{l}.mlp.c_proj.weight (C, F), .bias (C)          with MLP only
//   ln_f.weight, ln_f.bias (C)                         pre-LN only: final LayerNorm
//   lm_head.weight (V, C)                              untied only
//   mlm.dense.weight (C, C), .bias (C)                 mlm_head only (BERT's MLM transform)
//   mlm.ln.weight, mlm.ln.bias (C)                     mlm_head only
//   mlm.bias (V)                                       mlm_head only: bias of the logits
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "nn/transformer_config.h"

namespace attn::nn {

struct TensorInfo {
  std::string name;
  std::vector<int> shape;
  std::size_t offset = 0;  // in floats, from the buffer's start
  std::size_t size = 0;    // product of shape
};

// config -> the tensor table above, offsets consecutive from 0.
std::vector<TensorInfo> parameter_table(const TransformerConfig& c);
std::size_t parameter_count(const std::vector<TensorInfo>& table);

struct LayerWeights {
  float *ln1_w, *ln1_b, *qkv_w, *qkv_b, *proj_w, *proj_b;
  float *ln2_w, *ln2_b, *fc_w, *fc_b, *fcproj_w, *fcproj_b;  // null when attention-only
};

// Pointers into one buffer laid out by the table; absent tensors are null.
struct WeightViews {
  float *wte, *wpe, *wtt, *lne_w, *lne_b, *lnf_w, *lnf_b, *lm_head;
  float *mlm_w, *mlm_b, *mlm_ln_w, *mlm_ln_b, *mlm_bias;  // mlm_head only
  std::vector<LayerWeights> layers;
};

WeightViews weight_views(const TransformerConfig& c, const std::vector<TensorInfo>& table,
                         float* base);

// GPT-2's initialization, deterministic from seed. Normals come from our own Box-Muller over
// std::mt19937, whose output the standard fixes (std::normal_distribution differs between
// libstdc++ and libc++), so native and wasm builds agree up to libm's last-bit rounding of
// log/sin/cos. Every 2-D weight
// N(0, 0.02), the residual projections (attn.c_proj, mlp.c_proj) N(0, 0.02 / sqrt(2 L)),
// biases 0, LayerNorm weights 1.
void init_gpt2(const TransformerConfig& c, const std::vector<TensorInfo>& table, float* base,
               std::uint32_t seed);

}  // namespace attn::nn
