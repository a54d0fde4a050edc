// reference_layers: plain double-precision forwards of the engine's layers, written from their
// definitions for the finite-difference checks (layers_test.cpp): the gradient of
// L(x) = sum(f(x) * dout) by central differences on these, against our float32 backward.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace attn::test {

using Vd = std::vector<double>;

// d/dx_i sum(f(x) * dout), central differences with step h (relative to max(1, |x_i|)).
inline Vd finite_difference(const std::function<Vd(const Vd&)>& f, Vd x, const Vd& dout,
                            double h = 1e-5) {
  auto loss = [&](const Vd& at) {
    const Vd y = f(at);
    double s = 0.0;
    for (std::size_t i = 0; i < y.size(); ++i) s += y[i] * dout[i];
    return s;
  };
  Vd g(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double x0 = x[i], step = h * std::max(1.0, std::fabs(x0));
    x[i] = x0 + step;
    const double up = loss(x);
    x[i] = x0 - step;
    const double down = loss(x);
    x[i] = x0;
    g[i] = (up - down) / (2 * step);
  }
  return g;
}

inline Vd layernorm_ref(const Vd& x, const Vd& w, const Vd& b, int N, int C, double eps) {
  Vd y(x.size());
  for (int n = 0; n < N; ++n) {
    double m = 0.0, v = 0.0;
    for (int i = 0; i < C; ++i) m += x[n * C + i] / C;
    for (int i = 0; i < C; ++i) v += (x[n * C + i] - m) * (x[n * C + i] - m) / C;
    for (int i = 0; i < C; ++i)
      y[n * C + i] = (x[n * C + i] - m) / std::sqrt(v + eps) * w[i] + b[i];
  }
  return y;
}

inline Vd matmul_ref(const Vd& x, const Vd& w, const Vd& b, int N, int C, int OC) {
  Vd y(static_cast<std::size_t>(N) * OC);
  for (int n = 0; n < N; ++n)
    for (int o = 0; o < OC; ++o) {
      double s = b.empty() ? 0.0 : b[o];
      for (int i = 0; i < C; ++i) s += x[n * C + i] * w[o * C + i];
      y[n * OC + o] = s;
    }
  return y;
}

inline Vd gelu_ref(const Vd& x, bool tanh_form) {
  Vd y(x.size());
  const double pi = 3.141592653589793;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    y[i] = tanh_form ? 0.5 * v * (1 + std::tanh(std::sqrt(2 / pi) * (v + 0.044715 * v * v * v)))
                     : 0.5 * v * (1 + std::erf(v / std::sqrt(2.0)));
  }
  return y;
}

// q (B, Tq, C), k, v (B, Tk, C) -> out (B, Tq, C); att (B, H, Tq, Tk) when given.
inline Vd attention_ref(const Vd& q, const Vd& k, const Vd& v, int B, int Tq, int Tk, int C, int H,
                        bool causal, const std::vector<std::uint8_t>& pad, Vd* att = nullptr) {
  const int hs = C / H;
  Vd out(static_cast<std::size_t>(B) * Tq * C, 0.0);
  if (att) att->assign(static_cast<std::size_t>(B) * H * Tq * Tk, 0.0);
  for (int b = 0; b < B; ++b)
    for (int h = 0; h < H; ++h)
      for (int i = 0; i < Tq; ++i) {
        Vd s(Tk, -std::numeric_limits<double>::infinity());
        double m = -std::numeric_limits<double>::infinity();
        for (int j = 0; j < Tk; ++j) {
          if (causal && j > i + (Tk - Tq)) continue;
          if (!pad.empty() && pad[b * Tk + j]) continue;
          double dot = 0.0;
          for (int c = 0; c < hs; ++c)
            dot += q[(b * Tq + i) * C + h * hs + c] * k[(b * Tk + j) * C + h * hs + c];
          s[j] = dot / std::sqrt(static_cast<double>(hs));
          m = std::max(m, s[j]);
        }
        double z = 0.0;
        for (int j = 0; j < Tk; ++j) z += std::isinf(s[j]) ? 0.0 : std::exp(s[j] - m);
        for (int j = 0; j < Tk; ++j) {
          const double p = std::isinf(s[j]) ? 0.0 : std::exp(s[j] - m) / z;
          if (att) (*att)[((b * H + h) * Tq + i) * Tk + j] = p;
          for (int c = 0; c < hs; ++c)
            out[(b * Tq + i) * C + h * hs + c] += p * v[(b * Tk + j) * C + h * hs + c];
        }
      }
  return out;
}

// Mean cross-entropy over targets != -1 (one value, as a 1-vector).
inline Vd cross_entropy_ref(const Vd& logits, const std::vector<int>& targets, int N, int V) {
  double sum = 0.0;
  int count = 0;
  for (int n = 0; n < N; ++n) {
    if (targets[n] < 0) continue;
    double m = -1e300, z = 0.0;
    for (int v = 0; v < V; ++v) m = std::max(m, logits[n * V + v]);
    for (int v = 0; v < V; ++v) z += std::exp(logits[n * V + v] - m);
    sum += m + std::log(z) - logits[n * V + targets[n]];
    ++count;
  }
  return {count ? sum / count : 0.0};
}

}  // namespace attn::test
