// AdamW, clipping and the schedule (src/train). The main check follows llm.c's test_gpt2: ten
// AdamW steps on the GPT-2-like golden model and batch, each step's loss (before its update)
// against torch.optim.AdamW in float64 with the same decay split (tests/golden/nn/nn_gpt2.json),
// within 1e-4 relative (float32 rounding compounds over the steps; a wrong bias correction or
// decay rule is off by > 1e-2 after a few steps).
#include "train/adamw.h"

#include <catch.hpp>
#include <cmath>
#include <memory>
#include <vector>

#include "golden_model.h"
#include "nn/transformer.h"
#include "train/schedule.h"
#include "train/train_step.h"

namespace {

using attn::test::member;

attn::nn::TransformerConfig tiny_config() {
  attn::nn::TransformerConfig c;
  c.vocab_size = 13, c.max_positions = 8, c.embed_dim = 8, c.num_heads = 2, c.num_layers = 2,
  c.mlp_dim = 16;
  return c;
}

}  // namespace

TEST_CASE("train: ten AdamW steps follow PyTorch's losses", "[train][golden]") {
  const attn::io::JsonValue fx = attn::test::read_golden("nn/nn_gpt2.json");
  const std::unique_ptr<attn::nn::Transformer> owned = attn::test::golden_model(fx);
  attn::nn::Transformer& model = *owned;
  const attn::io::JsonValue& opt = member(fx, "adamw");
  attn::train::AdamWConfig a;
  a.lr = static_cast<float>(member(opt, "lr").number);
  a.beta1 = static_cast<float>(member(opt, "beta1").number);
  a.beta2 = static_cast<float>(member(opt, "beta2").number);
  a.eps = static_cast<float>(member(opt, "eps").number);
  a.weight_decay = static_cast<float>(member(opt, "weight_decay").number);
  const std::vector<double> ref = attn::test::doubles(opt, "losses");
  const std::vector<int> ids = attn::test::ints(fx, "ids"),
                         targets = attn::test::ints(fx, "targets");
  attn::nn::Batch batch;
  batch.ids = ids.data(), batch.B = attn::test::integer(fx, "B"),
  batch.T = attn::test::integer(fx, "T");
  attn::train::AdamW optimizer(model.tensors());
  double worst = 0.0;
  for (std::size_t step = 0; step < ref.size(); ++step) {
    const attn::train::StepResult r =
        attn::train::train_step(model, optimizer, batch, targets.data(), a);
    const double rel = std::fabs(r.loss - ref[step]) / ref[step];
    std::printf("# golden adamw step %zu: loss %.6f, PyTorch %.6f, rel %.2e\n", step, r.loss,
                ref[step], rel);
    worst = std::max(worst, rel);
    CHECK(rel <= 1e-4);
  }
  attn::test::report("adamw 10-step losses (worst)", worst);
  CHECK(ref.back() < ref.front() - 0.5);  // the fixture itself learns: the check is not vacuous
}

TEST_CASE("train::AdamW decays only tensors with >= 2 dimensions", "[train]") {
  attn::nn::Transformer model(tiny_config());
  model.init_gpt2(3);
  for (const attn::nn::TensorInfo& t : model.tensors())  // biases nonzero, to see decay
    if (t.shape.size() == 1)
      for (std::size_t i = 0; i < t.size; ++i) model.params()[t.offset + i] = 0.5f;
  const std::vector<float> before(model.params(), model.params() + model.num_params());
  model.zero_grad();  // zero gradients: only the decay moves anything
  attn::train::AdamW optimizer(model.tensors());
  attn::train::AdamWConfig a;
  a.lr = 0.1f, a.weight_decay = 0.5f;
  optimizer.step(model.params(), model.grads(), a);
  for (const attn::nn::TensorInfo& t : model.tensors()) {
    INFO(t.name);
    const float factor = t.shape.size() >= 2 ? 1.0f - 0.1f * 0.5f : 1.0f;
    for (std::size_t i = 0; i < t.size; ++i)
      REQUIRE(model.params()[t.offset + i] == Approx(before[t.offset + i] * factor).margin(1e-7));
  }
}

TEST_CASE("train::clip_grad_norm scales to the limit and returns the norm before", "[train]") {
  std::vector<float> g = {3.0f, 4.0f};
  CHECK(attn::train::clip_grad_norm(g.data(), 2, 10.0f) == Approx(5.0f));
  CHECK(g[0] == 3.0f);
  CHECK(attn::train::clip_grad_norm(g.data(), 2, 1.0f) == Approx(5.0f));
  CHECK(std::hypot(g[0], g[1]) == Approx(1.0).epsilon(1e-5));
  CHECK(g[0] / g[1] == Approx(0.75f));
  CHECK(attn::train::clip_grad_norm(g.data(), 2, 0.0f) == Approx(1.0f).epsilon(1e-5));  // 0 = off
}

TEST_CASE("train::lr_warmup_cosine: linear warmup, cosine to min_lr at the last step", "[train]") {
  using attn::train::lr_warmup_cosine;
  CHECK(lr_warmup_cosine(0, 10, 110, 1.0f, 0.1f) == Approx(0.1f));
  CHECK(lr_warmup_cosine(9, 10, 110, 1.0f, 0.1f) == Approx(1.0f));
  CHECK(lr_warmup_cosine(10, 10, 110, 1.0f, 0.1f) == Approx(1.0f));
  CHECK(lr_warmup_cosine(60, 10, 111, 1.0f, 0.1f) == Approx(0.55f));  // half way: (max + min) / 2
  CHECK(lr_warmup_cosine(110, 10, 111, 1.0f, 0.1f) == Approx(0.1f));
  CHECK(lr_warmup_cosine(500, 10, 111, 1.0f, 0.1f) == Approx(0.1f));
}

TEST_CASE("train: training is deterministic from the seed and lowers the loss, clipping changes it",
          "[train]") {
  auto run = [](float clip) {
    attn::nn::Transformer model(tiny_config());
    model.init_gpt2(7);
    attn::train::AdamW optimizer(model.tensors());
    attn::train::AdamWConfig a;
    a.lr = 1e-2f, a.clip_norm = clip;
    std::vector<int> ids(2 * 8), targets(2 * 8);
    for (int i = 0; i < 16; ++i) ids[i] = (i * 5) % 13, targets[i] = ((i + 1) * 5) % 13;
    attn::nn::Batch b;
    b.ids = ids.data(), b.B = 2, b.T = 8;
    std::vector<float> losses;
    for (int s = 0; s < 30; ++s)
      losses.push_back(attn::train::train_step(model, optimizer, b, targets.data(), a).loss);
    return losses;
  };
  const std::vector<float> a = run(0.0f), b = run(0.0f), clipped = run(0.05f);
  CHECK(a == b);
  CHECK(a.back() < 0.5f * a.front());
  CHECK(clipped[0] == a[0]);
  CHECK(clipped[5] != a[5]);
}

TEST_CASE("train::validate names the bad optimizer field", "[train]") {
  attn::train::AdamWConfig a;
  a.beta1 = 1.0f;
  CHECK_THROWS_WITH(attn::train::validate(a), Catch::Contains("beta1"));
  a = {};
  a.lr = std::nanf("");
  CHECK_THROWS_WITH(attn::train::validate(a), Catch::Contains("lr"));
}
