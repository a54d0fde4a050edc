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

// Tile layouts, for operands packed once and reused (attention packs K once per head and Q
// once per block of queries):
// pack_a: A (M, K) -> ceil(M/4) panels of (K, 4): panel i at packed + 4*K*i holds A(4i + r, k)
//   at [4*k + r]; rows past M are 0. packed_a_size(M, K) floats.
// pack_b_panels: B (N, K) -> ceil(N/8) panels of (K, 8): panel p at packed + 8*K*p holds
//   B(8p + c, k) at [8*k + c] (that is, Bᵀ); columns past N are 0. packed_b_panels_size(N, K).
std::size_t packed_a_size(int M, int K);
void pack_a(int M, int K, const float* A, int lda, float* packed);
std::size_t packed_b_panels_size(int N, int K);
void pack_b_panels(int N, int K, const float* B, int ldb, float* packed);

// C (M, N) = alpha * A · B (+ C when accumulate), K the inner dimension, on operands in tile
// layout with explicit strides: A's panel i (rows 4i..4i+3) starts at a + i*a_panel and its
// k-th four values at + k*a_step; B's panel p (columns 8p..8p+7) starts at b + p*b_panel and
// its k-th eight values at + k*b_step. pack_a gives (a_panel, a_step) = (4K, 4), pack_b_panels
// (b_panel, b_step) = (8K, 8). With no packing at all: a row-major (K, N) matrix (ld, N a
// multiple of 8) is its own B with (8, ld), and the transpose of a row-major (K, M') matrix
// (ld, M' = M rounded up to 4) its own A with (4, ld). Panel rows past M and columns past N
// are read (they must exist) but never written.
void gemm_tiles(int M, int N, int K, const float* a, int a_panel, int a_step, const float* b,
                int b_panel, int b_step, float* C, int ldc, float alpha, bool accumulate);

// One step of the online (FlashAttention) softmax, on scores stored transposed: st (keys,
// queries), leading dimension ld, queries a multiple of 4. For each query column c, with
// m = running_max[c] and b the largest of st[0..keys)[c]:
//   m' = max(m, b);  st[., c] = exp(st[., c] - m');  correction[c] = exp(m - m')  (0 when m is
//   -inf);  running_sum[c] = running_sum[c] * correction[c] + the column's new sum;
//   running_max[c] = m'.
// A column with m' = -inf (no visible key yet) becomes zeros with correction 1 and its running
// values unchanged. Returns the first column holding a NaN or +inf score (the block is then
// partly updated and must be discarded), or -1. Queries run across the SIMD lanes, so the
// maxima and sums need no horizontal reductions.
int online_softmax_columns(int keys, int queries, float* st, int ld, float* running_max,
                           float* running_sum, float* correction);

// Which implementation this build uses: "wasm-simd128" or "scalar".
const char* flavour();

}  // namespace attn::kernels
