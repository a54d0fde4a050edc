// kernels_simd: the WebAssembly SIMD (f32x4) implementations of the kernels.h contracts
// (the list is kernels_functions.inc), in namespace attn::kernels::simd. Declared only when
// compiling with -msimd128; kernels.cpp dispatches to them in that build. Native builds never
// see this code (they use the reference loops), so the wasm test suite is what exercises it.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__wasm_simd128__)
namespace attn::kernels::simd {

#include "attention/kernels_functions.inc"

}  // namespace attn::kernels::simd
#endif
