// kernels_reference: portable loop implementations of the kernels.h contracts, in namespace
// attn::kernels::reference. Always compiled: the scalar build runs them, and the tests compare
// the SIMD kernels against them. Loop order i-k-j in gemm_nn and gemm_tn keeps the inner loop
// contiguous.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>

#include "attention/kernels_reference.h"

namespace attn::kernels::reference {

void gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      float sum = 0.0f;
      for (int k = 0; k < K; ++k) sum += A[i * lda + k] * B[j * ldb + k];
      C[i * ldc + j] = alpha * sum + (accumulate ? C[i * ldc + j] : 0.0f);
    }
  }
}

void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  for (int i = 0; i < M; ++i) {
    float* c = C + i * ldc;
    if (!accumulate)
      for (int j = 0; j < N; ++j) c[j] = 0.0f;
    for (int k = 0; k < K; ++k) {
      const float a = alpha * A[i * lda + k];
      const float* b = B + k * ldb;
      for (int j = 0; j < N; ++j) c[j] += a * b[j];
    }
  }
}

void gemm_tn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  for (int i = 0; i < M; ++i) {
    float* c = C + static_cast<std::ptrdiff_t>(i) * ldc;
    if (!accumulate)
      for (int j = 0; j < N; ++j) c[j] = 0.0f;
    for (int k = 0; k < K; ++k) {
      const float a = alpha * A[static_cast<std::ptrdiff_t>(k) * lda + i];
      const float* b = B + static_cast<std::ptrdiff_t>(k) * ldb;
      for (int j = 0; j < N; ++j) c[j] += a * b[j];
    }
  }
}

void linear(int T, int in, int out, const float* x, int ldx, const float* W, const float* b,
            float* y, int ldy) {
  gemm_nt(T, out, in, x, ldx, W, in, y, ldy, 1.0f, false);
  if (b)
    for (int t = 0; t < T; ++t)
      for (int o = 0; o < out; ++o) y[t * ldy + o] += b[o];
}

void softmax_rows(int rows, int cols, float* x, int ldx, std::uint8_t* row_has_any) {
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  for (int r = 0; r < rows; ++r) {
    float* row = x + r * ldx;
    // pass 1: max for stability, and input checks
    float max_value = kNegInf;
    for (int c = 0; c < cols; ++c) {
      if (std::isnan(row[c]) || row[c] == -kNegInf)
        throw std::invalid_argument("softmax: row " + std::to_string(r) +
                                    " has a NaN or +inf score at column " + std::to_string(c));
      if (row[c] > max_value) max_value = row[c];
    }
    if (max_value == kNegInf) {
      for (int c = 0; c < cols; ++c) row[c] = 0.0f;
      if (row_has_any) row_has_any[r] = 0;
      continue;
    }
    // pass 2: exp and sum
    float sum = 0.0f;
    for (int c = 0; c < cols; ++c) {
      row[c] = std::exp(row[c] - max_value);
      sum += row[c];
    }
    // pass 3: normalize
    const float inv = 1.0f / sum;
    for (int c = 0; c < cols; ++c) row[c] *= inv;
    if (row_has_any) row_has_any[r] = 1;
  }
}

std::size_t packed_b_size(int N, int K) {
  return static_cast<std::size_t>(N) * static_cast<std::size_t>(K);
}

void pack_b(int N, int K, const float* B, int ldb, float* packed) {
  for (int j = 0; j < N; ++j)
    for (int k = 0; k < K; ++k) packed[static_cast<std::size_t>(j) * K + k] = B[static_cast<std::ptrdiff_t>(j) * ldb + k];
}

void gemm_nt_packed(int M, int N, int K, const float* A, int lda, const float* packed, float* C,
                    int ldc, float alpha, bool accumulate) {
  gemm_nt(M, N, K, A, lda, packed, K, C, ldc, alpha, accumulate);
}

void linear_packed(int T, int in, int out, const float* x, int ldx, const float* packed_W,
                   const float* b, float* y, int ldy) {
  linear(T, in, out, x, ldx, packed_W, b, y, ldy);
}

