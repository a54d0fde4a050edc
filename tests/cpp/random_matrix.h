// random_matrix: seeded random floats and float<->double copies for the attention tests.
// Values come from std::mt19937's raw 32-bit outputs (fixed by the standard) through the
// hand-written uniform() and normal() below, not from std::*_distribution (whose algorithms
// the standard leaves to the library): libstdc++ natively and libc++ in wasm then feed the same
// inputs to the same tests.
#pragma once

#include <cmath>
#include <random>

#include "attention/matrix.h"

namespace attn::test {

// Uniform in [lo, hi), from the top 24 bits of one draw.
inline float uniform(std::mt19937& rng, float lo, float hi) {
  return lo + (hi - lo) * static_cast<float>(rng() >> 8) * 0x1.0p-24f;
}

// Standard normal (Box-Muller on two draws), times sd.
inline float normal(std::mt19937& rng, float sd = 1.0f) {
  const double u1 = (static_cast<double>(rng() >> 8) + 1.0) * 0x1.0p-24;  // (0, 1]
  const double u2 = static_cast<double>(rng() >> 8) * 0x1.0p-24;          // [0, 1)
  return sd * static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
}

inline Mat random_mat(int rows, int cols, std::mt19937& rng, float sd = 1.0f) {
  Mat m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng, sd);
  return m;
}

inline MatD to_double(const Eigen::Ref<const Mat>& m) { return m.cast<double>(); }

// Largest |a - b| over all entries (both (rows, cols)).
inline double max_abs_diff(const Eigen::Ref<const Mat>& a, const MatD& b) {
  return (a.cast<double>() - b).cwiseAbs().maxCoeff();
}

}  // namespace attn::test
