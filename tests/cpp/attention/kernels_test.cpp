// kernels (this build's implementation: f32x4 under wasm SIMD, reference loops natively)
// against double-precision references, at sizes around the SIMD width W = 4 and the 4x8 tile
// (W-1, W, W+1, 2W+3, 7, 8, 9, ...), across the K block (256), with row strides larger than
// the rows (padding filled with NaN: an over-read would poison the result; C's padding holds
// a sentinel that must survive), accumulate on/off and alpha != 1.
// Tolerances are rigorous float error bounds: a sum of K products in float is within
// (K + 2) * 1.2e-7 * sum|terms| of the exact value, so a failure means a wrong result.
#include <catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "attention/kernels.h"
#include "attention/kernels_reference.h"

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kSentinel = 1234.5f;

// rows x cols values in [-1, 1] at stride ld; the padding (ld - cols) gets `pad`.
std::vector<float> random_matrix(int rows, int cols, int ld, std::mt19937& rng, float pad) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> m(static_cast<std::size_t>(rows) * ld, pad);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m[r * ld + c] = dist(rng);
  return m;
}

// Checks C (M, N) against alpha * sum_k a(i,k) b(k,j) + (accumulate ? C0 : 0) in double.
// a_at(i, k) and b_at(k, j) read the operands whatever their layout.
template <class AAt, class BAt>
void check_gemm(int M, int N, int K, AAt a_at, BAt b_at, const std::vector<float>& C0,
                const std::vector<float>& C, int ldc, float alpha, bool accumulate) {
  const double u = 1.2e-7;
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      double exact = 0.0, magnitude = 0.0;
      for (int k = 0; k < K; ++k) {
        const double term = static_cast<double>(a_at(i, k)) * b_at(k, j);
        exact += term;
        magnitude += std::fabs(term);
      }
      exact *= alpha;
      magnitude *= std::fabs(alpha);
      const double c0 = accumulate ? C0[i * ldc + j] : 0.0;
      const double tol = (K + 3) * u * magnitude + u * std::fabs(c0) + 1e-30;
      INFO("M=" << M << " N=" << N << " K=" << K << " i=" << i << " j=" << j);
      REQUIRE(std::fabs(C[i * ldc + j] - (exact + c0)) <= tol);
    }
    for (int j = N; j < ldc; ++j) REQUIRE(C[i * ldc + j] == kSentinel);  // padding untouched
  }
}

const int kSizesMN[] = {1, 3, 4, 5, 7, 8, 9, 11, 17, 63, 65};
const int kSizesK[] = {1, 3, 4, 5, 11, 17, 64, 257, 300};

}  // namespace

TEST_CASE("kernels::flavour names this build's implementation", "[kernels]") {
#if defined(__wasm_simd128__)
  CHECK(std::string(attn::kernels::flavour()) == "wasm-simd128");
#else
  CHECK(std::string(attn::kernels::flavour()) == "scalar");
#endif
}

TEST_CASE("kernels::gemm_nt matches the double reference", "[kernels][gemm]") {
  std::mt19937 rng(7);
  int variant = 0;
  for (int M : kSizesMN)
    for (int N : kSizesMN)
      for (int K : kSizesK) {
        const int lda = K + 3, ldb = K + 5, ldc = N + 1;
        const bool accumulate = (variant & 1) != 0;
        const float alpha = (variant & 2) ? 0.37f : 1.0f;
        ++variant;
        const std::vector<float> A = random_matrix(M, K, lda, rng, kNaN);
        const std::vector<float> B = random_matrix(N, K, ldb, rng, kNaN);
        std::vector<float> C0 = random_matrix(M, N, ldc, rng, kSentinel);
        std::vector<float> C = C0;
        attn::kernels::gemm_nt(M, N, K, A.data(), lda, B.data(), ldb, C.data(), ldc, alpha,
                               accumulate);
        check_gemm(
            M, N, K, [&](int i, int k) { return A[i * lda + k]; },
            [&](int k, int j) { return B[j * ldb + k]; }, C0, C, ldc, alpha, accumulate);
      }
}

