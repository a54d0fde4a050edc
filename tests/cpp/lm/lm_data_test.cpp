// The learned models' data path (src/lm): Brown sentences through the project's tokenizer,
// the vocabulary, token-id files, deterministic batches with BERT's masking proportions, and
// the F16 rounding of the shipped weights.
#include <catch.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "io/checkpoint.h"
#include "lm/batches.h"
#include "lm/brown.h"
#include "lm/train_state.h"
#include "lm/vocab.h"

TEST_CASE("lm: Brown lines become the tokenizer's lookup forms, tags stripped", "[lm]") {
  const auto s = attn::lm::brown_sentences(
      "\n\n\tThe/at jury/nn said/vbd ``/`` Atlanta's/np$ 1/2/cd ''/'' ./.\n\n\n\tNo/at ./.\n");
  REQUIRE(s.size() == 2);
  // "1/2/cd" is the word 1/2 (the last slash starts the tag); the tokenizer splits it as it
  // splits typed text.
  CHECK(s[0] == std::vector<std::string>{"the", "jury", "said", "\"", "atlanta", "'s", "1", "/",
                                         "2", "\"", "."});
  CHECK(s[1] == std::vector<std::string>{"no", "."});
  CHECK(attn::lm::brown_heldout(9));
  CHECK_FALSE(attn::lm::brown_heldout(10));
}

TEST_CASE("lm: the vocabulary keeps the specials first and the most frequent words", "[lm]") {
  const attn::lm::Vocab v =
      attn::lm::most_frequent({{"b", 5}, {"a", 5}, {"c", 9}, {"d", 1}, {"[MASK]", 99}}, 6);
  CHECK(v.words() == std::vector<std::string>{"<unk>", "[MASK]", "</s>", "c", "a", "b"});
  CHECK(v.id("d") == attn::lm::kUnk);
  CHECK(v.id("a") == 4);
  CHECK_THROWS_AS(attn::lm::Vocab({"<unk>", "[MASK]", "</s>", "x", "x"}), std::invalid_argument);
  const std::string path = "lm_data_test.ids";
  attn::lm::write_ids(path, {0, 1, 65535, 300});
  CHECK(attn::lm::read_ids(path) == std::vector<int>{0, 1, 65535, 300});
  std::remove(path.c_str());
  CHECK_THROWS_AS(attn::lm::read_ids("no such file.ids"), std::runtime_error);
}

TEST_CASE("lm: batches depend only on (seed, step); masking is 15% with 80/10/10", "[lm]") {
  std::vector<int> stream(5000);
  for (std::size_t i = 0; i < stream.size(); ++i) stream[i] = 3 + static_cast<int>(i * 31 % 97);
  attn::lm::BatchSpec spec;
  spec.B = 64, spec.T = 64, spec.masked = true, spec.vocab_size = 100, spec.seed = 3;
  std::vector<int> ids, targets, ids2, targets2;
  attn::lm::make_batch(stream, spec, 7, ids, targets);
  attn::lm::make_batch(stream, spec, 8, ids2, targets2);
  CHECK(ids != ids2);
  attn::lm::make_batch(stream, spec, 7, ids2, targets2);
  CHECK(ids == ids2);
  CHECK(targets == targets2);
  double chosen = 0, masked = 0, kept = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (targets[i] < 0) continue;
    ++chosen;
    masked += ids[i] == attn::lm::kMask;
    kept += ids[i] == targets[i];
  }
  CHECK(chosen / ids.size() == Approx(0.15).margin(0.03));  // 4096 positions: sd 0.006
  CHECK(masked / chosen == Approx(0.8).margin(0.06));
  CHECK(kept / chosen == Approx(0.1).margin(0.05));  // (+ 1% random picks of the same word)
  spec.masked = false, spec.B = 2, spec.T = 5;
  attn::lm::make_batch(stream, spec, 0, ids, targets);
  for (int t = 0; t < 4; ++t) CHECK(targets[t] == ids[t + 1]);
  CHECK_THROWS_AS(attn::lm::make_batch({1, 2, 3}, spec, 0, ids, targets), std::invalid_argument);
}

TEST_CASE("lm: float to half rounds to nearest even; to_f16 files load as those values", "[lm]") {
  CHECK(attn::lm::float_to_half(1.0f) == 0x3c00);
  CHECK(attn::lm::float_to_half(-2.0f) == 0xc000);
  CHECK(attn::lm::float_to_half(0.1f) == 0x2e66);
  CHECK(attn::lm::float_to_half(65504.0f) == 0x7bff);
  CHECK(attn::lm::float_to_half(65520.0f) == 0x7c00);
  CHECK(attn::lm::float_to_half(1.0f + 0x1p-11f) == 0x3c00);      // tie -> even
  CHECK(attn::lm::float_to_half(1.0f + 3 * 0x1p-11f) == 0x3c02);  // tie -> even (up)
  CHECK(attn::lm::float_to_half(0x1p-24f) == 0x0001);             // smallest subnormal
  CHECK(attn::lm::float_to_half(0x1.8p-24f) == 0x0002);           // subnormal tie -> even
  CHECK(attn::lm::float_to_half(1e-8f) == 0x0000);
  attn::nn::TransformerConfig c;
  c.vocab_size = 64, c.max_positions = 4, c.embed_dim = 32, c.num_heads = 2, c.num_layers = 1;
  attn::nn::Transformer model(c);
  model.init_gpt2(5);
  const std::vector<std::uint8_t> f32 = attn::io::save_transformer(model);
  const std::vector<std::uint8_t> f16 = attn::lm::to_f16(f32);
  CHECK(f16.size() < f32.size() * 6 / 10);
  CHECK(attn::lm::to_f16(f16) == f16);  // the shipped file measured again (eval_lm) is unchanged
  const auto back = attn::io::load_transformer(f16.data(), f16.size());
  REQUIRE(back->num_params() == model.num_params());
  for (std::size_t i = 0; i < model.num_params(); ++i) {
    const float x = model.params()[i], y = back->params()[i];
    CHECK(std::abs(x - y) <= std::abs(x) * 0x1p-11f + 0x1p-25f);
  }
}
