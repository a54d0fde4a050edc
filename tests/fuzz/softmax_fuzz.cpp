// softmax_fuzz: arbitrary floats (NaN, inf, denormals) into the row softmax and the kernel
// softmax. Either a clean std::invalid_argument, or weights that are finite, in [0, 1] and sum
// to 1 (or all zero for a fully masked row).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "attention/kernels.h"
#include "attention/softmax.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::size_t n = size / sizeof(float);
  if (n == 0) return 0;
  std::vector<float> x(n), y(n);
  std::memcpy(x.data(), data, n * sizeof(float));
  try {
    const bool any = attn::softmax_row(x.data(), y.data(), n);
    double sum = 0;
    for (float w : y) {
      if (!(w >= 0.0f && w <= 1.0f)) __builtin_trap();
      sum += w;
    }
    if (any && std::abs(sum - 1.0) > 1e-4) __builtin_trap();
    if (!any && sum != 0.0) __builtin_trap();
  } catch (const std::invalid_argument&) {
  }
  // The same row through the kernel, as a (1, n) matrix.
  try {
    std::uint8_t has_any = 2;
    attn::kernels::softmax_rows(1, static_cast<int>(n), x.data(), static_cast<int>(n), &has_any);
    for (float w : x)
      if (!(w >= 0.0f && w <= 1.0f)) __builtin_trap();
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
