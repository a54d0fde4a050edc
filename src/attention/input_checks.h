// input_checks: the typed errors of the attention core and the checks that raise them.
// Every message names the argument, what was expected and what was given, e.g.
//   "multi_head_attention: key has 3 columns, expected kdim = 4"
// so the JS side can show it verbatim. Nothing here allocates on the success path.
#pragma once

#include <stdexcept>
#include <string>

#include "attention/matrix.h"

namespace attn {

// Bad shapes: mismatched sizes, zero sizes, embed_dim % num_heads != 0.
class ShapeError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// NaN or +-inf where finite numbers are required (inputs, weights, biases, scale).
class NonFiniteError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Throws ShapeError "<where>: <name> is (r, c), expected (rows, cols)" unless m is rows x cols.
// A negative rows/cols means "any" (only checked to be > 0).
void check_shape(const char* where, const char* name, const Eigen::Ref<const Mat>& m, int rows,
                 int cols);

// The same for keys and values, where Tk = 0 is legal (every query is then fully masked): rows
// may be 0 (rows < 0: any count, 0 included), cols as above.
void check_shape_rows_may_be_zero(const char* where, const char* name,
                                  const Eigen::Ref<const Mat>& m, int rows, int cols);

// Throws ShapeError "<where>: <name> has size n, expected size" (size < 0: any, but > 0).
void check_size(const char* where, const char* name, long long given, long long expected);

// Throws NonFiniteError "<where>: <name> has a non-finite value (nan) at (r, c)".
void check_finite(const char* where, const char* name, const Eigen::Ref<const Mat>& m);
void check_finite(const char* where, const char* name, const float* data, long long n);

}  // namespace attn
