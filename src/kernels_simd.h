// kernels_simd: the WebAssembly SIMD (f32x4) implementations of the kernels.h contracts,
// in namespace attn::kernels::simd. Declared only when compiling with -msimd128; kernels.cpp
// dispatches to them in that build. Native builds never see this code (they use the
// reference loops), so the wasm test suite is what exercises it.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__wasm_simd128__)
namespace attn::kernels::simd {

void gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate);
void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate);
void linear(int T, int in, int out, const float* x, int ldx, const float* W, const float* b,
            float* y, int ldy);
std::size_t packed_b_size(int N, int K);
void pack_b(int N, int K, const float* B, int ldb, float* packed);
void gemm_nt_packed(int M, int N, int K, const float* A, int lda, const float* packed, float* C,
                    int ldc, float alpha, bool accumulate);
void linear_packed(int T, int in, int out, const float* x, int ldx, const float* packed_W,
                   const float* b, float* y, int ldy);
std::size_t packed_a_size(int M, int K);
void pack_a(int M, int K, const float* A, int lda, float* packed);
std::size_t packed_b_panels_size(int N, int K);
void pack_b_panels(int N, int K, const float* B, int ldb, float* packed);
void gemm_tiles(int M, int N, int K, const float* a, int a_panel, int a_step, const float* b,
                int b_panel, int b_step, float* C, int ldc, float alpha, bool accumulate);
int online_softmax_columns(int keys, int queries, float* st, int ld, float* running_max,
                           float* running_sum, float* correction);
void softmax_rows(int rows, int cols, float* x, int ldx, std::uint8_t* row_has_any);
float row_max(int n, const float* x);
float exp_shifted_sum(int n, float* x, float shift);

}  // namespace attn::kernels::simd
#endif
