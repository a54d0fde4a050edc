// tokenizer: a single forward scan over the UTF-8 text, decoding one code point at a time and
// keeping the UTF-16 offset alongside the byte offset (see tokenizer.h for the rules).
#include "text/tokenizer.h"

#include <array>
#include <stdexcept>

#include "text/utf8.h"

namespace attn {
namespace {

using utf8::CharClass;

// A place in the text: byte offset (for slicing) and UTF-16 offset (for JS).
struct Pos {
  std::size_t byte = 0;
  std::uint32_t u16 = 0;
};

struct Scanner {
  std::string_view s;

  bool done(Pos p) const { return p.byte >= s.size(); }
  // Code point at p (U+FFFD for bad bytes); length gets its byte count.
  char32_t at(Pos p, std::size_t& length) const { return utf8::decode(s, p.byte, length); }
  CharClass cls(Pos p) const {
    if (done(p)) return CharClass::kSpace;
    std::size_t length = 0;
    return utf8::classify(at(p, length));
  }
  char32_t cp(Pos p) const {
    if (done(p)) return 0;
    std::size_t length = 0;
    return at(p, length);
  }
  Pos next(Pos p) const {
    std::size_t length = 0;
    const char32_t c = at(p, length);
    return {p.byte + length, p.u16 + utf8::utf16_length(c)};
  }
};

bool is_wordish(CharClass c) {
  return c == CharClass::kLetter || c == CharClass::kDigit || c == CharClass::kMark ||
         c == CharClass::kEmojiExtend;
}
bool is_attached(CharClass c) { return c == CharClass::kMark || c == CharClass::kEmojiExtend; }

// Skips combining marks and emoji modifiers after a character (they belong to it).
Pos absorb_attached(const Scanner& sc, Pos p) {
  for (std::size_t n = 0; n < kMaxTokenChars && !sc.done(p) && is_attached(sc.cls(p)); ++n)
    p = sc.next(p);
  return p;
}

// Letters, digits and marks, with hyphens/apostrophes between letters and . , between digits.
Pos scan_word(const Scanner& sc, Pos p, bool& has_letter) {
  CharClass prev = CharClass::kSpace;
  has_letter = false;
  for (std::size_t n = 0; n < kMaxTokenChars && !sc.done(p); ++n) {
    const CharClass c = sc.cls(p);
    if (is_wordish(c)) {
      has_letter = has_letter || c == CharClass::kLetter;
      if (c == CharClass::kLetter || c == CharClass::kDigit) prev = c;
      p = sc.next(p);
      continue;
    }
    const Pos after = sc.next(p);
    const CharClass following = sc.cls(after);
    const bool joins_letters = (c == CharClass::kApostrophe || c == CharClass::kHyphen) &&
                               (following == CharClass::kLetter || following == CharClass::kDigit);
    const char32_t ch = sc.cp(p);
    const bool joins_digits =
        (ch == '.' || ch == ',') && prev == CharClass::kDigit && following == CharClass::kDigit;
    if (!joins_letters && !joins_digits) break;
    p = after;
  }
  return p;
}

// One emoji: a pictograph with its modifiers, ZWJ-joined pictographs, or a regional-indicator pair.
Pos scan_emoji(const Scanner& sc, Pos p) {
  const bool regional = sc.cls(p) == CharClass::kRegional;
  p = absorb_attached(sc, sc.next(p));
  if (regional) {
    if (sc.cls(p) == CharClass::kRegional) p = absorb_attached(sc, sc.next(p));
    return p;
  }
  for (std::size_t n = 0; n < kMaxTokenChars && sc.cls(p) == CharClass::kZwj; ++n) {
    const Pos after = sc.next(p);
    if (sc.cls(after) != CharClass::kEmoji) break;
    p = absorb_attached(sc, sc.next(after));
  }
  return p;
}

// A punctuation mark or symbol, plus repeats of the same character ("...", "!!").
Pos scan_punct(const Scanner& sc, Pos p) {
  const char32_t first = sc.cp(p);
  p = absorb_attached(sc, sc.next(p));
  for (std::size_t n = 0; n < kMaxTokenChars && !sc.done(p) && sc.cp(p) == first; ++n) {
    p = absorb_attached(sc, sc.next(p));
  }
  return p;
}

bool is_mask_at(std::string_view s, std::size_t byte) {
  static constexpr std::string_view kMask = "[mask]";
  if (s.size() - byte < kMask.size()) return false;
  for (std::size_t i = 0; i < kMask.size(); ++i) {
    char c = s[byte + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kMask[i]) return false;
  }
  return true;
}

// Lower-cased code points of a surface string, one per surface code point (so split points
// found on the lower form map back to the surface), with ’ -> ' for matching clitics.
std::u32string lower_code_points(std::string_view surface) {
  std::u32string out;
  for (std::size_t pos = 0; pos < surface.size();) {
    std::size_t length = 0;
    char32_t c = utf8::decode(surface, pos, length);
    pos += length;
    if (utf8::classify(c) == CharClass::kApostrophe) c = '\'';
    out += utf8::to_lower(c);
  }
  return out;
}

bool ends_with(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Code-point index where an English clitic starts in lower[0, end), or 0 if none.
std::size_t english_clitic(std::u32string_view lower) {
  if (lower.size() > 3 && ends_with(lower, U"n't")) return lower.size() - 3;
  for (std::u32string_view suffix : {U"'s", U"'m", U"'d", U"'re", U"'ve", U"'ll"}) {
    if (lower.size() > suffix.size() && ends_with(lower, suffix))
      return lower.size() - suffix.size();
  }
  return 0;
}

// Code-point length of a French elided prefix at the start of lower (l', qu', jusqu' ...), or 0.
std::size_t french_elision(std::u32string_view lower) {
  static constexpr std::array<std::u32string_view, 13> kPrefixes = {
      U"l'", U"d'",  U"j'",     U"m'",      U"n'",      U"s'",     U"t'",
      U"c'", U"qu'", U"jusqu'", U"lorsqu'", U"puisqu'", U"quoiqu'"};
  for (std::u32string_view prefix : kPrefixes) {
    if (lower.size() > prefix.size() && lower.substr(0, prefix.size()) == prefix)
      return prefix.size();
  }
  return 0;
}

// Code-point split points of a word (ascending), from its clitics.
std::vector<std::size_t> split_points(std::string_view surface, Lang lang) {
  const std::u32string lower = lower_code_points(surface);
  std::vector<std::size_t> points;
  if (lang == Lang::kFrench) {
    std::size_t at = 0;
    for (std::size_t n = 0; n < 3; ++n) {
      const std::size_t k = french_elision(std::u32string_view(lower).substr(at));
      if (k == 0) break;
      at += k;
      points.push_back(at);
    }
    return points;
  }
  std::size_t end = lower.size();
  for (std::size_t n = 0; n < 3; ++n) {
    const std::size_t k = english_clitic(std::u32string_view(lower).substr(0, end));
    if (k == 0) break;
    points.insert(points.begin(), k);
    end = k;
  }
  return points;
}

class Builder {
 public:
  Builder(std::string_view text, const TokenizeOptions& options) : sc_{text}, options_(options) {}

  bool full() const { return out_.tokens.size() >= options_.max_tokens; }
  void mark_truncated() { out_.truncated = true; }

  // Adds the token [from, to), split at the given code-point indexes if any.
  void add(Pos from, Pos to, TokenKind kind, const std::vector<std::size_t>& splits = {}) {
    Pos piece_start = from;
    Pos p = from;
    std::size_t index = 0;
    for (std::size_t split : splits) {
      for (; index < split; ++index) p = sc_.next(p);
      push(piece_start, p, kind);
      piece_start = p;
    }
    push(piece_start, to, kind);
  }

  Tokenized finish() { return std::move(out_); }

 private:
  void push(Pos from, Pos to, TokenKind kind) {
    if (full()) {
      out_.truncated = true;
      return;
    }
    Token token;
    token.text = std::string(sc_.s.substr(from.byte, to.byte - from.byte));
    if (!utf8::is_valid(token.text)) token.text = sanitize(token.text);
    token.lower = kind == TokenKind::kSpecial ? "[MASK]" : lookup_form(token.text);
    token.start = from.u16;
    token.end = to.u16;
    token.kind = kind;
    out_.tokens.push_back(std::move(token));
  }

  static std::string sanitize(std::string_view s) {
    std::string out;
    for (std::size_t pos = 0; pos < s.size();) {
      std::size_t length = 0;
      utf8::append(out, utf8::decode(s, pos, length));
      pos += length;
    }
    return out;
  }

  Scanner sc_;
  TokenizeOptions options_;
  Tokenized out_;
};

}  // namespace

Lang parse_lang(std::string_view name) {
  if (name == "en") return Lang::kEnglish;
  if (name == "fr") return Lang::kFrench;
  throw std::invalid_argument("lang must be 'en' or 'fr', got '" + std::string(name.substr(0, 20)) +
                              "'");
}

const char* token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord:
      return "word";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kPunct:
      return "punct";
    case TokenKind::kSymbol:
      return "symbol";
    case TokenKind::kSpecial:
      return "special";
  }
  return "word";
}

