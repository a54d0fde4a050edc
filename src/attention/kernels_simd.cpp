// kernels_simd: f32x4 kernels for WebAssembly SIMD128 (compiled only under __wasm_simd128__).
//
// GEMM: C tiles of 4 rows x 8 columns live in 8 v128 accumulators. For each k, two loads of
// a packed B panel (8 consecutive floats) and four splatted A values give 8 mul + 8 add with
// 6 loads: wasm has no FMA, and this ratio keeps V8's x64 code at the multiply+add peak
// without spilling (16 XMM registers). B is packed per K-block of kKc into 8-column panels
// (zero-padded at the N tail) so both gemm_nt (B transposed) and gemm_nn share one inner
// loop; A is packed per block of kMc rows into 4-row panels (zero-padded at the M tail), so
// the loop reads everything through two pointers with constant offsets. Packing A took the
// d_model 256 projections from ~25 to ~42 GFLOP/s in Node 20: with four row pointers, V8
// spent most of the loop on address arithmetic (see tile_4x8). Softmax uses a Cephes-style
// polynomial exp (|rel err| ~1e-7) that maps -inf to exactly 0.
// Deliberately no threads and no relaxed SIMD (not available with clang 14).
#include "attention/kernels_simd.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace attn::kernels::simd {
namespace {

constexpr int kNr = 8;    // columns per tile (two f32x4)
constexpr int kMr = 4;    // rows per tile
constexpr int kKc = 256;  // K block: one packed panel is kKc * 8 floats = 8 KB (L1)
constexpr int kMc = 64;   // rows of A per pass over the packed panels (A block ~64 KB, L2)

// Packing scratch, grown once to the largest B seen and then reused: after warm-up no call
// allocates (the wasm heap stays constant over repeated calls).
std::vector<float>& pack_buffer(std::size_t floats) {
  static std::vector<float> buffer;
  if (buffer.size() < floats) buffer.resize(floats);
  return buffer;
}

// A-block scratch (kMc rows x kKc, packed by pack_a_panel), grown once like pack_buffer.
std::vector<float>& a_buffer(std::size_t floats) {
  static std::vector<float> buffer;
  if (buffer.size() < floats) buffer.resize(floats);
  return buffer;
}

// 4x4 transpose: rows r0..r3 -> columns c0..c3 (c_i holds element i of each row).
inline void transpose4(v128_t r0, v128_t r1, v128_t r2, v128_t r3, v128_t& c0, v128_t& c1,
                       v128_t& c2, v128_t& c3) {
  const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);
  const v128_t t2 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
  c0 = wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5);
  c1 = wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7);
  c2 = wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5);
  c3 = wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7);
}

// 8 full rows of B (N, K) at b, k in [0, kc) -> panel (kc, 8), by 4x4 transposes: for small
// M (few query rows) packing is a visible share of the GEMM, and scalar copies cost ~4x more.
void pack_panel_transposed(int kc, const float* b, int ldb, float* panel) {
  int kk = 0;
  for (; kk + 4 <= kc; kk += 4) {
    for (int half = 0; half < 2; ++half) {
      const float* r = b + static_cast<std::ptrdiff_t>(half * 4) * ldb + kk;
      v128_t c[4];
      transpose4(wasm_v128_load(r), wasm_v128_load(r + ldb), wasm_v128_load(r + 2 * ldb),
                 wasm_v128_load(r + 3 * ldb), c[0], c[1], c[2], c[3]);
      for (int i = 0; i < 4; ++i) wasm_v128_store(panel + (kk + i) * kNr + half * 4, c[i]);
    }
  }
  for (; kk < kc; ++kk)
    for (int jj = 0; jj < kNr; ++jj) panel[kk * kNr + jj] = b[static_cast<std::ptrdiff_t>(jj) * ldb + kk];
}

