// hub_layout: see hub_layout.h. Each family builds a table of the tensors it expects (file
// name -> our parameter, row offset, expected shape, transposed or not); plan() then walks the
// file's tensors against it, so every unknown, missing, duplicated or misshapen tensor is
// reported by name before any data is read.
#include "io/hub_layout.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <map>

#include "nn/parameters.h"

namespace attn::io {
namespace {

using Kind = SafetensorsError::Kind;
using Shape = std::vector<std::int64_t>;

// The WebAssembly heap (32-bit addresses) and what running a model needs besides its weights.
constexpr double kHeapBytes = 4294967296.0;
constexpr double kRunReserveBytes = 300.0 * 1048576.0;  // and below nn::kMaxInferenceParameters

struct Spec {
  std::string target;  // our parameter
  std::uint64_t row_offset = 0;
  Shape shape;  // as in the file
  bool transpose = false;
  bool optional = false;  // a tied copy the file may leave out
};
using Specs = std::map<std::string, Spec>;  // file name -> spec

std::string q(const std::string& name) { return "\"" + name + "\""; }

std::string shape_text(const Shape& s) {
  std::string out = "[";
  for (std::size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "]";
}

const TensorEntry& need(const SafetensorsIndex& index, const std::string& name) {
  const TensorEntry* e = index.find(name);
  if (!e) throw SafetensorsError(Kind::kMissing, "tensor " + q(name) + " is missing");
  return *e;
}

// dimension i of a tensor that must have `rank` dimensions, as an int >= 1.
int dim(const TensorEntry& e, std::size_t rank, std::size_t i) {
  if (e.shape.size() != rank || e.shape[i] < 1 || e.shape[i] > INT_MAX)
    throw SafetensorsError(Kind::kShape, "tensor " + q(e.name) + " has shape " +
                                             shape_text(e.shape) + ", expected " +
                                             std::to_string(rank) + " dimensions >= 1");
  return static_cast<int>(e.shape[i]);
}

// Layers: one more than the largest N in names "<prefix>N.".
int count_layers(const SafetensorsIndex& index, const std::string& prefix) {
  long long layers = 0;
  for (const TensorEntry& e : index.tensors) {
    if (e.name.compare(0, prefix.size(), prefix) != 0) continue;
    long long n = 0;
    std::size_t i = prefix.size();
    for (; i < e.name.size() && e.name[i] >= '0' && e.name[i] <= '9' && n < 100000; ++i)
      n = n * 10 + (e.name[i] - '0');
    if (i > prefix.size() && i < e.name.size() && e.name[i] == '.')
      layers = std::max(layers, n + 1);
  }
  if (layers == 0 || layers > 1024)
    throw SafetensorsError(
        Kind::kMissing, "no layers " + q(prefix + "0.") + " ... (or more than 1024) in the file");
  return static_cast<int>(layers);
}

void add(Specs& s, const std::string& name, std::string target, Shape shape, bool transpose = false,
         std::uint64_t row_offset = 0, bool optional = false) {
  s[name] = Spec{std::move(target), row_offset, std::move(shape), transpose, optional};
}

void add_norm(Specs& s, const std::string& name, const std::string& target, int C) {
  add(s, name + ".weight", target + ".weight", {C});
  add(s, name + ".bias", target + ".bias", {C});
}

int heads_for(int C, const HubOverrides& o) {
  if (o.num_heads > 0) return o.num_heads;
  if (C % 64 != 0)
    throw SafetensorsError(Kind::kShape, "embedding width " + std::to_string(C) +
                                             " is not a multiple of the standard head size 64: "
                                             "give the model's config.json (n_head)");
  return C / 64;
}

Specs gpt2_specs(const SafetensorsIndex& index, nn::TransformerConfig& c, const std::string& p) {
  const TensorEntry& wte = need(index, p + "wte.weight");
  const int V = dim(wte, 2, 0), C = dim(wte, 2, 1);
  const int P = dim(need(index, p + "wpe.weight"), 2, 0);
  const int L = count_layers(index, p + "h.");
  const int F = dim(need(index, p + "h.0.mlp.c_fc.weight"), 2, 1);
  c.vocab_size = V, c.embed_dim = C, c.max_positions = P, c.num_layers = L, c.mlp_dim = F;
  c.causal = true, c.norm = nn::NormPlacement::kPre, c.activation = nn::Activation::kGeluTanh;
  c.layer_norm_eps = 1e-5f;
  Specs s;
  add(s, p + "wte.weight", "wte.weight", {V, C});
  add(s, p + "wpe.weight", "wpe.weight", {P, C});
  for (int l = 0; l < L; ++l) {
    const std::string h = "h." + std::to_string(l) + ".";
    add_norm(s, p + h + "ln_1", h + "ln_1", C);
    add(s, p + h + "attn.c_attn.weight", h + "attn.c_attn.weight", {C, 3 * C}, true);
    add(s, p + h + "attn.c_attn.bias", h + "attn.c_attn.bias", {3 * C});
    add(s, p + h + "attn.c_proj.weight", h + "attn.c_proj.weight", {C, C}, true);
    add(s, p + h + "attn.c_proj.bias", h + "attn.c_proj.bias", {C});
    add_norm(s, p + h + "ln_2", h + "ln_2", C);
    add(s, p + h + "mlp.c_fc.weight", h + "mlp.c_fc.weight", {C, F}, true);
    add(s, p + h + "mlp.c_fc.bias", h + "mlp.c_fc.bias", {F});
    add(s, p + h + "mlp.c_proj.weight", h + "mlp.c_proj.weight", {F, C}, true);
    add(s, p + h + "mlp.c_proj.bias", h + "mlp.c_proj.bias", {C});
  }
  add_norm(s, p + "ln_f", "ln_f", C);
  add(s, "lm_head.weight", "wte.weight", {V, C}, false, 0, true);
  return s;
}

Specs bert_specs(const SafetensorsIndex& index, nn::TransformerConfig& c, const std::string& p) {
  const std::string e = p + "embeddings.";
  const TensorEntry& words = need(index, e + "word_embeddings.weight");
  const int V = dim(words, 2, 0), C = dim(words, 2, 1);
  const int P = dim(need(index, e + "position_embeddings.weight"), 2, 0);
  const int types = dim(need(index, e + "token_type_embeddings.weight"), 2, 0);
  const int L = count_layers(index, p + "encoder.layer.");
  const int F = dim(need(index, p + "encoder.layer.0.intermediate.dense.weight"), 2, 0);
  c.vocab_size = V, c.embed_dim = C, c.max_positions = P, c.num_layers = L, c.mlp_dim = F;
  c.type_vocab_size = types, c.mlm_head = true;
  c.causal = false, c.norm = nn::NormPlacement::kPost, c.activation = nn::Activation::kGelu;
  c.layer_norm_eps = 1e-12f;
  Specs s;
  add(s, e + "word_embeddings.weight", "wte.weight", {V, C});
  add(s, e + "position_embeddings.weight", "wpe.weight", {P, C});
  add(s, e + "token_type_embeddings.weight", "wtt.weight", {types, C});
  add_norm(s, e + "LayerNorm", "ln_e", C);
  for (int l = 0; l < L; ++l) {
    const std::string b = p + "encoder.layer." + std::to_string(l) + ".";
    const std::string h = "h." + std::to_string(l) + ".";
    const char* qkv[] = {"query", "key", "value"};
    for (std::uint64_t i = 0; i < 3; ++i) {
      const std::string src = b + "attention.self." + qkv[i];
      add(s, src + ".weight", h + "attn.c_attn.weight", {C, C}, false, i * C);
      add(s, src + ".bias", h + "attn.c_attn.bias", {C}, false, i * C);
    }
    add(s, b + "attention.output.dense.weight", h + "attn.c_proj.weight", {C, C});
    add(s, b + "attention.output.dense.bias", h + "attn.c_proj.bias", {C});
    add_norm(s, b + "attention.output.LayerNorm", h + "ln_1", C);
    add(s, b + "intermediate.dense.weight", h + "mlp.c_fc.weight", {F, C});
    add(s, b + "intermediate.dense.bias", h + "mlp.c_fc.bias", {F});
    add(s, b + "output.dense.weight", h + "mlp.c_proj.weight", {C, F});
    add(s, b + "output.dense.bias", h + "mlp.c_proj.bias", {C});
    add_norm(s, b + "output.LayerNorm", h + "ln_2", C);
  }
  add(s, "cls.predictions.transform.dense.weight", "mlm.dense.weight", {C, C});
  add(s, "cls.predictions.transform.dense.bias", "mlm.dense.bias", {C});
  add_norm(s, "cls.predictions.transform.LayerNorm", "mlm.ln", C);
  add(s, "cls.predictions.bias", "mlm.bias", {V});
  add(s, "cls.predictions.decoder.weight", "wte.weight", {V, C}, false, 0, true);
  add(s, "cls.predictions.decoder.bias", "mlm.bias", {V}, false, 0, true);
  return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Buffers and heads the model does not use.
bool ignored(HubFamily f, const std::string& name, const std::string& p) {
  if (f == HubFamily::kGpt2)
    return name.compare(0, p.size() + 2, p + "h.") == 0 &&
           (ends_with(name, ".attn.bias") || ends_with(name, ".attn.masked_bias"));
  return ends_with(name, "embeddings.position_ids") || name.compare(0, 7, "pooler.") == 0 ||
         name.compare(0, p.size() + 7, p + "pooler.") == 0 ||
         name.compare(0, 20, "cls.seq_relationship") == 0;
}

// Older BERT files name LayerNorm parameters gamma/beta.
std::string canonical(const std::string& name) {
  if (ends_with(name, "LayerNorm.gamma")) return name.substr(0, name.size() - 5) + "weight";
  if (ends_with(name, "LayerNorm.beta")) return name.substr(0, name.size() - 4) + "bias";
  return name;
}

std::vector<HubTensor> plan(const SafetensorsIndex& index, const Specs& specs, HubFamily f,
                            const std::string& prefix, const nn::TransformerConfig& c) {
  const std::vector<nn::TensorInfo> table = nn::parameter_table(c);
  std::map<std::string, std::string> seen;  // spec name -> file name
  std::vector<HubTensor> out;
  for (const TensorEntry& e : index.tensors) {
    HubTensor t;
    t.name = e.name, t.dtype = e.dtype, t.begin = e.begin, t.end = e.end;
    const auto it = specs.find(canonical(e.name));
    if (it == specs.end()) {
      if (!ignored(f, e.name, prefix))
        throw SafetensorsError(Kind::kMissing, "unexpected tensor " + q(e.name) + " in a " +
                                                   hub_family_name(f) + " checkpoint");
      out.push_back(std::move(t));
      continue;
    }
    const Spec& s = it->second;
    if (!seen.emplace(it->first, e.name).second)
      throw SafetensorsError(Kind::kDuplicate, "tensors " + q(seen[it->first]) + " and " +
                                                   q(e.name) + " are the same parameter");
    if (e.shape != s.shape)
      throw SafetensorsError(Kind::kShape, "tensor " + q(e.name) + " has shape " +
                                               shape_text(e.shape) + ", expected " +
                                               shape_text(s.shape));
    if (e.dtype != Dtype::kF32 && e.dtype != Dtype::kF16 && e.dtype != Dtype::kBF16 &&
        e.dtype != Dtype::kF64)
      throw SafetensorsError(
          Kind::kDtype, "tensor " + q(e.name) + " is not a floating-point tensor (F32, F16, BF16)");
    const auto target = std::find_if(table.begin(), table.end(),
                                     [&](const nn::TensorInfo& i) { return i.name == s.target; });
    t.load = true, t.target = s.target, t.transpose = s.transpose;
    t.rows = static_cast<std::uint64_t>(s.shape[0]);
    t.cols = s.shape.size() > 1 ? static_cast<std::uint64_t>(s.shape[1]) : 1;
    const std::uint64_t target_cols = target->shape.size() > 1 ? target->shape[1] : 1;
    t.dest = target->offset + s.row_offset * target_cols;
    out.push_back(std::move(t));
  }
  for (const auto& [name, s] : specs)
    if (!s.optional && !seen.count(name))
      throw SafetensorsError(Kind::kMissing, "tensor " + q(name) + " is missing");
  std::sort(out.begin(), out.end(),
            [](const HubTensor& a, const HubTensor& b) { return a.begin < b.begin; });
  // Tied copies (lm_head = wte, decoder = word embeddings): the first in the file writes, a
  // later one must hold the same values.
  std::map<std::size_t, std::string> writer;  // dest -> file name
  for (HubTensor& t : out) {
    if (!t.load) continue;
    const auto [at, fresh] = writer.emplace(t.dest, t.name);
    if (!fresh) t.compare = true, t.tied_to = at->second;
  }
  return out;
}

void check_heap(const nn::TransformerConfig& c) {
  const double bytes = 4.0 * static_cast<double>(nn::parameter_total(c));
  if (bytes + kRunReserveBytes > kHeapBytes) {
    char gb[32];
    std::snprintf(gb, sizeof gb, "%.2f", bytes / 1e9);
    throw SafetensorsError(Kind::kTooLarge,
                           "the model has " + std::to_string(nn::parameter_total(c)) +
                               " parameters (" + gb +
                               " GB as float32): more than the 4 GB WebAssembly heap holds "
                               "with room to run it");
  }
}

}  // namespace

const char* hub_family_name(HubFamily f) { return f == HubFamily::kGpt2 ? "gpt2" : "bert"; }

HubLayout hub_layout(const SafetensorsIndex& index, const HubOverrides& overrides) {
  HubLayout layout;
  nn::TransformerConfig& c = layout.config;
  Specs specs;
  std::string prefix;
  if (index.find("transformer.wte.weight") || index.find("wte.weight")) {
    layout.family = HubFamily::kGpt2;
    prefix = index.find("transformer.wte.weight") ? "transformer." : "";
    specs = gpt2_specs(index, c, prefix);
  } else if (index.find("bert.embeddings.word_embeddings.weight") ||
             index.find("embeddings.word_embeddings.weight")) {
    layout.family = HubFamily::kBert;
    prefix = index.find("bert.embeddings.word_embeddings.weight") ? "bert." : "";
    specs = bert_specs(index, c, prefix);
  } else {
    throw SafetensorsError(
        Kind::kMissing,
        "not a GPT-2 or BERT checkpoint: no \"wte.weight\", "
        "\"transformer.wte.weight\" or \"bert.embeddings.word_embeddings.weight\"");
  }
  c.num_heads = heads_for(c.embed_dim, overrides);
  if (overrides.layer_norm_eps > 0.0f) c.layer_norm_eps = overrides.layer_norm_eps;
  check_heap(c);  // before validate: the clearer message for a model too large
  nn::validate(c, nn::kMaxInferenceParameters);
  layout.tensors = plan(index, specs, layout.family, prefix, c);
  return layout;
}

}  // namespace attn::io
