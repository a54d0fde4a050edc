// The Transformer against whole-model PyTorch float64 fixtures: GPT-2-like (pre-LN, causal,
// tanh GELU, tied output, one ignored target), BERT-like (post-LN, bidirectional with a key
// padding mask, exact GELU, token types, untied output, masked-LM targets) and attention-only.
// Logits and attention probabilities <= 1e-5, the loss <= 1e-5 and every parameter gradient
// <= 1e-4 relative (normwise per tensor, golden_fixture.h). Plus: activations reused across
// batch shapes give the same numbers, bad inputs throw before anything changes.
#include "nn/transformer.h"

#include <catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "golden_model.h"

namespace {

using attn::test::golden_model;
using attn::test::member;

struct GoldenBatch {
  std::vector<int> ids, types, targets;
  std::vector<std::uint8_t> padding;
  attn::nn::Batch batch;
};

GoldenBatch batch_of(const attn::io::JsonValue& fx) {
  GoldenBatch g;
  g.ids = attn::test::ints(fx, "ids");
  g.targets = attn::test::ints(fx, "targets");
  if (member(fx, "types").is_array()) g.types = attn::test::ints(fx, "types");
  if (member(fx, "key_padding").is_array())
    for (int p : attn::test::ints(fx, "key_padding"))
      g.padding.push_back(static_cast<std::uint8_t>(p));
  g.batch.ids = g.ids.data();
  g.batch.B = attn::test::integer(fx, "B");
  g.batch.T = attn::test::integer(fx, "T");
  g.batch.types = g.types.empty() ? nullptr : g.types.data();
  g.batch.key_padding = g.padding.empty() ? nullptr : g.padding.data();
  return g;
}

void check_model(const char* file) {
  const attn::io::JsonValue fx = attn::test::read_golden(file);
  auto model = golden_model(fx);
  const GoldenBatch g = batch_of(fx);
  const float* logits = model->forward(g.batch);
  const std::vector<double> ref_logits = attn::test::doubles(fx, "logits");
  const double logits_rel = attn::test::relative_error(logits, ref_logits);
  attn::test::report(std::string(file) + " logits", logits_rel);
  CHECK(logits_rel <= 1e-5);
  const attn::io::JsonValue& atts = member(fx, "attention");
  for (int l = 0; l < model->config().num_layers; ++l) {
    std::vector<double> ref;
    for (const attn::io::JsonValue& x : atts.items[l].items) ref.push_back(x.number);
    const double rel = attn::test::relative_error(model->attention(l), ref);
    attn::test::report(std::string(file) + " attention layer " + std::to_string(l), rel);
    CHECK(rel <= 1e-5);
  }
  model->zero_grad();
  const float loss = model->loss(g.targets.data());
  const double ref_loss = member(fx, "loss").number;
  attn::test::report(std::string(file) + " loss", std::fabs(loss - ref_loss) / ref_loss);
  CHECK(std::fabs(loss - ref_loss) <= 1e-5 * ref_loss);
  model->backward();
  const attn::io::JsonValue& grads = member(fx, "grads");
  double worst = 0.0;
  std::string worst_name;
  for (const attn::nn::TensorInfo& t : model->tensors()) {
    const std::vector<double> ref = attn::test::doubles(grads, t.name);
    REQUIRE(ref.size() == t.size);
    const double rel = attn::test::relative_error(model->grads() + t.offset, ref);
    INFO(t.name);
    CHECK(rel <= 1e-4);
    if (rel > worst) worst = rel, worst_name = t.name;
  }
  attn::test::report(std::string(file) + " worst parameter gradient (" + worst_name + ")", worst);
}

}  // namespace

TEST_CASE("nn::Transformer GPT-2-like: logits, attention, loss and every gradient match PyTorch",
          "[nn][golden][transformer]") {
  check_model("nn/nn_gpt2.json");
}

TEST_CASE("nn::Transformer BERT-like (post-LN, padding, token types, untied) matches PyTorch",
          "[nn][golden][transformer]") {
  check_model("nn/nn_bert.json");
}