// Packs B's K-slice [k0, k0 + kc) into panels of 8 columns: panel p, row kk holds
// B(col p*8 .. p*8+7, k0 + kk), zero beyond N. transposed: B is (N, K) (gemm_nt), else (K, N).
void pack_b_block(int N, int kc, int k0, const float* B, int ldb, bool transposed, float* packed) {
  for (int j0 = 0; j0 < N; j0 += kNr) {
    const int nc = std::min(kNr, N - j0);
    float* panel = packed + static_cast<std::size_t>(j0 / kNr) * kc * kNr;
    if (transposed && nc == kNr) {
      pack_panel_transposed(kc, B + static_cast<std::ptrdiff_t>(j0) * ldb + k0, ldb, panel);
    } else if (transposed) {
      for (int jj = 0; jj < kNr; ++jj) {
        if (jj < nc) {
          const float* src = B + static_cast<std::ptrdiff_t>(j0 + jj) * ldb + k0;
          for (int kk = 0; kk < kc; ++kk) panel[kk * kNr + jj] = src[kk];
        } else {
          for (int kk = 0; kk < kc; ++kk) panel[kk * kNr + jj] = 0.0f;
        }
      }
    } else if (nc == kNr) {
      for (int kk = 0; kk < kc; ++kk) {
        const float* src = B + static_cast<std::ptrdiff_t>(k0 + kk) * ldb + j0;
        wasm_v128_store(panel + kk * kNr, wasm_v128_load(src));
        wasm_v128_store(panel + kk * kNr + 4, wasm_v128_load(src + 4));
      }
    } else {
      for (int kk = 0; kk < kc; ++kk) {
        const float* src = B + static_cast<std::ptrdiff_t>(k0 + kk) * ldb + j0;
        for (int jj = 0; jj < kNr; ++jj) panel[kk * kNr + jj] = jj < nc ? src[jj] : 0.0f;
      }
    }
  }
}

// Packs rows [0, rows) of A (rows <= 4) at a, columns [0, kc), into ap (kc, 4): ap[k*4 + r]
// = A(r, k), rows beyond `rows` zero. With the four values of each k adjacent, the tile loop
// reads A through one pointer with constant offsets.
void pack_a_panel(int rows, int kc, const float* a, int lda, float* ap) {
  int k = 0;
  if (rows == kMr) {
    for (; k + 4 <= kc; k += 4) {
      v128_t c[4];
      transpose4(wasm_v128_load(a + k), wasm_v128_load(a + lda + k), wasm_v128_load(a + 2 * lda + k),
                 wasm_v128_load(a + 3 * lda + k), c[0], c[1], c[2], c[3]);
      for (int i = 0; i < 4; ++i) wasm_v128_store(ap + (k + i) * kMr, c[i]);
    }
  }
  for (; k < kc; ++k)
    for (int r = 0; r < kMr; ++r) ap[k * kMr + r] = r < rows ? a[static_cast<std::ptrdiff_t>(r) * lda + k] : 0.0f;
}

// The same panel from a transposed A: a points at A(k0, i) of A (K, M), so the four values of
// each k are already adjacent (one load when rows == 4).
void pack_a_panel_transposed(int rows, int kc, const float* a, int lda, float* ap) {
  for (int k = 0; k < kc; ++k) {
    const float* src = a + static_cast<std::ptrdiff_t>(k) * lda;
    if (rows == kMr) {
      wasm_v128_store(ap + k * kMr, wasm_v128_load(src));
    } else {
      for (int r = 0; r < kMr; ++r) ap[k * kMr + r] = r < rows ? src[r] : 0.0f;
    }
  }
}

