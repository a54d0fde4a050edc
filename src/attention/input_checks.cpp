// input_checks: message formatting for the core's typed errors.
#include "attention/input_checks.h"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace attn {
namespace {

// Index of the first NaN/inf in data[0, n), or n. Scans chunks branch-free (an exponent of all
// ones marks NaN and inf; the integer OR vectorizes) and looks closer only at a bad chunk, so
// checking the ~1 MB of weights a call brings costs a few microseconds, not a branch per value.
long long first_non_finite(const float* data, long long n) {
  constexpr long long kChunk = 256;
  constexpr std::uint32_t kExponent = 0x7f800000u;
  for (long long c0 = 0; c0 < n; c0 += kChunk) {
    const long long c1 = c0 + kChunk < n ? c0 + kChunk : n;
    std::uint32_t bad = 0;
    for (long long i = c0; i < c1; ++i) {
      std::uint32_t bits;
      std::memcpy(&bits, data + i, sizeof bits);
      bad |= static_cast<std::uint32_t>((bits & kExponent) == kExponent);
    }
    if (bad)
      for (long long i = c0; i < c1; ++i)
        if (!std::isfinite(data[i])) return i;
  }
  return n;
}

std::string dims(long long rows, long long cols) {
  auto one = [](long long n) { return n < 0 ? std::string("any") : std::to_string(n); };
  return "(" + one(rows) + ", " + one(cols) + ")";
}

const char* kind(float x) { return std::isnan(x) ? "nan" : (x > 0 ? "inf" : "-inf"); }

}  // namespace

void check_shape(const char* where, const char* name, const Eigen::Ref<const Mat>& m, int rows,
                 int cols) {
  const long long r = m.rows(), c = m.cols();
  const bool rows_ok = rows < 0 ? r > 0 : r == rows;
  const bool cols_ok = cols < 0 ? c > 0 : c == cols;
  if (r == 0 || c == 0 || !rows_ok || !cols_ok) {
    throw ShapeError(std::string(where) + ": " + name + " is " + dims(r, c) + ", expected " +
                     dims(rows, cols) + (r == 0 || c == 0 ? " (sizes must be > 0)" : ""));
  }
}

void check_shape_rows_may_be_zero(const char* where, const char* name,
                                  const Eigen::Ref<const Mat>& m, int rows, int cols) {
  const long long r = m.rows(), c = m.cols();
  const bool rows_ok = rows < 0 || r == rows;
  const bool cols_ok = cols < 0 ? c > 0 : c == cols;
  if (c == 0 || !rows_ok || !cols_ok) {
    throw ShapeError(std::string(where) + ": " + name + " is " + dims(r, c) + ", expected " +
                     dims(rows, cols) + (c == 0 ? " (columns must be > 0)" : ""));
  }
}

void check_size(const char* where, const char* name, long long given, long long expected) {
  if (given <= 0 || (expected >= 0 && given != expected)) {
    throw ShapeError(std::string(where) + ": " + name + " has size " + std::to_string(given) +
                     ", expected " + (expected >= 0 ? std::to_string(expected) : "> 0"));
  }
}

void check_finite(const char* where, const char* name, const Eigen::Ref<const Mat>& m) {
  const long long cols = m.cols();
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    const float* row = m.data() + r * m.outerStride();
    const long long c = first_non_finite(row, cols);
    if (c < cols) {
      throw NonFiniteError(std::string(where) + ": " + name + " has a non-finite value (" +
                           kind(row[c]) + ") at (" + std::to_string(r) + ", " + std::to_string(c) +
                           "), expected finite numbers");
    }
  }
}

void check_finite(const char* where, const char* name, const float* data, long long n) {
  const long long i = first_non_finite(data, n);
  if (i < n) {
    throw NonFiniteError(std::string(where) + ": " + name + " has a non-finite value (" +
                         kind(data[i]) + ") at index " + std::to_string(i) +
                         ", expected finite numbers");
  }
}

}  // namespace attn
