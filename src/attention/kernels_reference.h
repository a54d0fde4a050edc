// kernels_reference: the plain-loop versions of every kernel in kernels.h, same contracts
// (the list is kernels_functions.inc). The scalar build uses them directly; tests compare the
// SIMD kernels against them. pack_b's opaque layout is here B itself, row-major (N, K); the
// tile layouts of pack_a and pack_b_panels are exactly those kernels.h describes. exp is std::exp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace attn::kernels::reference {

#include "attention/kernels_functions.inc"

}  // namespace attn::kernels::reference