TEST_CASE("nn::Transformer attention-only matches PyTorch", "[nn][golden][transformer]") {
  check_model("nn/nn_attnonly.json");
}

TEST_CASE("nn::Transformer: a smaller batch after a larger one reuses the buffers, same numbers",
          "[nn][transformer]") {
  const attn::io::JsonValue fx = attn::test::read_golden("nn/nn_gpt2.json");
  auto model = golden_model(fx);
  GoldenBatch g = batch_of(fx);
  const int V = model->config().vocab_size, T = g.batch.T;
  std::vector<float> first(model->forward(g.batch), model->forward(g.batch) + 2 * T * V);
  // sequence 1 alone, then a shorter prefix of it: causal, so its logits are a prefix too
  attn::nn::Batch one = g.batch;
  one.B = 1;
  one.ids = g.ids.data() + T;
  const float* l1 = model->forward(one);
  for (int i = 0; i < T * V; ++i) REQUIRE(l1[i] == Approx(first[T * V + i]).margin(1e-5));
  one.T = 3;
  const float* l3 = model->forward(one);
  for (int i = 0; i < 3 * V; ++i) REQUIRE(l3[i] == Approx(first[T * V + i]).margin(1e-5));
}

TEST_CASE("nn::Transformer: bad inputs throw naming the problem", "[nn][transformer]") {
  attn::nn::TransformerConfig c;
  c.vocab_size = 11, c.max_positions = 5, c.embed_dim = 8, c.num_heads = 2, c.num_layers = 1,
  c.mlp_dim = 16;
  attn::nn::Transformer model(c);
  model.init_gpt2(1);
  std::vector<int> ids = {1, 2, 11};
  attn::nn::Batch b;
  b.ids = ids.data(), b.B = 1, b.T = 3;
  CHECK_THROWS_WITH(model.forward(b), Catch::Contains("tokenIds[2] = 11"));
  ids[2] = 3;
  b.T = 6;
  std::vector<int> six(6, 0);
  b.ids = six.data();
  CHECK_THROWS_WITH(model.forward(b), Catch::Contains("maxPositions"));
  b.ids = ids.data(), b.T = 3;
  model.forward(b);
  std::vector<int> targets = {1, -2, 0};
  CHECK_THROWS_WITH(model.loss(targets.data()), Catch::Contains("targets[1] = -2"));
  c.num_heads = 3;
  CHECK_THROWS_WITH(attn::nn::Transformer(c), Catch::Contains("must divide embedDim"));
}

TEST_CASE("nn::init_gpt2 is deterministic: GPT-2's scales, biases 0, norms 1",
          "[nn][transformer]") {
  attn::nn::TransformerConfig c;
  c.vocab_size = 50, c.max_positions = 16, c.embed_dim = 32, c.num_heads = 4, c.num_layers = 2,
  c.mlp_dim = 64;
  attn::nn::Transformer a(c), b(c);
  a.init_gpt2(42);
  b.init_gpt2(42);
  REQUIRE(std::equal(a.params(), a.params() + a.num_params(), b.params()));
  b.init_gpt2(43);
  CHECK(!std::equal(a.params(), a.params() + a.num_params(), b.params()));
  for (const attn::nn::TensorInfo& t : a.tensors()) {
    const float* x = a.params() + t.offset;
    double sum2 = 0.0;
    for (std::size_t i = 0; i < t.size; ++i) sum2 += double(x[i]) * x[i];
    const double sd = std::sqrt(sum2 / t.size);
    INFO(t.name);
    if (t.shape.size() == 1) {
      CHECK(sd ==
            (t.name.find("ln_") != std::string::npos && t.name.find("weight") != std::string::npos
                 ? 1.0
                 : 0.0));
    } else if (t.name.find("c_proj") != std::string::npos) {
      CHECK(sd == Approx(0.02 / 2.0).epsilon(0.1));  // 1/sqrt(2 L), L = 2
    } else {
      CHECK(sd == Approx(0.02).epsilon(0.1));
    }
  }
}
