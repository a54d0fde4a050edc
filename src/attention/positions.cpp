// positions: sinusoidal and zero positional encodings (see positions.h for the formula).
#include "attention/positions.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace attn {
namespace {

void check_shape(std::size_t n, std::size_t dim) {
  if (dim == 0) throw std::invalid_argument("positions: dim must be >= 1, got 0");
  if (n > kMaxPositionValues / dim) {
    throw std::invalid_argument("positions: n * dim must be at most " +
                                std::to_string(kMaxPositionValues) + ", got " + std::to_string(n) +
                                " * " + std::to_string(dim));
  }
}

}  // namespace

PositionKind parse_position_kind(std::string_view name) {
  if (name == "sinusoidal") return PositionKind::kSinusoidal;
  if (name == "none") return PositionKind::kNone;
  throw std::invalid_argument("positions: kind must be 'sinusoidal' or 'none', got '" +
                              std::string(name.substr(0, 20)) + "'");
}

Mat positions_sinusoidal(std::size_t n, std::size_t dim) {
  check_shape(n, dim);
  Mat pe(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(dim));
  // Computed in double: pos / 10000^(2i/dim) loses digits in float for long sequences.
  for (std::size_t col = 0; col < dim; col += 2) {
    const double inv_freq = std::pow(10000.0, -static_cast<double>(col) / static_cast<double>(dim));
    for (std::size_t pos = 0; pos < n; ++pos) {
      const double angle = static_cast<double>(pos) * inv_freq;
      const auto r = static_cast<Eigen::Index>(pos);
      pe(r, static_cast<Eigen::Index>(col)) = static_cast<float>(std::sin(angle));
      if (col + 1 < dim)
        pe(r, static_cast<Eigen::Index>(col + 1)) = static_cast<float>(std::cos(angle));
    }
  }
  return pe;
}

Mat positions_none(std::size_t n, std::size_t dim) {
  check_shape(n, dim);
  return Mat::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(dim));
}

Mat positions(std::size_t n, std::size_t dim, PositionKind kind) {
  return kind == PositionKind::kSinusoidal ? positions_sinusoidal(n, dim) : positions_none(n, dim);
}

}  // namespace attn