Tokenized tokenize(std::string_view text, const TokenizeOptions& options) {
  if (options.max_tokens < 1 || options.max_tokens > kMaxTokensLimit) {
    throw std::invalid_argument("maxTokens must be between 1 and " +
                                std::to_string(kMaxTokensLimit) + ", got " +
                                std::to_string(options.max_tokens));
  }
  const Scanner sc{text};
  Builder builder(text, options);
  Pos p;
  while (!sc.done(p)) {
    // Fast path for runs of ASCII whitespace and controls (a pasted megabyte of blank lines).
    if (static_cast<unsigned char>(text[p.byte]) <= 0x20) {
      ++p.byte;
      ++p.u16;
      continue;
    }
    std::size_t length = 0;
    const char32_t ch = sc.at(p, length);
    const CharClass c = utf8::classify(ch);
    // Separators, and marks/joiners with no character to attach to, are dropped.
    if (c == CharClass::kSpace || c == CharClass::kZwj || is_attached(c)) {
      p = {p.byte + length, p.u16 + utf8::utf16_length(ch)};
      continue;
    }
    if (builder.full()) {
      builder.mark_truncated();  // there is at least one more token: stop scanning here
      break;
    }
    Pos end;
    if (ch == '[' && is_mask_at(text, p.byte)) {
      end = {p.byte + 6, p.u16 + 6};
      builder.add(p, end, TokenKind::kSpecial);
    } else if (c == CharClass::kLetter || c == CharClass::kDigit) {
      bool has_letter = false;
      end = scan_word(sc, p, has_letter);
      if (has_letter) {
        builder.add(p, end, TokenKind::kWord,
                    split_points(text.substr(p.byte, end.byte - p.byte), options.lang));
      } else {
        builder.add(p, end, c == CharClass::kDigit ? TokenKind::kNumber : TokenKind::kWord);
      }
    } else if (c == CharClass::kEmoji || c == CharClass::kRegional) {
      end = scan_emoji(sc, p);
      builder.add(p, end, TokenKind::kSymbol);
    } else {
      end = scan_punct(sc, p);
      builder.add(p, end, TokenKind::kPunct);
    }
    p = end;
  }
  return builder.finish();
}

