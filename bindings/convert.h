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

// Copies n values out of wasm memory into a new typed array of their type (Float32Array for
// float, Uint8Array for std::uint8_t, Int32Array for std::int32_t).
template <typename T>
emscripten::val to_typed_array(const T* data, std::size_t n) {
  return emscripten::val(emscripten::typed_memory_view(n, data)).call<emscripten::val>("slice");
}

inline emscripten::val to_float32_array(const float* data, std::size_t n) {
  return to_typed_array(data, n);
}

// True when args[name] is neither undefined nor null.
inline bool has(const emscripten::val& args, const char* name) {
  const emscripten::val v = args[name];
  return !v.isUndefined() && !v.isNull();
}

// ["a", "b"] from strings.
inline emscripten::val strings_js(const std::vector<std::string>& items) {
  emscripten::val out = emscripten::val::array();
  for (const std::string& s : items) out.call<void>("push", s);
  return out;
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
