// committed_heads_model: the committed assets (src/data: word vectors, tagger, French lexicon)
// loaded into one HeadsModel, for the tests and the fuzzer that run the whole text pipeline.
// Construct it once (it reads ~5 MB); natively and in wasm (NODERAWFS) alike.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "heads/heads.h"
#include "text/asset_format.h"

namespace attn::testing {

struct CommittedHeadsModel {
  WordVectors vectors = WordVectors::from_file(ATTN_DATA_DIR "/vectors.bin");
  Tagger tagger = Tagger::from_file(ATTN_DATA_DIR "/tagger.bin");
  Lexicon lexicon = Lexicon::parse(read(ATTN_DATA_DIR "/lexicon_fr.tsv"));
  HeadsModel model{vectors, tagger, &lexicon};

  static std::string read(const char* path) {
    const std::vector<std::uint8_t> bytes = asset::read_file_bytes(path);
    return std::string(bytes.begin(), bytes.end());
  }
};

}  // namespace attn::testing
