// attention_tiled (FlashAttention-style, online softmax) against a double-precision untiled
// reference softmax(q k^T * scale + mask) v, to 1e-5 absolute (values of v lie in [-1, 1]),
// at sizes below, at and above the 64-query / 128-key blocks, with causal alignment for Tq != Tk,
// key padding, fully masked rows (zeros, flag 0), strides, and its argument errors.
#include "attention/attention_tiled.h"

#include <catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "random_matrix.h"

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct Case {
  int Tq, Tk, d, dv;
  bool causal;
  bool padding;
};

std::vector<float> random_matrix(int rows, int cols, int ld, std::mt19937& rng) {
  std::vector<float> m(static_cast<std::size_t>(rows) * ld, kNaN);  // NaN padding: no over-reads
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m[r * ld + c] = attn::test::uniform(rng, -1.0f, 1.0f);
  return m;
}

void run_case(const Case& cs, std::mt19937& rng) {
  const int ldq = cs.d + 1, ldk = cs.d + 2, ldv = cs.dv + 3, ldo = cs.dv + 1;
  const std::vector<float> q = random_matrix(cs.Tq, cs.d, ldq, rng);
  const std::vector<float> k = random_matrix(cs.Tk, cs.d, ldk, rng);
  const std::vector<float> v = random_matrix(cs.Tk, cs.dv, ldv, rng);
  std::vector<std::uint8_t> padding(cs.Tk, 0);
  if (cs.padding)
    for (int j = 0; j < cs.Tk; ++j) padding[j] = (j % 5 == 2) ? 1 : 0;
  // scale 2/sqrt(d) makes the softmax peakier than usual, a harder test of the online max
  const float scale = 2.0f / std::sqrt(static_cast<float>(cs.d));
  std::vector<float> out(static_cast<std::size_t>(cs.Tq) * ldo, 99.0f);
  std::vector<std::uint8_t> has_any(cs.Tq, 7);
  attn::attention_tiled(cs.Tq, cs.Tk, cs.d, cs.dv, q.data(), ldq, k.data(), ldk, v.data(), ldv,
                        scale, cs.causal, cs.padding ? padding.data() : nullptr, out.data(), ldo,
                        has_any.data());

  const int offset = cs.Tk - cs.Tq;
  std::vector<double> s(cs.Tk);
  for (int i = 0; i < cs.Tq; ++i) {
    INFO("Tq=" << cs.Tq << " Tk=" << cs.Tk << " d=" << cs.d << " dv=" << cs.dv
               << " causal=" << cs.causal << " padding=" << cs.padding << " row=" << i);
    double max_value = -INFINITY;
    for (int j = 0; j < cs.Tk; ++j) {
      const bool blocked = (cs.causal && j > i + offset) || padding[j];
      double dot = 0.0;
      for (int c = 0; c < cs.d; ++c) dot += static_cast<double>(q[i * ldq + c]) * k[j * ldk + c];
      s[j] = blocked ? -INFINITY : dot * scale;
      max_value = std::max(max_value, s[j]);
    }
    REQUIRE(out[i * ldo + cs.dv] == 99.0f);  // output padding untouched
    if (max_value == -INFINITY) {
      REQUIRE(has_any[i] == 0);
      for (int c = 0; c < cs.dv; ++c) REQUIRE(out[i * ldo + c] == 0.0f);
      continue;
    }
    REQUIRE(has_any[i] == 1);
    double sum = 0.0;
    for (int j = 0; j < cs.Tk; ++j) sum += std::exp(s[j] - max_value);
    for (int c = 0; c < cs.dv; ++c) {
      double expected = 0.0;
      for (int j = 0; j < cs.Tk; ++j) expected += std::exp(s[j] - max_value) / sum * v[j * ldv + c];
      REQUIRE(std::fabs(out[i * ldo + c] - expected) <= 1e-5);
    }
  }
}

}  // namespace

TEST_CASE("attention_tiled matches the untiled double reference to 1e-5", "[attention_tiled]") {
  std::mt19937 rng(23);
  for (int Tq : {1, 5, 63, 64, 65, 130})
    for (int Tk : {1, 4, 65, 128, 131})
      for (bool causal : {false, true})
        for (bool padding : {false, true}) {
          const int d = (Tq + Tk) % 2 ? 16 : 33, dv = causal ? 17 : 8;
          run_case({Tq, Tk, d, dv, causal, padding}, rng);
        }
}

TEST_CASE("attention_tiled: head sizes 1, 3 and 64", "[attention_tiled]") {
  std::mt19937 rng(29);
  for (int d : {1, 3, 64}) run_case({70, 70, d, d, true, false}, rng);
  run_case({200, 300, 32, 1, false, true}, rng);
}

TEST_CASE("attention_tiled: fully masked rows are zero with flag 0", "[attention_tiled]") {
  std::mt19937 rng(31);
  // causal with Tq > Tk: query i sees keys j <= i - 60, so the first 60 rows see nothing
  run_case({130, 70, 8, 5, true, false}, rng);
  // every key padded
  const int T = 9, d = 4;
  const std::vector<float> q = random_matrix(T, d, d, rng), kv = random_matrix(T, d, d, rng);
  const std::vector<std::uint8_t> all_blocked(T, 1);
  std::vector<float> out(T * d, 5.0f);
  std::vector<std::uint8_t> has_any(T, 7);
  attn::attention_tiled(T, T, d, d, q.data(), d, kv.data(), d, kv.data(), d, 0.5f, false,
                        all_blocked.data(), out.data(), d, has_any.data());
  for (float x : out) CHECK(x == 0.0f);
  for (std::uint8_t flag : has_any) CHECK(flag == 0);
}

TEST_CASE("attention_tiled: bad arguments and NaN scores throw naming the argument",
          "[attention_tiled]") {
  std::vector<float> x(64, 0.25f);
  float out[16];
  auto message = [&](auto call) {
    try {
      call();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  CHECK(message([&] {
          attn::attention_tiled(0, 4, 4, 4, x.data(), 4, x.data(), 4, x.data(), 4, 1.0f, false,
                                nullptr, out, 4, nullptr);
        }).find("Tq expected >= 1, given 0") != std::string::npos);
  CHECK(message([&] {
          attn::attention_tiled(4, 4, 4, 4, x.data(), 3, x.data(), 4, x.data(), 4, 1.0f, false,
                                nullptr, out, 4, nullptr);
        }).find("ldq expected >= d = 4, given 3") != std::string::npos);
  x[5] = kNaN;  // row 1 of q
  CHECK(message([&] {
          attn::attention_tiled(4, 4, 4, 4, x.data(), 4, x.data() + 32, 4, x.data() + 32, 4, 1.0f,
                                false, nullptr, out, 4, nullptr);
        }).find("query row 1") != std::string::npos);
}
