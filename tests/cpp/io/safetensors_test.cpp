// safetensors (src/io): round trips, F16/BF16/F64 conversion, and one test per validation
// rule, each asserting the error kind and that the message names the problem. Also the JSON
// parser's strictness, and the checkpoint format: save -> load gives the same model, the
// committed golden checkpoint (written by the PyTorch generator) loads and runs.
#include "io/safetensors.h"

#include <catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "golden_fixture.h"
#include "io/checkpoint.h"
#include "io/json.h"

namespace {

using attn::io::SafetensorsError;
using Kind = SafetensorsError::Kind;

// A file from a header text and data bytes.
std::vector<std::uint8_t> file_of(const std::string& header, std::size_t data_bytes,
                                  std::uint64_t claimed_length = UINT64_MAX) {
  const std::uint64_t n = claimed_length == UINT64_MAX ? header.size() : claimed_length;
  std::vector<std::uint8_t> f(8 + header.size() + data_bytes, 0);
  for (int i = 0; i < 8; ++i) f[i] = static_cast<std::uint8_t>(n >> (8 * i));
  std::memcpy(f.data() + 8, header.data(), header.size());
  return f;
}

Kind kind_of(const std::vector<std::uint8_t>& f, std::string* message = nullptr) {
  try {
    attn::io::read_safetensors_index(f.data(), f.size());
  } catch (const SafetensorsError& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  FAIL("no error");
  return Kind::kTruncated;
}

}  // namespace

TEST_CASE("io::safetensors: write then read gives back names, shapes, values and metadata",
          "[io]") {
  const std::vector<float> a = {1.5f, -2.0f, 3.25f, 0.0f, 5.0f, 6.0f}, b = {7.0f};
  const auto file = attn::io::write_safetensors(
      {{"a.weight", {2, 3}, a.data()}, {"b \"quoted\"", {1}, b.data()}, {"empty", {0, 4}, nullptr}},
      {{"format", "test"}, {"note", "line\nbreak"}});
  CHECK((file[0] | (file[1] << 8)) % 8 == 0);  // header padded to 8 bytes
  const auto index = attn::io::read_safetensors_index(file.data(), file.size());
  REQUIRE(index.tensors.size() == 3);
  CHECK(*index.meta("note") == "line\nbreak");
  const auto* t = index.find("a.weight");
  REQUIRE(t);
  CHECK(t->shape == std::vector<std::int64_t>{2, 3});
  std::vector<float> out(6);
  attn::io::tensor_to_float32(*t, file.data() + index.data_offset + t->begin, out.data());
  CHECK(out == a);
  REQUIRE(index.find("b \"quoted\""));
  CHECK(index.find("empty")->elements() == 0);
}

TEST_CASE("io::safetensors: F16, BF16 and F64 convert exactly to float32", "[io]") {
  // F16: 1.0 (0x3C00), -2.0 (0xC000), 65504 (0x7BFF), smallest subnormal 2^-24 (0x0001), inf
  const std::uint8_t f16[] = {0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x01, 0x00, 0x00, 0x7C};
  attn::io::TensorEntry e{"h", attn::io::Dtype::kF16, {5}, 0, 10};
  float out[5];
  attn::io::tensor_to_float32(e, f16, out);
  CHECK(out[0] == 1.0f);
  CHECK(out[1] == -2.0f);
  CHECK(out[2] == 65504.0f);
  CHECK(out[3] == std::ldexp(1.0f, -24));
  CHECK(std::isinf(out[4]));
  const std::uint8_t bf16[] = {0x80, 0x3F, 0x49, 0x40};  // 1.0, 3.140625
  e = {"b", attn::io::Dtype::kBF16, {2}, 0, 4};
  attn::io::tensor_to_float32(e, bf16, out);
  CHECK(out[0] == 1.0f);
  CHECK(out[1] == 3.140625f);
  const double d = 0.1;
  e = {"d", attn::io::Dtype::kF64, {1}, 0, 8};
  attn::io::tensor_to_float32(e, reinterpret_cast<const std::uint8_t*>(&d), out);
  CHECK(out[0] == 0.1f);
  e = {"i", attn::io::Dtype::kI64, {1}, 0, 8};
  CHECK_THROWS_AS(attn::io::tensor_to_float32(e, reinterpret_cast<const std::uint8_t*>(&d), out),
                  SafetensorsError);
}

TEST_CASE("io::safetensors: every malformed file throws its kind of error", "[io]") {
  std::string message;
  const std::string ok = R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
  CHECK_NOTHROW(attn::io::read_safetensors_index(file_of(ok, 8).data(), 16 + ok.size()));
  CHECK(kind_of(std::vector<std::uint8_t>(5, 0)) == Kind::kTruncated);
  CHECK(kind_of(file_of(ok, 8, ok.size() + 9), &message) == Kind::kTruncated);
  CHECK_THAT(message, Catch::Contains("runs past the end"));
  CHECK(kind_of(file_of(ok, 8, UINT64_MAX - 1)) == Kind::kTruncated);
  CHECK(kind_of(file_of(R"({"x":{"dtype":"F32",)", 0)) == Kind::kHeaderJson);
  CHECK(kind_of(file_of("[1,2]", 0)) == Kind::kHeaderJson);
  CHECK(kind_of(file_of(R"({"x":{"dtype":"F32","shape":[2]}})", 8), &message) ==
        Kind::kHeaderSchema);
  CHECK_THAT(message, Catch::Contains("data_offsets"));
  CHECK(kind_of(file_of(R"({"x":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}})", 8), &message) ==
        Kind::kDtype);
  CHECK_THAT(message, Catch::Contains("Q4"));
  CHECK(kind_of(file_of(R"({"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8),
                &message) == Kind::kShape);
  CHECK(kind_of(file_of(R"({"x":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8)) ==
        Kind::kShape);
  CHECK(kind_of(file_of(
            R"({"x":{"dtype":"F32","shape":[4294967296,4294967296,4],"data_offsets":[0,8]}})",
            8)) == Kind::kShape);
  CHECK(kind_of(file_of(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", 8),
                &message) == Kind::kOffsets);
  CHECK(kind_of(file_of(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})", 8),
                &message) == Kind::kOffsets);
  CHECK_THAT(message, Catch::Contains("past the data"));
  CHECK(
      kind_of(
          file_of(
              R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"y":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
              8),
          &message) == Kind::kOffsets);
  CHECK_THAT(message, Catch::Contains("overlaps"));
  CHECK(kind_of(file_of(R"({"x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", 8),
                &message) == Kind::kOffsets);
  CHECK_THAT(message, Catch::Contains("gap"));
  CHECK(kind_of(file_of(ok, 12), &message) == Kind::kOffsets);
  CHECK_THAT(message, Catch::Contains("belong to no tensor"));
  CHECK(
      kind_of(
          file_of(
              R"({"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
              8),
          &message) == Kind::kDuplicate);
  CHECK_THAT(message, Catch::Contains("\"x\""));
  CHECK(kind_of(file_of(R"({"__metadata__":{"a":1}})", 0)) == Kind::kHeaderSchema);
  CHECK(kind_of(file_of(
            R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,99999999999999999999]}})", 8)) ==
        Kind::kOffsets);
}

TEST_CASE("io::json: strict parsing with positions in the messages", "[io]") {
  using attn::io::parse_json;
  const auto v = parse_json(R"( {"a": [1, -2.5e3, true, null, "x\u00e9\ud83d\ude00"], "b": {}} )");
  CHECK(v.find("a")->items[1].number == -2500.0);
  CHECK(v.find("a")->items[4].text == "x\xc3\xa9\xf0\x9f\x98\x80");
  CHECK_THROWS_AS(parse_json("{\"a\":1,}"), attn::io::JsonError);
  CHECK_THROWS_AS(parse_json("[01]"), attn::io::JsonError);
  CHECK_THROWS_AS(parse_json("\"\\ud800\""), attn::io::JsonError);
  CHECK_THROWS_AS(parse_json("{} x"), attn::io::JsonError);
  CHECK_THROWS_AS(parse_json(std::string(100, '[') + std::string(100, ']')), attn::io::JsonError);
  CHECK_THROWS_AS(parse_json("{\"a\":1,\"a\":2}"), attn::io::JsonDuplicateKey);
  CHECK(attn::io::json_uint64(parse_json("18446744073709551615"), "n") == UINT64_MAX);
  CHECK_THROWS_AS(attn::io::json_uint64(parse_json("18446744073709551616"), "n"),
                  attn::io::JsonError);
}

TEST_CASE("io::checkpoint: save -> load gives the same model and logits", "[io]") {
  attn::nn::TransformerConfig c;
  c.vocab_size = 17, c.max_positions = 6, c.embed_dim = 8, c.num_heads = 2, c.num_layers = 2;
  c.mlp_dim = 0, c.type_vocab_size = 2, c.causal = false, c.norm = attn::nn::NormPlacement::kPost;
  c.activation = attn::nn::Activation::kGelu, c.tie_embeddings = false, c.layer_norm_eps = 1e-12f;
  c.positions = attn::nn::PositionEncoding::kSinusoidal;
  attn::nn::Transformer model(c);
  model.init_gpt2(5);
  const auto file = attn::io::save_transformer(model);
  const auto loaded = attn::io::load_transformer(file.data(), file.size());
  const attn::nn::TransformerConfig& l = loaded->config();
  CHECK((l.vocab_size == 17 && l.type_vocab_size == 2 && !l.causal && !l.tie_embeddings));
  CHECK((l.norm == c.norm && l.activation == c.activation && l.positions == c.positions));
  CHECK(l.layer_norm_eps == 1e-12f);
  REQUIRE(loaded->num_params() == model.num_params());
  CHECK(std::equal(model.params(), model.params() + model.num_params(), loaded->params()));
  // a NaN written into the file is refused, naming the tensor
  std::vector<std::uint8_t> bad = file;
  const auto index = attn::io::read_safetensors_index(bad.data(), bad.size());
  const auto* t = index.find("h.1.attn.c_proj.weight");
  const float nan = std::nanf("");
  std::memcpy(bad.data() + index.data_offset + t->begin + 4, &nan, 4);
  try {
    attn::io::load_transformer(bad.data(), bad.size());
    FAIL("loaded a NaN");
  } catch (const SafetensorsError& e) {
    CHECK(e.kind() == Kind::kNonFinite);
    CHECK_THAT(std::string(e.what()), Catch::Contains("h.1.attn.c_proj.weight"));
  }
  const std::vector<float> one = {1.0f};
  const auto foreign = attn::io::write_safetensors({{"x", {1}, one.data()}}, {});
  CHECK_THROWS_WITH(attn::io::load_transformer(foreign.data(), foreign.size()),
                    Catch::Contains("format"));
}

TEST_CASE("io::checkpoint: the golden PyTorch-written checkpoint loads and gives PyTorch's logits",
          "[io][golden]") {
  const auto bytes = attn::test::read_golden_bytes("nn/nn_gpt2.safetensors");
  const auto model = attn::io::load_transformer(bytes.data(), bytes.size());
  const attn::io::JsonValue fx = attn::test::read_golden("nn/nn_gpt2.json");
  const std::vector<int> ids = attn::test::ints(fx, "ids");
  attn::nn::Batch b;
  b.ids = ids.data(), b.B = 2, b.T = 7;
  const double rel =
      attn::test::relative_error(model->forward(b), attn::test::doubles(fx, "logits"));
  attn::test::report("nn_gpt2.safetensors logits", rel);
  CHECK(rel <= 1e-5);
}
