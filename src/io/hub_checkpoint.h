// hub_checkpoint: opens a Hugging Face model.safetensors of the GPT-2 or BERT family
// (hub_layout.h) as our Transformer, reading the tensor data in slices straight into the
// model's parameter buffer: the caller (the JS API reading a File in slices) hands over one
// slice at a time, so no copy of the whole file is ever held. Order of use:
//   HubLoader loader(header_json, data_size, overrides);  // names and shapes only; refuses a
//                                                         // model too large before any data
//   loader.allocate();                                    // the float32 parameters
//   for each t in loader.tensors() with t.load, in order:  // (sorted by file offset)
//     loader.feed(i, at, bytes, n) for consecutive slices of whole elements
//   std::unique_ptr<nn::Transformer> model = loader.finish();
// Each slice is converted to float32 (F16, BF16, F64 -> F32), checked finite, and written in
// place (transposed for Conv1D weights) or, for a tied copy, compared with what is there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "io/hub_layout.h"
#include "nn/transformer.h"

namespace attn::io {

class HubLoader {
 public:
  // header: the safetensors JSON header; data_size: bytes after it. Throws as hub_layout().
  HubLoader(std::string_view header, std::uint64_t data_size, const HubOverrides& overrides);

  HubFamily family() const { return layout_.family; }
  const nn::TransformerConfig& config() const { return layout_.config; }
  const std::vector<HubTensor>& tensors() const { return layout_.tensors; }
  std::uint64_t float32_bytes() const;  // 4 x parameters: what allocate() takes

  // Creates the model (parameters 0). Throws std::bad_alloc when memory runs out.
  void allocate();

  // bytes: n bytes of tensor i's data, starting at byte `at` of that tensor; slices of a tensor
  // come in order, each whole elements. Throws SafetensorsError naming the tensor: kNonFinite
  // (a NaN or infinity, with its element), kMissing (a tied copy that differs, or fed before
  // the tensor it copies), kOffsets (a slice out of order, out of range or not whole elements).
  void feed(std::size_t i, std::uint64_t at, const std::uint8_t* bytes, std::size_t n);

  // -> the model; throws SafetensorsError(kTruncated) naming a tensor not fully fed.
  std::unique_ptr<nn::Transformer> finish();

 private:
  void store(const HubTensor& t, std::uint64_t first, const float* values, std::size_t count);

  HubLayout layout_;
  std::vector<std::uint64_t> fed_;  // bytes fed per tensor
  std::unique_ptr<nn::Transformer> model_;
};

// A whole file in memory (size bytes) -> the model, through HubLoader. For tests and tools.
std::unique_ptr<nn::Transformer> load_hub_checkpoint(const std::uint8_t* file, std::size_t size,
                                                     const HubOverrides& overrides,
                                                     HubFamily* family = nullptr);

}  // namespace attn::io
