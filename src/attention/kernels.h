// kernels: the dense float32 building blocks every attention path is made of.
// Plain pointers + leading dimensions (row strides, in floats), row-major. No per-call
// allocation: the SIMD gemm packs B into one scratch buffer that grows to the largest B seen.
// One implementation per build: explicit WebAssembly SIMD when compiled with -msimd128,
// portable scalar code otherwise (natively, and as the reference the SIMD code is tested
// against). Nothing here knows about heads, masks or tokens.
#pragma once

#include <cstddef>
#include <cstdint>

namespace attn::kernels {

#include "attention/kernels_functions.inc"  // every kernel, with its contract

// Which implementation this build uses: "wasm-simd128" or "scalar".
const char* flavour();

}  // namespace attn::kernels
