// Layers (src/nn) against PyTorch float64 (tests/golden/nn/nn_layers.json) and against central
// finite differences of the double references in reference_layers.h. Tolerances, normwise
// relative (golden_fixture.h): forward <= 1e-5, every gradient <= 1e-4 (float32 sums over at
// most a few hundred terms are ~1e-6 off; a wrong formula is off by O(1)).
#include <catch.hpp>
#include <cstdint>
#include <vector>

#include "golden_fixture.h"
#include "nn/activation.h"
#include "nn/attention_layer.h"
#include "nn/cross_entropy.h"
#include "nn/embedding.h"
#include "nn/layernorm.h"
#include "nn/matmul.h"
#include "reference_layers.h"

namespace {

using attn::test::floats;
using attn::test::integer;
using attn::test::member;
using attn::test::relative_error;
using attn::test::report;
using attn::test::Vd;

constexpr double kForwardTol = 1e-5, kGradTol = 1e-4;

const attn::io::JsonValue& fixture(const char* layer) {
  static const attn::io::JsonValue all = attn::test::read_golden("nn/nn_layers.json");
  return member(all, layer);
}

Vd to_d(const std::vector<float>& x) { return Vd(x.begin(), x.end()); }

// Checks ours against the golden tensor and prints the error.
void check(const std::string& what, const std::vector<float>& ours, const attn::io::JsonValue& fx,
           const char* key, double tol) {
  const Vd ref = attn::test::doubles(fx, key);
  REQUIRE(ours.size() == ref.size());
  const double rel = relative_error(ours.data(), ref);
  report(what + " " + key + " vs PyTorch", rel);
  CHECK(rel <= tol);
}

void check_fd(const std::string& what, const std::vector<float>& ours, const Vd& fd) {
  REQUIRE(ours.size() == fd.size());
  const double rel = relative_error(ours.data(), fd);
  report(what + " vs finite differences", rel);
  CHECK(rel <= kGradTol);
}

}  // namespace

TEST_CASE("nn::layernorm matches PyTorch and finite differences", "[nn][golden]") {
  const auto& fx = fixture("layernorm");
  const int N = integer(fx, "N"), C = integer(fx, "C");
  const auto x = floats(fx, "inp"), w = floats(fx, "weight"), b = floats(fx, "bias"),
             dout = floats(fx, "dout");
  std::vector<float> out(N * C), mean(N), rstd(N), dx(N * C, 0.0f), dw(C, 0.0f), db(C, 0.0f);
  attn::nn::layernorm_forward(out.data(), mean.data(), rstd.data(), x.data(), w.data(), b.data(), N,
                              C, 1e-5f);
  check("layernorm", out, fx, "out", kForwardTol);
  attn::nn::layernorm_backward(dx.data(), dw.data(), db.data(), dout.data(), x.data(), w.data(),
                               mean.data(), rstd.data(), N, C);
  check("layernorm", dx, fx, "dinp", kGradTol);
  check("layernorm", dw, fx, "dweight", kGradTol);
  check("layernorm", db, fx, "dbias", kGradTol);
  const Vd xd = to_d(x), wd = to_d(w), bd = to_d(b), dd = to_d(dout);
  check_fd(
      "layernorm dinp", dx,
      attn::test::finite_difference(
          [&](const Vd& v) { return attn::test::layernorm_ref(v, wd, bd, N, C, 1e-5); }, xd, dd));
  check_fd(
      "layernorm dweight", dw,
      attn::test::finite_difference(
          [&](const Vd& v) { return attn::test::layernorm_ref(xd, v, bd, N, C, 1e-5); }, wd, dd));
  check_fd(
      "layernorm dbias", db,
      attn::test::finite_difference(
          [&](const Vd& v) { return attn::test::layernorm_ref(xd, wd, v, N, C, 1e-5); }, bd, dd));
}

