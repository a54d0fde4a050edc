// transformer_config: see transformer_config.h.
#include "nn/transformer_config.h"

#include <cmath>
#include <stdexcept>

namespace attn::nn {
namespace {

void require(bool ok, const std::string& message) {
  if (!ok) throw std::invalid_argument("transformer config: " + message);
}

void require_range(const char* name, int value, int lo, int hi) {
  require(value >= lo && value <= hi, std::string(name) + " must be in [" + std::to_string(lo) +
                                          ", " + std::to_string(hi) + "], got " +
                                          std::to_string(value));
}

}  // namespace

long long parameter_total(const TransformerConfig& c) {
  const long long C = c.embed_dim, F = c.mlp_dim, V = c.vocab_size;
  const long long per_layer = 4 * C + 3 * C * C + 3 * C + C * C + C + 2 * C * F + F + C;
  return (c.tie_embeddings ? 1 : 2) * V * C + static_cast<long long>(c.max_positions) * C +
         static_cast<long long>(c.type_vocab_size) * C + c.num_layers * per_layer +
         (c.mlm_head ? C * C + 3 * C + V : 0);
}

void validate(const TransformerConfig& c, long long max_parameters) {
  constexpr int kBig = 1 << 24;
  require_range("vocabSize", c.vocab_size, 1, kBig);
  require_range("maxPositions", c.max_positions, 1, 1 << 16);
  require_range("embedDim", c.embed_dim, 1, 1 << 16);
  require_range("numHeads", c.num_heads, 1, c.embed_dim);
  require(c.embed_dim % c.num_heads == 0, "numHeads (" + std::to_string(c.num_heads) +
                                              ") must divide embedDim (" +
                                              std::to_string(c.embed_dim) + ")");
  require_range("numLayers", c.num_layers, 1, 1024);
  require_range("mlpDim", c.mlp_dim, 0, 1 << 18);
  require_range("typeVocabSize", c.type_vocab_size, 0, 1 << 16);
  require(std::isfinite(c.layer_norm_eps) && c.layer_norm_eps > 0.0f,
          "layerNormEps must be a finite number > 0");
  const long long total = parameter_total(c);
  require(total <= max_parameters, "the model would have " + std::to_string(total) +
                                       " parameters, more than the limit of " +
                                       std::to_string(max_parameters));
}

NormPlacement parse_norm(std::string_view name) {
  if (name == "pre") return NormPlacement::kPre;
  if (name == "post") return NormPlacement::kPost;
  throw std::invalid_argument("norm must be 'pre' or 'post', got '" + std::string(name) + "'");
}

const char* norm_name(NormPlacement n) { return n == NormPlacement::kPre ? "pre" : "post"; }

PositionEncoding parse_position_encoding(std::string_view name) {
  if (name == "learned") return PositionEncoding::kLearned;
  if (name == "sinusoidal") return PositionEncoding::kSinusoidal;
  throw std::invalid_argument("positions must be 'learned' or 'sinusoidal', got '" +
                              std::string(name) + "'");
}

const char* position_encoding_name(PositionEncoding p) {
  return p == PositionEncoding::kLearned ? "learned" : "sinusoidal";
}

}  // namespace attn::nn
