// softmax: the numerically stable softmax over one row, and the reference it is tested against.
// Masked entries are -infinity on input; a row that is entirely masked gives all zeros
// (reported by the return value), never NaN.
#pragma once

#include <cstddef>

namespace attn {

// x: (n) -> y: (n), y may alias x. Returns false when every entry is -inf (fully masked row;
// y is then all zeros). Throws std::invalid_argument on NaN or +inf input.
bool softmax_row(const float* x, float* y, std::size_t n);

// Double-precision reference with the same contract, for tests.
bool softmax_row_reference(const double* x, double* y, std::size_t n);

}  // namespace attn