// B packed once (pack_b) must give exactly what gemm_nt / linear give packing per call (same
// blocks, same summation order), at N tails and across K blocks.
TEST_CASE("kernels::gemm_nt_packed and linear_packed equal gemm_nt and linear exactly",
          "[kernels][gemm]") {
  std::mt19937 rng(71);
  for (int M : {1, 3, 5, 17, 64})
    for (int N : {1, 7, 8, 9, 33})
      for (int K : {1, 5, 64, 257, 600}) {
        INFO("M=" << M << " N=" << N << " K=" << K);
        const int lda = K + 3, ldb = K + 5, ldc = N + 1;
        const std::vector<float> A = random_matrix(M, K, lda, rng, kNaN);
        const std::vector<float> B = random_matrix(N, K, ldb, rng, kNaN);
        std::vector<float> packed(attn::kernels::packed_b_size(N, K) + 1, kSentinel);
        attn::kernels::pack_b(N, K, B.data(), ldb, packed.data());
        REQUIRE(packed.back() == kSentinel);  // packed_b_size is enough
        std::vector<float> C = random_matrix(M, N, ldc, rng, kSentinel), C_ref = C;
        attn::kernels::gemm_nt_packed(M, N, K, A.data(), lda, packed.data(), C.data(), ldc, 0.37f, true);
        attn::kernels::gemm_nt(M, N, K, A.data(), lda, B.data(), ldb, C_ref.data(), ldc, 0.37f, true);
        REQUIRE(C == C_ref);
        std::vector<float> W(static_cast<std::size_t>(N) * K), bias(N);
        for (int j = 0; j < N; ++j) {
          bias[j] = 0.25f * static_cast<float>(j);
          for (int k = 0; k < K; ++k) W[j * K + k] = B[j * ldb + k];
        }
        std::vector<float> y(static_cast<std::size_t>(M) * ldc, kSentinel), y_ref = y;
        attn::kernels::linear_packed(M, K, N, A.data(), lda, packed.data(), bias.data(), y.data(), ldc);
        attn::kernels::linear(M, K, N, A.data(), lda, W.data(), bias.data(), y_ref.data(), ldc);
        REQUIRE(y == y_ref);
      }
}

TEST_CASE("kernels::gemm_nn matches the double reference", "[kernels][gemm]") {
  std::mt19937 rng(11);
  int variant = 0;
  for (int M : kSizesMN)
    for (int N : kSizesMN)
      for (int K : kSizesK) {
        const int lda = K + 2, ldb = N + 3, ldc = N + 2;
        const bool accumulate = (variant & 1) == 0;
        const float alpha = (variant & 2) ? -1.5f : 1.0f;
        ++variant;
        const std::vector<float> A = random_matrix(M, K, lda, rng, kNaN);
        const std::vector<float> B = random_matrix(K, N, ldb, rng, kNaN);
        std::vector<float> C0 = random_matrix(M, N, ldc, rng, kSentinel);
        std::vector<float> C = C0;
        attn::kernels::gemm_nn(M, N, K, A.data(), lda, B.data(), ldb, C.data(), ldc, alpha,
                               accumulate);
        check_gemm(
            M, N, K, [&](int i, int k) { return A[i * lda + k]; },
            [&](int k, int j) { return B[k * ldb + j]; }, C0, C, ldc, alpha, accumulate);
      }
}

// A transposed (K, M): rows of A are read at stride lda >= M; M at the 4-row panel edges.
TEST_CASE("kernels::gemm_tn matches the double reference", "[kernels][gemm]") {
  std::mt19937 rng(13);
  int variant = 0;
  for (int M : kSizesMN)
    for (int N : kSizesMN)
      for (int K : kSizesK) {
        const int lda = M + 3, ldb = N + 1, ldc = N + 2;
        const bool accumulate = (variant & 1) != 0;
        const float alpha = (variant & 2) ? 0.5f : 1.0f;
        ++variant;
        const std::vector<float> A = random_matrix(K, M, lda, rng, kNaN);
        const std::vector<float> B = random_matrix(K, N, ldb, rng, kNaN);
        std::vector<float> C0 = random_matrix(M, N, ldc, rng, kSentinel);
        std::vector<float> C = C0;
        attn::kernels::gemm_tn(M, N, K, A.data(), lda, B.data(), ldb, C.data(), ldc, alpha,
                               accumulate);
        check_gemm(
            M, N, K, [&](int i, int k) { return A[k * lda + i]; },
            [&](int k, int j) { return B[k * ldb + j]; }, C0, C, ldc, alpha, accumulate);
      }
}

