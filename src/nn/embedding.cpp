// embedding: see embedding.h.
#include "nn/embedding.h"

#include <cstddef>

#include "attention/positions.h"

namespace attn::nn {

void embedding_forward(float* out, const int* ids, const int* types, const float* wte,
                       const float* wpe, const float* wtt, int B, int T, int C) {
  for (int b = 0; b < B; ++b)
    for (int t = 0; t < T; ++t) {
      const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(b) * T + t;
      float* y = out + n * C;
      const float* tok = wte + static_cast<std::ptrdiff_t>(ids[n]) * C;
      for (int i = 0; i < C; ++i) y[i] = tok[i];
      if (wpe) {
        const float* pos = wpe + static_cast<std::ptrdiff_t>(t) * C;
        for (int i = 0; i < C; ++i) y[i] += pos[i];
      }
      if (wtt && types) {
        const float* type = wtt + static_cast<std::ptrdiff_t>(types[n]) * C;
        for (int i = 0; i < C; ++i) y[i] += type[i];
      } else if (wtt) {  // no types given: every token is type 0
        for (int i = 0; i < C; ++i) y[i] += wtt[i];
      }
    }
}

void embedding_backward(float* dwte, float* dwpe, float* dwtt, const float* dout, const int* ids,
                        const int* types, int B, int T, int C) {
  for (int b = 0; b < B; ++b)
    for (int t = 0; t < T; ++t) {
      const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(b) * T + t;
      const float* dy = dout + n * C;
      float* dtok = dwte + static_cast<std::ptrdiff_t>(ids[n]) * C;
      for (int i = 0; i < C; ++i) dtok[i] += dy[i];
      if (dwpe) {
        float* dpos = dwpe + static_cast<std::ptrdiff_t>(t) * C;
        for (int i = 0; i < C; ++i) dpos[i] += dy[i];
      }
      if (dwtt) {
        float* dtype = dwtt + static_cast<std::ptrdiff_t>(types ? types[n] : 0) * C;
        for (int i = 0; i < C; ++i) dtype[i] += dy[i];
      }
    }
}

void sinusoidal_table(float* table, int maxT, int C) {
  const Mat pe = positions_sinusoidal(static_cast<std::size_t>(maxT), static_cast<std::size_t>(C));
  for (Eigen::Index i = 0; i < pe.size(); ++i) table[i] = pe.data()[i];
}

}  // namespace attn::nn
