// matmul: see matmul.h.
#include "nn/matmul.h"

#include <cstddef>

#include "attention/kernels.h"

namespace attn::nn {

void matmul_forward(float* out, const float* inp, const float* weight, const float* bias, int N,
                    int C, int OC) {
  kernels::gemm_nt(N, OC, C, inp, C, weight, C, out, OC, 1.0f, false);
  if (!bias) return;
  for (int n = 0; n < N; ++n) {
    float* row = out + static_cast<std::ptrdiff_t>(n) * OC;
    for (int o = 0; o < OC; ++o) row[o] += bias[o];
  }
}

void matmul_backward(float* dinp, float* dweight, float* dbias, const float* dout, const float* inp,
                     const float* weight, int N, int C, int OC) {
  if (dinp) kernels::gemm_nn(N, C, OC, dout, OC, weight, C, dinp, C, 1.0f, true);
  kernels::gemm_tn(OC, C, N, dout, OC, inp, C, dweight, C, 1.0f, true);
  if (!dbias) return;
  for (int n = 0; n < N; ++n) {
    const float* row = dout + static_cast<std::ptrdiff_t>(n) * OC;
    for (int o = 0; o < OC; ++o) dbias[o] += row[o];
  }
}

}  // namespace attn::nn
