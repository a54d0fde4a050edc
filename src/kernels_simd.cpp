// kernels_simd: f32x4 kernels for WebAssembly SIMD128 (compiled only under __wasm_simd128__).
//
// GEMM: C tiles of 4 rows x 8 columns live in 8 v128 accumulators. For each k, two loads of
// a packed B panel (8 consecutive floats) and four splatted A values give 8 mul + 8 add with
// 6 loads: wasm has no FMA, and this ratio keeps V8's x64 code at the multiply+add peak
// without spilling (16 XMM registers). B is packed per K-block of kKc into 8-column panels
// (zero-padded at the N tail) so both gemm_nt (B transposed) and gemm_nn share one inner
// loop; M tails use 1..3-row variants of the same tile. Softmax uses a Cephes-style
// polynomial exp (|rel err| ~1e-7) that maps -inf to exactly 0.
// Deliberately no threads and no relaxed SIMD (not available with clang 14).
#include "kernels_simd.h"

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
void pack_b(int N, int kc, int k0, const float* B, int ldb, bool transposed, float* packed) {
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

// C (R, cols <= 8) = alpha * A (R, kc) . panel (kc, 8) (+ C when add). R is 1..4.
template <int R>
inline void tile_rx8(int kc, const float* a, int lda, const float* panel, float* c, int ldc,
                     int cols, v128_t alpha, bool add) {
  v128_t lo[R], hi[R];
  for (int r = 0; r < R; ++r) lo[r] = hi[r] = wasm_f32x4_splat(0.0f);
  for (int k = 0; k < kc; ++k) {
    const v128_t b0 = wasm_v128_load(panel + k * kNr);
    const v128_t b1 = wasm_v128_load(panel + k * kNr + 4);
#pragma clang loop unroll(full)
    for (int r = 0; r < R; ++r) {
      const v128_t ar = wasm_v128_load32_splat(a + r * lda + k);
      lo[r] = wasm_f32x4_add(lo[r], wasm_f32x4_mul(ar, b0));
      hi[r] = wasm_f32x4_add(hi[r], wasm_f32x4_mul(ar, b1));
    }
  }
  for (int r = 0; r < R; ++r) {
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

// Shared driver: B_transposed selects gemm_nt (B is (N, K)) or gemm_nn (B is (K, N)).
void gemm_packed(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                 bool b_transposed, float* C, int ldc, float alpha, bool accumulate) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {  // empty sum: C = 0 (+ C)
    if (!accumulate)
      for (int i = 0; i < M; ++i) std::fill(C + static_cast<std::ptrdiff_t>(i) * ldc, C + static_cast<std::ptrdiff_t>(i) * ldc + N, 0.0f);
    return;
  }
  const int panels = (N + kNr - 1) / kNr;
  const int kc_max = std::min(K, kKc);
  float* packed = pack_buffer(static_cast<std::size_t>(panels) * kc_max * kNr).data();
  const v128_t valpha = wasm_f32x4_splat(alpha);
  for (int k0 = 0; k0 < K; k0 += kKc) {
    const int kc = std::min(kKc, K - k0);
    const bool add = accumulate || k0 > 0;
    pack_b(N, kc, k0, B, ldb, b_transposed, packed);
    for (int i0 = 0; i0 < M; i0 += kMc) {
      const int mc = std::min(kMc, M - i0);
      for (int p = 0; p < panels; ++p) {
        const int j0 = p * kNr, cols = std::min(kNr, N - j0);
        const float* panel = packed + static_cast<std::size_t>(p) * kc * kNr;
        for (int i = i0; i < i0 + mc; i += kMr) {
          const float* a = A + static_cast<std::ptrdiff_t>(i) * lda + k0;
          float* c = C + static_cast<std::ptrdiff_t>(i) * ldc + j0;
          switch (std::min(kMr, i0 + mc - i)) {
            case 4: tile_rx8<4>(kc, a, lda, panel, c, ldc, cols, valpha, add); break;
            case 3: tile_rx8<3>(kc, a, lda, panel, c, ldc, cols, valpha, add); break;
            case 2: tile_rx8<2>(kc, a, lda, panel, c, ldc, cols, valpha, add); break;
            default: tile_rx8<1>(kc, a, lda, panel, c, ldc, cols, valpha, add); break;
          }
        }
      }
    }
  }
}

// exp(t) for t <= 0 (or -inf): Cephes expf range reduction t = n ln2 + r, |r| <= ln2/2, a
// degree-6 polynomial, then 2^n built in the exponent bits. Below ln(FLT_MIN) the result
// (a subnormal, < 1.2e-38) is flushed to exactly 0, which also maps -inf to 0.
inline v128_t exp_f32x4(v128_t t) {
  const v128_t lo_limit = wasm_f32x4_splat(-87.33654f);
  const v128_t underflow = wasm_f32x4_lt(t, lo_limit);
  t = wasm_f32x4_pmax(t, lo_limit);  // -inf -> limit (masked to 0 below)
  t = wasm_f32x4_pmin(t, wasm_f32x4_splat(88.0f));
  const v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(t, wasm_f32x4_splat(1.44269504088896341f)));
  v128_t r = wasm_f32x4_sub(t, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t p = wasm_f32x4_splat(1.9875691500e-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.3981999507e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(8.3334519073e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(4.1665795894e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.6666665459e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(5.0000001201e-1f));
  const v128_t r2 = wasm_f32x4_mul(r, r);
  const v128_t y = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(p, r2), r), wasm_f32x4_splat(1.0f));
  // 2^n: n in [-126, 127], so (n + 127) << 23 is a normal float's bit pattern
  const v128_t bits = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return wasm_v128_andnot(wasm_f32x4_mul(y, bits), underflow);
}

inline float horizontal_sum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

}  // namespace

void gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  gemm_packed(M, N, K, A, lda, B, ldb, true, C, ldc, alpha, accumulate);
}

