// bert_basic: the "basic tokenizer" of Hugging Face's BertTokenizer (tokenization_bert.py),
// the step before WordPiece: clean the text (drop NUL, U+FFFD and category C* characters,
// turn \t \n \r and Zs spaces into spaces), put CJK ideographs in words of their own, split on
// whitespace (Python's str.split()), lower-case (str.lower()) and strip accents (NFD, then drop
// Mn marks) as the options say, and split every punctuation character (category P* or the
// ASCII symbol ranges 33-47, 58-64, 91-96, 123-126) into its own word.
// Every character of a word remembers the input character it came from, so a word, and any
// piece of it, maps back to byte and UTF-16 offsets of the input even after lower-casing or
// decomposition changed its length.
// Differences from the Python, stated: no NFC before the split (newer transformers versions
// compose first; for uncased models it changes nothing, for cased models it matters only for
// text typed in decomposed form, like e + U+0301); final sigma (Σ -> ς at the end of a word)
// looks at letters (\p{L}) around it, skipping Mn marks, where Python uses the Cased and
// Case_Ignorable properties; combining marks are not canonically reordered (only the order
// among Mn marks, which accent stripping removes anyway, could differ).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace attn {

struct BasicTokenizerOptions {
  bool lower_case = true;     // do_lower_case
  bool strip_accents = true;  // HF: strip_accents, or do_lower_case when strip_accents is None
  bool split_cjk = true;      // tokenize_chinese_chars
};

struct SourcedChar {
  char32_t cp;
  std::uint32_t byte_start, byte_end;    // input character it came from, in UTF-8 bytes
  std::uint32_t utf16_start, utf16_end;  // and in UTF-16 code units
};

using SourcedWord = std::vector<SourcedChar>;  // non-empty

// text: any bytes (invalid UTF-8 becomes U+FFFD, which cleaning drops) -> words in order.
std::vector<SourcedWord> bert_basic_tokenize(std::string_view text,
                                             const BasicTokenizerOptions& options);

// HF's _is_chinese_char: the CJK Unified Ideographs blocks (not Hiragana, Katakana or Hangul).
bool is_cjk_ideograph(char32_t c);

// HF's _is_punctuation: category P* or ASCII 33-47, 58-64, 91-96, 123-126.
bool is_bert_punctuation(char32_t c);

}  // namespace attn
