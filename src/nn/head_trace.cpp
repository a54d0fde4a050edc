// head_trace: see head_trace.h.
#include "nn/head_trace.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace attn::nn {

HeadTrace trace_head(const Transformer& model, int layer, int head) {
  const TransformerConfig& c = model.config();
  if (model.seq_len() == 0) throw std::logic_error("trace: run the model first");
  if (layer < 0 || layer >= c.num_layers || head < 0 || head >= c.num_heads)
    throw std::invalid_argument("trace: layer must be in [0, " + std::to_string(c.num_layers) +
                                ") and head in [0, " + std::to_string(c.num_heads) + "), got " +
                                std::to_string(layer) + ", " + std::to_string(head));
  const int T = model.seq_len(), C = c.embed_dim, hs = C / c.num_heads;
  const LayerActivations& a = model.layer_activations(layer);
  HeadTrace t;
  t.T = T, t.head_dim = hs;
  const std::size_t n = static_cast<std::size_t>(T) * hs;
  t.q.resize(n), t.k.resize(n), t.v.resize(n), t.output.resize(n);
  for (int i = 0; i < T; ++i)
    for (int d = 0; d < hs; ++d) {
      const float* row = a.qkv + static_cast<std::size_t>(i) * 3 * C + head * hs + d;
      t.q[i * hs + d] = row[0];
      t.k[i * hs + d] = row[C];
      t.v[i * hs + d] = row[2 * C];
      t.output[i * hs + d] = a.atty[static_cast<std::size_t>(i) * C + head * hs + d];
    }
  const float* att = a.att + static_cast<std::size_t>(head) * T * T;
  t.weights.assign(att, att + static_cast<std::size_t>(T) * T);
  t.scores.resize(static_cast<std::size_t>(T) * T);
  t.scaled.resize(t.scores.size());
  const float scale = 1.0f / std::sqrt(static_cast<float>(hs));
  for (int i = 0; i < T; ++i)
    for (int j = 0; j < T; ++j) {
      float s = 0.0f;
      for (int d = 0; d < hs; ++d) s += t.q[i * hs + d] * t.k[j * hs + d];
      t.scores[i * T + j] = s;
      t.scaled[i * T + j] = c.causal && j > i ? -std::numeric_limits<float>::infinity() : s * scale;
    }
  return t;
}

}  // namespace attn::nn
