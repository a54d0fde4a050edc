// golden_fixture: reads the PyTorch fixtures of tests/golden/nn (generate_nn_golden.py) and
// compares float32 results with their float64 values. The error measure, used by every engine
// test: relative error = max_i |ours_i - ref_i| / max_i |ref_i| over a whole tensor (normwise:
// an elementwise ratio is meaningless for entries near 0, which every gradient has).
// Each test prints its worst error ("# golden <what>: rel <x>") so ctest -V shows the figures.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/json.h"

namespace attn::test {

inline io::JsonValue read_golden(const std::string& name) {
  const std::string path = std::string(ATTN_GOLDEN_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream text;
  text << in.rdbuf();
  return io::parse_json(text.str());
}

inline std::vector<std::uint8_t> read_golden_bytes(const std::string& name) {
  std::ifstream in(std::string(ATTN_GOLDEN_DIR) + "/" + name, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline const io::JsonValue& member(const io::JsonValue& v, const std::string& key) {
  const io::JsonValue* m = v.find(key);
  if (!m) throw std::runtime_error("fixture lacks \"" + key + "\"");
  return *m;
}

inline std::vector<float> floats(const io::JsonValue& v, const std::string& key) {
  std::vector<float> out;
  for (const io::JsonValue& x : member(v, key).items) out.push_back(static_cast<float>(x.number));
  return out;
}

inline std::vector<double> doubles(const io::JsonValue& v, const std::string& key) {
  std::vector<double> out;
  for (const io::JsonValue& x : member(v, key).items) out.push_back(x.number);
  return out;
}

inline std::vector<int> ints(const io::JsonValue& v, const std::string& key) {
  std::vector<int> out;
  for (const io::JsonValue& x : member(v, key).items) out.push_back(static_cast<int>(x.number));
  return out;
}

inline int integer(const io::JsonValue& v, const std::string& key) {
  return static_cast<int>(member(v, key).number);
}

// Normwise relative error of ours (n) against ref (n); n must match.
template <class A, class B>
double relative_error(const A* ours, const B* ref, std::size_t n) {
  double diff = 0.0, scale = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    diff = std::max(diff, std::fabs(static_cast<double>(ours[i]) - static_cast<double>(ref[i])));
    scale = std::max(scale, std::fabs(static_cast<double>(ref[i])));
  }
  return scale > 0.0 ? diff / scale : diff;
}

template <class A>
double relative_error(const A* ours, const std::vector<double>& ref) {
  return relative_error(ours, ref.data(), ref.size());
}

inline void report(const std::string& what, double rel) {
  std::printf("# golden %s: rel %.2e\n", what.c_str(), rel);
}

}  // namespace attn::test
