// layernorm: see layernorm.h. Two passes for the variance (mean first, then squared
// deviations), which keeps float32 accurate when |mean| >> std (residual streams grow).
#include "nn/layernorm.h"

#include <cmath>
#include <cstddef>

namespace attn::nn {

void layernorm_forward(float* out, float* mean, float* rstd, const float* inp, const float* weight,
                       const float* bias, int N, int C, float eps) {
  for (int n = 0; n < N; ++n) {
    const float* x = inp + static_cast<std::ptrdiff_t>(n) * C;
    float* y = out + static_cast<std::ptrdiff_t>(n) * C;
    // pass 1: mean; pass 2: variance around it
    float sum = 0.0f;
    for (int i = 0; i < C; ++i) sum += x[i];
    const float m = sum / static_cast<float>(C);
    float var = 0.0f;
    for (int i = 0; i < C; ++i) var += (x[i] - m) * (x[i] - m);
    const float s = 1.0f / std::sqrt(var / static_cast<float>(C) + eps);
    // pass 3: normalize, scale and shift
    for (int i = 0; i < C; ++i) y[i] = (x[i] - m) * s * weight[i] + bias[i];
    mean[n] = m;
    rstd[n] = s;
  }
}

void layernorm_backward(float* dinp, float* dweight, float* dbias, const float* dout,
                        const float* inp, const float* weight, const float* mean, const float* rstd,
                        int N, int C) {
  for (int n = 0; n < N; ++n) {
    const float* dy = dout + static_cast<std::ptrdiff_t>(n) * C;
    const float* x = inp + static_cast<std::ptrdiff_t>(n) * C;
    float* dx = dinp + static_cast<std::ptrdiff_t>(n) * C;
    const float m = mean[n], s = rstd[n];
    // pass 1: the two reductions of dnorm = dy * weight
    float dnorm_mean = 0.0f, dnorm_norm_mean = 0.0f;
    for (int i = 0; i < C; ++i) {
      const float norm = (x[i] - m) * s;
      const float dnorm = weight[i] * dy[i];
      dnorm_mean += dnorm;
      dnorm_norm_mean += dnorm * norm;
    }
    dnorm_mean /= static_cast<float>(C);
    dnorm_norm_mean /= static_cast<float>(C);
    // pass 2: parameter gradients and dinp = rstd * (dnorm - mean(dnorm) - norm * mean(dnorm *
    // norm))
    for (int i = 0; i < C; ++i) {
      const float norm = (x[i] - m) * s;
      const float dnorm = weight[i] * dy[i];
      dbias[i] += dy[i];
      dweight[i] += norm * dy[i];
      dx[i] += s * (dnorm - dnorm_mean - norm * dnorm_norm_mean);
    }
  }
}

}  // namespace attn::nn
