// utf8: forgiving decoder, coarse classification, Latin/Greek/Cyrillic lower-casing (see utf8.h).
#include "text/utf8.h"

namespace attn::utf8 {
namespace {

bool in(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

bool is_space(char32_t c) {
  return c <= 0x20 || in(c, 0x7F, 0xA0) || c == 0x1680 || in(c, 0x2000, 0x200B) ||
         in(c, 0x200E, 0x200F) || in(c, 0x2028, 0x202F) || c == 0x205F || in(c, 0x2060, 0x206F) ||
         c == 0x3000 || c == 0xFEFF || in(c, 0xFFF0, 0xFFFF);
}

bool is_mark(char32_t c) {
  return in(c, 0x0300, 0x036F) || in(c, 0x0483, 0x0489) || in(c, 0x0591, 0x05BD) || c == 0x05BF ||
         in(c, 0x05C1, 0x05C2) || in(c, 0x05C4, 0x05C5) || c == 0x05C7 || in(c, 0x0610, 0x061A) ||
         in(c, 0x064B, 0x065F) || c == 0x0670 || in(c, 0x06D6, 0x06DC) || in(c, 0x06DF, 0x06E4) ||
         in(c, 0x06E7, 0x06E8) || in(c, 0x06EA, 0x06ED) || in(c, 0x1AB0, 0x1AFF) ||
         in(c, 0x1DC0, 0x1DFF) || in(c, 0x20D0, 0x20E2) || in(c, 0x20E4, 0x20F0) ||
         in(c, 0xFE20, 0xFE2F) || c == 0x200C || c == 0x00AD;
}

bool is_emoji_extend(char32_t c) {
  return in(c, 0xFE00, 0xFE0F) || in(c, 0xE0100, 0xE01EF) || in(c, 0x1F3FB, 0x1F3FF) ||
         in(c, 0xE0020, 0xE007F) || c == 0x20E3;
}

bool is_emoji(char32_t c) {
  return in(c, 0x2300, 0x23FF) || in(c, 0x2460, 0x24FF) || in(c, 0x25A0, 0x27BF) ||
         in(c, 0x2900, 0x2BFF) || in(c, 0x1F000, 0x1FBFF) || c == 0x3030 || c == 0x303D ||
         c == 0x3297 || c == 0x3299;
}

bool is_punct_outside_ascii(char32_t c) {
  return in(c, 0xA1, 0xBF) || c == 0xD7 || c == 0xF7 || in(c, 0x2010, 0x2BFF) ||
         in(c, 0x3001, 0x303F) || in(c, 0xFF01, 0xFF0F) || in(c, 0xFF1A, 0xFF20) ||
         in(c, 0xFF3B, 0xFF40) || in(c, 0xFF5B, 0xFF65) || c == 0x060C || c == 0x061B ||
         c == 0x061F || in(c, 0x066A, 0x066D) || c == 0x06D4 || c == 0x05BE || c == 0x05C0 ||
         c == 0x05C3 || c == 0x05C6 || in(c, 0x05F3, 0x05F4) || in(c, 0x0964, 0x0965) ||
         in(c, 0xE000, 0xF8FF);
}

bool is_digit(char32_t c) {
  return in(c, '0', '9') || in(c, 0x0660, 0x0669) || in(c, 0x06F0, 0x06F9) ||
         in(c, 0x0966, 0x096F) || in(c, 0xFF10, 0xFF19);
}

}  // namespace

char32_t decode(std::string_view s, std::size_t pos, std::size_t& length) {
  length = 1;
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return b0;
  std::size_t need = 0;
  char32_t c = 0;
  char32_t min = 0;
  if (in(b0, 0xC2, 0xDF)) {
    need = 1, c = b0 & 0x1F, min = 0x80;
  } else if (in(b0, 0xE0, 0xEF)) {
    need = 2, c = b0 & 0x0F, min = 0x800;
  } else if (in(b0, 0xF0, 0xF4)) {
    need = 3, c = b0 & 0x07, min = 0x10000;
  } else {
    return kReplacement;  // stray continuation byte, 0xC0/0xC1 overlong lead, or 0xF5..0xFF
  }
  if (pos + need >= s.size()) return kReplacement;  // truncated sequence
  for (std::size_t i = 1; i <= need; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if (!is_continuation(b)) return kReplacement;
    c = (c << 6) | (b & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates encoded as UTF-8 (CESU-8 / WTF-8), beyond U+10FFFF.
  if (c < min || in(c, 0xD800, 0xDFFF) || c > 0x10FFFF) return kReplacement;
  length = need + 1;
  return c;
}

void append(std::string& out, char32_t c) {
  if (in(c, 0xD800, 0xDFFF) || c > 0x10FFFF) c = kReplacement;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

CharClass classify(char32_t c) {
  if (c < 0x80) {
    if (in(c, 'a', 'z') || in(c, 'A', 'Z')) return CharClass::kLetter;
    if (in(c, '0', '9')) return CharClass::kDigit;
    if (c <= 0x20 || c == 0x7F) return CharClass::kSpace;
    if (c == '\'') return CharClass::kApostrophe;
    if (c == '-') return CharClass::kHyphen;
    return CharClass::kPunct;
  }
  if (c == kReplacement || is_space(c)) return CharClass::kSpace;
  if (c == 0x200D) return CharClass::kZwj;
  if (c == 0x2019 || c == 0x02BC) return CharClass::kApostrophe;
  if (c == 0x2010 || c == 0x2011) return CharClass::kHyphen;
  if (is_emoji_extend(c)) return CharClass::kEmojiExtend;
  if (is_mark(c)) return CharClass::kMark;
  if (in(c, 0x1F1E6, 0x1F1FF)) return CharClass::kRegional;
  if (is_emoji(c)) return CharClass::kEmoji;
  if (is_digit(c)) return CharClass::kDigit;
  if (is_punct_outside_ascii(c)) return CharClass::kPunct;
  return CharClass::kLetter;
}

char32_t to_lower(char32_t c) {
  if (in(c, 'A', 'Z')) return c + 32;
  if (c < 0xC0) return c;
  if (in(c, 0xC0, 0xDE) && c != 0xD7) return c + 32;  // Latin-1: À..Þ except ×
  if (c == 0x130) return 'i';                         // İ
  if (c == 0x178) return 0xFF;                        // Ÿ
  // Latin Extended-A: upper/lower pairs alternate, with the parity flipping in two stretches.
  if (in(c, 0x100, 0x137) || in(c, 0x14A, 0x177)) return (c % 2 == 0) ? c + 1 : c;
  if (in(c, 0x139, 0x148) || in(c, 0x179, 0x17E)) return (c % 2 == 1) ? c + 1 : c;
  if (in(c, 0x391, 0x3A9) && c != 0x3A2) return c + 32;  // Greek capitals
  if (c == 0x386) return 0x3AC;
  if (in(c, 0x388, 0x38A)) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (in(c, 0x38E, 0x38F)) return c + 63;
  if (in(c, 0x410, 0x42F)) return c + 32;  // Cyrillic
  if (in(c, 0x400, 0x40F)) return c + 80;
  if (in(c, 0x1E00, 0x1E95) || in(c, 0x1EA0, 0x1EFF))
    return (c % 2 == 0) ? c + 1 : c;  // Vietnamese etc.
  return c;
}

char32_t compose(char32_t base, char32_t mark) {
  // Lower-case Latin-1 letters by (base, combining mark); upper case composes after to_lower.
  struct Entry {
    char base;
    char32_t mark, composed;
  };
  static constexpr Entry kTable[] = {
      {'a', 0x300, 0xE0}, {'a', 0x301, 0xE1}, {'a', 0x302, 0xE2}, {'a', 0x303, 0xE3},
      {'a', 0x308, 0xE4}, {'c', 0x327, 0xE7}, {'e', 0x300, 0xE8}, {'e', 0x301, 0xE9},
      {'e', 0x302, 0xEA}, {'e', 0x308, 0xEB}, {'i', 0x300, 0xEC}, {'i', 0x301, 0xED},
      {'i', 0x302, 0xEE}, {'i', 0x308, 0xEF}, {'n', 0x303, 0xF1}, {'o', 0x300, 0xF2},
      {'o', 0x301, 0xF3}, {'o', 0x302, 0xF4}, {'o', 0x303, 0xF5}, {'o', 0x308, 0xF6},
      {'u', 0x300, 0xF9}, {'u', 0x301, 0xFA}, {'u', 0x302, 0xFB}, {'u', 0x308, 0xFC},
      {'y', 0x301, 0xFD}, {'y', 0x308, 0xFF},
  };
  for (const Entry& e : kTable) {
    if (static_cast<char32_t>(e.base) == base && e.mark == mark) return e.composed;
  }
  return 0;
}

bool is_valid(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    std::size_t length = 0;
    if (decode(s, pos, length) == kReplacement &&
        !(length == 3 && s.substr(pos, 3) == "\xEF\xBF\xBD"))
      return false;
    pos += length;
  }
  return true;
}

}  // namespace attn::utf8
