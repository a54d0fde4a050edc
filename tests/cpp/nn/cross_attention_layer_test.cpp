// A whole cross-attention layer composed from the engine's pieces, as a decoder would use it:
// q = x Wq^T + bq from one sequence, [k v] = memory Wkv^T + bkv from another (Tk != Tq), the
// heads' attention, out = y Wo^T + bo; every input and parameter gradient against PyTorch
// float64 (nn_layers.json "cross_attention_layer"), normwise relative <= 1e-4.
#include <catch.hpp>
#include <vector>

#include "golden_fixture.h"
#include "nn/attention_layer.h"
#include "nn/matmul.h"

TEST_CASE("nn: a cross-attention layer (projections + attention) matches PyTorch", "[nn][golden]") {
  using attn::test::floats;
  using attn::test::integer;
  const attn::io::JsonValue all = attn::test::read_golden("nn/nn_layers.json");
  const attn::io::JsonValue& fx = attn::test::member(all, "cross_attention_layer");
  const int B = integer(fx, "B"), Tq = integer(fx, "Tq"), Tk = integer(fx, "Tk"),
            C = integer(fx, "C");
  const int H = integer(fx, "H"), Nq = B * Tq, Nk = B * Tk;
  const auto x = floats(fx, "x"), mem = floats(fx, "memory"), wq = floats(fx, "wq"),
             bq = floats(fx, "bq");
  const auto wkv = floats(fx, "wkv"), bkv = floats(fx, "bkv"), wo = floats(fx, "wo"),
             bo = floats(fx, "bo");
  const auto dout = floats(fx, "dout");
  // forward
  std::vector<float> q(Nq * C), kv(Nk * 2 * C), y(Nq * C), att(B * H * Tq * Tk), out(Nq * C);
  attn::nn::matmul_forward(q.data(), x.data(), wq.data(), bq.data(), Nq, C, C);
  attn::nn::matmul_forward(kv.data(), mem.data(), wkv.data(), bkv.data(), Nk, C, 2 * C);
  const attn::nn::AttentionDims d{B, Tq, Tk, C, H, C, 2 * C, 2 * C, false};
  attn::nn::attention_forward(y.data(), att.data(), q.data(), kv.data(), kv.data() + C, nullptr, d);
  attn::nn::matmul_forward(out.data(), y.data(), wo.data(), bo.data(), Nq, C, C);
  // backward
  std::vector<float> dy(Nq * C, 0.0f), dq(Nq * C, 0.0f), dkv(Nk * 2 * C, 0.0f), scratch(att.size());
  std::vector<float> dx(x.size(), 0.0f), dmem(mem.size(), 0.0f), dwq(wq.size(), 0.0f),
      dbq(bq.size(), 0.0f);
  std::vector<float> dwkv(wkv.size(), 0.0f), dbkv(bkv.size(), 0.0f), dwo(wo.size(), 0.0f),
      dbo(bo.size(), 0.0f);
  attn::nn::matmul_backward(dy.data(), dwo.data(), dbo.data(), dout.data(), y.data(), wo.data(), Nq,
                            C, C);
  attn::nn::attention_backward(dq.data(), dkv.data(), dkv.data() + C, scratch.data(), dy.data(),
                               att.data(), q.data(), kv.data(), kv.data() + C, d);
  attn::nn::matmul_backward(dx.data(), dwq.data(), dbq.data(), dq.data(), x.data(), wq.data(), Nq,
                            C, C);
  attn::nn::matmul_backward(dmem.data(), dwkv.data(), dbkv.data(), dkv.data(), mem.data(),
                            wkv.data(), Nk, C, 2 * C);
  const std::pair<const char*, const std::vector<float>*> checks[] = {
      {"out", &out}, {"att", &att},   {"dx", &dx},     {"dmemory", &dmem}, {"dwq", &dwq},
      {"dbq", &dbq}, {"dwkv", &dwkv}, {"dbkv", &dbkv}, {"dwo", &dwo},      {"dbo", &dbo}};
  for (const auto& [key, ours] : checks) {
    const std::vector<double> ref = attn::test::doubles(fx, key);
    REQUIRE(ours->size() == ref.size());
    const double rel = attn::test::relative_error(ours->data(), ref);
    attn::test::report(std::string("cross-attention layer ") + key + " vs PyTorch", rel);
    CHECK(rel <= (key[0] == 'd' ? 1e-4 : 1e-5));
  }
}
