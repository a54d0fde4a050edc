// hub_layout: how a Hugging Face checkpoint of the GPT-2 or BERT family maps onto our
// Transformer (nn/parameters.h). From the tensor names and shapes of a safetensors header alone
// (no tensor data) it finds the family, the config, and for every tensor of the file where its
// values go in our parameter buffer, or that it is a buffer or head we ignore.
//   GPT-2 (gpt2, distilgpt2, gpt2-medium ...): names with or without "transformer."; Conv1D
//     weights stored (in, out) are transposed to our (out, in); h.N.attn.bias / masked_bias
//     mask buffers ignored; an lm_head.weight must equal wte.weight (the output layer is tied);
//     pre-LN, tanh GELU, causal, eps 1e-5.
//   BERT (bert-base-uncased / -cased ...): "bert."-prefixed body (prefix optional) and the
//     masked-LM head cls.predictions.{transform.dense, transform.LayerNorm, bias} with the
//     decoder tied to the word embeddings (cls.predictions.decoder.weight, when present, must
//     equal them); LayerNorm weight/bias or gamma/beta; q, k, v become the rows of our fused
//     c_attn; post-LN, exact GELU, bidirectional, eps 1e-12; pooler and next-sentence tensors
//     and position_ids are ignored.
// Heads: from the overrides (config.json's n_head / num_attention_heads) else head size 64.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/safetensors.h"
#include "nn/transformer_config.h"

namespace attn::io {

enum class HubFamily { kGpt2, kBert };
const char* hub_family_name(HubFamily f);  // "gpt2" | "bert"

// What a config.json may add; 0 = not given (use the family's standard).
struct HubOverrides {
  int num_heads = 0;
  float layer_norm_eps = 0.0f;
};

// One tensor of the file and where its values go.
struct HubTensor {
  std::string name;           // as in the file
  Dtype dtype = Dtype::kF32;  //
  std::uint64_t begin = 0;    // byte range in the data section
  std::uint64_t end = 0;      //
  bool load = false;          // false: ignored (never read)
  std::string target;         // our parameter it goes into
  std::size_t dest = 0;       // float offset in the parameter buffer
  std::uint64_t rows = 0;     // the file's shape seen as (rows, cols)
  std::uint64_t cols = 0;     //
  bool transpose = false;     // write (cols, rows): Conv1D (in, out) -> (out, in)
  bool compare = false;       // a tied copy: must equal what an earlier tensor wrote
  std::string tied_to;        // the file's name of that earlier tensor (compare only)
  std::size_t element_size() const { return dtype_size(dtype); }
  std::uint64_t elements() const { return rows * cols; }
};

struct HubLayout {
  HubFamily family = HubFamily::kGpt2;
  nn::TransformerConfig config;
  std::vector<HubTensor> tensors;  // every tensor of the file, sorted by begin
};

// index of a safetensors header -> the layout. Throws SafetensorsError naming the tensor:
// kMissing (not GPT-2 or BERT, a tensor absent, an unexpected name), kShape (a shape that
// disagrees with the config the other tensors imply), kDtype (a weight that is not a float
// type), kDuplicate (two tensors for one parameter, as LayerNorm.weight and .gamma); and
// std::invalid_argument from nn::validate for a config out of range.
HubLayout hub_layout(const SafetensorsIndex& index, const HubOverrides& overrides);

}  // namespace attn::io
