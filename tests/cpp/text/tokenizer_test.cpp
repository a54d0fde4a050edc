// tokenizer: contractions, elisions, numbers, emoji, [MASK], UTF-16 offsets, truncation and
// hostile input (invalid UTF-8, NUL, controls, huge pastes, RTL, combining marks).
#include "text/tokenizer.h"

#include <catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

std::vector<std::string> texts(const std::string& s, attn::Lang lang = attn::Lang::kEnglish) {
  attn::TokenizeOptions options;
  options.lang = lang;
  std::vector<std::string> out;
  for (const attn::Token& t : attn::tokenize(s, options).tokens) out.push_back(t.text);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("tokenize: words, punctuation and numbers", "[tokenizer]") {
  CHECK(texts("The cat sat on the mat.") == V{"The", "cat", "sat", "on", "the", "mat", "."});
  CHECK(texts("Pi is 3.14, not 1,000!") == V{"Pi", "is", "3.14", ",", "not", "1,000", "!"});
  CHECK(texts("a well-known fact...") == V{"a", "well-known", "fact", "..."});
  CHECK(texts("(hello)\"world\"") == V{"(", "hello", ")", "\"", "world", "\""});
  CHECK(texts("end-") == V{"end", "-"});
}

TEST_CASE("tokenize: English contractions split like the Penn Treebank", "[tokenizer]") {
  CHECK(texts("don't") == V{"do", "n't"});
  CHECK(texts("can't won't") == V{"ca", "n't", "wo", "n't"});
  CHECK(texts("the cat's toy") == V{"the", "cat", "'s", "toy"});
  CHECK(texts("I'm sure we'll go, they've said you're he'd") == V{"I", "'m", "sure", "we", "'ll",
                                                                  "go", ",", "they", "'ve", "said",
                                                                  "you", "'re", "he", "'d"});
  CHECK(texts("shouldn't've") == V{"should", "n't", "'ve"});
  CHECK(texts("o'clock") == V{"o'clock"});
  CHECK(texts("don\xE2\x80\x99t") == V{"do", "n\xE2\x80\x99t"});  // typographic apostrophe
  const attn::Tokenized t = attn::tokenize("Don\xE2\x80\x99t");
  REQUIRE(t.tokens.size() == 2);
  CHECK(t.tokens[1].lower == "n't");
  CHECK(t.tokens[0].lower == "do");
}

TEST_CASE("tokenize: French elisions split only when lang is French", "[tokenizer]") {
  using attn::Lang;
  CHECK(texts("l'homme", Lang::kFrench) == V{"l'", "homme"});
  CHECK(texts("J'ai qu'il jusqu'\xC3\xA0", Lang::kFrench) ==
        V{"J'", "ai", "qu'", "il", "jusqu'", "\xC3\xA0"});
  CHECK(texts("aujourd'hui", Lang::kFrench) == V{"aujourd'hui"});
  CHECK(texts("l'homme", Lang::kEnglish) == V{"l'homme"});
  CHECK(texts("peut-\xC3\xAAtre", Lang::kFrench) == V{"peut-\xC3\xAAtre"});
}

TEST_CASE("tokenize: [MASK] is one special token", "[tokenizer]") {
  const attn::Tokenized t = attn::tokenize("the [MASK] sat [mask].");
  REQUIRE(t.tokens.size() == 5);
  CHECK(t.tokens[1].text == "[MASK]");
  CHECK(t.tokens[1].kind == attn::TokenKind::kSpecial);
  CHECK(t.tokens[3].text == "[mask]");
  CHECK(t.tokens[3].lower == "[MASK]");
  CHECK(texts("[MASKED]") == V{"[", "MASKED", "]"});
}

TEST_CASE("tokenize: lookup form lower-cases accented Latin, Greek, Cyrillic", "[tokenizer]") {
  const attn::Tokenized t = attn::tokenize(
      "\xC3\x89T\xC3\x89 \xC3\x87"
      "A \xCE\x91\xCE\x92 \xD0\x9C\xD0\x98\xD0\xA0");
  REQUIRE(t.tokens.size() == 4);
  CHECK(t.tokens[0].lower == "\xC3\xA9t\xC3\xA9");  // ÉTÉ -> été
  CHECK(t.tokens[1].lower ==
        "\xC3\xA7"
        "a");                                              // ÇA -> ça
  CHECK(t.tokens[2].lower == "\xCE\xB1\xCE\xB2");          // ΑΒ -> αβ
  CHECK(t.tokens[3].lower == "\xD0\xBC\xD0\xB8\xD1\x80");  // МИР -> мир
  // e + combining acute stays one token and composes to é in the lookup form
  const attn::Tokenized c = attn::tokenize("cafe\xCC\x81!");
  REQUIRE(c.tokens.size() == 2);
  CHECK(c.tokens[0].text == "cafe\xCC\x81");
  CHECK(c.tokens[0].lower == "caf\xC3\xA9");
  CHECK(c.tokens[0].end == 5);
}

TEST_CASE("tokenize: offsets are UTF-16 code units", "[tokenizer]") {
  // "é😀 a" : é is 1 unit, 😀 is 2 units
  const attn::Tokenized t = attn::tokenize("\xC3\xA9\xF0\x9F\x98\x80 a");
  REQUIRE(t.tokens.size() == 3);
  CHECK(t.tokens[0].start == 0);
  CHECK(t.tokens[0].end == 1);
  CHECK(t.tokens[1].start == 1);
  CHECK(t.tokens[1].end == 3);
  CHECK(t.tokens[2].start == 4);
  CHECK(t.tokens[2].end == 5);
}

TEST_CASE("tokenize: emoji sequences stay whole", "[tokenizer]") {
  const std::string family =
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";  // 👨‍👩‍👧
  const std::string thumbs_dark = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBF";              // 👍🏿
  const std::string flag_fr = "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7";                  // 🇫🇷
  const std::string flag_de = "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA";                  // 🇩🇪
  const std::string heart = "\xE2\x9D\xA4\xEF\xB8\x8F";                            // ❤️
  CHECK(texts("hi" + family + thumbs_dark + flag_fr + flag_de + heart + "!") ==
        V{"hi", family, thumbs_dark, flag_fr, flag_de, heart, "!"});
  const attn::Tokenized t = attn::tokenize(family);
  REQUIRE(t.tokens.size() == 1);
  CHECK(t.tokens[0].end == 8);
  CHECK(t.tokens[0].kind == attn::TokenKind::kSymbol);
}

TEST_CASE("tokenize: empty and whitespace-only text give no tokens", "[tokenizer]") {
  CHECK(attn::tokenize("").tokens.empty());
  CHECK(attn::tokenize(" \t\r\n \xC2\xA0\xE3\x80\x80").tokens.empty());
  CHECK_FALSE(attn::tokenize("   ").truncated);
}

TEST_CASE("tokenize: maxTokens truncates and flags it", "[tokenizer]") {
  attn::TokenizeOptions options;
  options.max_tokens = 3;
  attn::Tokenized t = attn::tokenize("one two three", options);
  CHECK(t.tokens.size() == 3);
  CHECK_FALSE(t.truncated);
  t = attn::tokenize("one two three four", options);
  CHECK(t.tokens.size() == 3);
  CHECK(t.truncated);
  t = attn::tokenize("one two don't", options);  // the clitic does not fit
  CHECK(t.tokens.size() == 3);
  CHECK(t.truncated);
  options.max_tokens = 0;
  CHECK_THROWS_AS(attn::tokenize("x", options), std::invalid_argument);
  options.max_tokens = attn::kMaxTokensLimit + 1;
  CHECK_THROWS_WITH(attn::tokenize("x", options), Catch::Contains("maxTokens"));
}

TEST_CASE("tokenize: a 1 MB paste stops after maxTokens", "[tokenizer]") {
  std::string big;
  while (big.size() < (1u << 20)) big += "lorem ipsum dolor sit amet, ";
  attn::Tokenized t = attn::tokenize(big);
  CHECK(t.tokens.size() == 64);
  CHECK(t.truncated);
  const std::string no_spaces(1u << 20, 'a');
  t = attn::tokenize(no_spaces);
  CHECK(t.tokens.size() == 64);
  CHECK(t.tokens[0].text.size() == attn::kMaxTokenChars);
  CHECK(t.truncated);
}

TEST_CASE("tokenize: hostile bytes never crash and offsets stay ordered", "[tokenizer]") {
  const std::vector<std::string> hostile = {
      std::string("a\0b", 3),
      "\x01\x02\x7F\x1B[31m",
      "\xFF\xFE\xC0\xAF\xE0\x80\xAF",      // invalid lead bytes and overlong forms
      "\xED\xA0\x80x\xED\xBF\xBF",         // surrogates encoded in UTF-8
      "\xF0\x9F\x98",                      // truncated 4-byte sequence
      "abc\xE2\x82",                       // truncated at the end
      "\xCC\x81\xE2\x80\x8D\xEF\xB8\x8F",  // orphan combining mark, ZWJ, variation selector
      "<script>alert(1)</script>",
      "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85",  // Hebrew and Arabic
      "\xEF\xBF\xBD\xEF\xBF\xBD",
  };
  for (const std::string& s : hostile) {
    INFO(s);
    const attn::Tokenized t = attn::tokenize(s);
    std::uint32_t last_end = 0;
    for (const attn::Token& token : t.tokens) {
      CHECK(token.start >= last_end);
      CHECK(token.end > token.start);
      CHECK_FALSE(token.text.empty());
      CHECK(token.text.find('\0') == std::string::npos);
      last_end = token.end;
    }
  }
  CHECK(texts(std::string("a\0b", 3)) == V{"a", "b"});
  CHECK(texts("\xFF"
              "abc") == V{"abc"});
  const attn::Tokenized bad = attn::tokenize(
      "\xFF"
      "abc");
  CHECK(bad.tokens[0].start == 1);  // the bad byte counts as one U+FFFD code unit
  CHECK(texts("<script>") == V{"<", "script", ">"});
}

TEST_CASE("tokenize: RTL words and combining marks", "[tokenizer]") {
  CHECK(texts("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85") ==
        V{"\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"});
  // Arabic with harakat (combining) stays one word
  CHECK(texts("\xD9\x83\xD9\x8E\xD8\xAA\xD9\x8E\xD8\xA8\xD9\x8E").size() == 1);
}

TEST_CASE("parse_lang and classify_token", "[tokenizer]") {
  CHECK(attn::parse_lang("fr") == attn::Lang::kFrench);
  CHECK_THROWS_WITH(attn::parse_lang("de"), Catch::Contains("lang must be 'en' or 'fr'"));
  CHECK(attn::classify_token("chat") == attn::TokenKind::kWord);
  CHECK(attn::classify_token("n't") == attn::TokenKind::kWord);
  CHECK(attn::classify_token("42") == attn::TokenKind::kNumber);
  CHECK(attn::classify_token(".") == attn::TokenKind::kPunct);
  CHECK(attn::classify_token("\xF0\x9F\x98\x80") == attn::TokenKind::kSymbol);
  CHECK(attn::classify_token("[MASK]") == attn::TokenKind::kSpecial);
}