// C (rows <= 4, cols <= 8) = alpha * Apanel (kc, 4)^T . panel (kc, 8) (+ C when add); the k-th
// four A values are at ap + k*a_step, the k-th eight B values at panel + k*b_step.
// Per k: two panel loads, four splat loads, 8 mul + 8 add; wasm has no FMA, and this ratio keeps
// V8's x64 code at the multiply+add peak without spilling (11 of 16 XMM registers). The loop
// is kept rolled: unrolled, clang's wasm backend regroups the steps per accumulator, which
// needs every step's panel values live at once and makes V8 spill to the stack.
inline void tile_4x8(int kc, const float* ap, int a_step, const float* panel, int b_step,
                     float* c, int ldc, int rows, int cols, v128_t alpha, bool add) {
  v128_t lo0 = wasm_f32x4_splat(0.0f), lo1 = lo0, lo2 = lo0, lo3 = lo0;
  v128_t hi0 = lo0, hi1 = lo0, hi2 = lo0, hi3 = lo0;
#pragma clang loop unroll(disable)
  for (int k = 0; k < kc; ++k) {
    const v128_t b0 = wasm_v128_load(panel), b1 = wasm_v128_load(panel + 4);
    const v128_t a0 = wasm_v128_load32_splat(ap), a1 = wasm_v128_load32_splat(ap + 1);
    const v128_t a2 = wasm_v128_load32_splat(ap + 2), a3 = wasm_v128_load32_splat(ap + 3);
    lo0 = wasm_f32x4_add(lo0, wasm_f32x4_mul(a0, b0));
    hi0 = wasm_f32x4_add(hi0, wasm_f32x4_mul(a0, b1));
    lo1 = wasm_f32x4_add(lo1, wasm_f32x4_mul(a1, b0));
    hi1 = wasm_f32x4_add(hi1, wasm_f32x4_mul(a1, b1));
    lo2 = wasm_f32x4_add(lo2, wasm_f32x4_mul(a2, b0));
    hi2 = wasm_f32x4_add(hi2, wasm_f32x4_mul(a2, b1));
    lo3 = wasm_f32x4_add(lo3, wasm_f32x4_mul(a3, b0));
    hi3 = wasm_f32x4_add(hi3, wasm_f32x4_mul(a3, b1));
    panel += b_step;
    ap += a_step;
  }
  const v128_t lo[kMr] = {lo0, lo1, lo2, lo3}, hi[kMr] = {hi0, hi1, hi2, hi3};
  for (int r = 0; r < rows; ++r) {
    float* cr = c + r * ldc;
    v128_t v0 = wasm_f32x4_mul(lo[r], alpha), v1 = wasm_f32x4_mul(hi[r], alpha);
    if (cols == kNr) {
      if (add) {
        v0 = wasm_f32x4_add(v0, wasm_v128_load(cr));
        v1 = wasm_f32x4_add(v1, wasm_v128_load(cr + 4));
      }
      wasm_v128_store(cr, v0);
      wasm_v128_store(cr + 4, v1);
    } else {
      float tmp[kNr];
      wasm_v128_store(tmp, v0);
      wasm_v128_store(tmp + 4, v1);
      for (int j = 0; j < cols; ++j) cr[j] = tmp[j] + (add ? cr[j] : 0.0f);
    }
  }
}

// Shared driver. B is packed per K block into scratch (b_transposed selects gemm_nt, B (N, K),
// or gemm_nn, B (K, N)), unless prepacked (pack_b's layout: K block after K block, each
// `panels` panels of (kc, 8)) is given. a_transposed: A is (K, M) (gemm_tn), else (M, K).
void gemm_packed(int M, int N, int K, const float* A, int lda, bool a_transposed, const float* B,
                 int ldb, bool b_transposed, const float* prepacked, float* C, int ldc,
                 float alpha, bool accumulate) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {  // empty sum: C = 0 (+ C)
    if (!accumulate)
      for (int i = 0; i < M; ++i) std::fill(C + static_cast<std::ptrdiff_t>(i) * ldc, C + static_cast<std::ptrdiff_t>(i) * ldc + N, 0.0f);
    return;
  }
  const int panels = (N + kNr - 1) / kNr;
  const int kc_max = std::min(K, kKc);
  float* scratch = prepacked ? nullptr : pack_buffer(static_cast<std::size_t>(panels) * kc_max * kNr).data();
  float* packed_a = a_buffer(static_cast<std::size_t>(kMc) * kc_max).data();
  const v128_t valpha = wasm_f32x4_splat(alpha);
  for (int k0 = 0; k0 < K; k0 += kKc) {
    const int kc = std::min(kKc, K - k0);
    const bool add = accumulate || k0 > 0;
    const float* packed = prepacked + static_cast<std::size_t>(panels) * kNr * k0;
    if (!prepacked) {
      pack_b_block(N, kc, k0, B, ldb, b_transposed, scratch);
      packed = scratch;
    }
    for (int i0 = 0; i0 < M; i0 += kMc) {
      const int mc = std::min(kMc, M - i0);
      for (int i = 0; i < mc; i += kMr) {
        float* ap = packed_a + static_cast<std::size_t>(i) * kc;
        if (a_transposed)
          pack_a_panel_transposed(std::min(kMr, mc - i), kc,
                                  A + static_cast<std::ptrdiff_t>(k0) * lda + i0 + i, lda, ap);
        else
          pack_a_panel(std::min(kMr, mc - i), kc,
                       A + static_cast<std::ptrdiff_t>(i0 + i) * lda + k0, lda, ap);
      }
      for (int p = 0; p < panels; ++p) {
        const int j0 = p * kNr, cols = std::min(kNr, N - j0);
        const float* panel = packed + static_cast<std::size_t>(p) * kc * kNr;
        for (int i = 0; i < mc; i += kMr) {
          float* c = C + static_cast<std::ptrdiff_t>(i0 + i) * ldc + j0;
          tile_4x8(kc, packed_a + static_cast<std::size_t>(i) * kc, kMr, panel, kNr, c, ldc,
                   std::min(kMr, mc - i), cols, valpha, add);
        }
      }
    }
  }
}

