// cross_entropy: see cross_entropy.h. The softmax runs on the kernels (row max, then exp and
// sum in one pass, f32x4 under wasm SIMD): for a large vocabulary these exps are the bulk of
// the loss's cost.
#include "nn/cross_entropy.h"

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "attention/kernels.h"

namespace attn::nn {

int crossentropy_forward(float* losses, float* probs, const float* logits, const int* targets,
                         int N, int V) {
  int count = 0;
  for (int n = 0; n < N; ++n) {
    const float* x = logits + static_cast<std::ptrdiff_t>(n) * V;
    float* p = probs + static_cast<std::ptrdiff_t>(n) * V;
    // pass 1: max for stability (NaN shows up here); pass 2: exp and sum; pass 3: normalize
    const float m = kernels::row_max(V, x);
    if (!std::isfinite(m))
      throw std::invalid_argument("cross-entropy: row " + std::to_string(n) +
                                  " of the logits is not finite");
    for (int v = 0; v < V; ++v) p[v] = x[v];
    const float sum = kernels::exp_shifted_sum(V, p, m);
    const float inv = 1.0f / sum;
    for (int v = 0; v < V; ++v) p[v] *= inv;
    const int target = targets[n];
    if (target == kIgnoreIndex) {
      losses[n] = 0.0f;
      continue;
    }
    losses[n] = m + std::log(sum) - x[target];  // -log softmax, without log(p) underflow
    ++count;
  }
  return count;
}

void crossentropy_softmax_backward(float* dlogits, const float* probs, const int* targets,
                                   float dloss, int N, int V) {
  for (int n = 0; n < N; ++n) {
    float* g = dlogits + static_cast<std::ptrdiff_t>(n) * V;
    const float* p = probs + static_cast<std::ptrdiff_t>(n) * V;
    const int target = targets[n];
    if (target == kIgnoreIndex) {
      for (int v = 0; v < V; ++v) g[v] = 0.0f;
      continue;
    }
    for (int v = 0; v < V; ++v) g[v] = p[v] * dloss;
    g[target] -= dloss;
  }
}

}  // namespace attn::nn
