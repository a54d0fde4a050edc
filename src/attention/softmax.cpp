#include "attention/softmax.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace attn {
namespace {

template <typename T>
bool softmax_row_impl(const T* x, T* y, std::size_t n) {
  // pass 1: max for stability, and input checks
  T max_value = -std::numeric_limits<T>::infinity();
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(x[i]) || x[i] == std::numeric_limits<T>::infinity()) {
      throw std::invalid_argument("softmax: score " + std::to_string(i) +
                                  " is not finite (NaN or +inf); expected finite or -inf (masked)");
    }
    if (x[i] > max_value) max_value = x[i];
  }
  if (n == 0 || max_value == -std::numeric_limits<T>::infinity()) {
    for (std::size_t i = 0; i < n; ++i) y[i] = 0;
    return false;
  }
  // pass 2: exp and sum
  T sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    y[i] = std::exp(x[i] - max_value);
    sum += y[i];
  }
  // pass 3: normalize (sum >= 1 because the max contributes exp(0))
  const T inv = T(1) / sum;
  for (std::size_t i = 0; i < n; ++i) y[i] *= inv;
  return true;
}

}  // namespace

bool softmax_row(const float* x, float* y, std::size_t n) { return softmax_row_impl(x, y, n); }

bool softmax_row_reference(const double* x, double* y, std::size_t n) {
  return softmax_row_impl(x, y, n);
}

}  // namespace attn