void add_bias(int T, int out, const float* b, float* y, int ldy) {
  for (int t = 0; t < T; ++t) {
    float* row = y + static_cast<std::ptrdiff_t>(t) * ldy;
    int o = 0;
    for (; o + 4 <= out; o += 4)
      wasm_v128_store(row + o, wasm_f32x4_add(wasm_v128_load(row + o), wasm_v128_load(b + o)));
    for (; o < out; ++o) row[o] += b[o];
  }
}

// exp(t) for t <= 0 (or -inf): Cephes expf range reduction t = n ln2 + r, |r| <= ln2/2, a
// degree-7 polynomial, then 2^n built in the exponent bits. n is rounded with the 1.5·2^23
// trick: adding kRound puts round(t·log2e) + 127 in the low mantissa bits of z, so z - kRound
// is n as a float and z's bits shifted left by 23 are 2^n (no float<->int conversions, which
// V8 expands to ~8 x64 instructions each). t is clamped at -88, where n = -127 and those bits
// are exactly 0.0f: so results below ~1e-38 (subnormal) become exactly 0, and -inf maps to 0
// without a compare-and-mask.
inline v128_t exp_f32x4(v128_t t) {
  t = wasm_f32x4_pmax(t, wasm_f32x4_splat(-88.0f));
  const v128_t round = wasm_f32x4_splat(12582912.0f + 127.0f);
  const v128_t z = wasm_f32x4_add(wasm_f32x4_mul(t, wasm_f32x4_splat(1.44269504088896341f)), round);
  const v128_t n = wasm_f32x4_sub(z, round);
  v128_t r = wasm_f32x4_sub(t, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  // p(r) = a0 + a1 r + ... + a5 r^5 by Estrin's scheme: a dependency chain of 6 operations
  // instead of Horner's 10, so consecutive vectors overlap in the CPU (the loop was
  // latency-bound).
  const v128_t r2 = wasm_f32x4_mul(r, r);
  const v128_t r4 = wasm_f32x4_mul(r2, r2);
  const v128_t e01 = wasm_f32x4_add(wasm_f32x4_mul(r, wasm_f32x4_splat(1.6666665459e-1f)), wasm_f32x4_splat(5.0000001201e-1f));
  const v128_t e23 = wasm_f32x4_add(wasm_f32x4_mul(r, wasm_f32x4_splat(8.3334519073e-3f)), wasm_f32x4_splat(4.1665795894e-2f));
  const v128_t e45 = wasm_f32x4_add(wasm_f32x4_mul(r, wasm_f32x4_splat(1.9875691500e-4f)), wasm_f32x4_splat(1.3981999507e-3f));
  const v128_t p = wasm_f32x4_add(wasm_f32x4_add(e01, wasm_f32x4_mul(r2, e23)), wasm_f32x4_mul(r4, e45));
  const v128_t y = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(p, r2), r), wasm_f32x4_splat(1.0f));
  const v128_t two_n = wasm_i32x4_shl(z, 23);  // n in [-127, 0]: 0.0f or a normal float
  return wasm_f32x4_mul(y, two_n);
}

