// safetensors: reading and writing Hugging Face's safetensors format
// (https://huggingface.co/docs/safetensors): 8 bytes little-endian header length n, n bytes of
// JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}},
// then the tensors' bytes, little-endian, row-major; offsets are relative to the data start.
// The reader trusts nothing: it checks the header length against the file, the JSON, every
// entry's fields, the dtype, shape products against overflow, that each byte range is exactly
// shape × dtype size, and that the ranges tile the data without gaps or overlaps (as the
// reference implementation requires). Each problem throws a SafetensorsError whose kind and
// message name it. F32, F16, BF16 and F64 tensors convert to float32; other dtypes are indexed
// (a checkpoint may hold integer buffers) but not converted. The writer writes F32 only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attn::io {

class SafetensorsError : public std::runtime_error {
 public:
  enum class Kind {
    kTruncated,     // shorter than 8 bytes, or the header runs past the end
    kHeaderJson,    // not valid JSON / not an object
    kHeaderSchema,  // an entry lacks or mistypes dtype, shape or data_offsets; bad __metadata__
    kDtype,         // unknown dtype, or not convertible to float32
    kShape,         // a dimension out of range, the element count overflows, or size mismatch
    kOffsets,       // begin > end, past the data's end, overlapping, gaps
    kDuplicate,     // two tensors with one name
    kNonFinite,     // NaN or infinity where the caller demands finite values
    kMissing,       // a tensor the caller needs is absent (or an unexpected one present)
    kTooLarge,      // the model would not fit in the memory it must run in
  };
  SafetensorsError(Kind kind, const std::string& message)
      : std::runtime_error("safetensors: " + message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

enum class Dtype {
  kF64,
  kF32,
  kF16,
  kBF16,
  kI64,
  kI32,
  kI16,
  kI8,
  kU64,
  kU32,
  kU16,
  kU8,
  kBool,
  kF8E4M3,
  kF8E5M2
};

// "F32" ... -> Dtype; throws SafetensorsError(kDtype) naming an unknown one.
Dtype parse_dtype(std::string_view name);
std::size_t dtype_size(Dtype d);  // bytes per element

struct TensorEntry {
  std::string name;
  Dtype dtype = Dtype::kF32;
  std::vector<std::int64_t> shape;
  std::uint64_t begin = 0, end = 0;  // byte range within the data section
  std::uint64_t elements() const;
};

struct SafetensorsIndex {
  std::vector<TensorEntry> tensors;  // in header order
  std::vector<std::pair<std::string, std::string>> metadata;
  std::uint64_t data_offset = 0;  // 8 + header length: where the data section starts in the file
  const TensorEntry* find(std::string_view name) const;
  const std::string* meta(std::string_view key) const;
};

// The largest header accepted (the reference implementation's limit).
inline constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;

// first 8 bytes of a file of file_size bytes -> the header length; throws kTruncated when the
// file is shorter than 8 + that length, and when it exceeds kMaxHeaderBytes.
std::uint64_t safetensors_header_length(const std::uint8_t* first8, std::uint64_t file_size);

// header JSON, data section size -> the validated index (data_offset left 0).
SafetensorsIndex parse_safetensors_header(std::string_view header, std::uint64_t data_size);

// A whole file in memory -> its validated index.
SafetensorsIndex read_safetensors_index(const std::uint8_t* file, std::size_t size);

// entry's bytes (entry.end - entry.begin of them) -> out (entry.elements()) float32. F16 and
// BF16 convert exactly; F64 rounds. Throws kDtype for other dtypes.
void tensor_to_float32(const TensorEntry& entry, const std::uint8_t* bytes, float* out);

// bytes (n elements of dtype, little-endian) -> out (n) float32; what tensor_to_float32 does
// for part of a tensor. Returns false (writing nothing) when dtype is not F32/F16/BF16/F64.
bool convert_to_float32(Dtype dtype, const std::uint8_t* bytes, std::uint64_t n, float* out);

struct TensorToWrite {
  std::string name;
  std::vector<std::int64_t> shape;
  const float* data = nullptr;  // product(shape) floats
};

// tensors and metadata -> a safetensors file: F32 tensors in the given order, the header
// padded with spaces to a multiple of 8 bytes (so the data is aligned). Throws
// SafetensorsError(kDuplicate) on a repeated name.
std::vector<std::uint8_t> write_safetensors(
    const std::vector<TensorToWrite>& tensors,
    const std::vector<std::pair<std::string, std::string>>& metadata);

}  // namespace attn::io
