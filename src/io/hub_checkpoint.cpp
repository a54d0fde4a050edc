// hub_checkpoint: see hub_checkpoint.h. A slice goes straight into place when its layout is
// ours, else through a buffer of a few rows (transposed) or kBlock elements (tied copies), so
// converting never needs memory proportional to the slice.
#include "io/hub_checkpoint.h"

#include <algorithm>
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
  const std::uint64_t first = at / size, count = n / size;
  if (t.transpose)
    feed_transposed(t, first, count, bytes);
  else
    feed_direct(t, first, count, bytes);
  fed_[i] += n;
}

// values (count) = elements [first, first + count) of t: all finite, or the error naming one.
void HubLoader::check_finite(const HubTensor& t, std::uint64_t first, const float* values,
                             std::size_t count) {
  for (std::size_t k = 0; k < count; ++k)
    if (!std::isfinite(values[k]))
      throw SafetensorsError(Kind::kNonFinite, "tensor " + q(t.name) +
                                                   " holds a NaN or infinity at element " +
                                                   std::to_string(first + k));
}

// Same layout as ours: converted straight into place (F32: one memcpy), or for a tied copy
// converted in stack blocks and compared with what the tensor it copies wrote.
void HubLoader::feed_direct(const HubTensor& t, std::uint64_t first, std::uint64_t count,
                            const std::uint8_t* bytes) {
  float* dest = model_->params() + t.dest + first;
  const std::size_t size = t.element_size();
  if (!t.compare) {
    convert_to_float32(t.dtype, bytes, count, dest);
    check_finite(t, first, dest, static_cast<std::size_t>(count));
    return;
  }
  float block[kBlock];
  for (std::uint64_t done = 0; done < count; done += kBlock) {
    const std::size_t m = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, count - done));
    convert_to_float32(t.dtype, bytes + done * size, m, block);
    check_finite(t, first + done, block, m);
    for (std::size_t k = 0; k < m; ++k)
      if (dest[done + k] != block[k])
        throw SafetensorsError(Kind::kMissing,
                               "tensor " + q(t.name) + " differs from " + q(t.tied_to) +
                                   " at element " + std::to_string(first + done + k) +
                                   ": this model's output layer must be tied to its token "
                                   "embedding (untied output layers are not supported)");
  }
}

// A Conv1D weight (rows = in, cols = out) written as our (out, in): whole rows go through in
// tiles of kTileRows, so each output row receives kTileRows consecutive floats at a time (one
// scattered write per cache line instead of per element); a slice's partial first and last
// rows element by element. (Tied copies are never transposed: see hub_layout.cpp.)
void HubLoader::feed_transposed(const HubTensor& t, std::uint64_t first, std::uint64_t count,
                                const std::uint8_t* bytes) {
  constexpr std::uint64_t kTileRows = 16;
  float* dest = model_->params() + t.dest;
  const std::uint64_t rows = t.rows, cols = t.cols, end = first + count;
  if (scratch_.size() < kTileRows * cols) scratch_.resize(kTileRows * cols);
  for (std::uint64_t e = first; e < end;) {
    const std::uint64_t r = e / cols, c0 = e % cols;
    const std::uint64_t tile = c0 == 0 ? std::min(kTileRows, (end - e) / cols) : 0;
    const std::uint64_t m = tile > 0 ? tile * cols : std::min(cols - c0, end - e);
    convert_to_float32(t.dtype, bytes + (e - first) * t.element_size(), m, scratch_.data());
    check_finite(t, e, scratch_.data(), static_cast<std::size_t>(m));
    if (tile > 0) {
      for (std::uint64_t c = 0; c < cols; ++c)
        for (std::uint64_t k = 0; k < tile; ++k) dest[c * rows + r + k] = scratch_[k * cols + c];
    } else {
      for (std::uint64_t k = 0; k < m; ++k) dest[(c0 + k) * rows + r] = scratch_[k];
    }
    e += m;
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
