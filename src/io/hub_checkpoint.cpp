// hub_checkpoint: see hub_checkpoint.h. A slice is converted in blocks of kBlock elements into
// a small buffer on the stack, so converting never needs memory proportional to the slice.
#include "io/hub_checkpoint.h"

#include <cmath>
#include <cstring>
#include <string>

namespace attn::io {
namespace {

using Kind = SafetensorsError::Kind;
constexpr std::size_t kBlock = 1024;

std::string q(const std::string& name) { return "\"" + name + "\""; }

}  // namespace

HubLoader::HubLoader(std::string_view header, std::uint64_t data_size,
                     const HubOverrides& overrides)
    : layout_(hub_layout(parse_safetensors_header(header, data_size), overrides)),
      fed_(layout_.tensors.size(), 0) {}

std::uint64_t HubLoader::float32_bytes() const {
  return 4 * static_cast<std::uint64_t>(nn::parameter_total(layout_.config));
}

void HubLoader::allocate() {
  if (!model_) model_ = std::make_unique<nn::Transformer>(layout_.config);
}

void HubLoader::feed(std::size_t i, std::uint64_t at, const std::uint8_t* bytes, std::size_t n) {
  if (!model_) throw std::logic_error("hub checkpoint: allocate() before feed()");
  if (i >= layout_.tensors.size() || !layout_.tensors[i].load)
    throw SafetensorsError(Kind::kOffsets, "no tensor to load at index " + std::to_string(i));
  const HubTensor& t = layout_.tensors[i];
  const std::size_t size = t.element_size();
  const std::uint64_t length = t.end - t.begin;
  if (at != fed_[i] || n > length - at || n % size != 0)
    throw SafetensorsError(Kind::kOffsets, "tensor " + q(t.name) + ": slice [" +
                                               std::to_string(at) + ", +" + std::to_string(n) +
                                               ") is not the next whole elements of its " +
                                               std::to_string(length) + " bytes");
  if (t.compare) {  // the tensor it copies must be complete
    for (std::size_t j = 0; j < i; ++j)
      if (layout_.tensors[j].name == t.tied_to &&
          fed_[j] != layout_.tensors[j].end - layout_.tensors[j].begin)
        throw SafetensorsError(Kind::kMissing,
                               "tensor " + q(t.name) + " arrived before " + q(t.tied_to));
  }
  float block[kBlock];
  const std::uint64_t first = at / size, count = n / size;
  for (std::uint64_t done = 0; done < count; done += kBlock) {
    const std::size_t m = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, count - done));
    convert_to_float32(t.dtype, bytes + done * size, m, block);
    for (std::size_t k = 0; k < m; ++k)
      if (!std::isfinite(block[k]))
        throw SafetensorsError(Kind::kNonFinite, "tensor " + q(t.name) +
                                                     " holds a NaN or infinity at element " +
                                                     std::to_string(first + done + k));
    store(t, first + done, block, m);
  }
  fed_[i] += n;
}

// values (count) = elements [first, first + count) of t in the file's (rows, cols) order.
void HubLoader::store(const HubTensor& t, std::uint64_t first, const float* values,
                      std::size_t count) {
  float* dest = model_->params() + t.dest;
  for (std::size_t k = 0; k < count; ++k) {
    const std::uint64_t e = first + k;
    const std::uint64_t to = t.transpose ? (e % t.cols) * t.rows + e / t.cols : e;
    if (!t.compare) {
      dest[to] = values[k];
    } else if (dest[to] != values[k]) {
      throw SafetensorsError(
          Kind::kMissing, "tensor " + q(t.name) + " differs from " + q(t.tied_to) + " at element " +
                              std::to_string(e) +
                              ": this model's output layer must be tied to its token "
                              "embedding (untied output layers are not supported)");
    }
  }
}

std::unique_ptr<nn::Transformer> HubLoader::finish() {
  if (!model_) throw std::logic_error("hub checkpoint: allocate() before finish()");
  for (std::size_t i = 0; i < layout_.tensors.size(); ++i) {
    const HubTensor& t = layout_.tensors[i];
    if (t.load && fed_[i] != t.end - t.begin)
      throw SafetensorsError(Kind::kTruncated, "tensor " + q(t.name) + " got " +
                                                   std::to_string(fed_[i]) + " of its " +
                                                   std::to_string(t.end - t.begin) + " bytes");
  }
  return std::move(model_);
}

std::unique_ptr<nn::Transformer> load_hub_checkpoint(const std::uint8_t* file, std::size_t size,
                                                     const HubOverrides& overrides,
                                                     HubFamily* family) {
  const std::uint64_t n = safetensors_header_length(file, size);
  HubLoader loader(std::string_view(reinterpret_cast<const char*>(file) + 8, n), size - 8 - n,
                   overrides);
  loader.allocate();
  const std::uint8_t* data = file + 8 + n;
  for (std::size_t i = 0; i < loader.tensors().size(); ++i) {
    const HubTensor& t = loader.tensors()[i];
    if (t.load) loader.feed(i, 0, data + t.begin, t.end - t.begin);
  }
  if (family) *family = loader.family();
  return loader.finish();
}

}  // namespace attn::io