TEST_CASE("nn::matmul matches PyTorch and finite differences", "[nn][golden]") {
  const auto& fx = fixture("matmul");
  const int N = integer(fx, "N"), C = integer(fx, "C"), OC = integer(fx, "OC");
  const auto x = floats(fx, "inp"), w = floats(fx, "weight"), b = floats(fx, "bias"),
             dout = floats(fx, "dout");
  std::vector<float> out(N * OC), dx(N * C, 0.0f), dw(OC * C, 0.0f), db(OC, 0.0f);
  attn::nn::matmul_forward(out.data(), x.data(), w.data(), b.data(), N, C, OC);
  check("matmul", out, fx, "out", kForwardTol);
  attn::nn::matmul_backward(dx.data(), dw.data(), db.data(), dout.data(), x.data(), w.data(), N, C,
                            OC);
  check("matmul", dx, fx, "dinp", kGradTol);
  check("matmul", dw, fx, "dweight", kGradTol);
  check("matmul", db, fx, "dbias", kGradTol);
  const Vd xd = to_d(x), wd = to_d(w), bd = to_d(b), dd = to_d(dout);
  check_fd("matmul dinp", dx,
           attn::test::finite_difference(
               [&](const Vd& v) { return attn::test::matmul_ref(v, wd, bd, N, C, OC); }, xd, dd));
  check_fd("matmul dweight", dw,
           attn::test::finite_difference(
               [&](const Vd& v) { return attn::test::matmul_ref(xd, v, bd, N, C, OC); }, wd, dd));
  check_fd("matmul dbias", db,
           attn::test::finite_difference(
               [&](const Vd& v) { return attn::test::matmul_ref(xd, wd, v, N, C, OC); }, bd, dd));
}

TEST_CASE("nn::gelu (tanh and erf) matches PyTorch and finite differences", "[nn][golden]") {
  for (const char* kind : {"gelu_tanh", "gelu"}) {
    const auto& fx = fixture(kind);
    const attn::nn::Activation a = attn::nn::parse_activation(kind);
    const int n = integer(fx, "n");
    const auto x = floats(fx, "inp"), dout = floats(fx, "dout");
    std::vector<float> out(n), dx(n, 0.0f);
    attn::nn::gelu_forward(out.data(), x.data(), n, a);
    check(kind, out, fx, "out", kForwardTol);
    attn::nn::gelu_backward(dx.data(), x.data(), dout.data(), n, a);
    check(kind, dx, fx, "dinp", kGradTol);
    const bool tanh_form = a == attn::nn::Activation::kGeluTanh;
    check_fd(
        std::string(kind) + " dinp", dx,
        attn::test::finite_difference(
            [&](const Vd& v) { return attn::test::gelu_ref(v, tanh_form); }, to_d(x), to_d(dout)));
  }
}

TEST_CASE("nn::attention (causal, key padding, cross) matches PyTorch and finite differences",
          "[nn][golden]") {
  for (const char* name : {"attention_causal", "attention_padding", "attention_cross"}) {
    const auto& fx = fixture(name);
    attn::nn::AttentionDims d;
    d.B = integer(fx, "B"), d.Tq = integer(fx, "Tq"), d.Tk = integer(fx, "Tk");
    d.C = integer(fx, "C"), d.H = integer(fx, "H");
    d.ldq = d.ldk = d.ldv = d.C;
    d.causal = member(fx, "causal").boolean;
    std::vector<std::uint8_t> pad;
    if (member(fx, "key_padding").is_array())
      for (int p : attn::test::ints(fx, "key_padding")) pad.push_back(static_cast<std::uint8_t>(p));
    const auto q = floats(fx, "q"), k = floats(fx, "k"), v = floats(fx, "v"),
               dout = floats(fx, "dout");
    std::vector<float> out(q.size()), att(static_cast<std::size_t>(d.B) * d.H * d.Tq * d.Tk);
    attn::nn::attention_forward(out.data(), att.data(), q.data(), k.data(), v.data(),
                                pad.empty() ? nullptr : pad.data(), d);
    check(name, out, fx, "out", kForwardTol);
    check(name, att, fx, "att", kForwardTol);
    std::vector<float> dq(q.size(), 0.0f), dk(k.size(), 0.0f), dv(v.size(), 0.0f),
        scratch(att.size());
    attn::nn::attention_backward(dq.data(), dk.data(), dv.data(), scratch.data(), dout.data(),
                                 att.data(), q.data(), k.data(), v.data(), d);
    check(name, dq, fx, "dq", kGradTol);
    check(name, dk, fx, "dk", kGradTol);
    check(name, dv, fx, "dv", kGradTol);
    const Vd qd = to_d(q), kd = to_d(k), vd = to_d(v), dd = to_d(dout);
    auto ref = [&](const Vd& a, const Vd& b, const Vd& c) {
      return attn::test::attention_ref(a, b, c, d.B, d.Tq, d.Tk, d.C, d.H, d.causal, pad);
    };
    const std::string n = name;
    check_fd(n + " dq", dq,
             attn::test::finite_difference([&](const Vd& x) { return ref(x, kd, vd); }, qd, dd));
    check_fd(n + " dk", dk,
             attn::test::finite_difference([&](const Vd& x) { return ref(qd, x, vd); }, kd, dd));
    check_fd(n + " dv", dv,
             attn::test::finite_difference([&](const Vd& x) { return ref(qd, kd, x); }, vd, dd));
  }
}

