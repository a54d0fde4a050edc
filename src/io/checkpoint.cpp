// checkpoint: see checkpoint.h.
#include "io/checkpoint.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "io/safetensors.h"

namespace attn::io {
namespace {

using Kind = SafetensorsError::Kind;
constexpr const char* kFormat = "attention-playground/transformer";

const std::string& meta(const SafetensorsIndex& index, const char* key) {
  const std::string* v = index.meta(key);
  if (!v) throw SafetensorsError(Kind::kMissing, std::string("__metadata__ lacks \"") + key + "\"");
  return *v;
}

int meta_int(const SafetensorsIndex& index, const char* key) {
  const std::string& s = meta(index, key);
  long long x = 0;
  bool ok = !s.empty() && s.size() <= 10;
  for (char c : s) ok = ok && c >= '0' && c <= '9';
  if (ok) x = std::stoll(s);
  if (!ok || x > 2147483647)
    throw SafetensorsError(Kind::kHeaderSchema, std::string("__metadata__ \"") + key +
                                                    "\" must be a non-negative integer, got \"" +
                                                    s + "\"");
  return static_cast<int>(x);
}

bool meta_bool(const SafetensorsIndex& index, const char* key) {
  const std::string& s = meta(index, key);
  if (s != "true" && s != "false")
    throw SafetensorsError(Kind::kHeaderSchema, std::string("__metadata__ \"") + key +
                                                    "\" must be \"true\" or \"false\", got \"" + s +
                                                    "\"");
  return s == "true";
}

nn::TransformerConfig config_from(const SafetensorsIndex& index) {
  if (meta(index, "format") != kFormat || meta(index, "format_version") != "1")
    throw SafetensorsError(Kind::kHeaderSchema,
                           std::string("not a transformer checkpoint of this project (format \"") +
                               kFormat + "\", version 1)");
  nn::TransformerConfig c;
  c.vocab_size = meta_int(index, "vocab_size");
  c.max_positions = meta_int(index, "max_positions");
  c.embed_dim = meta_int(index, "embed_dim");
  c.num_heads = meta_int(index, "num_heads");
  c.num_layers = meta_int(index, "num_layers");
  c.mlp_dim = meta_int(index, "mlp_dim");
  c.type_vocab_size = meta_int(index, "type_vocab_size");
  c.causal = meta_bool(index, "causal");
  c.tie_embeddings = meta_bool(index, "tie_embeddings");
  c.norm = nn::parse_norm(meta(index, "norm"));
  c.activation = nn::parse_activation(meta(index, "activation"));
  c.positions = nn::parse_position_encoding(meta(index, "positions"));
  const std::string& eps = meta(index, "layer_norm_eps");
  char* end = nullptr;
  c.layer_norm_eps = std::strtof(eps.c_str(), &end);
  if (eps.empty() || *end != '\0')
    throw SafetensorsError(Kind::kHeaderSchema,
                           "__metadata__ \"layer_norm_eps\" must be a number, got \"" + eps + "\"");
  c.mlm_head = index.meta("mlm_head") != nullptr && meta_bool(index, "mlm_head");  // optional
  nn::validate(c, nn::kMaxInferenceParameters);
  return c;
}

}  // namespace

std::vector<std::uint8_t> save_transformer(const nn::Transformer& model) {
  const nn::TransformerConfig& c = model.config();
  char eps[32];
  std::snprintf(eps, sizeof eps, "%.9g", static_cast<double>(c.layer_norm_eps));
  const std::vector<std::pair<std::string, std::string>> metadata = {
      {"format", kFormat},
      {"format_version", "1"},
      {"vocab_size", std::to_string(c.vocab_size)},
      {"max_positions", std::to_string(c.max_positions)},
      {"embed_dim", std::to_string(c.embed_dim)},
      {"num_heads", std::to_string(c.num_heads)},
      {"num_layers", std::to_string(c.num_layers)},
      {"mlp_dim", std::to_string(c.mlp_dim)},
      {"type_vocab_size", std::to_string(c.type_vocab_size)},
      {"causal", c.causal ? "true" : "false"},
      {"tie_embeddings", c.tie_embeddings ? "true" : "false"},
      {"norm", nn::norm_name(c.norm)},
      {"activation", nn::activation_name(c.activation)},
      {"positions", nn::position_encoding_name(c.positions)},
      {"layer_norm_eps", eps},
      {"mlm_head", c.mlm_head ? "true" : "false"}};
  std::vector<TensorToWrite> tensors;
  for (const nn::TensorInfo& t : model.tensors())
    tensors.push_back({t.name, std::vector<std::int64_t>(t.shape.begin(), t.shape.end()),
                       model.params() + t.offset});
  return write_safetensors(tensors, metadata);
}

std::unique_ptr<nn::Transformer> load_transformer(const std::uint8_t* file, std::size_t size) {
  const SafetensorsIndex index = read_safetensors_index(file, size);
  const nn::TransformerConfig config = config_from(index);
  // Names and shapes first: a small hostile file must not make us allocate a large model.
  const std::vector<nn::TensorInfo> table = nn::parameter_table(config);
  for (const TensorEntry& e : index.tensors) {
    bool expected = false;
    for (const nn::TensorInfo& t : table) expected = expected || t.name == e.name;
    if (!expected)
      throw SafetensorsError(Kind::kMissing,
                             "unexpected tensor \"" + e.name + "\" for this config");
  }
  for (const nn::TensorInfo& t : table) {
    const TensorEntry* e = index.find(t.name);
    if (!e) throw SafetensorsError(Kind::kMissing, "tensor \"" + t.name + "\" is missing");
    if (e->shape != std::vector<std::int64_t>(t.shape.begin(), t.shape.end()))
      throw SafetensorsError(Kind::kShape,
                             "tensor \"" + t.name + "\" has the wrong shape for this config");
  }
  auto model = std::make_unique<nn::Transformer>(config);
  for (const nn::TensorInfo& t : model->tensors()) {
    const TensorEntry* e = index.find(t.name);
    float* out = model->params() + t.offset;
    tensor_to_float32(*e, file + index.data_offset + e->begin, out);
    for (std::size_t i = 0; i < t.size; ++i)
      if (!std::isfinite(out[i]))
        throw SafetensorsError(
            Kind::kNonFinite,
            "tensor \"" + t.name + "\" holds a NaN or infinity at element " + std::to_string(i));
  }
  return model;
}

}  // namespace attn::io
