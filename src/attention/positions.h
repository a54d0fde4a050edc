// positions: positional encodings added to token vectors so attention can tell word order.
// - sinusoidal, as in "Attention Is All You Need" (Vaswani et al. 2017, section 3.5):
//     PE(pos, 2i)   = sin(pos / 10000^(2i / dim))
//     PE(pos, 2i+1) = cos(pos / 10000^(2i / dim))
//   An odd dim ends with a sin column (its cos partner would be column dim, which is absent).
// - none: all zeros (the same shape, so callers can add it unconditionally).
// It does not implement learned or rotary encodings.
#pragma once

#include <cstddef>
#include <string_view>

#include "attention/matrix.h"

namespace attn {

enum class PositionKind { kSinusoidal, kNone };

// "sinusoidal" | "none" -> PositionKind; throws std::invalid_argument naming the argument.
PositionKind parse_position_kind(std::string_view name);

// Largest accepted n * dim (16 M floats = 64 MB), so a typo cannot exhaust wasm memory.
inline constexpr std::size_t kMaxPositionValues = std::size_t{1} << 24;

// n >= 0 positions, dim >= 1 -> (n, dim), row p is position p (0-based).
// Throws std::invalid_argument when dim is 0 or n * dim exceeds kMaxPositionValues.
Mat positions_sinusoidal(std::size_t n, std::size_t dim);

// n >= 0, dim >= 1 -> (n, dim) zeros; same argument checks.
Mat positions_none(std::size_t n, std::size_t dim);

// Dispatch on kind: -> (n, dim).
Mat positions(std::size_t n, std::size_t dim, PositionKind kind);

}  // namespace attn
