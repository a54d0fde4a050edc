// utf8: the small amount of Unicode the tokenizer needs, without an ICU dependency.
// - A forgiving UTF-8 decoder: every invalid byte, overlong form, surrogate code point or
//   value above U+10FFFF decodes as U+FFFD, one byte at a time, so it can never loop or read
//   past the end.
// - A coarse character classification (letters, digits, marks, emoji parts, punctuation,
//   spaces) from code-point ranges. It is deliberately approximate: anything not known to be
//   a space, control, punctuation or symbol counts as a letter, so scripts it has no table
//   for (Arabic, Hebrew, Devanagari, CJK ...) still form words instead of crashing or vanishing.
// - Lower-casing for Latin (ASCII, Latin-1, Latin Extended-A), Greek and Cyrillic, and
//   composition of a base letter + combining accent into the precomposed letter (e + U+0301
//   -> é) for the accents French and the other Western European languages use.
// It does not implement full Unicode normalization, case folding or grapheme segmentation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace attn::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point of s at byte offset pos; sets length to the bytes consumed (>= 1).
// Invalid input gives kReplacement with length 1.
char32_t decode(std::string_view s, std::size_t pos, std::size_t& length);

// Appends the UTF-8 encoding of c (c must be a scalar value; others append U+FFFD).
void append(std::string& out, char32_t c);

// Number of UTF-16 code units c takes in a JS string (2 above U+FFFF).
inline std::uint32_t utf16_length(char32_t c) { return c > 0xFFFF ? 2u : 1u; }

enum class CharClass : std::uint8_t {
  kSpace,        // whitespace, controls, NUL, U+FFFD, zero-width space: separate tokens, dropped
  kLetter,       // letters of any script (the default for unknown code points)
  kDigit,        // ASCII and other decimal digits
  kMark,         // combining marks and ZWNJ: stay attached to the preceding character
  kEmojiExtend,  // variation selectors, skin-tone modifiers, keycap, tag characters
  kZwj,          // U+200D zero-width joiner (joins emoji into one sequence)
  kRegional,     // regional indicator letters (pairs form flags)
  kEmoji,        // pictographs and other symbols that start an emoji token
  kApostrophe,   // ' and ’ (contractions and elisions)
  kHyphen,       // - and U+2010 hyphen (hyphenated words)
  kPunct,        // other punctuation and symbols: one token each
};

CharClass classify(char32_t c);

// Simple (one-to-one) lower-case mapping; unchanged when c has no lower case here.
char32_t to_lower(char32_t c);

// Precomposed form of base + combining mark (e.g. 'e' + U+0301 -> U+00E9), or 0 if none.
char32_t compose(char32_t base, char32_t mark);

// True if s is well-formed UTF-8 (no replacement needed).
bool is_valid(std::string_view s);

}  // namespace attn::utf8