inline float horizontal_sum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

}  // namespace

void gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  gemm_packed(M, N, K, A, lda, false, B, ldb, true, nullptr, C, ldc, alpha, accumulate);
}

void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  gemm_packed(M, N, K, A, lda, false, B, ldb, false, nullptr, C, ldc, alpha, accumulate);
}

void gemm_tn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  gemm_packed(M, N, K, A, lda, true, B, ldb, false, nullptr, C, ldc, alpha, accumulate);
}

void linear(int T, int in, int out, const float* x, int ldx, const float* W, const float* b,
            float* y, int ldy) {
  gemm_packed(T, out, in, x, ldx, false, W, in, true, nullptr, y, ldy, 1.0f, false);
  if (b) add_bias(T, out, b, y, ldy);
}

std::size_t packed_b_size(int N, int K) {
  return static_cast<std::size_t>((N + kNr - 1) / kNr) * kNr * static_cast<std::size_t>(K);
}

void pack_b(int N, int K, const float* B, int ldb, float* packed) {
  const std::size_t panel_floats = static_cast<std::size_t>((N + kNr - 1) / kNr) * kNr;
  for (int k0 = 0; k0 < K; k0 += kKc)
    pack_b_block(N, std::min(kKc, K - k0), k0, B, ldb, true, packed + panel_floats * k0);
}

void gemm_nt_packed(int M, int N, int K, const float* A, int lda, const float* packed, float* C,
                    int ldc, float alpha, bool accumulate) {
  gemm_packed(M, N, K, A, lda, false, nullptr, 0, true, packed, C, ldc, alpha, accumulate);
}

void linear_packed(int T, int in, int out, const float* x, int ldx, const float* packed_W,
                   const float* b, float* y, int ldy) {
  gemm_packed(T, out, in, x, ldx, false, nullptr, 0, true, packed_W, y, ldy, 1.0f, false);
  if (b) add_bias(T, out, b, y, ldy);
}

std::size_t packed_a_size(int M, int K) {
  return static_cast<std::size_t>((M + kMr - 1) / kMr) * kMr * static_cast<std::size_t>(K);
}

void pack_a(int M, int K, const float* A, int lda, float* packed) {
  for (int i = 0; i < M; i += kMr)
    pack_a_panel(std::min(kMr, M - i), K, A + static_cast<std::ptrdiff_t>(i) * lda, lda,
                 packed + static_cast<std::size_t>(i) * K);
}

std::size_t packed_b_panels_size(int N, int K) {
  return static_cast<std::size_t>((N + kNr - 1) / kNr) * kNr * static_cast<std::size_t>(K);
}

void pack_b_panels(int N, int K, const float* B, int ldb, float* packed) {
  pack_b_block(N, K, 0, B, ldb, true, packed);
}

void gemm_tiles(int M, int N, int K, const float* a, int a_panel, int a_step, const float* b,
                int b_panel, int b_step, float* C, int ldc, float alpha, bool accumulate) {
  if (M <= 0 || N <= 0) return;
  const v128_t valpha = wasm_f32x4_splat(alpha);
  for (int j0 = 0; j0 < N; j0 += kNr) {
    const float* panel = b + static_cast<std::ptrdiff_t>(j0 / kNr) * b_panel;
    for (int i0 = 0; i0 < M; i0 += kMr) {
      tile_4x8(K, a + static_cast<std::ptrdiff_t>(i0 / kMr) * a_panel, a_step, panel, b_step,
               C + static_cast<std::ptrdiff_t>(i0) * ldc + j0, ldc, std::min(kMr, M - i0),
               std::min(kNr, N - j0), valpha, accumulate);
    }
  }
}

