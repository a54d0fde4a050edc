// head_trace: one attention head of a Transformer's last forward, step by step, so a view can
// show a real head of a real model: its queries, keys and values (sliced from the layer's fused
// qkv), the raw scores q·kᵀ, the scaled and masked scores the softmax read, the probabilities
// the forward kept and the head's output. Only the scores are computed here (a T×T×hs product
// for one head); everything else is copied from the forward's activations, so the trace shows
// exactly the numbers the model used. First sequence of the batch only.
#pragma once

#include <vector>

#include "nn/transformer.h"

namespace attn::nn {

struct HeadTrace {
  int T = 0, head_dim = 0;
  std::vector<float> q, k, v;  // (T, hs) each
  std::vector<float> scores;   // (T, T) q·kᵀ
  std::vector<float> scaled;   // (T, T) scores / sqrt(hs), -infinity where the causal mask blocks
  std::vector<float> weights;  // (T, T) the forward's attention probabilities
  std::vector<float> output;   // (T, hs) weights · v, this head's columns of the concatenation
};

// model after forward(): layer in [0, L), head in [0, H) -> the trace. Throws
// std::invalid_argument for a layer or head out of range, std::logic_error before a forward.
HeadTrace trace_head(const Transformer& model, int layer, int head);

}  // namespace attn::nn
