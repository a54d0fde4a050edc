// kernels: dispatch of kernels.h to this build's implementation. Scalar builds forward to the
// reference loops; the WebAssembly SIMD kernels replace these bodies under __wasm_simd128__.
#include "kernels.h"

#include "kernels_reference.h"

namespace attn::kernels {

void gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  reference::gemm_nt(M, N, K, A, lda, B, ldb, C, ldc, alpha, accumulate);
}

void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  reference::gemm_nn(M, N, K, A, lda, B, ldb, C, ldc, alpha, accumulate);
}

void linear(int T, int in, int out, const float* x, int ldx, const float* W, const float* b,
            float* y, int ldy) {
  reference::linear(T, in, out, x, ldx, W, b, y, ldy);
}

void softmax_rows(int rows, int cols, float* x, int ldx, std::uint8_t* row_has_any) {
  reference::softmax_rows(rows, cols, x, ldx, row_has_any);
}

float row_max(int n, const float* x) { return reference::row_max(n, x); }

float exp_shifted_sum(int n, float* x, float shift) {
  return reference::exp_shifted_sum(n, x, shift);
}

const char* flavour() { return "scalar"; }

}  // namespace attn::kernels