void gemm_nn(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
             int ldc, float alpha, bool accumulate) {
  gemm_packed(M, N, K, A, lda, B, ldb, false, C, ldc, alpha, accumulate);
}

void linear(int T, int in, int out, const float* x, int ldx, const float* W, const float* b,
            float* y, int ldy) {
  gemm_packed(T, out, in, x, ldx, W, in, true, y, ldy, 1.0f, false);
  if (!b) return;
  for (int t = 0; t < T; ++t) {
    float* row = y + static_cast<std::ptrdiff_t>(t) * ldy;
    int o = 0;
    for (; o + 4 <= out; o += 4)
      wasm_v128_store(row + o, wasm_f32x4_add(wasm_v128_load(row + o), wasm_v128_load(b + o)));
    for (; o < out; ++o) row[o] += b[o];
  }
}

float row_max(int n, const float* x) {
  v128_t m4 = wasm_f32x4_splat(-std::numeric_limits<float>::infinity());
  int i = 0;
  for (; i + 4 <= n; i += 4) m4 = wasm_f32x4_max(m4, wasm_v128_load(x + i));  // NaN-propagating
  m4 = wasm_f32x4_max(m4, wasm_i32x4_shuffle(m4, m4, 2, 3, 0, 1));
  m4 = wasm_f32x4_max(m4, wasm_i32x4_shuffle(m4, m4, 1, 0, 3, 2));
  float m = wasm_f32x4_extract_lane(m4, 0);
  for (; i < n; ++i) {
    if (std::isnan(x[i])) return x[i];
    if (x[i] > m) m = x[i];
  }
  return m;
}

float exp_shifted_sum(int n, float* x, float shift) {
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

void softmax_rows(int rows, int cols, float* x, int ldx, std::uint8_t* row_has_any) {
  constexpr float kNegInf = -std::numeric_limits<float>::infinity();
  for (int r = 0; r < rows; ++r) {
    float* row = x + static_cast<std::ptrdiff_t>(r) * ldx;
    // pass 1: max for stability; NaN or +inf anywhere shows up in the max
    const float max_value = row_max(cols, row);
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
    const v128_t inv = wasm_f32x4_splat(1.0f / exp_shifted_sum(cols, row, max_value));
    int c = 0;
    for (; c + 4 <= cols; c += 4) wasm_v128_store(row + c, wasm_f32x4_mul(wasm_v128_load(row + c), inv));
    for (; c < cols; ++c) row[c] *= wasm_f32x4_extract_lane(inv, 0);
    if (row_has_any) row_has_any[r] = 1;
  }
}

}  // namespace attn::kernels::simd
#endif
