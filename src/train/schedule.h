// schedule: gradient clipping by global norm and the warmup + cosine learning-rate schedule.
#pragma once

#include <cstddef>

namespace attn::train {

// grads (n) -> their global L2 norm before clipping; when max_norm > 0 and the norm exceeds
// it, every gradient is scaled by max_norm / (norm + 1e-6) (torch.nn.utils.clip_grad_norm_).
float clip_grad_norm(float* grads, std::size_t n, float max_norm);

// Learning rate at step (0-based) of total_steps: linear warmup from max_lr / warmup to max_lr
// over the first warmup steps, then cosine decay from max_lr to min_lr at the last step
// (constant min_lr past it).
float lr_warmup_cosine(int step, int warmup_steps, int total_steps, float max_lr, float min_lr);

}  // namespace attn::train
