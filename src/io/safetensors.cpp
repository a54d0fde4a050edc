// safetensors: see safetensors.h.
#include "io/safetensors.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <unordered_set>

#include "io/json.h"

namespace attn::io {
namespace {

using Kind = SafetensorsError::Kind;

struct DtypeName {
  const char* name;
  Dtype dtype;
  std::size_t size;
};
constexpr DtypeName kDtypes[] = {
    {"F64", Dtype::kF64, 8},   {"F32", Dtype::kF32, 4},        {"F16", Dtype::kF16, 2},
    {"BF16", Dtype::kBF16, 2}, {"I64", Dtype::kI64, 8},        {"I32", Dtype::kI32, 4},
    {"I16", Dtype::kI16, 2},   {"I8", Dtype::kI8, 1},          {"U64", Dtype::kU64, 8},
    {"U32", Dtype::kU32, 4},   {"U16", Dtype::kU16, 2},        {"U8", Dtype::kU8, 1},
    {"BOOL", Dtype::kBool, 1}, {"F8_E4M3", Dtype::kF8E4M3, 1}, {"F8_E5M2", Dtype::kF8E5M2, 1}};

// Largest element count accepted for one tensor (2^53: exact in a double, and far beyond any
// memory this code runs in).
constexpr std::uint64_t kMaxElements = std::uint64_t{1} << 53;

std::string quoted(const std::string& name) {
  return "\"" + (name.size() > 80 ? name.substr(0, 80) + "..." : name) + "\"";
}

TensorEntry parse_entry(const std::string& name, const JsonValue& v) {
  const std::string where = "tensor " + quoted(name);
  if (!v.is_object()) throw SafetensorsError(Kind::kHeaderSchema, where + " must be an object");
  const JsonValue* dtype = v.find("dtype");
  const JsonValue* shape = v.find("shape");
  const JsonValue* offsets = v.find("data_offsets");
  if (!dtype || !dtype->is_string())
    throw SafetensorsError(Kind::kHeaderSchema, where + " needs a string \"dtype\"");
  if (!shape || !shape->is_array())
    throw SafetensorsError(Kind::kHeaderSchema, where + " needs an array \"shape\"");
  if (!offsets || !offsets->is_array() || offsets->items.size() != 2)
    throw SafetensorsError(Kind::kHeaderSchema, where + " needs \"data_offsets\": [begin, end]");
  TensorEntry e;
  e.name = name;
  try {
    e.dtype = parse_dtype(dtype->text);
  } catch (const SafetensorsError&) {
    throw SafetensorsError(Kind::kDtype, where + " has an unknown dtype " + quoted(dtype->text));
  }
  std::uint64_t count = 1;
  for (const JsonValue& d : shape->items) {
    std::uint64_t dim = 0;
    try {
      dim = json_uint64(d, "a dimension");
    } catch (const JsonError& err) {
      throw SafetensorsError(Kind::kShape, where + ": " + err.what());
    }
    if (dim > kMaxElements || (dim != 0 && count > kMaxElements / dim))
      throw SafetensorsError(Kind::kShape, where + " has more than 2^53 elements");
    count *= dim;
    e.shape.push_back(static_cast<std::int64_t>(dim));
  }
  try {
    e.begin = json_uint64(offsets->items[0], "data_offsets[0]");
    e.end = json_uint64(offsets->items[1], "data_offsets[1]");
  } catch (const JsonError& err) {
    throw SafetensorsError(Kind::kOffsets, where + ": " + err.what());
  }
  if (e.end < e.begin)
    throw SafetensorsError(Kind::kOffsets, where + " has data_offsets end < begin");
  if (e.end - e.begin != count * dtype_size(e.dtype))
    throw SafetensorsError(
        Kind::kShape, where +
                          ": shape × dtype size = " + std::to_string(count * dtype_size(e.dtype)) +
                          " bytes but data_offsets cover " + std::to_string(e.end - e.begin));
  return e;
}

// The byte ranges, sorted, must tile [0, data_size) exactly.
void check_ranges(const std::vector<TensorEntry>& tensors, std::uint64_t data_size) {
  std::vector<std::size_t> order(tensors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return tensors[a].begin != tensors[b].begin ? tensors[a].begin < tensors[b].begin
                                                : tensors[a].end < tensors[b].end;
  });
  std::uint64_t at = 0;
  for (std::size_t i : order) {
    const TensorEntry& e = tensors[i];
    if (e.end > data_size)
      throw SafetensorsError(Kind::kOffsets, "tensor " + quoted(e.name) + " ends at byte " +
                                                 std::to_string(e.end) + ", past the data (" +
                                                 std::to_string(data_size) + " bytes)");
    if (e.begin < at)
      throw SafetensorsError(Kind::kOffsets, "tensor " + quoted(e.name) + " overlaps another");
    if (e.begin > at)
      throw SafetensorsError(Kind::kOffsets, "a gap in the data before tensor " + quoted(e.name));
    at = e.end;
  }
  if (at != data_size)
    throw SafetensorsError(Kind::kOffsets,
                           std::to_string(data_size - at) + " bytes of data belong to no tensor");
}

float half_to_float(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000) << 16;
  std::uint32_t exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF, bits;
  if (exponent == 0x1F) {
    bits = sign | 0x7F800000u | (mantissa << 13);  // inf or NaN
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else {  // subnormal: normalize
    int e = -1;
    do {
      ++e;
      mantissa <<= 1;
    } while ((mantissa & 0x400) == 0);
    bits = sign | (static_cast<std::uint32_t>(112 - e) << 23) | ((mantissa & 0x3FF) << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

}  // namespace

Dtype parse_dtype(std::string_view name) {
  for (const DtypeName& d : kDtypes)
    if (name == d.name) return d.dtype;
  throw SafetensorsError(Kind::kDtype, "unknown dtype " + quoted(std::string(name)));
}

std::size_t dtype_size(Dtype dtype) {
  for (const DtypeName& d : kDtypes)
    if (d.dtype == dtype) return d.size;
  return 0;
}

std::uint64_t TensorEntry::elements() const {
  std::uint64_t n = 1;
  for (std::int64_t d : shape) n *= static_cast<std::uint64_t>(d);
  return n;
}

const TensorEntry* SafetensorsIndex::find(std::string_view name) const {
  for (const TensorEntry& t : tensors)
    if (t.name == name) return &t;
  return nullptr;
}

const std::string* SafetensorsIndex::meta(std::string_view key) const {
  for (const auto& [k, v] : metadata)
    if (k == key) return &v;
  return nullptr;
}

std::uint64_t safetensors_header_length(const std::uint8_t* first8, std::uint64_t file_size) {
  if (file_size < 8)
    throw SafetensorsError(Kind::kTruncated, "the file has " + std::to_string(file_size) +
                                                 " bytes, fewer than the 8-byte header length");
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | first8[i];
  if (n > kMaxHeaderBytes)
    throw SafetensorsError(Kind::kTruncated, "the header length " + std::to_string(n) +
                                                 " exceeds the limit of " +
                                                 std::to_string(kMaxHeaderBytes) + " bytes");
  if (n > file_size - 8)
    throw SafetensorsError(Kind::kTruncated, "the header length " + std::to_string(n) +
                                                 " runs past the end of the file (" +
                                                 std::to_string(file_size) + " bytes)");
  return n;
}

SafetensorsIndex parse_safetensors_header(std::string_view header, std::uint64_t data_size) {
  JsonValue root;
  try {
    root = parse_json(header);
  } catch (const JsonDuplicateKey& e) {
    throw SafetensorsError(Kind::kDuplicate, std::string("header: ") + e.what());
  } catch (const JsonError& e) {
    throw SafetensorsError(Kind::kHeaderJson, std::string("header: ") + e.what());
  }
  if (!root.is_object())
    throw SafetensorsError(Kind::kHeaderJson, "the header is not a JSON object");
  SafetensorsIndex index;
  for (std::size_t i = 0; i < root.keys.size(); ++i) {
    const std::string& name = root.keys[i];
    const JsonValue& value = root.items[i];
    if (name == "__metadata__") {
      if (!value.is_object())
        throw SafetensorsError(Kind::kHeaderSchema, "__metadata__ must be an object");
      for (std::size_t j = 0; j < value.keys.size(); ++j) {
        const std::string& key = value.keys[j];
        const JsonValue& text = value.items[j];
        if (!text.is_string())
          throw SafetensorsError(Kind::kHeaderSchema,
                                 "__metadata__ value " + quoted(key) + " must be a string");
        index.metadata.emplace_back(key, text.text);
      }
      continue;
    }
    index.tensors.push_back(parse_entry(name, value));
  }
  check_ranges(index.tensors, data_size);
  return index;
}

SafetensorsIndex read_safetensors_index(const std::uint8_t* file, std::size_t size) {
  const std::uint64_t n = safetensors_header_length(file, size);
  SafetensorsIndex index = parse_safetensors_header(
      std::string_view(reinterpret_cast<const char*>(file) + 8, n), size - 8 - n);
  index.data_offset = 8 + n;
  return index;
}

bool convert_to_float32(Dtype dtype, const std::uint8_t* bytes, std::uint64_t n, float* out) {
  switch (dtype) {
    case Dtype::kF32:
      if (n) std::memcpy(out, bytes, n * 4);
      return true;
    case Dtype::kF64:
      for (std::uint64_t i = 0; i < n; ++i) {
        double d;
        std::memcpy(&d, bytes + 8 * i, 8);
        out[i] = static_cast<float>(d);
      }
      return true;
    case Dtype::kF16:
      for (std::uint64_t i = 0; i < n; ++i)
        out[i] = half_to_float(static_cast<std::uint16_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8)));
      return true;
    case Dtype::kBF16:
      for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint32_t bits =
            static_cast<std::uint32_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8)) << 16;
        std::memcpy(out + i, &bits, 4);
      }
      return true;
    default:
      return false;
  }
}

