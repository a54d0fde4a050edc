// shared_assets: the one copy of the word vectors and the tagger per module instance, shared
// by every bindings file (vectors, tags, heads). Loaded once from the first bytes handed over;
// later loads reuse it, so a page holds 7 MB of vectors once, and nothing that refers to them
// (the heads model) can be left dangling by a reload.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "tagger.h"
#include "word_vectors.h"

namespace attn::wasm {

std::unique_ptr<WordVectors>& shared_word_vectors();
std::unique_ptr<Tagger>& shared_tagger();

}  // namespace attn::wasm