TEST_CASE("kernels::gemm_tn: large M crosses row blocks, K crosses K blocks", "[kernels][gemm]") {
  std::mt19937 rng(19);
  const int M = 131, N = 29, K = 513;
  const std::vector<float> A = random_matrix(K, M, M, rng, kNaN);
  const std::vector<float> B = random_matrix(K, N, N, rng, kNaN);
  const std::vector<float> C0(static_cast<std::size_t>(M) * N, 0.0f);
  std::vector<float> C = C0;
  attn::kernels::gemm_tn(M, N, K, A.data(), M, B.data(), N, C.data(), N, 1.0f, false);
  check_gemm(
      M, N, K, [&](int i, int k) { return A[k * M + i]; },
      [&](int k, int j) { return B[k * N + j]; }, C0, C, N, 1.0f, false);
}

TEST_CASE("kernels::gemm_nt and gemm_nn: large M crosses row blocks", "[kernels][gemm]") {
  std::mt19937 rng(3);
  const int M = 257, N = 70, K = 33;
  const std::vector<float> A = random_matrix(M, K, K, rng, kNaN);
  const std::vector<float> Bt = random_matrix(N, K, K, rng, kNaN);
  const std::vector<float> Bn = random_matrix(K, N, N, rng, kNaN);
  const std::vector<float> C0(static_cast<std::size_t>(M) * N, 0.0f);
  std::vector<float> C = C0;
  attn::kernels::gemm_nt(M, N, K, A.data(), K, Bt.data(), K, C.data(), N, 1.0f, false);
  check_gemm(
      M, N, K, [&](int i, int k) { return A[i * K + k]; },
      [&](int k, int j) { return Bt[j * K + k]; }, C0, C, N, 1.0f, false);
  attn::kernels::gemm_nn(M, N, K, A.data(), K, Bn.data(), N, C.data(), N, 1.0f, false);
  check_gemm(
      M, N, K, [&](int i, int k) { return A[i * K + k]; },
      [&](int k, int j) { return Bn[k * N + j]; }, C0, C, N, 1.0f, false);
}

TEST_CASE("kernels::linear = x W^T + b, with and without bias", "[kernels][linear]") {
  std::mt19937 rng(5);
  for (int T : {1, 3, 5, 17, 65})
    for (int in : {1, 4, 9, 64})
      for (int out : {1, 3, 8, 11, 96})
        for (bool with_bias : {false, true}) {
          const int ldx = in + 1, ldy = out + 3;
          const std::vector<float> x = random_matrix(T, in, ldx, rng, kNaN);
          const std::vector<float> W = random_matrix(out, in, in, rng, kNaN);
          const std::vector<float> b = random_matrix(1, out, out, rng, kNaN);
          std::vector<float> y = random_matrix(T, out, ldy, rng, kSentinel);
          attn::kernels::linear(T, in, out, x.data(), ldx, W.data(), with_bias ? b.data() : nullptr,
                                y.data(), ldy);
          // the bias is a (K+1)-th product term 1 * b[o]
          check_gemm(
              T, out, in + 1,
              [&](int t, int k) { return k < in ? x[t * ldx + k] : 1.0f; },
              [&](int k, int o) { return k < in ? W[o * in + k] : (with_bias ? b[o] : 0.0f); },
              y, y, ldy, 1.0f, false);
        }
}

TEST_CASE("kernels::linear: zero-padded input columns give the same result as the full width",
          "[kernels][linear]") {
  std::mt19937 rng(11);
  for (int T : {1, 3, 17})
    for (int used : {0, 1, 5, 33})
      for (int in : {40, 64}) {
        const int out = 19;
        std::vector<float> x = random_matrix(T, in, in, rng, 0.0f);
        for (int t = 0; t < T; ++t)
          for (int k = used; k < in; ++k) x[t * in + k] = 0.0f;
        const std::vector<float> W = random_matrix(out, in, in, rng, kNaN);
        const std::vector<float> b = random_matrix(1, out, out, rng, kNaN);
        std::vector<float> y(static_cast<std::size_t>(T) * out, kSentinel);
        std::vector<float> y_ref(static_cast<std::size_t>(T) * out, kSentinel);
        attn::kernels::linear(T, in, out, x.data(), in, W.data(), b.data(), y.data(), out);
        attn::kernels::reference::linear(T, in, out, x.data(), in, W.data(), b.data(), y_ref.data(), out);
        for (std::size_t i = 0; i < y.size(); ++i) CHECK(y[i] == Approx(y_ref[i]).margin(1e-5));
      }
}

