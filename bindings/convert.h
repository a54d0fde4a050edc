// convert: how values cross the JS <-> wasm boundary, shared by every bindings file.
// - Bulk data is copied both ways (a live view into wasm memory goes stale when it grows).
// - No C++ exception crosses into JS: each binding runs inside guarded(), which turns an
//   exception into {error: "message"}; the JS API (web/lib) rethrows it as a JS Error.
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <exception>
#include <string>
#include <vector>

namespace attn::wasm {

// Copies a JS typed array or plain array of numbers into a vector.
inline std::vector<float> to_floats(const emscripten::val& array) {
  return emscripten::convertJSArrayToNumberVector<float>(array);
}

// Copies n floats out of wasm memory into a new Float32Array.
inline emscripten::val to_float32_array(const float* data, std::size_t n) {
  return emscripten::val(emscripten::typed_memory_view(n, data)).call<emscripten::val>("slice");
}

inline emscripten::val error_value(const std::string& message) {
  emscripten::val result = emscripten::val::object();
  result.set("error", message);
  return result;
}

// Runs f (returning emscripten::val) and converts any C++ exception into {error}.
template <typename F>
emscripten::val guarded(F&& f) {
  try {
    return f();
  } catch (const std::exception& e) {
    return error_value(e.what());
  } catch (...) {
    return error_value("unexpected error in the attention core");
  }
}

}  // namespace attn::wasm
