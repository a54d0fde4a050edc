// input_checks: message formatting for the core's typed errors.
#include "input_checks.h"

#include <cmath>

namespace attn {
namespace {

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

void check_size(const char* where, const char* name, long long given, long long expected) {
  if (given <= 0 || (expected >= 0 && given != expected)) {
    throw ShapeError(std::string(where) + ": " + name + " has size " + std::to_string(given) +
                     ", expected " + (expected >= 0 ? std::to_string(expected) : "> 0"));
  }
}

void check_finite(const char* where, const char* name, const Eigen::Ref<const Mat>& m) {
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
      const float x = m(r, c);
      if (!std::isfinite(x)) {
        throw NonFiniteError(std::string(where) + ": " + name + " has a non-finite value (" +
                             kind(x) + ") at (" + std::to_string(r) + ", " + std::to_string(c) +
                             "), expected finite numbers");
      }
    }
  }
}

void check_finite(const char* where, const char* name, const float* data, long long n) {
  for (long long i = 0; i < n; ++i) {
    if (!std::isfinite(data[i])) {
      throw NonFiniteError(std::string(where) + ": " + name + " has a non-finite value (" +
                           kind(data[i]) + ") at index " + std::to_string(i) +
                           ", expected finite numbers");
    }
  }
}

}  // namespace attn
