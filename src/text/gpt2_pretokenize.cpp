// gpt2_pretokenize: the GPT-2 pre-tokenizer regex as a hand-written scan (see the header).
#include "text/gpt2_pretokenize.h"

#include <cstdint>

#include "text/unicode_tables.h"
#include "text/utf8.h"

namespace attn {
namespace {

enum class Cls : std::uint8_t { kLetter, kNumber, kSpace, kOther };

struct Char {
  char32_t cp;       // kReplacement for an invalid byte
  std::size_t byte;  // offset of its first byte
  Cls cls;
};

Cls classify(char32_t c) {
  if (unicode::is_white_space(c)) return Cls::kSpace;
  if (unicode::is_letter(c)) return Cls::kLetter;
  if (unicode::is_number(c)) return Cls::kNumber;
  return Cls::kOther;
}

std::vector<Char> decode_all(std::string_view text) {
  std::vector<Char> chars;
  chars.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    const char32_t cp = utf8::decode(text, pos, length);
    chars.push_back({cp, pos, classify(cp)});
    pos += length;
  }
  return chars;
}

// Length in characters of the contraction at i ('s 't 're 've 'm 'll 'd), or 0.
std::size_t contraction(const std::vector<Char>& c, std::size_t i) {
  if (c[i].cp != U'\'' || i + 1 >= c.size()) return 0;
  const char32_t a = c[i + 1].cp;
  if (a == U's' || a == U't' || a == U'm' || a == U'd') return 2;
  if (i + 2 >= c.size()) return 0;
  const char32_t b = c[i + 2].cp;
  if ((a == U'r' && b == U'e') || (a == U'v' && b == U'e') || (a == U'l' && b == U'l')) return 3;
  return 0;
}

// End (exclusive, in characters) of the piece that starts at i.
std::size_t piece_end(const std::vector<Char>& c, std::size_t i) {
  const std::size_t n = c.size();
  if (const std::size_t k = contraction(c, i)) return i + k;
  // ' ?\p{L}+', ' ?\p{N}+', ' ?[^\s\p{L}\p{N}]+': an optional U+0020, then a run of one class.
  const std::size_t j = (c[i].cp == U' ' && i + 1 < n && c[i + 1].cls != Cls::kSpace) ? i + 1 : i;
  if (c[j].cls != Cls::kSpace) {
    std::size_t k = j + 1;
    while (k < n && c[k].cls == c[j].cls) ++k;
    return k;
  }
  // '\s+(?!\S)' then '\s+': a whitespace run gives back its last character to a following
  // non-space, unless the run is a single character.
  std::size_t k = i + 1;
  while (k < n && c[k].cls == Cls::kSpace) ++k;
  if (k == n || k - i == 1) return k;
  return k - 1;
}

}  // namespace

std::vector<ByteRange> gpt2_pretokenize(std::string_view text) {
  const std::vector<Char> chars = decode_all(text);
  std::vector<ByteRange> pieces;
  for (std::size_t i = 0; i < chars.size();) {
    const std::size_t end = piece_end(chars, i);
    pieces.push_back({chars[i].byte, end < chars.size() ? chars[end].byte : text.size()});
    i = end;
  }
  return pieces;
}

}  // namespace attn
