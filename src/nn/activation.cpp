// activation: see activation.h. The derivatives are written out from the definitions:
//   tanh form: d/dx = 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2),
//              t = tanh(sqrt(2/pi) (x + 0.044715 x^3));
//   erf form:  d/dx = Phi(x) + x phi(x), Phi(x) = (1 + erf(x / sqrt 2)) / 2,
//              phi(x) = exp(-x^2 / 2) / sqrt(2 pi).
#include "nn/activation.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "attention/kernels.h"

namespace attn::nn {
namespace {

constexpr float kSqrt2OverPi = 0.7978845608028654f;
constexpr float kCubic = 0.044715f;
constexpr float kInvSqrt2 = 0.7071067811865476f;
constexpr float kInvSqrt2Pi = 0.3989422804014327f;

}  // namespace

Activation parse_activation(std::string_view name) {
  if (name == "gelu_tanh") return Activation::kGeluTanh;
  if (name == "gelu") return Activation::kGelu;
  throw std::invalid_argument("activation must be 'gelu_tanh' or 'gelu', got '" +
                              std::string(name) + "'");
}

const char* activation_name(Activation a) {
  return a == Activation::kGeluTanh ? "gelu_tanh" : "gelu";
}

// The tanh form runs in chunks: u = sqrt(2/pi) (x + 0.044715 x^3) for a chunk, tanh of the
// chunk on the kernels (f32x4 under wasm SIMD: libm's scalar tanh was most of an MLP's
// non-GEMM time), then the elementwise rest. No allocation: the chunk lives on the stack.
constexpr int kChunk = 256;

void gelu_forward(float* out, const float* inp, int n, Activation a) {
  if (a == Activation::kGelu) {
    for (int i = 0; i < n; ++i) out[i] = 0.5f * inp[i] * (1.0f + std::erf(inp[i] * kInvSqrt2));
    return;
  }
  for (int i = 0; i < n; ++i) {
    const float x = inp[i];
    out[i] = kSqrt2OverPi * (x + kCubic * x * x * x);
  }
  kernels::tanh_inplace(n, out);
  for (int i = 0; i < n; ++i) out[i] = 0.5f * inp[i] * (1.0f + out[i]);
}

void gelu_backward(float* dinp, const float* inp, const float* dout, int n, Activation a) {
  if (a == Activation::kGelu) {
    for (int i = 0; i < n; ++i) {
      const float x = inp[i];
      const float cdf = 0.5f * (1.0f + std::erf(x * kInvSqrt2));
      const float pdf = kInvSqrt2Pi * std::exp(-0.5f * x * x);
      dinp[i] += (cdf + x * pdf) * dout[i];
    }
    return;
  }
  float t[kChunk];
  for (int i0 = 0; i0 < n; i0 += kChunk) {
    const int m = n - i0 < kChunk ? n - i0 : kChunk;
    const float* x = inp + i0;
    for (int i = 0; i < m; ++i) t[i] = kSqrt2OverPi * (x[i] + kCubic * x[i] * x[i] * x[i]);
    kernels::tanh_inplace(m, t);
    for (int i = 0; i < m; ++i) {
      const float dt = kSqrt2OverPi * (1.0f + 3.0f * kCubic * x[i] * x[i]);
      dinp[i0 + i] +=
          (0.5f * (1.0f + t[i]) + 0.5f * x[i] * (1.0f - t[i] * t[i]) * dt) * dout[i0 + i];
    }
  }
}

void residual_forward(float* out, const float* a, const float* b, int n) {
  for (int i = 0; i < n; ++i) out[i] = a[i] + b[i];
}

void residual_backward(float* da, float* db, const float* dout, int n) {
  for (int i = 0; i < n; ++i) {
    da[i] += dout[i];
    db[i] += dout[i];
  }
}

}  // namespace attn::nn
