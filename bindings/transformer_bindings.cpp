// transformer_bindings: Embind registration of the engine's Transformer handle
// (transformer_handle.h).
#include <emscripten/bind.h>

#include "transformer_handle.h"

EMSCRIPTEN_BINDINGS(attn_transformer) {
  emscripten::class_<attn::wasm::TransformerHandle>("TransformerHandle")
      .constructor<>()
      .function("create", &attn::wasm::TransformerHandle::create)
      .function("load", &attn::wasm::TransformerHandle::load)
      .function("run", &attn::wasm::TransformerHandle::run)
      .function("trainStep", &attn::wasm::TransformerHandle::train_step)
      .function("save", &attn::wasm::TransformerHandle::save);
}
