// kernels_reference: the plain-loop versions of every kernel in kernels.h, same contracts.
// The scalar build uses them directly; tests compare the SIMD kernels against them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace attn::kernels::reference {

// C (M, N) = alpha * A (M, K) · B (N, K)^T  (+ C when accumulate)
// Used for Q·K^T and for projections y = x W^T with W stored (out, in) as in PyTorch.
void gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate);

// C (M, N) = alpha * A (M, K) · B (K, N)  (+ C when accumulate)
// Used for weights · V.
void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate);

// y (T, out) = x (T, in) · W (out, in)^T + b (out); b may be null.
void linear(int T, int in, int out, const float* x, int ldx, const float* W, const float* b,
            float* y, int ldy);

// kernels.h's packed forms; here "packed" is B itself, row-major (N, K) with ldb = K.
std::size_t packed_b_size(int N, int K);
void pack_b(int N, int K, const float* B, int ldb, float* packed);
void gemm_nt_packed(int M, int N, int K, const float* A, int lda, const float* packed, float* C,
                    int ldc, float alpha, bool accumulate);
void linear_packed(int T, int in, int out, const float* x, int ldx, const float* packed_W,
                   const float* b, float* y, int ldy);

// kernels.h's tile layouts and the column-wise online softmax, as plain loops.
std::size_t packed_a_size(int M, int K);
void pack_a(int M, int K, const float* A, int lda, float* packed);
std::size_t packed_b_panels_size(int N, int K);
void pack_b_panels(int N, int K, const float* B, int ldb, float* packed);
void gemm_tiles(int M, int N, int K, const float* a, int a_panel, int a_step, const float* b,
                int b_panel, int b_step, float* C, int ldc, float alpha, bool accumulate);
int online_softmax_columns(int keys, int queries, float* st, int ld, float* running_max,
                           float* running_sum, float* correction);

// Row-wise softmax in place over x (rows, cols); -inf entries are masked. A row with every
// entry -inf becomes all zeros and row_has_any[r] = 0 (row_has_any may be null).
// NaN or +inf in a row throws std::invalid_argument naming the row.
void softmax_rows(int rows, int cols, float* x, int ldx, std::uint8_t* row_has_any);

// Same contracts as kernels.h row_max and exp_shifted_sum (std::exp, plain loops).
float row_max(int n, const float* x);
float exp_shifted_sum(int n, float* x, float shift);

}  // namespace attn::kernels::reference
