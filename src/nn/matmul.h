// matmul: the linear layer y = x W^T + b with W stored (out, in) as torch.nn.Linear, forward
// and backward on the kernels' GEMMs (the packed f32x4 tile under wasm SIMD): the forward is
// gemm_nt, the input gradient gemm_nn (dY · W) and the weight gradient gemm_tn (dY^T · X), so
// no operand is ever transposed in memory. Backward accumulates (+=) into every gradient.
#pragma once

namespace attn::nn {

// inp (N, C), weight (OC, C), bias (OC) or null -> out (N, OC).
void matmul_forward(float* out, const float* inp, const float* weight, const float* bias, int N,
                    int C, int OC);

// dout (N, OC), inp (N, C), weight (OC, C) -> dinp (N, C) +=, dweight (OC, C) +=,
// dbias (OC) += (dbias null when the layer has no bias; dinp null when not needed).
void matmul_backward(float* dinp, float* dweight, float* dbias, const float* dout, const float* inp,
                     const float* weight, int N, int C, int OC);

}  // namespace attn::nn
