// adamw: the AdamW optimizer (Loshchilov & Hutter 2019) as torch.optim.AdamW computes it, with
// bias correction and decoupled weight decay applied only to tensors with >= 2 dimensions
// (matrices and embeddings; biases and LayerNorm parameters are never decayed, as in GPT-2's
// and nanoGPT's setups). For step t (1-based), per parameter p with gradient g:
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//   p = p - lr * (wd * p  [decayed tensors only])
//   p = p - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
// (torch applies the decay first, to the pre-update p; same here). Deterministic: no randomness.
#pragma once

#include <cstddef>
#include <vector>

#include "nn/parameters.h"

namespace attn::train {

struct AdamWConfig {
  float lr = 1e-3f;
  float beta1 = 0.9f;
  float beta2 = 0.999f;
  float eps = 1e-8f;
  float weight_decay = 0.01f;
  float clip_norm = 0.0f;  // > 0: clip the global gradient norm to this before the step
};

// Throws std::invalid_argument naming the first bad field (lr >= 0, betas in [0, 1), eps > 0,
// weight_decay >= 0, clip_norm >= 0, all finite).
void validate(const AdamWConfig& c);

class AdamW {
 public:
  // One decay flag per tensor of the table (>= 2 dims); moments start at 0, step count at 0.
  explicit AdamW(const std::vector<nn::TensorInfo>& table);

  // params (n), grads (n), n = the table's parameter count -> params updated in place.
  void step(float* params, const float* grads, const AdamWConfig& c);

  int steps_taken() const { return t_; }
  std::vector<float>& m() { return m_; }  // first moments (n), for checkpoints
  std::vector<float>& v() { return v_; }  // second moments (n)
  void set_steps_taken(int t) { t_ = t; }

 private:
  struct Range {
    std::size_t offset, size;
    bool decay;
  };
  std::vector<Range> ranges_;
  std::vector<float> m_, v_;
  int t_ = 0;
};

}  // namespace attn::train
