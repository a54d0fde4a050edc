// The learned models' training loop and evaluation (src/lm/trainer.h, evaluate.h): a short
// run lowers the loss; N steps straight and N/2 + resume give byte-identical checkpoints; a
// model with all-zero weights (uniform predictions and attention) has perplexity V and every
// head's strongest key at position 0; a run can start from another run's weights (init_from),
// also one with fewer layers, whose extra layers start as the identity.
#include <algorithm>
#include <catch.hpp>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/checkpoint.h"
#include "lm/evaluate.h"
#include "lm/train_state.h"
#include "lm/trainer.h"
#include "lm/vocab.h"

namespace {

std::vector<int> pattern_stream() {
  std::vector<int> s;
  for (int i = 0; i < 600; ++i) s.push_back(i % 9 == 0 ? attn::lm::kBoundary : 3 + (i * 5) % 11);
  return s;
}

attn::lm::TrainOptions tiny(const std::string& out, bool masked) {
  attn::lm::TrainOptions o;
  o.masked = masked, o.out = out, o.batch = 4, o.context = 8, o.embed = 16, o.heads = 2;
  o.layers = 1, o.lr = 1e-2f, o.min_lr = 1e-3f, o.warmup = 5, o.save_every = 7;
  return o;
}

const attn::nn::TensorInfo& tensor(const attn::nn::Transformer& m, const std::string& name) {
  for (const attn::nn::TensorInfo& t : m.tensors())
    if (t.name == name) return t;
  throw std::invalid_argument("no tensor " + name);
}

bool all_zero(const attn::nn::Transformer& m, const std::string& name) {
  const attn::nn::TensorInfo& t = tensor(m, name);
  return std::all_of(m.params() + t.offset, m.params() + t.offset + t.size,
                     [](float x) { return x == 0.0f; });
}

std::unique_ptr<attn::nn::Transformer> load(const std::string& path) {
  const auto bytes = attn::lm::read_file(path);
  return attn::io::load_transformer(bytes.data(), bytes.size());
}

std::string fresh_dir(const std::string& name) {
  std::filesystem::remove_all(name);
  std::filesystem::create_directories(name);
  return name;
}

}  // namespace

TEST_CASE("lm trainer: a short run lowers the loss, causal and masked", "[lm]") {
  for (bool masked : {false, true}) {
    attn::lm::TrainOptions o = tiny(fresh_dir("lm_trainer_test_loss"), masked);
    o.steps = 60;
    const auto r = attn::lm::train_language_model(pattern_stream(), 20, o, nullptr);
    REQUIRE(r.losses.size() == 60);
    double last = 0;
    for (int i = 50; i < 60; ++i) last += r.losses[i] / 10;
    CHECK(last < 0.9 * r.losses[0]);
  }
  std::filesystem::remove_all("lm_trainer_test_loss");
}

TEST_CASE("lm trainer: resuming from the checkpoint equals running straight through", "[lm]") {
  for (bool masked : {false, true}) {
    attn::lm::TrainOptions straight = tiny(fresh_dir("lm_trainer_test_a"), masked);
    straight.steps = 20;
    attn::lm::train_language_model(pattern_stream(), 20, straight, nullptr);
    attn::lm::TrainOptions half = tiny(fresh_dir("lm_trainer_test_b"), masked);
    half.steps = 10, half.total_steps = 20;
    attn::lm::train_language_model(pattern_stream(), 20, half, nullptr);
    half.steps = 20, half.resume = true;
    const auto r = attn::lm::train_language_model(pattern_stream(), 20, half, nullptr);
    CHECK(r.first_step == 10);
    for (const char* file : {"model.safetensors", "optimizer.safetensors", "loss.tsv"})
      CHECK(attn::lm::read_file(std::string("lm_trainer_test_a/") + file) ==
            attn::lm::read_file(std::string("lm_trainer_test_b/") + file));
  }
  std::filesystem::remove_all("lm_trainer_test_a");
  std::filesystem::remove_all("lm_trainer_test_b");
}

TEST_CASE("lm trainer: init_from starts from another run's weights, in this run's direction",
          "[lm]") {
  attn::lm::TrainOptions causal = tiny(fresh_dir("lm_trainer_test_c"), false);
  causal.steps = 60;
  attn::lm::train_language_model(pattern_stream(), 20, causal, nullptr);
  // Zero steps from the causal weights: the masked run's checkpoint holds exactly them.
  attn::lm::TrainOptions copy = tiny(fresh_dir("lm_trainer_test_d"), true);
  copy.steps = 0, copy.init_from = "lm_trainer_test_c/model.safetensors";
  attn::lm::train_language_model(pattern_stream(), 20, copy, nullptr);
  const auto a_file = attn::lm::read_file("lm_trainer_test_c/model.safetensors");
  const auto b_file = attn::lm::read_file("lm_trainer_test_d/model.safetensors");
  const auto a = attn::io::load_transformer(a_file.data(), a_file.size());
  const auto b = attn::io::load_transformer(b_file.data(), b_file.size());
  CHECK(a->config().causal);
  CHECK_FALSE(b->config().causal);
  REQUIRE(a->num_params() == b->num_params());
  CHECK(std::equal(a->params(), a->params() + a->num_params(), b->params()));
  // Other dimensions are refused, naming the file.
  attn::lm::TrainOptions wider = tiny(fresh_dir("lm_trainer_test_e"), true);
  wider.embed = 32, wider.init_from = "lm_trainer_test_c/model.safetensors";
  CHECK_THROWS_WITH(attn::lm::train_language_model(pattern_stream(), 20, wider, nullptr),
                    Catch::Contains("lm_trainer_test_c/model.safetensors has other dimensions"));
  for (const char* dir : {"lm_trainer_test_c", "lm_trainer_test_d", "lm_trainer_test_e"})
    std::filesystem::remove_all(dir);
}

