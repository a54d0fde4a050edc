// lexicon: TSV parsing with strict validation, and per-token translation (see lexicon.h).
#include "text/lexicon.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "text/tokenizer.h"
#include "text/utf8.h"

namespace attn {
namespace {

constexpr std::string_view kHeader = "form\tgloss\ttag\tfeatures";
constexpr std::array<std::string_view, 14> kTags = {"NOUN", "VERB", "AUX",  "ADJ",   "ADV",
                                                    "DET",  "PRON", "ADP",  "CCONJ", "SCONJ",
                                                    "NUM",  "PART", "INTJ", "PROPN"};

[[noreturn]] void fail(std::size_t line, const std::string& what) {
  throw std::invalid_argument("lexicon: line " + std::to_string(line) + ": " + what);
}

std::vector<std::string_view> split_tabs(std::string_view row) {
  std::vector<std::string_view> fields;
  std::size_t from = 0;
  for (std::size_t tab; (tab = row.find('\t', from)) != std::string_view::npos; from = tab + 1) {
    fields.push_back(row.substr(from, tab - from));
  }
  fields.push_back(row.substr(from));
  return fields;
}

std::string clip(std::string_view s) { return std::string(s.substr(0, 40)); }

}  // namespace

Lexicon Lexicon::parse(std::string_view bytes) {
  if (!utf8::is_valid(bytes)) throw std::invalid_argument("lexicon: the file is not valid UTF-8");
  Lexicon lexicon;
  bool seen_header = false;
  std::size_t line_number = 0;
  for (std::size_t from = 0; from < bytes.size();) {
    std::size_t newline = bytes.find('\n', from);
    if (newline == std::string_view::npos) newline = bytes.size();
    std::string_view row = bytes.substr(from, newline - from);
    from = newline + 1;
    ++line_number;
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (row.empty() || row.front() == '#') continue;
    if (!seen_header) {
      if (row != kHeader)
        fail(line_number,
             "expected the header 'form<TAB>gloss<TAB>tag<TAB>features', got '" + clip(row) + "'");
      seen_header = true;
      continue;
    }
    const std::vector<std::string_view> f = split_tabs(row);
    if (f.size() != 4)
      fail(line_number, "expected 4 tab-separated fields, got " + std::to_string(f.size()));
    const std::string_view form = f[0], gloss = f[1], tag = f[2], features = f[3];
    if (form.empty() || lookup_form(form) != form)
      fail(line_number, "form '" + clip(form) + "' is not a lower-case lookup form");
    if (gloss.empty() || gloss.find(' ') != std::string_view::npos)
      fail(line_number, "gloss '" + clip(gloss) + "' must be one word");
    if (std::find(kTags.begin(), kTags.end(), tag) == kTags.end())
      fail(line_number, "unknown tag '" + clip(tag) + "'");
    if (features.empty()) fail(line_number, "features must not be empty (use _)");
    const bool inserted =
        lexicon.entries_
            .emplace(std::string(form),
                     LexiconEntry{std::string(gloss), std::string(tag), std::string(features)})
            .second;
    if (!inserted) fail(line_number, "duplicate form '" + clip(form) + "'");
  }
  if (!seen_header)
    throw std::invalid_argument(
        "lexicon: no header line 'form<TAB>gloss<TAB>tag<TAB>features' (empty or truncated file?)");
  if (lexicon.entries_.empty())
    throw std::invalid_argument("lexicon: the file has a header but no entries");
  return lexicon;
}

const LexiconEntry* Lexicon::find(std::string_view lower) const {
  const auto it = entries_.find(std::string(lower));
  return it == entries_.end() ? nullptr : &it->second;
}

Translation Lexicon::translate(std::string_view token) const {
  const std::string lower = lookup_form(token);
  switch (classify_token(token)) {
    case TokenKind::kNumber:
      return {lower, "NUM", true};
    case TokenKind::kPunct:
      return {lower, "PUNCT", true};
    case TokenKind::kSymbol:
      return {lower, "SYM", true};
    case TokenKind::kSpecial:
      return {"[MASK]", "X", true};
    case TokenKind::kWord:
      break;
  }
  if (const LexiconEntry* entry = find(lower)) return {entry->gloss, entry->tag, true};
  // Inverted questions and compounds not listed (dit-il, a-t-elle, est-ce): the head word decides.
  const std::size_t hyphen = lower.find('-');
  if (hyphen != std::string::npos && hyphen > 0) {
    if (const LexiconEntry* entry = find(std::string_view(lower).substr(0, hyphen)))
      return {entry->gloss, entry->tag, true};
  }
  return {lower, "X", false};
}

}  // namespace attn