TEST_CASE("kernels::exp_shifted_sum: each exp within 1e-6 relative, -inf gives 0", "[kernels][softmax]") {
  for (int n : {1, 3, 4, 5, 11, 17, 64, 257}) {
    std::vector<float> x(n);
    for (int i = 0; i < n; ++i) x[i] = -86.0f * static_cast<float>(i) / static_cast<float>(n);
    if (n > 2) x[n / 2] = -kInf;
    const float shift = 0.5f;
    std::vector<float> original = x;
    const float sum = attn::kernels::exp_shifted_sum(n, x.data(), shift);
    double exact_sum = 0.0;
    for (int i = 0; i < n; ++i) {
      const double e = std::exp(static_cast<double>(original[i]) - shift);
      exact_sum += e;
      INFO("n=" << n << " x=" << original[i]);
      if (original[i] == -kInf)
        REQUIRE(x[i] == 0.0f);
      else
        REQUIRE(std::fabs(x[i] - e) <= 1e-6 * e);
    }
    REQUIRE(std::fabs(sum - exact_sum) <= 1e-6 * exact_sum);
  }
}

TEST_CASE("kernels::tanh_inplace: within 3e-7 absolute of tanh, +-inf, NaN", "[kernels]") {
  for (int n : {1, 3, 4, 5, 17, 63, 1001}) {
    std::vector<float> x(n);
    for (int i = 0; i < n; ++i) x[i] = -20.0f + 40.0f * static_cast<float>(i) / static_cast<float>(n);
    if (n > 3) x[1] = 1e-6f, x[2] = -0.0f, x[3] = 0.3f;
    const std::vector<float> original = x;
    attn::kernels::tanh_inplace(n, x.data());
    for (int i = 0; i < n; ++i) {
      INFO("n=" << n << " x=" << original[i]);
      REQUIRE(std::fabs(x[i] - std::tanh(static_cast<double>(original[i]))) <= 3e-7);
    }
  }
  float special[5] = {kInf, -kInf, kNaN, 100.0f, -100.0f};
  attn::kernels::tanh_inplace(5, special);
  CHECK(special[0] == 1.0f);
  CHECK(special[1] == -1.0f);
  CHECK(std::isnan(special[2]));
  CHECK(special[3] == 1.0f);
  CHECK(special[4] == -1.0f);
}

TEST_CASE("kernels::row_max: -inf when empty or all masked, NaN propagates", "[kernels][softmax]") {
  CHECK(attn::kernels::row_max(0, nullptr) == -kInf);
  for (int n : {1, 3, 4, 5, 11, 17, 64}) {
    std::vector<float> x(n, -kInf);
    CHECK(attn::kernels::row_max(n, x.data()) == -kInf);
    x[n - 1] = 2.5f;
    CHECK(attn::kernels::row_max(n, x.data()) == 2.5f);
    x[n / 2] = kNaN;
    CHECK(std::isnan(attn::kernels::row_max(n, x.data())));
  }
}

