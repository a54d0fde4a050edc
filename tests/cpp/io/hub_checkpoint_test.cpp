// hub_checkpoint tests: the tiny hub-layout checkpoints of tests/golden/checkpoints
// (generate_checkpoints.py) load and give the float64 PyTorch logits (normwise relative 1e-4)
// and attention (1e-5); sliced feeding gives the same model as one feed; every kind of bad
// file throws its typed error naming the tensor.
#include "io/hub_checkpoint.h"

#include <catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "golden_fixture.h"

namespace {

using attn::io::HubFamily;
using attn::io::HubLoader;
using attn::io::HubOverrides;
using attn::io::SafetensorsError;
using Kind = SafetensorsError::Kind;

const HubOverrides kHeads{2, 0.0f};  // the tiny models' config.json: n_head 2

std::vector<std::uint8_t> checkpoint(const std::string& name) {
  return attn::test::read_golden_bytes("checkpoints/" + name + ".safetensors");
}

std::string header_of(const std::vector<std::uint8_t>& f) {
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | f[i];
  return std::string(reinterpret_cast<const char*>(f.data()) + 8, n);
}

// f with its header text replaced (same data section).
std::vector<std::uint8_t> with_header(const std::vector<std::uint8_t>& f, std::string header) {
  const std::size_t data = 8 + header_of(f).size();
  std::vector<std::uint8_t> out(8);
  for (int i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(header.size() >> (8 * i));
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), f.begin() + static_cast<std::ptrdiff_t>(data), f.end());
  return out;
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const std::size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

Kind load_error(const std::vector<std::uint8_t>& f, std::string* message) {
  try {
    attn::io::load_hub_checkpoint(f.data(), f.size(), kHeads);
  } catch (const SafetensorsError& e) {
    *message = e.what();
    return e.kind();
  }
  FAIL("no error");
  return Kind::kTruncated;
}

}  // namespace

TEST_CASE("io::hub_checkpoint: tiny GPT-2 and BERT hub checkpoints give PyTorch's numbers",
          "[io]") {
  const attn::io::JsonValue refs =
      attn::test::member(attn::test::read_golden("checkpoints/references.json"), "checkpoints");
  for (std::size_t i = 0; i < refs.keys.size(); ++i) {
    const std::string& name = refs.keys[i];
    const attn::io::JsonValue& ref = refs.items[i];
    const std::vector<std::uint8_t> file = checkpoint(name);
    HubFamily family{};
    auto model = attn::io::load_hub_checkpoint(file.data(), file.size(), kHeads, &family);
    CHECK(family == (name.rfind("gpt2", 0) == 0 ? HubFamily::kGpt2 : HubFamily::kBert));
    const std::vector<int> ids = attn::test::ints(ref, "ids");
    std::vector<int> types;
    attn::nn::Batch batch;
    batch.ids = ids.data();
    batch.T = static_cast<int>(ids.size());
    if (ref.find("types")) {
      types = attn::test::ints(ref, "types");
      batch.types = types.data();
    }
    const float* logits = model->forward(batch);
    const double rel = attn::test::relative_error(logits, attn::test::doubles(ref, "logits"));
    attn::test::report(name + " logits", rel);
    CHECK(rel < 1e-4);
    const attn::io::JsonValue& att = attn::test::member(ref, "attention");
    for (std::size_t l = 0; l < att.items.size(); ++l) {
      std::vector<double> expected;
      for (const auto& x : att.items[l].items) expected.push_back(x.number);
      const double err = attn::test::relative_error(model->attention(static_cast<int>(l)),
                                                    expected.data(), expected.size());
      attn::test::report(name + " attention " + std::to_string(l), err);
      CHECK(err < 1e-5);
    }
  }
}

TEST_CASE("io::hub_checkpoint: feeding in odd slices gives the same parameters as one feed",
          "[io]") {
  for (const char* name : {"gpt2_f32", "gpt2_prefix_f16", "bert_nodecoder"}) {
    const std::vector<std::uint8_t> file = checkpoint(name);
    auto whole = attn::io::load_hub_checkpoint(file.data(), file.size(), kHeads);
    const std::string header = header_of(file);
    const std::uint8_t* data = file.data() + 8 + header.size();
    HubLoader loader(header, file.size() - 8 - header.size(), kHeads);
    loader.allocate();
    for (std::size_t i = 0; i < loader.tensors().size(); ++i) {
      const attn::io::HubTensor& t = loader.tensors()[i];
      if (!t.load) continue;
      const std::size_t step = 7 * t.element_size();  // slices of 7 elements
      for (std::uint64_t at = 0; at < t.end - t.begin; at += step)
        loader.feed(i, at, data + t.begin + at,
                    static_cast<std::size_t>(std::min<std::uint64_t>(step, t.end - t.begin - at)));
    }
    auto sliced = loader.finish();
    REQUIRE(sliced->num_params() == whole->num_params());
    CHECK(std::memcmp(sliced->params(), whole->params(), 4 * whole->num_params()) == 0);
  }
}

