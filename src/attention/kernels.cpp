// kernels: dispatch of kernels.h to this build's implementation. Under -msimd128 every kernel
// is the f32x4 version in kernels_simd.cpp; otherwise (natively, and in the no-SIMD wasm
// fallback) the plain loops of kernels_reference.cpp. The choice is made at compile time:
// a module is either built with SIMD or not, so there is nothing to detect at run time.
#include "attention/kernels.h"

#include <cstddef>

#include "attention/kernels_reference.h"
#include "attention/kernels_simd.h"

namespace attn::kernels {

#if defined(__wasm_simd128__)
namespace impl = simd;
#else
namespace impl = reference;
#endif

void gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  impl::gemm_nt(M, N, K, A, lda, B, ldb, C, ldc, alpha, accumulate);
}

void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  impl::gemm_nn(M, N, K, A, lda, B, ldb, C, ldc, alpha, accumulate);
}

void gemm_tn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  impl::gemm_tn(M, N, K, A, lda, B, ldb, C, ldc, alpha, accumulate);
}

// Inputs are often zero-padded on the right (the heads' feature rows are ~230 wide inside an
// embedding of 1024): trailing columns that are zero in every row add exactly 0 for finite W,
// so the product runs over the used width only. The scan costs T*in, the product T*in*out.
void linear(int T, int in, int out, const float* x, int ldx, const float* W, const float* b,
            float* y, int ldy) {
  int used = 0;
  for (int t = 0; t < T && used < in; ++t) {
    const float* row = x + static_cast<std::ptrdiff_t>(t) * ldx;
    for (int c = in - 1; c >= used; --c) {
      if (row[c] != 0.0f) {
        used = c + 1;
        break;
      }
    }
  }
  if (used == in) {
    impl::linear(T, in, out, x, ldx, W, b, y, ldy);
    return;
  }
  if (used > 0) {
    impl::gemm_nt(T, out, used, x, ldx, W, in, y, ldy, 1.0f, false);
  } else {
    for (int t = 0; t < T; ++t)
      for (int o = 0; o < out; ++o) y[static_cast<std::ptrdiff_t>(t) * ldy + o] = 0.0f;
  }
  if (b)
    for (int t = 0; t < T; ++t)
      for (int o = 0; o < out; ++o) y[static_cast<std::ptrdiff_t>(t) * ldy + o] += b[o];
}

std::size_t packed_b_size(int N, int K) { return impl::packed_b_size(N, K); }

void pack_b(int N, int K, const float* B, int ldb, float* packed) {
  impl::pack_b(N, K, B, ldb, packed);
}

void gemm_nt_packed(int M, int N, int K, const float* A, int lda, const float* packed, float* C,
                    int ldc, float alpha, bool accumulate) {
  impl::gemm_nt_packed(M, N, K, A, lda, packed, C, ldc, alpha, accumulate);
}

void linear_packed(int T, int in, int out, const float* x, int ldx, const float* packed_W,
                   const float* b, float* y, int ldy) {
  impl::linear_packed(T, in, out, x, ldx, packed_W, b, y, ldy);
}

void softmax_rows(int rows, int cols, float* x, int ldx, std::uint8_t* row_has_any) {
  impl::softmax_rows(rows, cols, x, ldx, row_has_any);
}

float row_max(int n, const float* x) { return impl::row_max(n, x); }

float exp_shifted_sum(int n, float* x, float shift) { return impl::exp_shifted_sum(n, x, shift); }

void tanh_inplace(int n, float* x) { impl::tanh_inplace(n, x); }

std::size_t packed_a_size(int M, int K) { return impl::packed_a_size(M, K); }

void pack_a(int M, int K, const float* A, int lda, float* packed) {
  impl::pack_a(M, K, A, lda, packed);
}

std::size_t packed_b_panels_size(int N, int K) { return impl::packed_b_panels_size(N, K); }

void pack_b_panels(int N, int K, const float* B, int ldb, float* packed) {
  impl::pack_b_panels(N, K, B, ldb, packed);
}

void gemm_tiles(int M, int N, int K, const float* a, int a_panel, int a_step, const float* b,
                int b_panel, int b_step, float* C, int ldc, float alpha, bool accumulate) {
  impl::gemm_tiles(M, N, K, a, a_panel, a_step, b, b_panel, b_step, C, ldc, alpha, accumulate);
}

int online_softmax_columns(int keys, int queries, float* st, int ld, float* running_max,
                           float* running_sum, float* correction) {
  return impl::online_softmax_columns(keys, queries, st, ld, running_max, running_sum, correction);
}

const char* flavour() {
#if defined(__wasm_simd128__)
  return "wasm-simd128";
#else
  return "scalar";
#endif
}

}  // namespace attn::kernels
