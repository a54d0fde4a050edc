// schedule: see schedule.h. The norm is summed in double: n can be millions of squares.
#include "train/schedule.h"

#include <algorithm>
#include <cmath>

namespace attn::train {

float clip_grad_norm(float* grads, std::size_t n, float max_norm) {
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) sum += static_cast<double>(grads[i]) * grads[i];
  const float norm = static_cast<float>(std::sqrt(sum));
  if (max_norm > 0.0f && norm > max_norm) {
    const float scale = max_norm / (norm + 1e-6f);
    for (std::size_t i = 0; i < n; ++i) grads[i] *= scale;
  }
  return norm;
}

float lr_warmup_cosine(int step, int warmup_steps, int total_steps, float max_lr, float min_lr) {
  if (step < warmup_steps)
    return max_lr * static_cast<float>(step + 1) / static_cast<float>(warmup_steps);
  const int decay_steps = std::max(1, total_steps - 1 - warmup_steps);
  const double progress = std::min(1.0, static_cast<double>(step - warmup_steps) / decay_steps);
  const double cosine = 0.5 * (1.0 + std::cos(3.14159265358979323846 * progress));
  return static_cast<float>(min_lr + cosine * (max_lr - min_lr));
}

}  // namespace attn::train
