// transformer: a GPT-2-like (pre-LN, causal) or BERT-like (post-LN, bidirectional) transformer
// that runs and trains on the CPU in float32, after llm.c's train_gpt2.c: parameters,
// gradients and activations are single float buffers with named views (parameters.h,
// activations.h); forward keeps what backward needs, including every layer's attention
// probabilities (B, H, T, T), which the playground shows.
//
// Use: forward(batch) -> logits; loss(targets) -> mean cross-entropy, and prepares backward();
// backward() accumulates into grads() (zero_grad() first). The optimizer is in src/train/.
// Nothing here allocates per call once the largest batch has been seen.
// BERT's MLM head (dense + GELU + LN before the output layer, a bias on the logits) is the
// config's mlm_head; BERT's pooler and next-sentence head are not built (they do not change
// the attention or the masked-token predictions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "nn/activations.h"
#include "nn/parameters.h"
#include "nn/transformer_config.h"

namespace attn::nn {

// One batch of B sequences of T tokens, all arrays (B, T) row-major.
struct Batch {
  const int* ids = nullptr;                   // token ids in [0, V)
  int B = 1, T = 0;                           // 1 <= T <= maxPositions
  const int* types = nullptr;                 // token types in [0, typeVocabSize), or null (all 0)
  const std::uint8_t* key_padding = nullptr;  // 1 = padding key nobody attends to, or null
};

class Transformer {
 public:
  // Validates config (std::invalid_argument); parameters start at 0 (call init_gpt2 or load).
  explicit Transformer(const TransformerConfig& config);

  const TransformerConfig& config() const { return config_; }
  const std::vector<TensorInfo>& tensors() const { return table_; }
  std::size_t num_params() const { return params_.size(); }
  float* params() { return params_.data(); }
  const float* params() const { return params_.data(); }
  // (num_params) gradients; allocated by the first zero_grad() or loss().
  float* grads() { return grads_.data(); }
  const float* grads() const { return grads_.data(); }

  void init_gpt2(std::uint32_t seed);  // see parameters.h

  // batch -> logits (B, T, V), valid until the next forward. Throws std::invalid_argument on
  // ids, types or T out of range (before computing anything) and on a NaN score.
  const float* forward(const Batch& batch);

  // targets (B, T) of the last forward's batch, in [0, V) or -1 (ignored) -> mean
  // cross-entropy over the counted targets (0 when none count), and dlogits for backward().
  float loss(const int* targets);

  // After loss(): grads() += d loss / d parameters.
  void backward();
  void zero_grad();

  // Logits (B, T, V) of the last forward; loss() and backward() leave them as they were.
  const float* logits() const { return acts_.logits; }
  // Attention probabilities of the last forward, layer l: (B, H, T, T).
  const float* attention(int layer) const { return acts_.layers.at(layer).att; }
  // Every intermediate of layer l in the last forward (qkv (B, T, 3C), att, atty (B, T, C) ...).
  const LayerActivations& layer_activations(int layer) const { return acts_.layers.at(layer); }
  int batch_size() const { return B_; }
  int seq_len() const { return T_; }

 private:
  void reserve(int B, int T);
  void forward_block(int l, const float* x, const std::uint8_t* key_padding);
  void backward_block(int l, const float* x, float* dx);

  TransformerConfig config_;
  std::vector<TensorInfo> table_;
  std::vector<float> params_, grads_;
  WeightViews w_{}, g_{};
  std::vector<float> position_table_;  // sinusoidal positions (maxT, C), when not learned
  std::vector<float> acts_buffer_, grad_acts_buffer_;
  ActivationViews acts_{}, grad_acts_{};
  std::vector<int> ids_, types_, targets_;  // the last batch, for backward
  std::vector<std::uint8_t> key_padding_;
  int B_ = 0, T_ = 0, counted_ = 0;
  bool has_types_ = false, has_padding_ = false;
};

}  // namespace attn::nn
