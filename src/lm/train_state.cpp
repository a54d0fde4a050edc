// train_state: see train_state.h.
#include "lm/train_state.h"

#include <cstring>
#include <fstream>
#include <stdexcept>

#include "io/safetensors.h"

namespace attn::lm {
namespace {

std::string shape_json(const std::vector<std::int64_t>& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

}  // namespace

std::vector<std::uint8_t> save_optimizer(train::AdamW& optimizer) {
  const auto n = static_cast<std::int64_t>(optimizer.m().size());
  return io::write_safetensors({{"m", {n}, optimizer.m().data()}, {"v", {n}, optimizer.v().data()}},
                               {{"format", "attention-playground/adamw"},
                                {"adamw_steps", std::to_string(optimizer.steps_taken())}});
}

void load_optimizer(const std::vector<std::uint8_t>& file, train::AdamW& optimizer) {
  const io::SafetensorsIndex index = io::read_safetensors_index(file.data(), file.size());
  const io::TensorEntry* m = index.find("m");
  const io::TensorEntry* v = index.find("v");
  const std::string* steps = index.meta("adamw_steps");
  if (!m || !v || !steps) throw std::invalid_argument("optimizer file lacks m, v or adamw_steps");
  if (m->elements() != optimizer.m().size() || v->elements() != optimizer.v().size())
    throw std::invalid_argument("optimizer file's moments do not match the model's size");
  const std::uint8_t* data = file.data() + index.data_offset;
  io::tensor_to_float32(*m, data + m->begin, optimizer.m().data());
  io::tensor_to_float32(*v, data + v->begin, optimizer.v().data());
  optimizer.set_steps_taken(std::stoi(*steps));
}

std::uint16_t float_to_half(float x) {
  std::uint32_t f;
  std::memcpy(&f, &x, 4);
  const std::uint32_t sign = (f >> 16) & 0x8000u;
  const std::uint32_t abs = f & 0x7fffffffu;
  if (abs > 0x7f800000u) return static_cast<std::uint16_t>(sign | 0x7e00u);   // NaN
  if (abs >= 0x477ff000u) return static_cast<std::uint16_t>(sign | 0x7c00u);  // rounds to inf
  if (abs < 0x38800000u) {  // below the smallest normal half: a subnormal (or zero)
    const std::uint32_t exp = abs >> 23;
    if (exp < 102) return static_cast<std::uint16_t>(sign);  // below half the smallest subnormal
    const std::uint32_t mant = (abs & 0x7fffffu) | 0x800000u;
    const std::uint32_t shift = 126 - exp;  // value = mant·2^(exp-150) = h·2^-24
    std::uint32_t h = mant >> shift;
    const std::uint32_t rem = mant & ((1u << shift) - 1), half = 1u << (shift - 1);
    if (rem > half || (rem == half && (h & 1u))) ++h;
    return static_cast<std::uint16_t>(sign | h);
  }
  std::uint32_t h = ((abs - 0x38000000u) >> 13);  // rebias the exponent 127 -> 15
  const std::uint32_t rem = abs & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) ++h;  // may carry into the exponent: fine
  return static_cast<std::uint16_t>(sign | h);
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

std::vector<std::uint8_t> to_f16(const std::vector<std::uint8_t>& f32_file) {
  const io::SafetensorsIndex index = io::read_safetensors_index(f32_file.data(), f32_file.size());
  std::string header = "{";
  std::vector<std::uint8_t> data;
  for (const io::TensorEntry& t : index.tensors) {
    if (t.dtype != io::Dtype::kF32 && t.dtype != io::Dtype::kF16)
      throw std::invalid_argument("to_f16: tensor " + t.name + " is not F32 or F16");
    std::vector<float> values(t.elements());
    io::tensor_to_float32(t, f32_file.data() + index.data_offset + t.begin, values.data());
    const std::size_t begin = data.size();
    for (float x : values) {
      const std::uint16_t h = float_to_half(x);
      data.push_back(static_cast<std::uint8_t>(h));
      data.push_back(static_cast<std::uint8_t>(h >> 8));
    }
    header += (header.size() > 1 ? "," : "") + json_string(t.name) +
              ":{\"dtype\":\"F16\",\"shape\":" + shape_json(t.shape) + ",\"data_offsets\":[" +
              std::to_string(begin) + "," + std::to_string(data.size()) + "]}";
  }
  std::string meta;
  for (const auto& [k, v] : index.metadata)
    meta += (meta.empty() ? "" : ",") + json_string(k) + ":" + json_string(v);
  header += ",\"__metadata__\":{" + meta + "}}";
  while (header.size() % 8) header += ' ';
  std::vector<std::uint8_t> file(8);
  for (int i = 0; i < 8; ++i)
    file[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(header.size()) >> (8 * i));
  file.insert(file.end(), header.begin(), header.end());
  file.insert(file.end(), data.begin(), data.end());
  return file;
}

std::vector<std::uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace attn::lm