// online_softmax_columns over two consecutive key blocks of one transposed score matrix st
// (keys, queries) must leave, per query column, the max and the sum of exp(score - max) over
// both blocks, with each block's entries turned into exp(score - running max at that block)
// and correction = exp(old max - new max).
TEST_CASE("kernels::online_softmax_columns: two blocks against double math, masked columns, NaN",
          "[kernels][softmax]") {
  std::mt19937 rng(17);
  std::uniform_real_distribution<float> dist(-20.0f, 20.0f);
  for (int keys : {1, 3, 4, 5, 9, 17, 64, 65, 128}) {
    const int queries = 8, ld = queries + 4;
    std::vector<float> block[2];
    for (auto& b : block) {
      b.assign(static_cast<std::size_t>(keys) * ld, kSentinel);
      for (int k = 0; k < keys; ++k)
        for (int c = 0; c < queries; ++c) b[k * ld + c] = (k % 4 == 2) ? -kInf : dist(rng);
    }
    for (int k = 0; k < keys; ++k) block[0][k * ld + 1] = -kInf;  // query 1 sees keys only later
    for (int k = 0; k < keys; ++k) block[0][k * ld + 6] = block[1][k * ld + 6] = -kInf;  // never
    std::vector<float> run_max(queries, -kInf), run_sum(queries, 0.0f), correction(queries, kSentinel);
    std::vector<double> max_d(queries, -INFINITY), sum_d(queries, 0.0);
    for (int b = 0; b < 2; ++b) {
      const std::vector<float> input = block[b];
      REQUIRE(attn::kernels::online_softmax_columns(keys, queries, block[b].data(), ld,
                                                    run_max.data(), run_sum.data(),
                                                    correction.data()) == -1);
      for (int c = 0; c < queries; ++c) {
        INFO("keys=" << keys << " block=" << b << " query=" << c);
        double block_max = -INFINITY;
        for (int k = 0; k < keys; ++k) block_max = std::max<double>(block_max, input[k * ld + c]);
        const double new_max = std::max(max_d[c], block_max);
        for (int k = 0; k < keys; ++k) REQUIRE(block[b][k * ld + queries] == kSentinel);
        if (new_max == -INFINITY) {
          REQUIRE(correction[c] == 1.0f);
          REQUIRE(run_sum[c] == 0.0f);
          for (int k = 0; k < keys; ++k) REQUIRE(block[b][k * ld + c] == 0.0f);
          continue;
        }
        const double corr = std::exp(max_d[c] - new_max);
        REQUIRE(std::fabs(correction[c] - corr) <= 2e-6 * corr + 1e-30);
        double block_sum = 0.0;
        for (int k = 0; k < keys; ++k) {
          const double e = std::exp(input[k * ld + c] - new_max);
          block_sum += e;
          REQUIRE(std::fabs(block[b][k * ld + c] - e) <= 2e-6 * e + 1e-37);
        }
        sum_d[c] = sum_d[c] * corr + block_sum;
        max_d[c] = new_max;
        REQUIRE(run_max[c] == static_cast<float>(new_max));
        REQUIRE(std::fabs(run_sum[c] - sum_d[c]) <= (4e-6 + keys * 2.4e-7) * sum_d[c]);
      }
    }
  }
  // NaN or +inf: the first bad query column is reported
  for (float bad : {kNaN, kInf}) {
    std::vector<float> st(5 * 8, 0.5f), m(8, -kInf), l(8, 0.0f), c(8);
    st[3 * 8 + 6] = bad;
    CHECK(attn::kernels::online_softmax_columns(5, 8, st.data(), 8, m.data(), l.data(), c.data()) == 6);
  }
}

// gemm_tiles on packed operands (pack_a, pack_b_panels) and on unpacked ones read in place
// (A as the transpose of a row-major matrix, B as a row-major matrix), against gemm_nt.
TEST_CASE("kernels::gemm_tiles on packed and in-place operands matches gemm_nt", "[kernels][gemm]") {
  std::mt19937 rng(73);
  for (int M : {1, 3, 4, 5, 17, 64})
    for (int N : {1, 7, 8, 9, 32})
      for (int K : {1, 5, 32, 130}) {
        INFO("M=" << M << " N=" << N << " K=" << K);
        const int lda = K + 3, ldb = K + 5, ldc = N + 1;
        const std::vector<float> A = random_matrix(M, K, lda, rng, kNaN);
        const std::vector<float> B = random_matrix(N, K, ldb, rng, kNaN);
        std::vector<float> a_tiles(attn::kernels::packed_a_size(M, K) + 1, kSentinel);
        std::vector<float> b_tiles(attn::kernels::packed_b_panels_size(N, K) + 1, kSentinel);
        attn::kernels::pack_a(M, K, A.data(), lda, a_tiles.data());
        attn::kernels::pack_b_panels(N, K, B.data(), ldb, b_tiles.data());
        REQUIRE(a_tiles.back() == kSentinel);
        REQUIRE(b_tiles.back() == kSentinel);
        std::vector<float> C = random_matrix(M, N, ldc, rng, kSentinel), C_ref = C;
        attn::kernels::gemm_tiles(M, N, K, a_tiles.data(), 4 * K, 4, b_tiles.data(), 8 * K, 8,
                                  C.data(), ldc, 0.37f, true);
        attn::kernels::gemm_nt(M, N, K, A.data(), lda, B.data(), ldb, C_ref.data(), ldc, 0.37f, true);
        for (std::size_t i = 0; i < C.size(); ++i) REQUIRE(C[i] == Approx(C_ref[i]).margin(1e-5));
        // in place: At (K, M4) row-major is A's transpose, Bt (K, N8) row-major is Bᵀ
        const int m4 = (M + 3) / 4 * 4, n8 = (N + 7) / 8 * 8;
        std::vector<float> At(static_cast<std::size_t>(K) * m4, 0.0f), Bt(static_cast<std::size_t>(K) * n8, 0.0f);
        for (int k = 0; k < K; ++k) {
          for (int i = 0; i < M; ++i) At[k * m4 + i] = A[i * lda + k];
          for (int j = 0; j < N; ++j) Bt[k * n8 + j] = B[j * ldb + k];
        }
        std::vector<float> C2(static_cast<std::size_t>(M) * ldc, kSentinel), C2_ref = C2;
        attn::kernels::gemm_tiles(M, N, K, At.data(), 4, m4, Bt.data(), 8, n8, C2.data(), ldc, 1.0f, false);
        attn::kernels::gemm_nt(M, N, K, A.data(), lda, B.data(), ldb, C2_ref.data(), ldc, 1.0f, false);
        for (std::size_t i = 0; i < C2.size(); ++i) REQUIRE(C2[i] == Approx(C2_ref[i]).margin(1e-5));
      }
}