TEST_CASE("io::hub_checkpoint: each corrupt or hostile file throws its typed error naming it",
          "[io]") {
  const std::vector<std::uint8_t> gpt2 = checkpoint("gpt2_f32");
  const std::string header = header_of(gpt2);
  std::string m;
  // header length past the end
  std::vector<std::uint8_t> f(gpt2.begin(), gpt2.begin() + 100);
  CHECK(load_error(f, &m) == Kind::kTruncated);
  CHECK(m.find("past the end") != std::string::npos);
  // unknown dtype
  CHECK(load_error(with_header(gpt2, replaced(header, "\"dtype\":\"F32\"", "\"dtype\":\"F33\"")),
                   &m) == Kind::kDtype);
  CHECK(m.find("F33") != std::string::npos);
  // a shape that disagrees with the others (ln_f.bias as [2, 8]: same bytes, wrong shape)
  CHECK(load_error(
            with_header(gpt2, replaced(header, "\"ln_f.bias\":{\"dtype\":\"F32\",\"shape\":[16]",
                                       "\"ln_f.bias\":{\"dtype\":\"F32\",\"shape\":[2,8]")),
            &m) == Kind::kShape);
  CHECK(m.find("ln_f.bias") != std::string::npos);
  // overlapping and out-of-range offsets: wte.weight claims [0, 3904) of 16 x 61 floats = 3904
  CHECK(load_error(with_header(gpt2, replaced(header, "\"data_offsets\":[0,3904]",
                                              "\"data_offsets\":[4,3908]")),
                   &m) == Kind::kOffsets);
  // NaN weights, named
  std::vector<std::uint8_t> nan = gpt2;
  const float bad = std::numeric_limits<float>::quiet_NaN();
  std::memcpy(nan.data() + 8 + header.size() + 4 * 5, &bad, 4);
  CHECK(load_error(nan, &m) == Kind::kNonFinite);
  CHECK(m.find("wte.weight") != std::string::npos);
  CHECK(m.find("element 5") != std::string::npos);
  // a missing tensor and an unexpected one
  CHECK(load_error(with_header(gpt2, replaced(header, "\"h.1.ln_2.bias\"", "\"h.1.ln_2.bias_x\"")),
                   &m) == Kind::kMissing);
  CHECK(m.find("h.1.ln_2.bias") != std::string::npos);
  // an lm_head that is not wte (F16 file: flip one value of lm_head, stored first)
  std::vector<std::uint8_t> f16 = checkpoint("gpt2_prefix_f16");
  f16[8 + header_of(f16).size()] ^= 0x01;
  CHECK(load_error(f16, &m) == Kind::kMissing);
  CHECK(m.find("lm_head.weight") != std::string::npos);
  // BERT with both LayerNorm.weight and .gamma for one parameter
  const std::vector<std::uint8_t> bert = checkpoint("bert_gamma");
  CHECK(load_error(with_header(bert, replaced(header_of(bert), "\"bert.embeddings.LayerNorm.beta\"",
                                              "\"bert.embeddings.LayerNorm.gamma\"")),
                   &m) == Kind::kDuplicate);
}

TEST_CASE("io::hub_checkpoint: a model too large for the wasm heap is refused from its header",
          "[io]") {
  // Header only (no data is read): wte (50257, 25600) alone is 1.29e9 floats, more than 4 GB.
  const std::uint64_t V = 50257, C = 25600;
  std::uint64_t at = 0;
  std::string header = "{";
  for (const auto& [name, rows, cols] :
       {std::tuple<const char*, std::uint64_t, std::uint64_t>{"wte.weight", V, C},
        {"wpe.weight", 1024, C},
        {"h.0.mlp.c_fc.weight", C, 4 * C}}) {
    header += std::string(at ? "," : "") + "\"" + name + "\":{\"dtype\":\"F16\",\"shape\":[" +
              std::to_string(rows) + "," + std::to_string(cols) + "],\"data_offsets\":[" +
              std::to_string(at) + "," + std::to_string(at + 2 * rows * cols) + "]}";
    at += 2 * rows * cols;
  }
  header += "}";
  try {
    HubLoader loader(header, at, {});
    FAIL("no error");
  } catch (const SafetensorsError& e) {
    CHECK(e.kind() == Kind::kTooLarge);
    CHECK(std::string(e.what()).find("4 GB") != std::string::npos);
  }
}

TEST_CASE("io::hub_checkpoint: without config.json the head size is 64", "[io]") {
  const std::vector<std::uint8_t> gpt2 = checkpoint("gpt2_f32");
  try {
    attn::io::load_hub_checkpoint(gpt2.data(), gpt2.size(), {});
    FAIL("no error");
  } catch (const SafetensorsError& e) {
    CHECK(std::string(e.what()).find("config.json") != std::string::npos);
  }
}

TEST_CASE("io::hub_checkpoint: BERT's MLM head trains: its gradients match finite differences",
          "[io]") {
  const std::vector<std::uint8_t> file = checkpoint("bert_decoder");
  auto model = attn::io::load_hub_checkpoint(file.data(), file.size(), kHeads);
  const std::vector<int> ids = {2, 5, 6, 7, 4, 9, 3}, targets = {-1, 5, -1, 7, 10, -1, -1};
  attn::nn::Batch batch;
  batch.ids = ids.data();
  batch.T = static_cast<int>(ids.size());
  auto loss = [&] {
    model->forward(batch);
    return static_cast<double>(model->loss(targets.data()));
  };
  model->zero_grad();
  loss();
  model->backward();
  for (const char* name :
       {"mlm.dense.weight", "mlm.ln.weight", "mlm.bias", "wte.weight", "h.1.mlp.c_proj.bias"}) {
    const attn::nn::TensorInfo* t = nullptr;
    for (const auto& info : model->tensors())
      if (info.name == name) t = &info;
    REQUIRE(t);
    for (std::size_t k : {std::size_t{0}, t->size / 3, t->size - 1}) {
      float& w = model->params()[t->offset + k];
      const float saved = w, h = 1e-2f;
      w = saved + h;
      const double up = loss();
      w = saved - h;
      const double down = loss();
      w = saved;
      const double numeric = (up - down) / (2 * h);
      const double analytic = model->grads()[t->offset + k];
      INFO(name << "[" << k << "]: analytic " << analytic << ", numeric " << numeric);
      CHECK(std::fabs(analytic - numeric) <= 2e-3 + 2e-2 * std::fabs(numeric));
    }
  }
}
