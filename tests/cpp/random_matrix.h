// random_matrix: seeded random float matrices and float<->double copies for the attention tests.
#pragma once

#include <cmath>
#include <random>

#include "attention/matrix.h"

namespace attn::test {

inline Mat random_mat(int rows, int cols, std::mt19937& rng, float sd = 1.0f) {
  std::normal_distribution<float> dist(0.0f, sd);
  Mat m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = dist(rng);
  return m;
}

inline MatD to_double(const Eigen::Ref<const Mat>& m) { return m.cast<double>(); }

// Largest |a - b| over all entries (both (rows, cols)).
inline double max_abs_diff(const Eigen::Ref<const Mat>& a, const MatD& b) {
  return (a.cast<double>() - b).cwiseAbs().maxCoeff();
}

}  // namespace attn::test