TEST_CASE("nn::attention: a query that sees no key gets zero weights, output and gradients",
          "[nn]") {
  attn::nn::AttentionDims d;
  d.B = 1, d.Tq = 2, d.Tk = 3, d.C = 4, d.H = 2, d.ldq = d.ldk = d.ldv = 4;
  const std::vector<std::uint8_t> pad = {1, 1, 1};
  std::vector<float> q(8, 0.5f), k(12, 0.25f), v(12, 1.0f), out(8, 7.0f), att(12, 7.0f);
  attn::nn::attention_forward(out.data(), att.data(), q.data(), k.data(), v.data(), pad.data(), d);
  for (float x : out) CHECK(x == 0.0f);
  for (float x : att) CHECK(x == 0.0f);
  std::vector<float> dq(8, 0.0f), dk(12, 0.0f), dv(12, 0.0f), scratch(12), dout(8, 1.0f);
  attn::nn::attention_backward(dq.data(), dk.data(), dv.data(), scratch.data(), dout.data(),
                               att.data(), q.data(), k.data(), v.data(), d);
  for (float x : dq) CHECK(x == 0.0f);
  for (float x : dk) CHECK(x == 0.0f);
}

TEST_CASE("nn::cross-entropy with ignore index matches PyTorch and finite differences",
          "[nn][golden]") {
  const auto& fx = fixture("cross_entropy");
  const int N = integer(fx, "N"), V = integer(fx, "V");
  const auto logits = floats(fx, "logits");
  const auto targets = attn::test::ints(fx, "targets");
  std::vector<float> losses(N), probs(N * V);
  const int count = attn::nn::crossentropy_forward(losses.data(), probs.data(), logits.data(),
                                                   targets.data(), N, V);
  CHECK(count == 4);
  double mean = 0.0;
  for (float l : losses) mean += l;
  mean /= count;
  const double loss_ref = member(fx, "loss").number;
  report("cross-entropy loss vs PyTorch", std::fabs(mean - loss_ref) / loss_ref);
  CHECK(std::fabs(mean - loss_ref) <= kForwardTol * loss_ref);
  attn::nn::crossentropy_softmax_backward(probs.data(), probs.data(), targets.data(), 1.0f / count,
                                          N, V);
  check("cross-entropy", probs, fx, "dlogits", kGradTol);
  check_fd("cross-entropy dlogits", probs,
           attn::test::finite_difference(
               [&](const Vd& x) { return attn::test::cross_entropy_ref(x, targets, N, V); },
               to_d(logits), {1.0}));
  std::vector<float> bad = logits;
  bad[5] = std::numeric_limits<float>::quiet_NaN();
  CHECK_THROWS_WITH(
      attn::nn::crossentropy_forward(losses.data(), probs.data(), bad.data(), targets.data(), N, V),
      Catch::Contains("row 0"));
}

TEST_CASE("nn::embedding (tokens, positions, types) matches PyTorch", "[nn][golden]") {
  const auto& fx = fixture("embedding");
  const int B = integer(fx, "B"), T = integer(fx, "T"), C = integer(fx, "C");
  const auto ids = attn::test::ints(fx, "ids"), types = attn::test::ints(fx, "types");
  const auto wte = floats(fx, "wte"), wpe = floats(fx, "wpe"), wtt = floats(fx, "wtt"),
             dout = floats(fx, "dout");
  std::vector<float> out(B * T * C), dwte(wte.size(), 0.0f), dwpe(wpe.size(), 0.0f),
      dwtt(wtt.size(), 0.0f);
  attn::nn::embedding_forward(out.data(), ids.data(), types.data(), wte.data(), wpe.data(),
                              wtt.data(), B, T, C);
  check("embedding", out, fx, "out", kForwardTol);
  attn::nn::embedding_backward(dwte.data(), dwpe.data(), dwtt.data(), dout.data(), ids.data(),
                               types.data(), B, T, C);
  check("embedding", dwte, fx, "dwte", kGradTol);
  check("embedding", dwpe, fx, "dwpe", kGradTol);
  check("embedding", dwtt, fx, "dwtt", kGradTol);
}
