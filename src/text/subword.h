// subword: what the exact model tokenizers (GPT-2 byte-level BPE in bpe.h, BERT WordPiece in
// wordpiece.h) share: the token they return, with its id and where it came from in the input,
// and the typed errors they throw. Offsets are given both in UTF-8 bytes (the C++ input) and
// in UTF-16 code units (what JS strings index), so text.slice(utf16_start, utf16_end) in JS
// shows the characters a token covers.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace attn {

struct SubwordToken {
  std::int32_t id;           // index into the model's vocabulary
  std::uint32_t byte_start;  // [byte_start, byte_end): UTF-8 bytes of the input it encodes
  std::uint32_t byte_end;
  std::uint32_t utf16_start;  // [utf16_start, utf16_end): UTF-16 code units of the input,
  std::uint32_t utf16_end;    // widened to whole characters (see each tokenizer)
};

// A vocabulary, merges or vocab.txt file that is not what the tokenizer expects (bad JSON,
// missing byte symbols, a merge of unknown tokens, no [UNK] ...). The message names the file,
// the line or byte offset and the problem.
class TokenizerDataError : public std::invalid_argument {
 public:
  explicit TokenizerDataError(const std::string& message) : std::invalid_argument(message) {}
};

// A token id outside the vocabulary given to decode().
class TokenIdError : public std::out_of_range {
 public:
  explicit TokenIdError(const std::string& message) : std::out_of_range(message) {}
};

}  // namespace attn
