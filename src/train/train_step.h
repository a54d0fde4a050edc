// train_step: one optimization step of a Transformer: zero the gradients, forward, loss,
// backward, optional clipping, AdamW. What the JS API's trainStep and the native tools call.
#pragma once

#include "nn/transformer.h"
#include "train/adamw.h"

namespace attn::train {

struct StepResult {
  float loss = 0.0f;       // mean cross-entropy over counted targets, before the update
  float grad_norm = 0.0f;  // global gradient norm before clipping
  int counted = 0;         // targets that counted (not -1)
};

// batch (B, T) and targets (B, T) (-1 = ignored) -> the step's loss; model's parameters and
// the optimizer's moments updated. With no counted target, nothing is updated.
// Throws std::invalid_argument on bad input (before changing anything) or a non-finite loss.
StepResult train_step(nn::Transformer& model, AdamW& optimizer, const nn::Batch& batch,
                      const int* targets, const AdamWConfig& config);

}  // namespace attn::train
