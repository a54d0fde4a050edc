// The Train mode's Trainer (src/train/trainer.h): a short run lowers the loss, evaluation and
// probe shapes, determinism from the seed, and bad configurations rejected by name.
#include "train/trainer.h"

#include <algorithm>
#include <catch.hpp>

using attn::train::Task;
using attn::train::Trainer;
using attn::train::TrainerConfig;

namespace {

TrainerConfig small(Task task) {
  TrainerConfig c;
  c.task = task;
  c.layers = 1, c.heads = 2, c.embed_dim = 16, c.lr = 1e-2f, c.batch = 8, c.seed = 4;
  return c;
}

}  // namespace

TEST_CASE("trainer: a short run on copy lowers the loss", "[train][trainer]") {
  Trainer t(small(Task::kCopy));
  const float first = t.train(5).loss;
  t.train(60);
  const attn::train::TrainProgress later = t.train(5);
  std::printf("# trainer copy: loss %.3f -> %.3f after %d steps\n", first, later.loss, later.step);
  CHECK(later.step == 70);
  CHECK(later.loss < first - 0.3f);
  const float accuracy = t.evaluate(20);
  CHECK(accuracy >= 0.0f);
  CHECK(accuracy <= 1.0f);
}

TEST_CASE("trainer: the probe has every layer x head's weights and scores", "[train][trainer]") {
  TrainerConfig c = small(Task::kInduction);
  c.layers = 2;
  Trainer t(c);
  const attn::train::Probe p = t.probe();
  const int T = t.spec().seq_len;
  REQUIRE(static_cast<int>(p.tokens.size()) == T);
  REQUIRE(p.layers.size() == 2);
  for (const auto& layer : p.layers) {
    REQUIRE(layer.size() == 2);
    for (const attn::train::HeadProbe& h : layer) {
      REQUIRE(static_cast<int>(h.weights.size()) == T * T);
      for (int i = 0; i < T; ++i) {
        float row = 0.0f;
        for (int j = 0; j < T; ++j) row += h.weights[i * T + j];
        CHECK(row == Approx(1.0f).margin(1e-4));
        CHECK(h.weights[i * T + T - 1] == (i == T - 1 ? h.weights[i * T + T - 1] : 0.0f));
      }
      // An untrained model is close to uniform: no head has earned a label yet.
      CHECK(h.label.empty());
    }
  }
  CHECK(p.predictions[0] == -1);
  CHECK(t.events().empty());
}

TEST_CASE(
    "trainer: task defaults are 2 layers, attention-only, d_model 64 (sort: with MLP; induction: "
    "an untied output layer)",
    "[train][trainer]") {
  for (Task task : {Task::kInduction, Task::kReverse, Task::kSort, Task::kCopy, Task::kBrackets}) {
    const TrainerConfig c = attn::train::task_defaults(task);
    CHECK(c.task == task);
    CHECK(c.layers == 2);
    CHECK(c.embed_dim == 64);
    CHECK(c.attention_only == (task != Task::kSort));
    CHECK(c.tie_embeddings == (task != Task::kInduction));
    CHECK_NOTHROW(attn::train::validate(c));
  }
}

TEST_CASE("trainer: the same seed trains the same model", "[train][trainer]") {
  Trainer a(small(Task::kSort)), b(small(Task::kSort));
  CHECK(a.train(3).loss == b.train(3).loss);
  CHECK(a.evaluate(10) == b.evaluate(10));
}

TEST_CASE("trainer: bad configurations are rejected by name", "[train][trainer]") {
  TrainerConfig c = small(Task::kCopy);
  c.heads = 3;  // does not divide 16
  CHECK_THROWS_WITH(Trainer(c), Catch::Contains("divide"));
  c = small(Task::kCopy);
  c.layers = 0;
  CHECK_THROWS_WITH(Trainer(c), Catch::Contains("layers"));
  c = small(Task::kCopy);
  c.lr = -1.0f;
  CHECK_THROWS_WITH(Trainer(c), Catch::Contains("lr"));
  Trainer ok(small(Task::kCopy));
  CHECK_THROWS_WITH(ok.train(0), Catch::Contains("steps"));
  CHECK_THROWS_WITH(ok.evaluate(0), Catch::Contains("examples"));
}

TEST_CASE("trainer: induction's probe has a long repeat to watch, for every seed",
          "[train][trainer]") {
  for (std::uint32_t seed : {0u, 1u, 2u, 3u, 7u}) {
    TrainerConfig c = small(Task::kInduction);
    c.seed = seed;
    Trainer t(c);
    const attn::train::Probe p = t.probe();
    const auto scored = std::count(p.scored.begin(), p.scored.end(), 1);
    INFO("seed " << seed << ": " << scored << " scored tokens");
    CHECK(scored >= 8);  // of at most 11 (a 12-symbol repeat from its second token)
  }
}