int online_softmax_columns(int keys, int queries, float* st, int ld, float* running_max,
                           float* running_sum, float* correction) {
  const v128_t neg_inf = wasm_f32x4_splat(-std::numeric_limits<float>::infinity());
  const v128_t pos_inf = wasm_f32x4_splat(std::numeric_limits<float>::infinity());
  for (int c = 0; c < queries; c += 4) {
    // pass 1: each column's max over the keys (two chains), NaN and +inf flagged on the side
    v128_t m0 = neg_inf, m1 = neg_inf, bad = wasm_i32x4_splat(0);
    int k = 0;
    for (; k + 2 <= keys; k += 2) {
      const v128_t x0 = wasm_v128_load(st + static_cast<std::ptrdiff_t>(k) * ld + c);
      const v128_t x1 = wasm_v128_load(st + static_cast<std::ptrdiff_t>(k + 1) * ld + c);
      m0 = wasm_f32x4_pmax(m0, x0);
      m1 = wasm_f32x4_pmax(m1, x1);
      bad = wasm_v128_or(bad, wasm_v128_or(wasm_f32x4_ne(x0, x0), wasm_f32x4_ne(x1, x1)));
    }
    if (k < keys) {
      const v128_t x0 = wasm_v128_load(st + static_cast<std::ptrdiff_t>(k) * ld + c);
      m0 = wasm_f32x4_pmax(m0, x0);
      bad = wasm_v128_or(bad, wasm_f32x4_ne(x0, x0));
    }
    const v128_t block_max = wasm_f32x4_pmax(m0, m1);
    bad = wasm_v128_or(bad, wasm_f32x4_eq(block_max, pos_inf));
    if (wasm_v128_any_true(bad)) {
      for (int lane = 0; lane < 4; ++lane)
        for (int kk = 0; kk < keys; ++kk) {
          const float x = st[static_cast<std::ptrdiff_t>(kk) * ld + c + lane];
          if (std::isnan(x) || x == std::numeric_limits<float>::infinity()) return c + lane;
        }
    }
    // pass 2: new maxima; a column that has seen no key yet shifts by 0 (exp(-inf) = 0, not
    // exp(-inf + inf) = NaN) and keeps correction 1
    const v128_t old_max = wasm_v128_load(running_max + c);
    const v128_t new_max = wasm_f32x4_pmax(old_max, block_max);
    const v128_t none = wasm_f32x4_eq(new_max, neg_inf);
    const v128_t shift = wasm_v128_andnot(new_max, none);
    const v128_t corr = wasm_v128_bitselect(wasm_f32x4_splat(1.0f),
                                            exp_f32x4(wasm_f32x4_sub(old_max, shift)), none);
    // pass 3: p = exp(s - m'), column sums
    v128_t sum = wasm_f32x4_splat(0.0f);
    for (k = 0; k < keys; ++k) {
      float* row = st + static_cast<std::ptrdiff_t>(k) * ld + c;
      const v128_t e = exp_f32x4(wasm_f32x4_sub(wasm_v128_load(row), shift));
      wasm_v128_store(row, e);
      sum = wasm_f32x4_add(sum, e);
    }
    wasm_v128_store(running_sum + c,
                    wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(running_sum + c), corr), sum));
    wasm_v128_store(running_max + c, new_max);
    wasm_v128_store(correction + c, corr);
  }
  return -1;
}

inline float row_max_inline(int n, const float* x) {
  // Two running maxima with pmax (one x64 instruction; f32x4.max's NaN and -0 handling costs
  // ~8 and chained the loop on their latency) and NaNs tracked on the side with x != x.
  const v128_t neg_inf = wasm_f32x4_splat(-std::numeric_limits<float>::infinity());
  v128_t m0 = neg_inf, m1 = neg_inf, nan = wasm_i32x4_splat(0);
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    const v128_t a = wasm_v128_load(x + i), b = wasm_v128_load(x + i + 4);
    m0 = wasm_f32x4_pmax(m0, a);
    m1 = wasm_f32x4_pmax(m1, b);
    nan = wasm_v128_or(nan, wasm_v128_or(wasm_f32x4_ne(a, a), wasm_f32x4_ne(b, b)));
  }
  for (; i + 4 <= n; i += 4) {
    const v128_t a = wasm_v128_load(x + i);
    m0 = wasm_f32x4_pmax(m0, a);
    nan = wasm_v128_or(nan, wasm_f32x4_ne(a, a));
  }
  if (wasm_v128_any_true(nan)) return std::numeric_limits<float>::quiet_NaN();
  m0 = wasm_f32x4_pmax(m0, m1);
  m0 = wasm_f32x4_pmax(m0, wasm_i32x4_shuffle(m0, m0, 2, 3, 0, 1));
  m0 = wasm_f32x4_pmax(m0, wasm_i32x4_shuffle(m0, m0, 1, 0, 3, 2));
  float m = wasm_f32x4_extract_lane(m0, 0);
  for (; i < n; ++i) {
    if (std::isnan(x[i])) return x[i];
    if (x[i] > m) m = x[i];
  }
  return m;
}

