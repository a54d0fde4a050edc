// layernorm: LayerNorm over the channel dimension, forward and backward (llm.c's pair).
// N rows (B·T tokens) of C channels, row-major. The forward caches each row's mean and
// reciprocal standard deviation, which is all the backward needs besides the input.
// Backward functions accumulate (+=) into every gradient they are given.
#pragma once

namespace attn::nn {

// inp (N, C), weight (C), bias (C) -> out (N, C), mean (N), rstd (N);
// out = (inp - mean) * rstd * weight + bias, rstd = 1 / sqrt(var + eps), var biased (/C).
void layernorm_forward(float* out, float* mean, float* rstd, const float* inp, const float* weight,
                       const float* bias, int N, int C, float eps);

// dout (N, C), inp (N, C), weight (C), mean (N), rstd (N) -> dinp (N, C) +=, dweight (C) +=,
// dbias (C) +=.
void layernorm_backward(float* dinp, float* dweight, float* dbias, const float* dout,
                        const float* inp, const float* weight, const float* mean, const float* rstd,
                        int N, int C);

}  // namespace attn::nn
