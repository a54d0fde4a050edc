// adamw: see adamw.h.
#include "train/adamw.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace attn::train {
namespace {

void require(bool ok, const char* message) {
  if (!ok) throw std::invalid_argument(std::string("optimizer: ") + message);
}

}  // namespace

void validate(const AdamWConfig& c) {
  require(std::isfinite(c.lr) && c.lr >= 0.0f, "lr must be a finite number >= 0");
  require(std::isfinite(c.beta1) && c.beta1 >= 0.0f && c.beta1 < 1.0f, "beta1 must be in [0, 1)");
  require(std::isfinite(c.beta2) && c.beta2 >= 0.0f && c.beta2 < 1.0f, "beta2 must be in [0, 1)");
  require(std::isfinite(c.eps) && c.eps > 0.0f, "eps must be a finite number > 0");
  require(std::isfinite(c.weight_decay) && c.weight_decay >= 0.0f,
          "weightDecay must be a finite number >= 0");
  require(std::isfinite(c.clip_norm) && c.clip_norm >= 0.0f,
          "clipNorm must be a finite number >= 0 (0 = no clipping)");
}

AdamW::AdamW(const std::vector<nn::TensorInfo>& table) {
  for (const nn::TensorInfo& t : table) ranges_.push_back({t.offset, t.size, t.shape.size() >= 2});
  const std::size_t n = nn::parameter_count(table);
  m_.assign(n, 0.0f);
  v_.assign(n, 0.0f);
}

void AdamW::step(float* params, const float* grads, const AdamWConfig& c) {
  ++t_;
  const float correction1 = 1.0f - std::pow(c.beta1, static_cast<float>(t_));
  const float correction2 = 1.0f - std::pow(c.beta2, static_cast<float>(t_));
  const float step_size = c.lr / correction1;
  const float inv_sqrt_c2 = 1.0f / std::sqrt(correction2);
  for (const Range& r : ranges_) {
    const float decay = r.decay ? 1.0f - c.lr * c.weight_decay : 1.0f;
    float* p = params + r.offset;
    const float* g = grads + r.offset;
    float* m = m_.data() + r.offset;
    float* v = v_.data() + r.offset;
    for (std::size_t i = 0; i < r.size; ++i) {
      m[i] = c.beta1 * m[i] + (1.0f - c.beta1) * g[i];
      v[i] = c.beta2 * v[i] + (1.0f - c.beta2) * g[i] * g[i];
      p[i] = p[i] * decay - step_size * m[i] / (std::sqrt(v[i]) * inv_sqrt_c2 + c.eps);
    }
  }
}

}  // namespace attn::train
