// unicode_tables: the Unicode character properties the exact GPT-2 and BERT tokenizers need,
// from tables generated out of Python's unicodedata (src/tools/gen_unicode_tables.py; the
// Unicode version is on the first line of unicode_tables.cpp). Python is the reference because
// both tokenizers were defined in Python: GPT-2's pre-tokenizer regex uses \p{L} and \p{N};
// Hugging Face's BertTokenizer uses unicodedata.category, str.lower() and NFD.
// Lookups are binary searches over sorted ranges, so they cost O(log n) and no allocation.
// Not here: composition (NFC), canonical reordering of combining marks, case folding.
#pragma once

#include <cstddef>
#include <cstdint>

namespace attn::unicode {

struct CodeRange {
  char32_t lo;
  char32_t hi;  // inclusive
};

struct CodeMapping {
  char32_t code_point;
  std::uint16_t offset;  // into the table's *_chars array
  std::uint8_t length;
};

// Generated tables (unicode_tables.cpp).
extern const CodeRange kLetterRanges[];  // categories L*
extern const std::size_t kLetterRanges_size;
extern const CodeRange kNumberRanges[];  // N*
extern const std::size_t kNumberRanges_size;
extern const CodeRange kPunctuationRanges[];  // P*
extern const std::size_t kPunctuationRanges_size;
extern const CodeRange kOtherRanges[];  // C*: Cc, Cf, Cs, Co and unassigned Cn
extern const std::size_t kOtherRanges_size;
extern const CodeRange kNonspacingMarkRanges[];  // Mn
extern const std::size_t kNonspacingMarkRanges_size;
extern const char32_t kLowerCase_chars[];
extern const CodeMapping kLowerCase[];  // str.lower() of one character, except U+03A3
extern const std::size_t kLowerCase_size;
extern const char32_t kDecomposition_chars[];
extern const CodeMapping kDecomposition[];  // full NFD of one character, except Hangul
extern const std::size_t kDecomposition_size;

bool is_letter(char32_t c);           // \p{L}
bool is_number(char32_t c);           // \p{N}
bool is_punctuation(char32_t c);      // category P*
bool is_other(char32_t c);            // category C* (what BERT calls control, minus \t\n\r)
bool is_nonspacing_mark(char32_t c);  // category Mn
bool is_white_space(char32_t c);      // the White_Space property (the `regex` module's \s)
bool is_python_space(char32_t c);     // Python's str.isspace() (what str.split() splits on)

// Up to 4 code points written to out; returns how many (1 = unchanged, c itself).
// lower_case: Python's str.lower() of c alone (U+03A3 gives σ; final sigma is the caller's).
// decompose: unicodedata.normalize("NFD", c) for c alone, Hangul syllables included.
inline constexpr std::size_t kMaxMapping = 4;
std::size_t lower_case(char32_t c, char32_t out[kMaxMapping]);
std::size_t decompose(char32_t c, char32_t out[kMaxMapping]);

}  // namespace attn::unicode
