// transformer_config: the hyperparameters of a Transformer (see transformer.h) and their checks.
// One struct covers GPT-2-like decoders (pre-LN, causal, tanh GELU, tied output, learned
// positions) and BERT-like encoders (post-LN, bidirectional, exact GELU, token types).
#pragma once

#include <string>
#include <string_view>

#include "nn/activation.h"

namespace attn::nn {

enum class NormPlacement { kPre, kPost };  // GPT-2: x + f(LN(x)); BERT: LN(x + f(x))
enum class PositionEncoding { kLearned, kSinusoidal };

struct TransformerConfig {
  int vocab_size = 0;       // V
  int max_positions = 0;    // maxT: longest sequence
  int embed_dim = 0;        // C
  int num_heads = 1;        // H, divides C
  int num_layers = 1;       // L
  int mlp_dim = 0;          // F; 0 = attention-only blocks (no MLP, no ln_2)
  int type_vocab_size = 0;  // token types (BERT's segments); 0 = no token-type embedding
  bool causal = true;       // decoder (causal) or encoder (bidirectional, padding mask)
  NormPlacement norm = NormPlacement::kPre;
  Activation activation = Activation::kGeluTanh;
  PositionEncoding positions = PositionEncoding::kLearned;
  bool tie_embeddings = true;  // output layer = wte (no lm_head.weight)
  float layer_norm_eps = 1e-5f;
  // BERT's masked-LM head between the last block and the output layer: dense (C, C), GELU
  // (the config's activation), LayerNorm, and a bias on the logits (V).
  bool mlm_head = false;
};

// Largest accepted parameter count for a model that trains (~4 GB of wasm heap holds params,
// grads and two AdamW moments only up to about this).
inline constexpr long long kMaxParameters = 200'000'000;
// Largest for a model that only runs (an opened checkpoint, e.g. gpt2-medium's 355M): its
// float32 parameters alone must fit in the 4 GB wasm heap with room for activations.
inline constexpr long long kMaxInferenceParameters = 1'000'000'000;

// Throws std::invalid_argument naming the first field out of range (dimensions >= 1, H
// divides C, the parameter count within max_parameters, eps > 0 and finite).
void validate(const TransformerConfig& c, long long max_parameters = kMaxParameters);

// The parameter count config c implies (what validate() compares with its limit).
long long parameter_total(const TransformerConfig& c);

NormPlacement parse_norm(std::string_view name);  // "pre" | "post"
const char* norm_name(NormPlacement n);
PositionEncoding parse_position_encoding(std::string_view name);  // "learned" | "sinusoidal"
const char* position_encoding_name(PositionEncoding p);

}  // namespace attn::nn
