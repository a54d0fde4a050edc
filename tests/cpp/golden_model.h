// golden_model: a Transformer with the parameters of a whole-model golden fixture
// (tests/golden/nn/nn_*.json), for the model, optimizer and checkpoint tests.
#pragma once

#include <algorithm>
#include <catch.hpp>
#include <memory>

#include "golden_fixture.h"
#include "nn/transformer.h"

namespace attn::test {

inline attn::nn::TransformerConfig config_of(const attn::io::JsonValue& fx) {
  const attn::io::JsonValue& c = member(fx, "config");
  attn::nn::TransformerConfig cfg;
  cfg.vocab_size = attn::test::integer(c, "vocab_size");
  cfg.max_positions = attn::test::integer(c, "max_positions");
  cfg.embed_dim = attn::test::integer(c, "embed_dim");
  cfg.num_heads = attn::test::integer(c, "num_heads");
  cfg.num_layers = attn::test::integer(c, "num_layers");
  cfg.mlp_dim = attn::test::integer(c, "mlp_dim");
  cfg.type_vocab_size = attn::test::integer(c, "type_vocab_size");
  cfg.causal = member(c, "causal").boolean;
  cfg.norm = attn::nn::parse_norm(member(c, "norm").text);
  cfg.activation = attn::nn::parse_activation(member(c, "activation").text);
  cfg.tie_embeddings = member(c, "tie_embeddings").boolean;
  cfg.layer_norm_eps = static_cast<float>(member(c, "layer_norm_eps").number);
  return cfg;
}

// The fixture's model with its parameters.
inline std::unique_ptr<attn::nn::Transformer> golden_model(const attn::io::JsonValue& fx) {
  auto model = std::make_unique<attn::nn::Transformer>(config_of(fx));
  const attn::io::JsonValue& params = member(fx, "params");
  REQUIRE(params.keys.size() == model->tensors().size());
  for (const attn::nn::TensorInfo& t : model->tensors()) {
    const std::vector<float> values = attn::test::floats(params, t.name);
    REQUIRE(values.size() == t.size);
    std::copy(values.begin(), values.end(), model->params() + t.offset);
  }
  return model;
}

}  // namespace attn::test
