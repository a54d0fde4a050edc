#include "build_info.h"

namespace attn {

const char* version() { return "0.1.0"; }

const char* kernel_flavour() {
#if defined(__wasm_simd128__)
  return "wasm-simd128";
#else
  return "scalar";
#endif
}

}  // namespace attn
