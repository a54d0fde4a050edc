// checkpoint: a Transformer (src/nn) saved to and loaded from safetensors. The file holds every
// parameter as F32 under the names of nn/parameters.h (GPT-2's names, (out, in) weights) and
// the config in __metadata__, one key per field:
//   format = "attention-playground/transformer", format_version = "1",
//   vocab_size, max_positions, embed_dim, num_heads, num_layers, mlp_dim, type_vocab_size
//   (decimal integers), causal, tie_embeddings ("true"|"false"), norm ("pre"|"post"),
//   activation ("gelu_tanh"|"gelu"), positions ("learned"|"sinusoidal"), layer_norm_eps,
//   mlm_head ("true"|"false"; absent in older files = "false").
// Loading checks the file (safetensors.h), the config, that exactly the config's tensors are
// present with their shapes, and that every value is finite. Optimizer state is not saved.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "nn/transformer.h"

namespace attn::io {

std::vector<std::uint8_t> save_transformer(const nn::Transformer& model);

// file (size bytes) -> the model it holds. Throws SafetensorsError (kMissing for an absent or
// unexpected tensor or config key, kShape, kNonFinite naming the tensor, ...) or
// std::invalid_argument for a config out of range.
std::unique_ptr<nn::Transformer> load_transformer(const std::uint8_t* file, std::size_t size);

}  // namespace attn::io