namespace {

// Rows of X (n, K) into panels of `width` rows, (K, width) each: row r at [k*width + r % width]
// of panel r / width; rows past n are 0. pack_a is width 4, pack_b_panels width 8.
std::size_t panels_size(int n, int K, int width) {
  return static_cast<std::size_t>((n + width - 1) / width) * width * static_cast<std::size_t>(K);
}

void pack_panels(int n, int K, const float* X, int ldx, int width, float* packed) {
  for (int r = 0; r < (n + width - 1) / width * width; ++r)
    for (int k = 0; k < K; ++k)
      packed[static_cast<std::size_t>(r / width) * width * K + k * width + r % width] =
          r < n ? X[static_cast<std::ptrdiff_t>(r) * ldx + k] : 0.0f;
}

}  // namespace

std::size_t packed_a_size(int M, int K) { return panels_size(M, K, 4); }

void pack_a(int M, int K, const float* A, int lda, float* packed) { pack_panels(M, K, A, lda, 4, packed); }

std::size_t packed_b_panels_size(int N, int K) { return panels_size(N, K, 8); }

void pack_b_panels(int N, int K, const float* B, int ldb, float* packed) {
  pack_panels(N, K, B, ldb, 8, packed);
}

void gemm_tiles(int M, int N, int K, const float* a, int a_panel, int a_step, const float* b,
                int b_panel, int b_step, float* C, int ldc, float alpha, bool accumulate) {
  for (int i = 0; i < M; ++i) {
    const float* ai = a + static_cast<std::ptrdiff_t>(i / 4) * a_panel + i % 4;
    for (int j = 0; j < N; ++j) {
      const float* bj = b + static_cast<std::ptrdiff_t>(j / 8) * b_panel + j % 8;
      float sum = 0.0f;
      for (int k = 0; k < K; ++k)
        sum += ai[static_cast<std::ptrdiff_t>(k) * a_step] * bj[static_cast<std::ptrdiff_t>(k) * b_step];
      float& c = C[static_cast<std::ptrdiff_t>(i) * ldc + j];
      c = alpha * sum + (accumulate ? c : 0.0f);
    }
  }
}

int online_softmax_columns(int keys, int queries, float* st, int ld, float* running_max,
                           float* running_sum, float* correction) {
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  for (int c = 0; c < queries; ++c) {
    float block_max = kNegInf;
    for (int k = 0; k < keys; ++k) {
      const float x = st[static_cast<std::ptrdiff_t>(k) * ld + c];
      if (std::isnan(x) || x == -kNegInf) return c;
      block_max = std::max(block_max, x);
    }
    const float new_max = std::max(running_max[c], block_max);
    if (new_max == kNegInf) {
      for (int k = 0; k < keys; ++k) st[static_cast<std::ptrdiff_t>(k) * ld + c] = 0.0f;
      correction[c] = 1.0f;
      continue;
    }
    correction[c] = std::exp(running_max[c] - new_max);  // exp(-inf) = 0 on the first block
    float sum = 0.0f;
    for (int k = 0; k < keys; ++k) {
      float& x = st[static_cast<std::ptrdiff_t>(k) * ld + c];
      x = std::exp(x - new_max);
      sum += x;
    }
    running_sum[c] = running_sum[c] * correction[c] + sum;
    running_max[c] = new_max;
  }
  return -1;
}

float row_max(int n, const float* x) {
  float m = -std::numeric_limits<float>::infinity();
  for (int i = 0; i < n; ++i) {
    if (std::isnan(x[i])) return x[i];
    if (x[i] > m) m = x[i];
  }
  return m;
}

float exp_shifted_sum(int n, float* x, float shift) {
  float sum = 0.0f;
  for (int i = 0; i < n; ++i) {
    x[i] = std::exp(x[i] - shift);
    sum += x[i];
  }
  return sum;
}

void tanh_inplace(int n, float* x) {
  for (int i = 0; i < n; ++i) x[i] = std::tanh(x[i]);
}

}  // namespace attn::kernels::reference
