// attention_layer: see attention_layer.h. Per (batch, head) the work is four GEMMs on the
// kernels (S = Q K^T, O = P V forward; dP = dO V^T, dV += P^T dO, dQ += dS K, dK += dS^T Q
// backward) and two O(Tq·Tk) row passes (softmax; its backward).
#include "nn/attention_layer.h"

#include <cmath>
#include <cstddef>
#include <limits>

#include "attention/kernels.h"

namespace attn::nn {
namespace {

// Blocks the scores a query may not see: later keys (causal), padded keys.
void mask_scores(float* s, int b, const std::uint8_t* key_padding, const AttentionDims& d) {
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  for (int i = 0; i < d.Tq; ++i) {
    float* row = s + static_cast<std::ptrdiff_t>(i) * d.Tk;
    if (d.causal)
      for (int j = i + (d.Tk - d.Tq) + 1; j < d.Tk; ++j)
        if (j >= 0) row[j] = kNegInf;
    if (key_padding) {
      const std::uint8_t* pad = key_padding + static_cast<std::ptrdiff_t>(b) * d.Tk;
      for (int j = 0; j < d.Tk; ++j)
        if (pad[j]) row[j] = kNegInf;
    }
  }
}

// dS = P ⊙ (dP − rowsum(P ⊙ dP)) * scale, in place over dp (rows, cols). Four partial sums
// so the reduction is not one long dependency chain.
void softmax_backward_rows(float* dp, const float* p, int rows, int cols, float scale) {
  for (int i = 0; i < rows; ++i) {
    float* g = dp + static_cast<std::ptrdiff_t>(i) * cols;
    const float* pr = p + static_cast<std::ptrdiff_t>(i) * cols;
    float s0 = 0.0f, s1 = 0.0f, s2 = 0.0f, s3 = 0.0f;
    int j = 0;
    for (; j + 4 <= cols; j += 4) {
      s0 += pr[j] * g[j];
      s1 += pr[j + 1] * g[j + 1];
      s2 += pr[j + 2] * g[j + 2];
      s3 += pr[j + 3] * g[j + 3];
    }
    for (; j < cols; ++j) s0 += pr[j] * g[j];
    const float dot = (s0 + s1) + (s2 + s3);
    for (j = 0; j < cols; ++j) g[j] = pr[j] * (g[j] - dot) * scale;
  }
}

}  // namespace

void attention_forward(float* out, float* att, const float* q, const float* k, const float* v,
                       const std::uint8_t* key_padding, const AttentionDims& d) {
  const int hs = d.C / d.H;
  const float scale = 1.0f / std::sqrt(static_cast<float>(hs));
  const std::ptrdiff_t tt = static_cast<std::ptrdiff_t>(d.Tq) * d.Tk;
  for (int b = 0; b < d.B; ++b) {
    const float* qb = q + static_cast<std::ptrdiff_t>(b) * d.Tq * d.ldq;
    const float* kb = k + static_cast<std::ptrdiff_t>(b) * d.Tk * d.ldk;
    const float* vb = v + static_cast<std::ptrdiff_t>(b) * d.Tk * d.ldv;
    float* ob = out + static_cast<std::ptrdiff_t>(b) * d.Tq * d.C;
    for (int h = 0; h < d.H; ++h) {
      float* p = att + (static_cast<std::ptrdiff_t>(b) * d.H + h) * tt;
      // pass 1: scores S = scale * Q_h K_h^T, masked; pass 2: softmax; pass 3: O_h = P V_h
      kernels::gemm_nt(d.Tq, d.Tk, hs, qb + h * hs, d.ldq, kb + h * hs, d.ldk, p, d.Tk, scale,
                       false);
      mask_scores(p, b, key_padding, d);
      kernels::softmax_rows(d.Tq, d.Tk, p, d.Tk, nullptr);
      kernels::gemm_nn(d.Tq, hs, d.Tk, p, d.Tk, vb + h * hs, d.ldv, ob + h * hs, d.C, 1.0f, false);
    }
  }
}

void attention_backward(float* dq, float* dk, float* dv, float* datt, const float* dout,
                        const float* att, const float* q, const float* k, const float* v,
                        const AttentionDims& d) {
  const int hs = d.C / d.H;
  const float scale = 1.0f / std::sqrt(static_cast<float>(hs));
  const std::ptrdiff_t tt = static_cast<std::ptrdiff_t>(d.Tq) * d.Tk;
  for (int b = 0; b < d.B; ++b) {
    const std::ptrdiff_t qo = static_cast<std::ptrdiff_t>(b) * d.Tq * d.ldq;
    const std::ptrdiff_t ko = static_cast<std::ptrdiff_t>(b) * d.Tk * d.ldk;
    const std::ptrdiff_t vo = static_cast<std::ptrdiff_t>(b) * d.Tk * d.ldv;
    const float* dob = dout + static_cast<std::ptrdiff_t>(b) * d.Tq * d.C;
    for (int h = 0; h < d.H; ++h) {
      const std::ptrdiff_t ho = (static_cast<std::ptrdiff_t>(b) * d.H + h) * tt;
      const float* p = att + ho;
      float* ds = datt + ho;
      // dP = dO_h V_h^T and dV_h += P^T dO_h
      kernels::gemm_nt(d.Tq, d.Tk, hs, dob + h * hs, d.C, v + vo + h * hs, d.ldv, ds, d.Tk, 1.0f,
                       false);
      kernels::gemm_tn(d.Tk, hs, d.Tq, p, d.Tk, dob + h * hs, d.C, dv + vo + h * hs, d.ldv, 1.0f,
                       true);
      // dS (scaled by the forward's scale, which multiplied S)
      softmax_backward_rows(ds, p, d.Tq, d.Tk, scale);
      // dQ_h += dS K_h and dK_h += dS^T Q_h
      kernels::gemm_nn(d.Tq, hs, d.Tk, ds, d.Tk, k + ko + h * hs, d.ldk, dq + qo + h * hs, d.ldq,
                       1.0f, true);
      kernels::gemm_tn(d.Tk, hs, d.Tq, ds, d.Tk, q + qo + h * hs, d.ldq, dk + ko + h * hs, d.ldk,
                       1.0f, true);
    }
  }
}

}  // namespace attn::nn
