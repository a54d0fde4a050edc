// module_bindings: build info and memory statistics of the wasm module.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <vector>

#include "attention/build_info.h"
#include "attention/softmax.h"
#include "convert.h"

namespace attn::wasm {
namespace {

emscripten::val build_info_js() {
  emscripten::val info = emscripten::val::object();
  info.set("version", std::string(version()));
  info.set("kernels", std::string(kernel_flavour()));
  return info;
}

// -> {wasmBytes: size of wasm memory, inUseBytes: bytes the allocator has handed out}
emscripten::val memory_stats_js() {
  struct mallinfo info = mallinfo();
  emscripten::val stats = emscripten::val::object();
  stats.set("wasmBytes", static_cast<double>(emscripten_get_heap_size()));
  stats.set("inUseBytes", static_cast<double>(info.uordblks));
  return stats;
}

// x: (n) numbers -> {weights: Float32Array (n), anyUnmasked: bool}
emscripten::val softmax_js(const emscripten::val& scores) {
  return guarded([&] {
    std::vector<float> x = to_floats(scores);
    std::vector<float> y(x.size());
    const bool any = softmax_row(x.data(), y.data(), x.size());
    emscripten::val result = emscripten::val::object();
    result.set("weights", to_float32_array(y.data(), y.size()));
    result.set("anyUnmasked", any);
    return result;
  });
}

}  // namespace
}  // namespace attn::wasm

EMSCRIPTEN_BINDINGS(attn_module) {
  emscripten::function("buildInfo", &attn::wasm::build_info_js);
  emscripten::function("memoryStats", &attn::wasm::memory_stats_js);
  emscripten::function("softmax", &attn::wasm::softmax_js);
}
