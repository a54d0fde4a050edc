// mlp: see mlp.h.
#include "nn/mlp.h"

#include "nn/matmul.h"

namespace attn::nn {

void mlp_forward(float* out, float* fch, float* fch_gelu, const float* inp, const float* fc_w,
                 const float* fc_b, const float* proj_w, const float* proj_b, const MlpDims& d) {
  matmul_forward(fch, inp, fc_w, fc_b, d.N, d.C, d.F);
  gelu_forward(fch_gelu, fch, d.N * d.F, d.activation);
  matmul_forward(out, fch_gelu, proj_w, proj_b, d.N, d.F, d.C);
}

void mlp_backward(float* dinp, float* dfc_w, float* dfc_b, float* dproj_w, float* dproj_b,
                  float* dfch, float* dfch_gelu, const float* dout, const float* inp,
                  const float* fch, const float* fch_gelu, const float* fc_w, const float* proj_w,
                  const MlpDims& d) {
  matmul_backward(dfch_gelu, dproj_w, dproj_b, dout, fch_gelu, proj_w, d.N, d.F, d.C);
  gelu_backward(dfch, fch, dfch_gelu, d.N * d.F, d.activation);
  matmul_backward(dinp, dfc_w, dfc_b, dfch, inp, fc_w, d.N, d.C, d.F);
}

}  // namespace attn::nn