void tensor_to_float32(const TensorEntry& e, const std::uint8_t* bytes, float* out) {
  if (!convert_to_float32(e.dtype, bytes, e.elements(), out))
    throw SafetensorsError(
        Kind::kDtype,
        "tensor " + quoted(e.name) + " is not a floating-point tensor (F32, F16, BF16, F64)");
}

std::vector<std::uint8_t> write_safetensors(
    const std::vector<TensorToWrite>& tensors,
    const std::vector<std::pair<std::string, std::string>>& metadata) {
  std::string header = "{";
  if (!metadata.empty()) {
    header += "\"__metadata__\":{";
    for (std::size_t i = 0; i < metadata.size(); ++i)
      header +=
          (i ? "," : "") + json_quote(metadata[i].first) + ":" + json_quote(metadata[i].second);
    header += "}";
  }
  std::unordered_set<std::string> names;
  std::uint64_t offset = 0;
  for (const TensorToWrite& t : tensors) {
    if (!names.insert(t.name).second)
      throw SafetensorsError(Kind::kDuplicate, "two tensors are named " + quoted(t.name));
    std::uint64_t count = 1;
    std::string shape;
    for (std::int64_t d : t.shape) {
      count *= static_cast<std::uint64_t>(d);
      shape += (shape.empty() ? "" : ",") + std::to_string(d);
    }
    header += (header.size() > 1 ? "," : "") + json_quote(t.name) +
              ":{\"dtype\":\"F32\",\"shape\":[" + shape + "],\"data_offsets\":[" +
              std::to_string(offset) + "," + std::to_string(offset + 4 * count) + "]}";
    offset += 4 * count;
  }
  header += "}";
  header.append((8 - header.size() % 8) % 8, ' ');
  std::vector<std::uint8_t> file(8 + header.size() + offset);
  for (int i = 0; i < 8; ++i)
    file[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(header.size()) >> (8 * i));
  std::memcpy(file.data() + 8, header.data(), header.size());
  std::uint8_t* data = file.data() + 8 + header.size();
  for (const TensorToWrite& t : tensors) {
    std::uint64_t count = 1;
    for (std::int64_t d : t.shape) count *= static_cast<std::uint64_t>(d);
    if (count) std::memcpy(data, t.data, 4 * count);
    data += 4 * count;
  }
  return file;
}

}  // namespace attn::io
