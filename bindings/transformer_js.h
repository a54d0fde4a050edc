// transformer_js: a Transformer's config and one forward pass as JS values, shared by the
// bindings that hand out a model (transformer_bindings.cpp, trainer_bindings.cpp).
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "convert.h"
#include "io/checkpoint.h"
#include "nn/transformer.h"

namespace attn::wasm {

inline emscripten::val config_js(const nn::TransformerConfig& c, std::size_t parameters) {
  emscripten::val o = emscripten::val::object();
  o.set("vocabSize", c.vocab_size);
  o.set("maxPositions", c.max_positions);
  o.set("embedDim", c.embed_dim);
  o.set("numHeads", c.num_heads);
  o.set("numLayers", c.num_layers);
  o.set("mlpDim", c.mlp_dim);
  o.set("typeVocabSize", c.type_vocab_size);
  o.set("causal", c.causal);
  o.set("norm", std::string(nn::norm_name(c.norm)));
  o.set("activation", std::string(nn::activation_name(c.activation)));
  o.set("positions", std::string(nn::position_encoding_name(c.positions)));
  o.set("tieEmbeddings", c.tie_embeddings);
  o.set("layerNormEps", c.layer_norm_eps);
  o.set("mlmHead", c.mlm_head);
  o.set("parameters", static_cast<double>(parameters));
  return o;
}

// batch (1, T) -> {logits (T·V), attention: [(H·T·T) per layer]}
inline emscripten::val run_js(nn::Transformer& model, const nn::Batch& batch) {
  using emscripten::val;
  const float* logits = model.forward(batch);
  const nn::TransformerConfig& c = model.config();
  val out = val::object();
  out.set("logits", to_float32_array(logits, static_cast<std::size_t>(batch.T) * c.vocab_size));
  val attention = val::array();
  const std::size_t per_layer = static_cast<std::size_t>(c.num_heads) * batch.T * batch.T;
  for (int l = 0; l < c.num_layers; ++l)
    attention.call<void>("push", to_float32_array(model.attention(l), per_layer));
  out.set("attention", attention);
  return out;
}

// -> Uint8Array: the model as a safetensors checkpoint (io/checkpoint.h)
inline emscripten::val save_js(const nn::Transformer& model) {
  const std::vector<std::uint8_t> bytes = io::save_transformer(model);
  return to_typed_array(bytes.data(), bytes.size());
}

}  // namespace attn::wasm