TEST_CASE("kernels::softmax_rows matches the double reference, masks and fully masked rows",
          "[kernels][softmax]") {
  std::mt19937 rng(13);
  std::uniform_real_distribution<float> dist(-10.0f, 10.0f);
  for (int cols : {1, 3, 4, 5, 11, 17, 63, 64, 65, 257}) {
    const int rows = 4, ldx = cols + 2;
    std::vector<float> x(static_cast<std::size_t>(rows) * ldx, kSentinel);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) x[r * ldx + c] = (c % 3 == 1) ? -kInf : dist(rng);
    for (int c = 0; c < cols; ++c) x[2 * ldx + c] = -kInf;  // row 2 fully masked
    const std::vector<float> input = x;
    std::vector<std::uint8_t> has_any(rows, 7);
    attn::kernels::softmax_rows(rows, cols, x.data(), ldx, has_any.data());
    for (int r = 0; r < rows; ++r) {
      INFO("cols=" << cols << " row=" << r);
      REQUIRE(x[r * ldx + cols] == kSentinel);
      if (r == 2) {
        REQUIRE(has_any[r] == 0);
        for (int c = 0; c < cols; ++c) REQUIRE(x[r * ldx + c] == 0.0f);
        continue;
      }
      REQUIRE(has_any[r] == 1);
      double max_value = -INFINITY, sum = 0.0;
      for (int c = 0; c < cols; ++c) max_value = std::max<double>(max_value, input[r * ldx + c]);
      for (int c = 0; c < cols; ++c) sum += std::exp(input[r * ldx + c] - max_value);
      for (int c = 0; c < cols; ++c) {
        const double expected = std::exp(input[r * ldx + c] - max_value) / sum;
        REQUIRE(std::fabs(x[r * ldx + c] - expected) <= (2e-6 + cols * 1.2e-7) * expected + 1e-12);
      }
    }
  }
}

TEST_CASE("kernels::softmax_rows: NaN or +inf throws naming the row", "[kernels][softmax]") {
  for (float bad : {kNaN, kInf})
    for (int cols : {1, 4, 5, 9}) {
      std::vector<float> x(2 * cols, 0.5f);
      x[cols + cols - 1] = bad;  // row 1, last column (the tail for cols % 4 != 0)
      try {
        attn::kernels::softmax_rows(2, cols, x.data(), cols, nullptr);
        FAIL("expected std::invalid_argument");
      } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find("row 1") != std::string::npos);
        CHECK(std::string(e.what()).find("column " + std::to_string(cols - 1)) != std::string::npos);
      }
    }
}

TEST_CASE("kernels match kernels::reference (SIMD build vs portable loops)", "[kernels]") {
  std::mt19937 rng(17);
  const int M = 19, N = 21, K = 67;
  const std::vector<float> A = random_matrix(M, K, K, rng, 0.0f);
  const std::vector<float> B = random_matrix(N, K, K, rng, 0.0f);
  std::vector<float> fast(M * N), slow(M * N);
  attn::kernels::gemm_nt(M, N, K, A.data(), K, B.data(), K, fast.data(), N, 0.5f, false);
  attn::kernels::reference::gemm_nt(M, N, K, A.data(), K, B.data(), K, slow.data(), N, 0.5f, false);
  for (int i = 0; i < M * N; ++i) REQUIRE(fast[i] == Approx(slow[i]).margin(2e-5));
  attn::kernels::softmax_rows(M, N, fast.data(), N, nullptr);
  attn::kernels::reference::softmax_rows(M, N, slow.data(), N, nullptr);
  for (int i = 0; i < M * N; ++i) REQUIRE(fast[i] == Approx(slow[i]).margin(1e-6));
}
