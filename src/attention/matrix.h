// matrix: the one matrix type of the core. Row-major float32, so a buffer maps 1:1 onto a
// JS Float32Array of rows*cols values, row after row.
#pragma once

#include <Eigen/Core>

namespace attn {

using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vec = Eigen::Matrix<float, Eigen::Dynamic, 1>;
using MatD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace attn
