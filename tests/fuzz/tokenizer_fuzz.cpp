// tokenizer_fuzz: arbitrary bytes (invalid UTF-8, NUL, controls, emoji fragments) into the
// tokenizer, in both languages and with small token limits. Checks the contract: at most
// max_tokens tokens, offsets increasing and inside the text's UTF-16 length, surface text and
// lookup form valid UTF-8 and non-empty.
#include <cstdint>
#include <string>
#include <string_view>

#include "text/tokenizer.h"

namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// Upper bound of the UTF-16 length of bytes decoded with replacement: one unit per byte.
std::size_t utf16_bound(std::string_view s) { return s.size(); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t max_tokens = 1 + data[0] % 80;
  const attn::Lang lang = (data[0] & 0x80) ? attn::Lang::kFrench : attn::Lang::kEnglish;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const attn::Tokenized result = attn::tokenize(text, {lang, max_tokens});
  if (result.tokens.size() > max_tokens) __builtin_trap();
  std::uint32_t previous_end = 0;
  for (const attn::Token& token : result.tokens) {
    if (token.text.empty() || token.lower.empty()) __builtin_trap();
    if (!valid_utf8(token.text) || !valid_utf8(token.lower)) __builtin_trap();
    if (token.start < previous_end || token.end <= token.start) __builtin_trap();
    if (token.end > utf16_bound(text)) __builtin_trap();
    previous_end = token.end;
  }
  return 0;
}
