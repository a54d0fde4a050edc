// unicode_props: binary searches over the generated tables of unicode_tables.cpp, plus the
// two whitespace sets that are short enough to spell out and the algorithmic Hangul
// decomposition (Unicode 3.12), which the generated table leaves out to stay small.
#include <algorithm>

#include "text/unicode_tables.h"

namespace attn::unicode {
namespace {

bool in_ranges(const CodeRange* ranges, std::size_t size, char32_t c) {
  const CodeRange* end = ranges + size;
  const CodeRange* it =
      std::upper_bound(ranges, end, c, [](char32_t v, const CodeRange& r) { return v < r.lo; });
  return it != ranges && c <= (it - 1)->hi;
}

std::size_t map_one(const CodeMapping* table, std::size_t size, const char32_t* chars, char32_t c,
                    char32_t out[kMaxMapping]) {
  const CodeMapping* end = table + size;
  const CodeMapping* it = std::lower_bound(
      table, end, c, [](const CodeMapping& m, char32_t v) { return m.code_point < v; });
  if (it == end || it->code_point != c) {
    out[0] = c;
    return 1;
  }
  for (std::size_t i = 0; i < it->length; ++i) out[i] = chars[it->offset + i];
  return it->length;
}

}  // namespace

bool is_letter(char32_t c) { return in_ranges(kLetterRanges, kLetterRanges_size, c); }
bool is_number(char32_t c) { return in_ranges(kNumberRanges, kNumberRanges_size, c); }
bool is_punctuation(char32_t c) {
  return in_ranges(kPunctuationRanges, kPunctuationRanges_size, c);
}
bool is_other(char32_t c) { return in_ranges(kOtherRanges, kOtherRanges_size, c); }
bool is_nonspacing_mark(char32_t c) {
  return in_ranges(kNonspacingMarkRanges, kNonspacingMarkRanges_size, c);
}

bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

bool is_python_space(char32_t c) { return is_white_space(c) || (c >= 0x1C && c <= 0x1F); }

std::size_t lower_case(char32_t c, char32_t out[kMaxMapping]) {
  if (c == 0x3A3) {
    out[0] = 0x3C3;
    return 1;
  }
  return map_one(kLowerCase, kLowerCase_size, kLowerCase_chars, c, out);
}

std::size_t decompose(char32_t c, char32_t out[kMaxMapping]) {
  constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
  constexpr char32_t kVCount = 21, kTCount = 28, kSCount = 11172;
  if (c >= kSBase && c < kSBase + kSCount) {
    const char32_t s = c - kSBase;
    out[0] = kLBase + s / (kVCount * kTCount);
    out[1] = kVBase + (s % (kVCount * kTCount)) / kTCount;
    if (s % kTCount == 0) return 2;
    out[2] = kTBase + s % kTCount;
    return 3;
  }
  return map_one(kDecomposition, kDecomposition_size, kDecomposition_chars, c, out);
}

}  // namespace attn::unicode
