// kernels: the dense float32 building blocks every attention path is made of.
// Plain pointers + leading dimensions (row strides, in floats), row-major. No per-call
// allocation: the SIMD gemm packs B into one scratch buffer that grows to the largest B seen.
// One implementation per build: explicit WebAssembly SIMD when compiled with -msimd128,
// portable scalar code otherwise (natively, and as the reference the SIMD code is tested
// against). Nothing here knows about heads, masks or tokens.
#pragma once

#include <cstddef>
#include <cstdint>

namespace attn::kernels {

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

// Weights used by many calls can be packed once: packed_b_size(N, K) floats, filled by
// pack_b from B (N, K) (as gemm_nt's B, or linear's W with N = out, K = in); then
// gemm_nt_packed and linear_packed are gemm_nt and linear without the per-call packing (which
// is most of the cost when M is small: each packed value is used only M times).
std::size_t packed_b_size(int N, int K);
void pack_b(int N, int K, const float* B, int ldb, float* packed);
void gemm_nt_packed(int M, int N, int K, const float* A, int lda, const float* packed, float* C,
                    int ldc, float alpha, bool accumulate);
void linear_packed(int T, int in, int out, const float* x, int ldx, const float* packed_W,
                   const float* b, float* y, int ldy);

// Row-wise softmax in place over x (rows, cols); -inf entries are masked. A row with every
// entry -inf becomes all zeros and row_has_any[r] = 0 (row_has_any may be null).
// NaN or +inf in a row throws std::invalid_argument naming the row.
void softmax_rows(int rows, int cols, float* x, int ldx, std::uint8_t* row_has_any);

// x (n) -> the largest entry: -inf when n == 0 or every entry is -inf, NaN when any entry
// is NaN (so one check after the max catches bad scores).
float row_max(int n, const float* x);

// x (n) in place: x[i] = exp(x[i] - shift); returns the sum of the new x. -inf entries
// become exactly 0. shift must be finite and >= every x[i] (the row max), so nothing
// overflows. Relative error of each exp <= ~2e-7 (SIMD polynomial) vs std::exp.
float exp_shifted_sum(int n, float* x, float shift);

// One step of the online (FlashAttention) softmax over a block of scores s (rows, cols),
// row-major with leading dimension lds. For each row r, with m = running_max[r] and b the
// block's largest score:
//   m' = max(m, b);  s[r, :] = exp(s[r, :] - m');  correction[r] = exp(m - m')  (0 when m is
//   -inf);  running_sum[r] = running_sum[r] * correction[r] + sum of the new s[r, :];
//   running_max[r] = m'.
// A row with m' = -inf (no visible key yet) becomes zeros with correction 1 and its running
// values unchanged. Returns the first row holding a NaN or +inf score (the block is then
// partly updated and must be discarded), or -1. One call per block: the exp constants are
// set up once, not once per row.
int online_softmax_block(int rows, int cols, float* s, int lds, float* running_max,
                         float* running_sum, float* correction);

// Which implementation this build uses: "wasm-simd128" or "scalar".
const char* flavour();

}  // namespace attn::kernels
