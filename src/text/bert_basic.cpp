// bert_basic: BertTokenizer's basic tokenizer with source offsets (see the header).
#include "text/bert_basic.h"

#include "text/unicode_tables.h"
#include "text/utf8.h"

namespace attn {
namespace {

bool is_bert_whitespace(char32_t c) {  // HF's _is_whitespace: " \t\n\r" or category Zs
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_bert_control(char32_t c) {  // HF's _is_control: category C*, but not \t \n \r
  return c != U'\t' && c != U'\n' && c != U'\r' && unicode::is_other(c);
}

// pass 1 (_clean_text + _tokenize_chinese_chars + whitespace split): words of input chars.
std::vector<SourcedWord> split_words(std::string_view text, bool split_cjk) {
  std::vector<SourcedWord> words;
  SourcedWord word;
  const auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  std::uint32_t units = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    const char32_t c = utf8::decode(text, pos, length);
    const SourcedChar sc{c, static_cast<std::uint32_t>(pos),
                         static_cast<std::uint32_t>(pos + length), units,
                         units + utf8::utf16_length(c)};
    pos += length;
    units = sc.utf16_end;
    if (c == 0 || c == utf8::kReplacement || is_bert_control(c)) continue;
    if (is_bert_whitespace(c) || unicode::is_python_space(c)) {
      flush();
    } else if (split_cjk && is_cjk_ideograph(c)) {
      flush();
      words.push_back({sc});
    } else {
      word.push_back(sc);
    }
  }
  flush();
  return words;
}

bool letter_skipping_marks(const SourcedWord& w, std::size_t i, int step) {
  for (auto k = static_cast<std::ptrdiff_t>(i) + step;
       k >= 0 && k < static_cast<std::ptrdiff_t>(w.size()); k += step) {
    if (unicode::is_nonspacing_mark(w[k].cp)) continue;
    return unicode::is_letter(w[k].cp);
  }
  return false;
}

// pass 2 (str.lower() and _run_strip_accents) on one word.
SourcedWord normalize(const SourcedWord& word, const BasicTokenizerOptions& options) {
  SourcedWord lowered;
  char32_t buffer[unicode::kMaxMapping];
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (!options.lower_case) {
      lowered.push_back(word[i]);
    } else if (word[i].cp == 0x3A3) {  // Σ: final form at the end of a word
      const bool final_sigma =
          letter_skipping_marks(word, i, -1) && !letter_skipping_marks(word, i, +1);
      lowered.push_back(word[i]);
      lowered.back().cp = final_sigma ? 0x3C2 : 0x3C3;
    } else {
      const std::size_t n = unicode::lower_case(word[i].cp, buffer);
      for (std::size_t k = 0; k < n; ++k)
        lowered.push_back({buffer[k], word[i].byte_start, word[i].byte_end, word[i].utf16_start,
                           word[i].utf16_end});
    }
  }
  if (!options.strip_accents) return lowered;
  SourcedWord stripped;
  for (const SourcedChar& sc : lowered) {
    const std::size_t n = unicode::decompose(sc.cp, buffer);
    for (std::size_t k = 0; k < n; ++k)
      if (!unicode::is_nonspacing_mark(buffer[k]))
        stripped.push_back({buffer[k], sc.byte_start, sc.byte_end, sc.utf16_start, sc.utf16_end});
  }
  return stripped;
}

}  // namespace

bool is_cjk_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
         (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool is_bert_punctuation(char32_t c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
         (c >= 123 && c <= 126) || unicode::is_punctuation(c);
}

std::vector<SourcedWord> bert_basic_tokenize(std::string_view text,
                                             const BasicTokenizerOptions& options) {
  std::vector<SourcedWord> out;
  for (const SourcedWord& word : split_words(text, options.split_cjk)) {
    // pass 3 (_run_split_on_punc): each punctuation character is a word of its own.
    SourcedWord current;
    for (const SourcedChar& sc : normalize(word, options)) {
      if (is_bert_punctuation(sc.cp)) {
        if (!current.empty()) out.push_back(std::move(current));
        current.clear();
        out.push_back({sc});
      } else {
        current.push_back(sc);
      }
    }
    if (!current.empty()) out.push_back(std::move(current));
  }
  return out;
}

}  // namespace attn
