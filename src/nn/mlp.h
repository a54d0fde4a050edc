// mlp: the transformer block's feed-forward part, fc -> GELU -> proj, forward and backward.
#pragma once

#include "nn/activation.h"

namespace attn::nn {

struct MlpDims {
  int N = 0, C = 0, F = 0;  // tokens, channels, hidden width
  Activation activation = Activation::kGeluTanh;
};

// inp (N, C), fc_w (F, C), fc_b (F), proj_w (C, F), proj_b (C) -> fch (N, F) = inp fc_w^T +
// fc_b, fch_gelu (N, F) = gelu(fch), out (N, C) = fch_gelu proj_w^T + proj_b.
void mlp_forward(float* out, float* fch, float* fch_gelu, const float* inp, const float* fc_w,
                 const float* fc_b, const float* proj_w, const float* proj_b, const MlpDims& d);

// dout (N, C), and the forward's inp, fch, fch_gelu and weights -> dinp (N, C) +=, weight and
// bias gradients +=; dfch and dfch_gelu (N, F) are scratch and must be zero on entry.
void mlp_backward(float* dinp, float* dfc_w, float* dfc_b, float* dproj_w, float* dproj_b,
                  float* dfch, float* dfch_gelu, const float* dout, const float* inp,
                  const float* fch, const float* fch_gelu, const float* fc_w, const float* proj_w,
                  const MlpDims& d);

}  // namespace attn::nn
