// build_info: what this build of the core is (version, SIMD or scalar kernels).
// Lets the page, the tests and bug reports say which module actually ran.
#pragma once

#include <string>

namespace attn {

// Version of the core, matching package.json's "version".
const char* version();

// "wasm-simd128" when compiled with -msimd128, otherwise "scalar".
const char* kernel_flavour();

}  // namespace attn
