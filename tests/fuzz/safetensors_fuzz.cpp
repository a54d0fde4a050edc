// libFuzzer target: arbitrary bytes as a safetensors file. The reader must either return a
// validated index or throw SafetensorsError; every indexed float tensor must then convert
// without reading outside the file (ASan checks), and loading it as a Transformer checkpoint
// must succeed or throw SafetensorsError / std::invalid_argument (a config out of range); so
// must opening it as a Hugging Face GPT-2 / BERT checkpoint (io/hub_checkpoint.h), with and
// without a head count.
// Seeds: tests/fuzz/corpus/safetensors/ (a tiny checkpoint, F16/BF16/I64 tensors, metadata,
// tiny hub-layout GPT-2 (F16, distilgpt2 names) and BERT (BF16, no decoder) checkpoints).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "io/checkpoint.h"
#include "io/hub_checkpoint.h"
#include "io/safetensors.h"

namespace {

void open_hub(const std::uint8_t* data, std::size_t size, int heads) {
  try {
    attn::io::load_hub_checkpoint(data, size, {heads, 0.0f});
  } catch (const attn::io::SafetensorsError&) {
  } catch (const std::invalid_argument&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  open_hub(data, size, 2);
  open_hub(data, size, 0);
  try {
    const attn::io::SafetensorsIndex index = attn::io::read_safetensors_index(data, size);
    for (const attn::io::TensorEntry& t : index.tensors) {
      if (t.end > size - index.data_offset) __builtin_trap();  // validated ranges stay inside
      std::vector<float> out(t.elements());
      try {
        attn::io::tensor_to_float32(t, data + index.data_offset + t.begin, out.data());
      } catch (const attn::io::SafetensorsError&) {
      }
    }
    attn::io::load_transformer(data, size);
  } catch (const attn::io::SafetensorsError&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