TEST_CASE("lm trainer: init_from grows a checkpoint with fewer layers, starting at its predictions",
          "[lm]") {
  for (bool masked : {false, true}) {
    attn::lm::TrainOptions one = tiny(fresh_dir("lm_trainer_test_g"), masked);
    one.steps = 40;
    attn::lm::train_language_model(pattern_stream(), 20, one, nullptr);
    // Zero steps into 2 layers: layer 0 is the checkpoint's, layer 1 adds nothing.
    attn::lm::TrainOptions grown = tiny(fresh_dir("lm_trainer_test_h"), masked);
    grown.layers = 2, grown.steps = 0, grown.seed = 2;
    grown.init_from = "lm_trainer_test_g/model.safetensors";
    attn::lm::train_language_model(pattern_stream(), 20, grown, nullptr);
    const auto a = load("lm_trainer_test_g/model.safetensors");
    const auto b = load("lm_trainer_test_h/model.safetensors");
    REQUIRE(b->config().num_layers == 2);
    for (const char* name : {"h.1.attn.c_proj.weight", "h.1.attn.c_proj.bias",
                             "h.1.mlp.c_proj.weight", "h.1.mlp.c_proj.bias"})
      CHECK(all_zero(*b, name));
    CHECK_FALSE(all_zero(*b, "h.1.attn.c_attn.weight"));
    CHECK_FALSE(all_zero(*b, "h.1.mlp.c_fc.weight"));
    for (const attn::nn::TensorInfo& t : a->tensors())
      CHECK(std::equal(a->params() + t.offset, a->params() + t.offset + t.size,
                       b->params() + tensor(*b, t.name).offset));
    // Same logits and loss on a batch.
    const std::vector<int> s = pattern_stream();
    const std::vector<int> ids(s.begin() + 1, s.begin() + 9);
    std::vector<int> targets(s.begin() + 2, s.begin() + 10);
    attn::nn::Batch batch;
    batch.ids = ids.data(), batch.T = 8;
    const float* fa = a->forward(batch);
    const std::vector<float> la(fa, fa + 8 * 20);
    const float loss_a = a->loss(targets.data());
    const float* fb = b->forward(batch);
    const std::vector<float> lb(fb, fb + 8 * 20);
    CHECK(la == lb);
    CHECK(b->loss(targets.data()) == loss_a);
    // Training then changes the new layer, its residual projections included.
    attn::lm::TrainOptions trained = grown;
    trained.out = fresh_dir("lm_trainer_test_i"), trained.steps = 10;
    const auto r = attn::lm::train_language_model(pattern_stream(), 20, trained, nullptr);
    const auto c = load("lm_trainer_test_i/model.safetensors");
    CHECK_FALSE(all_zero(*c, "h.1.attn.c_proj.weight"));
    CHECK_FALSE(all_zero(*c, "h.1.mlp.c_proj.weight"));
    const attn::nn::TensorInfo& qkv = tensor(*c, "h.1.attn.c_attn.weight");
    CHECK_FALSE(std::equal(c->params() + qkv.offset, c->params() + qkv.offset + qkv.size,
                           b->params() + qkv.offset));
    CHECK(r.losses.size() == 10);
  }
  // More layers than the run, or another width, are still refused by name.
  attn::lm::TrainOptions fewer = tiny(fresh_dir("lm_trainer_test_j"), true);
  fewer.layers = 1, fewer.init_from = "lm_trainer_test_h/model.safetensors";
  CHECK_THROWS_WITH(attn::lm::train_language_model(pattern_stream(), 20, fewer, nullptr),
                    Catch::Contains("lm_trainer_test_h/model.safetensors has other dimensions"));
  fewer.layers = 3, fewer.embed = 32;
  CHECK_THROWS_WITH(attn::lm::train_language_model(pattern_stream(), 20, fewer, nullptr),
                    Catch::Contains("lm_trainer_test_h/model.safetensors has other dimensions"));
  for (const char* dir :
       {"lm_trainer_test_g", "lm_trainer_test_h", "lm_trainer_test_i", "lm_trainer_test_j"})
    std::filesystem::remove_all(dir);
}

TEST_CASE("lm evaluate: a zero model predicts uniformly and attends to position 0", "[lm]") {
  attn::nn::TransformerConfig c;
  c.vocab_size = 20, c.max_positions = 8, c.embed_dim = 8, c.num_heads = 2, c.num_layers = 2;
  attn::nn::Transformer model(c);  // parameters start at 0: every logit and score equal
  const std::vector<int> s = pattern_stream();
  CHECK(attn::lm::model_perplexity(model, s, 8) == Approx(20.0).epsilon(1e-5));
  const std::vector<std::size_t> positions = attn::lm::masked_positions(s, 8, 7);
  CHECK(positions.size() == s.size() / 8);
  for (std::size_t p : positions) CHECK(s[p] >= attn::lm::kFirstWord);
  std::vector<bool> sink(20, false);
  const auto portraits = attn::lm::head_portraits(model, s, 8, 10, sink);
  REQUIRE(portraits.size() == 4);
  for (const auto& p : portraits) {
    CHECK(p.label == "first word or punctuation");
    CHECK(p.score == Approx(1.0));
  }
}