inline float exp_shifted_sum_inline(int n, float* x, float shift) {
  const v128_t s4 = wasm_f32x4_splat(shift);
  v128_t sum4 = wasm_f32x4_splat(0.0f);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t e = exp_f32x4(wasm_f32x4_sub(wasm_v128_load(x + i), s4));
    wasm_v128_store(x + i, e);
    sum4 = wasm_f32x4_add(sum4, e);
  }
  if (i < n) {  // tail: pad with -inf, which exp maps to 0
    float tmp[4] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY};
    for (int j = i; j < n; ++j) tmp[j - i] = x[j];
    const v128_t e = exp_f32x4(wasm_f32x4_sub(wasm_v128_load(tmp), s4));
    wasm_v128_store(tmp, e);
    for (int j = i; j < n; ++j) x[j] = tmp[j - i];
    sum4 = wasm_f32x4_add(sum4, e);
  }
  return horizontal_sum(sum4);
}

float row_max(int n, const float* x) { return row_max_inline(n, x); }

float exp_shifted_sum(int n, float* x, float shift) { return exp_shifted_sum_inline(n, x, shift); }

// tanh(x) = sign(x) (1 - e) / (1 + e), e = exp(-2|x|) <= 1: no overflow anywhere; |x| > 44
// makes e exactly 0 (exp_f32x4 clamps at -88), so tanh is exactly +-1.
void tanh_inplace(int n, float* x) {
  const v128_t sign_bit = wasm_f32x4_splat(-0.0f), one = wasm_f32x4_splat(1.0f);
  auto tanh4 = [&](v128_t v) {
    const v128_t e = exp_f32x4(wasm_f32x4_mul(wasm_v128_andnot(v, sign_bit), wasm_f32x4_splat(-2.0f)));
    const v128_t t = wasm_f32x4_div(wasm_f32x4_sub(one, e), wasm_f32x4_add(one, e));
    return wasm_v128_or(t, wasm_v128_and(v, sign_bit));
  };
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(x + i, tanh4(wasm_v128_load(x + i)));
  if (i < n) {
    float tmp[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    for (int j = i; j < n; ++j) tmp[j - i] = x[j];
    wasm_v128_store(tmp, tanh4(wasm_v128_load(tmp)));
    for (int j = i; j < n; ++j) x[j] = tmp[j - i];
  }
}

void softmax_rows(int rows, int cols, float* x, int ldx, std::uint8_t* row_has_any) {
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  for (int r = 0; r < rows; ++r) {
    float* row = x + static_cast<std::ptrdiff_t>(r) * ldx;
    // pass 1: max for stability; NaN or +inf anywhere shows up in the max
    const float max_value = row_max_inline(cols, row);
    if (std::isnan(max_value) || max_value == -kNegInf) {
      int c = 0;
      while (c < cols && !std::isnan(row[c]) && row[c] != -kNegInf) ++c;
      throw std::invalid_argument("softmax: row " + std::to_string(r) +
                                  " has a NaN or +inf score at column " + std::to_string(c));
    }
    if (max_value == kNegInf) {
      std::fill(row, row + cols, 0.0f);
      if (row_has_any) row_has_any[r] = 0;
      continue;
    }
    // pass 2: exp and sum; pass 3: normalize
    const v128_t inv = wasm_f32x4_splat(1.0f / exp_shifted_sum_inline(cols, row, max_value));
    int c = 0;
    for (; c + 4 <= cols; c += 4) wasm_v128_store(row + c, wasm_f32x4_mul(wasm_v128_load(row + c), inv));
    for (; c < cols; ++c) row[c] *= wasm_f32x4_extract_lane(inv, 0);
    if (row_has_any) row_has_any[r] = 1;
  }
}

}  // namespace attn::kernels::simd
#endif
