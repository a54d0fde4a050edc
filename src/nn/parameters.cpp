// parameters: see parameters.h.
#include "nn/parameters.h"

#include <cmath>
#include <random>
#include <stdexcept>

namespace attn::nn {
namespace {

void add(std::vector<TensorInfo>& table, std::string name, std::vector<int> shape) {
  TensorInfo t;
  t.name = std::move(name);
  t.size = 1;
  for (int d : shape) t.size *= static_cast<std::size_t>(d);
  t.shape = std::move(shape);
  t.offset = table.empty() ? 0 : table.back().offset + table.back().size;
  table.push_back(std::move(t));
}

float* find(const std::vector<TensorInfo>& table, float* base, const std::string& name) {
  for (const TensorInfo& t : table)
    if (t.name == name) return base + t.offset;
  return nullptr;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::vector<TensorInfo> parameter_table(const TransformerConfig& c) {
  const int V = c.vocab_size, C = c.embed_dim, F = c.mlp_dim;
  std::vector<TensorInfo> t;
  add(t, "wte.weight", {V, C});
  if (c.positions == PositionEncoding::kLearned) add(t, "wpe.weight", {c.max_positions, C});
  if (c.type_vocab_size > 0) add(t, "wtt.weight", {c.type_vocab_size, C});
  if (c.norm == NormPlacement::kPost) {
    add(t, "ln_e.weight", {C});
    add(t, "ln_e.bias", {C});
  }
  for (int l = 0; l < c.num_layers; ++l) {
    const std::string p = "h." + std::to_string(l) + ".";
    add(t, p + "ln_1.weight", {C});
    add(t, p + "ln_1.bias", {C});
    add(t, p + "attn.c_attn.weight", {3 * C, C});
    add(t, p + "attn.c_attn.bias", {3 * C});
    add(t, p + "attn.c_proj.weight", {C, C});
    add(t, p + "attn.c_proj.bias", {C});
    if (F == 0) continue;
    add(t, p + "ln_2.weight", {C});
    add(t, p + "ln_2.bias", {C});
    add(t, p + "mlp.c_fc.weight", {F, C});
    add(t, p + "mlp.c_fc.bias", {F});
    add(t, p + "mlp.c_proj.weight", {C, F});
    add(t, p + "mlp.c_proj.bias", {C});
  }
  if (c.norm == NormPlacement::kPre) {
    add(t, "ln_f.weight", {C});
    add(t, "ln_f.bias", {C});
  }
  if (!c.tie_embeddings) add(t, "lm_head.weight", {V, C});
  if (c.mlm_head) {
    add(t, "mlm.dense.weight", {C, C});
    add(t, "mlm.dense.bias", {C});
    add(t, "mlm.ln.weight", {C});
    add(t, "mlm.ln.bias", {C});
    add(t, "mlm.bias", {V});
  }
  return t;
}

std::size_t parameter_count(const std::vector<TensorInfo>& table) {
  return table.empty() ? 0 : table.back().offset + table.back().size;
}

WeightViews weight_views(const TransformerConfig& c, const std::vector<TensorInfo>& table,
                         float* base) {
  WeightViews w{};
  w.wte = find(table, base, "wte.weight");
  w.wpe = find(table, base, "wpe.weight");
  w.wtt = find(table, base, "wtt.weight");
  w.lne_w = find(table, base, "ln_e.weight");
  w.lne_b = find(table, base, "ln_e.bias");
  w.lnf_w = find(table, base, "ln_f.weight");
  w.lnf_b = find(table, base, "ln_f.bias");
  w.lm_head = find(table, base, "lm_head.weight");
  w.mlm_w = find(table, base, "mlm.dense.weight");
  w.mlm_b = find(table, base, "mlm.dense.bias");
  w.mlm_ln_w = find(table, base, "mlm.ln.weight");
  w.mlm_ln_b = find(table, base, "mlm.ln.bias");
  w.mlm_bias = find(table, base, "mlm.bias");
  for (int l = 0; l < c.num_layers; ++l) {
    const std::string p = "h." + std::to_string(l) + ".";
    LayerWeights L{};
    L.ln1_w = find(table, base, p + "ln_1.weight");
    L.ln1_b = find(table, base, p + "ln_1.bias");
    L.qkv_w = find(table, base, p + "attn.c_attn.weight");
    L.qkv_b = find(table, base, p + "attn.c_attn.bias");
    L.proj_w = find(table, base, p + "attn.c_proj.weight");
    L.proj_b = find(table, base, p + "attn.c_proj.bias");
    L.ln2_w = find(table, base, p + "ln_2.weight");
    L.ln2_b = find(table, base, p + "ln_2.bias");
    L.fc_w = find(table, base, p + "mlp.c_fc.weight");
    L.fc_b = find(table, base, p + "mlp.c_fc.bias");
    L.fcproj_w = find(table, base, p + "mlp.c_proj.weight");
    L.fcproj_b = find(table, base, p + "mlp.c_proj.bias");
    w.layers.push_back(L);
  }
  return w;
}

void init_gpt2(const TransformerConfig& c, const std::vector<TensorInfo>& table, float* base,
               std::uint32_t seed) {
  std::mt19937 rng(seed);
  // u in (0, 1]: 24 random bits, never 0, so log(u) is finite.
  auto uniform = [&rng] { return (static_cast<float>(rng() >> 8) + 1.0f) / 16777216.0f; };
  const float residual_sd = 0.02f / std::sqrt(2.0f * static_cast<float>(c.num_layers));
  for (const TensorInfo& t : table) {
    float* x = base + t.offset;
    const bool is_norm =
        t.name.find("ln_") != std::string::npos || t.name.find(".ln.") != std::string::npos;
    if (t.shape.size() < 2) {  // biases 0, LayerNorm weights 1
      const float value = is_norm && ends_with(t.name, ".weight") ? 1.0f : 0.0f;
      for (std::size_t i = 0; i < t.size; ++i) x[i] = value;
      continue;
    }
    const float sd = ends_with(t.name, "c_proj.weight") ? residual_sd : 0.02f;
    for (std::size_t i = 0; i < t.size; i += 2) {  // Box-Muller: two normals per pair
      const float r = std::sqrt(-2.0f * std::log(uniform()));
      const float angle = 6.283185307179586f * uniform();
      x[i] = sd * r * std::cos(angle);
      if (i + 1 < t.size) x[i + 1] = sd * r * std::sin(angle);
    }
  }
}

}  // namespace attn::nn
