// train_step: see train_step.h.
#include "train/train_step.h"

#include <cmath>
#include <stdexcept>

#include "train/schedule.h"

namespace attn::train {

StepResult train_step(nn::Transformer& model, AdamW& optimizer, const nn::Batch& batch,
                      const int* targets, const AdamWConfig& config) {
  validate(config);
  StepResult r;
  model.forward(batch);
  r.loss = model.loss(targets);
  if (!std::isfinite(r.loss))
    throw std::invalid_argument("trainStep: the loss is not finite (" + std::to_string(r.loss) +
                                "); parameters left unchanged");
  const int* end = targets + static_cast<std::ptrdiff_t>(batch.B) * batch.T;
  for (const int* t = targets; t != end; ++t) r.counted += *t >= 0;
  if (r.counted == 0) return r;
  model.zero_grad();
  model.backward();
  r.grad_norm = clip_grad_norm(model.grads(), model.num_params(), config.clip_norm);
  if (!std::isfinite(r.grad_norm))
    throw std::invalid_argument("trainStep: a gradient is not finite; parameters left unchanged");
  optimizer.step(model.params(), model.grads(), config);
  return r;
}

}  // namespace attn::train
