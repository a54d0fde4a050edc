// results: how the core's result structs become JS objects, shared by the bindings files. Each
// matrix is copied into a new typed array of its row-major values (Float32Array, Uint8Array
// for masks); nothing is computed here, only copied and named.
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <initializer_list>
#include <utility>

#include "attention/mask.h"
#include "attention/matrix.h"
#include "attention/multi_head.h"
#include "convert.h"
#include "text/tokenizer.h"

namespace attn::wasm {

// Mat (rows, cols) -> Float32Array(rows * cols).
inline emscripten::val to_js(const Mat& m) {
  return to_typed_array(m.data(), static_cast<std::size_t>(m.size()));
}

// Mask (rows, cols) -> Uint8Array(rows * cols), 1 = blocked.
inline emscripten::val to_js(const Mask& m) {
  return to_typed_array(m.data(), static_cast<std::size_t>(m.size()));
}

// o[key] = to_js(*m) for each (key, m).
inline void set_matrices(emscripten::val& o,
                         std::initializer_list<std::pair<const char*, const Mat*>> items) {
  for (const auto& [key, m] : items) o.set(key, to_js(*m));
}

// One JS key of a head's trace: o[key] = the HeadTrace member, when `bit` is among the bits
// asked for.
struct TraceField {
  int bit;
  const char* key;
  Mat HeadTrace::*matrix;
};

// The asked-for fields of head t as an object; t null (nothing was computed, e.g. no tokens):
// each asked-for key is an empty Float32Array.
template <std::size_t N>
emscripten::val head_trace_js(const HeadTrace* t, const TraceField (&fields)[N], int bits) {
  emscripten::val o = emscripten::val::object();
  const Mat none;
  for (const TraceField& f : fields) {
    if (bits & f.bit) o.set(f.key, to_js(t ? t->*f.matrix : none));
  }
  return o;
}

// {text, lower, start, end, kind}: a token as tokenize() and analyze() show it (Token, or
// AnalyzedToken which adds its tag).
template <typename TokenLike>
emscripten::val token_js(const TokenLike& t) {
  emscripten::val o = emscripten::val::object();
  o.set("text", t.text);
  o.set("lower", t.lower);
  o.set("start", t.start);
  o.set("end", t.end);
  o.set("kind", std::string(token_kind_name(t.kind)));
  return o;
}

}  // namespace attn::wasm
