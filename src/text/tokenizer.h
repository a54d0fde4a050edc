// tokenizer: typed text -> tokens with surface text, lower-cased lookup form and UTF-16 offsets.
// Rules, in the spirit of the Penn Treebank tokenizer but for whatever a person types:
// - words are runs of letters, digits and combining marks; hyphens and apostrophes between two
//   letters stay inside (well-known, o'clock); '.' and ',' between digits too (3.14, 1,000);
// - English contractions split off their clitic: don't -> do + n't, can't -> ca + n't,
//   cat's -> cat + 's, I'm, we'll, they've, you're, he'd; French elisions split after the
//   apostrophe when lang is French: l'homme -> l' + homme, j'ai, qu'il, jusqu'à;
// - emoji are one token each, including skin tones, ZWJ sequences and flag pairs;
//   other punctuation and symbols are one token each (a run of the same mark, like "...", is one);
// - "[MASK]" (any case) is one special token whose lookup form is "[MASK]";
// - whitespace, controls, NUL and U+FFFD (what invalid UTF-8 and lone surrogates become)
//   separate tokens and are dropped; offsets always index the original text.
// Offsets are in UTF-16 code units, what JS strings use: text.slice(start, end) is the token.
// It does not guess the language, normalize Unicode beyond the lookup form, or split CJK text
// into words (a run of CJK characters is one token, capped at kMaxTokenChars).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

enum class Lang : std::uint8_t { kEnglish, kFrench };

// "en" | "fr" -> Lang; throws std::invalid_argument naming the argument otherwise.
Lang parse_lang(std::string_view name);

enum class TokenKind : std::uint8_t { kWord, kNumber, kPunct, kSymbol, kSpecial };

// "word" | "number" | "punct" | "symbol" | "special"
const char* token_kind_name(TokenKind kind);

struct Token {
  std::string text;     // surface form, valid UTF-8 (bad bytes in the input became U+FFFD)
  std::string lower;    // lookup form: lower-cased, accents composed (e + U+0301 -> é), ’ -> '
  std::uint32_t start;  // UTF-16 code units from the start of the text
  std::uint32_t end;    // one past the last code unit
  TokenKind kind;
};

inline constexpr std::size_t kDefaultMaxTokens = 64;
inline constexpr std::size_t kMaxTokensLimit = 100000;
// A run of letters (or emoji) longer than this is cut into several tokens, so one pasted
// megabyte without spaces costs no more than a sentence.
inline constexpr std::size_t kMaxTokenChars = 100;

struct TokenizeOptions {
  Lang lang = Lang::kEnglish;
  std::size_t max_tokens = kDefaultMaxTokens;  // 1 .. kMaxTokensLimit
};

struct Tokenized {
  std::vector<Token> tokens;  // at most max_tokens
  bool truncated = false;     // true when the text holds more tokens than were returned
};

// text: any bytes (UTF-8 expected) -> tokens (<= max_tokens). Scanning stops at the first token
// beyond max_tokens, so the cost is bounded by the tokens returned, not by the text length
// (except for leading whitespace). Throws std::invalid_argument on max_tokens out of range.
Tokenized tokenize(std::string_view text, const TokenizeOptions& options = {});

// Lookup form of a single word (the `lower` of a token): for callers that pass plain strings.
std::string lookup_form(std::string_view word);

// Kind of a single token string, from its first character (for callers that pass strings).
TokenKind classify_token(std::string_view token);

}  // namespace attn
