// wordpiece_fuzz: arbitrary bytes into the BERT tokenizer. The first byte picks the options
// (lower-casing, accent stripping, CJK splitting) and whether the rest is split in two: a
// vocab.txt (loaded or rejected with TokenizerDataError) and a text. Otherwise the text goes
// through a fixed small vocabulary. Checks: ids inside the vocabulary, offsets non-empty,
// increasing and inside the input, in bytes and UTF-16 units.
#include <cstdint>
#include <string>
#include <string_view>

#include "text/bert_wordpiece.h"

namespace {

void check(const attn::WordPieceTokenizer& t, std::string_view text) {
  std::uint32_t byte = 0, units = 0;
  for (const attn::SubwordToken& token : t.encode(text)) {
    if (token.id < 0 || static_cast<std::size_t>(token.id) >= t.vocab_size()) __builtin_trap();
    if (token.byte_end <= token.byte_start || token.byte_end > text.size()) __builtin_trap();
    if (token.utf16_end <= token.utf16_start || token.utf16_end > text.size()) __builtin_trap();
    // Starts never go back (two pieces can share a character: İ lower-cases to two).
    if (token.byte_start < byte || token.utf16_start < units) __builtin_trap();
    byte = token.byte_start;
    units = token.utf16_start;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  attn::WordPieceOptions options;
  options.lower_case = data[0] & 1;
  if (data[0] & 2) options.strip_accents = (data[0] & 4) != 0;
  options.split_cjk = (data[0] & 8) == 0;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] & 16) {
    const std::size_t split = rest.find('\0');
    if (split == std::string_view::npos) return 0;
    try {
      check(attn::WordPieceTokenizer::from_vocab(rest.substr(0, split), options),
            rest.substr(split + 1));
    } catch (const attn::TokenizerDataError&) {
    }
    return 0;
  }
  static const std::string vocab =
      "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nun\n##aff\n##able\nthe\n##s\ncafe\n.\n,\na\n##a\n"
      "\xE4\xB8\xAD\n\xCE\xB1\n##\xCE\xB8\n";
  static const attn::WordPieceTokenizer fixed = attn::WordPieceTokenizer::from_vocab(vocab, {});
  if (options.lower_case && options.split_cjk && !options.strip_accents)
    check(fixed, rest);
  else
    check(attn::WordPieceTokenizer::from_vocab(vocab, options), rest);
  return 0;
}
