// evidence_js: a head's evidence (src/heads/evidence.h) and its spec's gate as JS values, for
// heads_bindings.cpp. Conversions only. Always copied: T floats and 2·T bytes per head.
#pragma once

#include <emscripten/val.h>

#include "convert.h"
#include "heads/evidence.h"
#include "heads/head_specs.h"

namespace attn::wasm {

// e -> {best: Float32Array(T) logits (-Infinity: no other allowed key), asks: Uint8Array(T),
// idle: Uint8Array(T)}; empty arrays for a head that did not run.
inline emscripten::val evidence_js(const HeadEvidence& e) {
  emscripten::val o = emscripten::val::object();
  o.set("best", to_typed_array(e.best.data(), e.best.size()));
  o.set("asks", to_typed_array(e.asks.data(), e.asks.size()));
  o.set("idle", to_typed_array(e.idle.data(), e.idle.size()));
  return o;
}

// Adds the spec's gate to a headSpecs() entry: asksFor (who asks), minEvidence (logits).
inline void set_gate_js(emscripten::val& spec, const HeadSpec& s) {
  spec.set("asksFor", s.asks_label);
  spec.set("minEvidence", s.min_evidence);
}

}  // namespace attn::wasm