std::string lookup_form(std::string_view word) {
  std::string out;
  char32_t pending = 0;  // last lower-cased code point, held back so a combining accent can join it
  for (std::size_t pos = 0; pos < word.size();) {
    std::size_t length = 0;
    char32_t c = utf8::decode(word, pos, length);
    pos += length;
    const CharClass cls = utf8::classify(c);
    if (cls == CharClass::kApostrophe) c = '\'';
    if (cls == CharClass::kMark && pending != 0) {
      if (const char32_t composed = utf8::compose(pending, c)) {
        pending = composed;
        continue;
      }
    }
    if (pending != 0) utf8::append(out, pending);
    pending = utf8::to_lower(c);
  }
  if (pending != 0) utf8::append(out, pending);
  return out;
}

TokenKind classify_token(std::string_view token) {
  if (is_mask_at(token, 0) && token.size() == 6) return TokenKind::kSpecial;
  for (std::size_t pos = 0; pos < token.size();) {
    std::size_t length = 0;
    const CharClass c = utf8::classify(utf8::decode(token, pos, length));
    pos += length;
    if (c == CharClass::kLetter) return TokenKind::kWord;
    if (c == CharClass::kDigit) return TokenKind::kNumber;
    if (c == CharClass::kEmoji || c == CharClass::kRegional) return TokenKind::kSymbol;
    if (c == CharClass::kPunct) return TokenKind::kPunct;
    // an apostrophe or hyphen may open a clitic ('s): the character after it decides
  }
  return TokenKind::kPunct;
}

}  // namespace attn
