// shared_assets: the one copy of the word vectors, the tagger and the French lexicon per module
// instance, shared by every bindings file (vectors, tags, text, heads). Each is parsed once from
// the first bytes handed over; later loads reuse it, so a page holds 4.7 MB of vectors once, parses
// each asset once, and nothing that refers to them (the heads model) can be left dangling.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "text/lexicon.h"
#include "text/tagger.h"
#include "text/word_vectors.h"

namespace attn::wasm {

std::unique_ptr<WordVectors>& shared_word_vectors();
std::unique_ptr<Tagger>& shared_tagger();
std::unique_ptr<Lexicon>& shared_lexicon();

}  // namespace attn::wasm
