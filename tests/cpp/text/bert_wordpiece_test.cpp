// bert_wordpiece: cases from the definition of Hugging Face's BertTokenizer (basic tokenizer:
// cleaning, CJK, lower-casing, accent stripping, punctuation; greedy longest-match WordPiece
// with ## and [UNK]; special tokens), offsets back into the input, and vocab.txt errors.
#include "text/bert_wordpiece.h"

#include <catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text/bert_basic.h"
#include "text/utf8.h"

namespace {

using V = std::vector<std::string>;

V basic(std::string_view text, bool lower = true, bool strip = true, bool cjk = true) {
  V out;
  for (const attn::SourcedWord& word : attn::bert_basic_tokenize(text, {lower, strip, cjk})) {
    std::string s;
    for (const attn::SourcedChar& c : word) attn::utf8::append(s, c.cp);
    out.push_back(s);
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

std::string vocab_text(const V& tokens) {
  std::string s;
  for (const std::string& t : tokens) s += t + "\n";
  return s;
}

V pieces(const attn::WordPieceTokenizer& t, std::string_view text) {
  V out;
  for (const attn::SubwordToken& token : t.encode(text)) out.push_back(t.token(token.id));
  return out;
}

// The vocabulary of HF's own BERT tokenizer tests.
const V kHfVocab = {"[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]", "want", "##want", "##ed",
                    "wa",    "un",    "runn",  "##ing", ",",      "low",  "lowest"};

}  // namespace

TEST_CASE("wordpiece: unaffable -> un ##aff ##able", "[wordpiece]") {
  const auto t = attn::WordPieceTokenizer::from_vocab(
      vocab_text({"[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "able", "aff"}));
  CHECK(pieces(t, "unaffable") == V{"un", "##aff", "##able"});
  std::vector<std::int32_t> ids;
  for (const attn::SubwordToken& token : t.encode("unaffable")) ids.push_back(token.id);
  CHECK(ids == std::vector<std::int32_t>{3, 4, 5});
  CHECK(pieces(t, "UnAffable able") == V{"un", "##aff", "##able", "able"});
  CHECK(pieces(t, "affable") == V{"aff", "##able"});
  CHECK(pieces(t, "unaffablex") == V{"[UNK]"});  // no cover for "x": the whole word
}

TEST_CASE("wordpiece: greedy longest match as in HF's tests", "[wordpiece]") {
  const auto t = attn::WordPieceTokenizer::from_vocab(vocab_text(kHfVocab));
  CHECK(pieces(t, "").empty());
  CHECK(pieces(t, "unwanted running") == V{"un", "##want", "##ed", "runn", "##ing"});
  CHECK(pieces(t, "unwantedX running") == V{"[UNK]", "runn", "##ing"});
  CHECK(pieces(t,
               "UNwant\xC3\xA9"
               "d,running") == V{"un", "##want", "##ed", ",", "runn", "##ing"});
  std::vector<std::int32_t> ids;
  for (const attn::SubwordToken& token : t.encode("UNwant\xC3\xA9"
                                                  "d,running"))
    ids.push_back(token.id);
  CHECK(ids == std::vector<std::int32_t>{9, 6, 7, 12, 10, 11});
  CHECK(pieces(t, "lowest low") == V{"lowest", "low"});  // longest first, not "low ##est"
}

TEST_CASE("wordpiece: basic tokenizer lower-cases, strips accents, splits punctuation",
          "[wordpiece]") {
  CHECK(basic(" \tHeLLo!how  \n Are yoU?  ") == V{"hello", "!", "how", "are", "you", "?"});
  const char* hallo = " \tH\xC3\xA4LLo!how  \n Are yoU?  ";  // HäLLo
  CHECK(basic(hallo) == V{"hallo", "!", "how", "are", "you", "?"});
  CHECK(basic(hallo, true, false) == V{"h\xC3\xA4llo", "!", "how", "are", "you", "?"});
  CHECK(basic(hallo, false, false) == V{"H\xC3\xA4LLo", "!", "how", "Are", "yoU", "?"});
  CHECK(basic(hallo, false, true) == V{"HaLLo", "!", "how", "Are", "yoU", "?"});
  CHECK(basic("caf\xC3\xA9 cafe\xCC\x81 na\xC3\xAFve \xC3\x85ngstr\xC3\xB6m") ==
        V{"cafe", "cafe", "naive", "angstrom"});
  CHECK(basic("\xE1\xBC\x88\xCE\xB8\xE1\xBF\x86\xCE\xBD\xCE\xB1\xCE\xB9") ==  // Ἀθῆναι
        V{"\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1\xCE\xB9"});               // αθηναι
  CHECK(basic("\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3") ==
        V{"\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82"});               // οδος
  CHECK(basic("\xCE\xA3\xCE\x91") == V{"\xCF\x83\xCE\xB1"});  // initial Σ stays σ
  CHECK(basic("\xC4\xB0stanbul") == V{"istanbul"});           // İ -> i + U+0307 -> i
  CHECK(basic("\xD0\x81\xD0\xBB\xD0\xBA\xD0\xB0") ==
        V{"\xD0\xB5\xD0\xBB\xD0\xBA\xD0\xB0"});  // Ёлка
  // punctuation: P* and the ASCII symbols, but not other symbols such as € or emoji
  CHECK(basic("hi\xE2\x80\x94there $5 a^b 3\xE2\x82\xAC") ==
        V{"hi", "\xE2\x80\x94", "there", "$", "5", "a", "^", "b", "3\xE2\x82\xAC"});
  CHECK(basic("don't...") == V{"don", "'", "t", ".", ".", "."});
}

TEST_CASE("wordpiece: cleaning, whitespace and CJK ideographs", "[wordpiece]") {
  CHECK(basic("ah\xE5\x8D\x9A\xE6\x8E\xA8zz") == V{"ah", "\xE5\x8D\x9A", "\xE6\x8E\xA8", "zz"});
  CHECK(basic("ah\xE5\x8D\x9A\xE6\x8E\xA8zz", true, true, false) ==
        V{"ah\xE5\x8D\x9A\xE6\x8E\xA8zz"});
  // Hiragana and Hangul are not "Chinese characters"; Hangul decomposes to jamo under NFD.
  CHECK(basic("\xE3\x81\x82\xE3\x81\x84") == V{"\xE3\x81\x82\xE3\x81\x84"});
  CHECK(basic("\xED\x95\x9C") == V{"\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"});
  CHECK(basic("\xED\x95\x9C", false, false) == V{"\xED\x95\x9C"});
  // NUL, U+FFFD, controls and format characters vanish; Zs, \t \r \n and U+2028 separate.
  CHECK(basic(std::string("a\0b\x07"
                          "c\xE2\x80\x8B"
                          "d\xEF\xBF\xBD"
                          "e",
                          13)) == V{"abcde"});
  CHECK(basic("a\xC2\xA0"
              "b\xE3\x80\x80"
              "c\xE2\x80\xA8"
              "d\re") == V{"a", "b", "c", "d", "e"});
  CHECK(basic("\xFF\xFEok\xC3") == V{"ok"});  // invalid UTF-8 is U+FFFD, dropped
  CHECK(basic(" \t\n ").empty());
}

TEST_CASE("wordpiece: special tokens, long words, offsets", "[wordpiece]") {
  const auto t = attn::WordPieceTokenizer::from_vocab(vocab_text(
      {"[PAD]",  "[UNK]", "[CLS]", "[SEP]", "[MASK]", "paris", "is",  "the",  "capital", "of",
       "france", ".",     "[",     "]",     "mask",   "a",     "##a", "cafe", "au",      "lait"}));
  CHECK(pieces(t, "Paris is the [MASK] of France.") ==
        V{"paris", "is", "the", "[MASK]", "of", "france", "."});
  CHECK(pieces(t, "the[MASK][SEP]") == V{"the", "[MASK]", "[SEP]"});
  CHECK(pieces(t, "[mask]") == V{"[", "mask", "]"});  // case-sensitive, as HF's trie
  CHECK(pieces(t, std::string(100, 'a')).size() == 100);
  CHECK(pieces(t, std::string(101, 'a')) == V{"[UNK]"});
  // Offsets point at the input characters, in bytes and UTF-16 units.
  const auto tokens = t.encode("\xF0\x9F\x98\x80 Caf\xC3\xA9 [MASK] lait");  // "😀 Café [MASK] lait"
  REQUIRE(tokens.size() == 4);
  CHECK(t.token(tokens[0].id) == "[UNK]");  // the emoji: no vocabulary cover
  CHECK((tokens[0].byte_start == 0 && tokens[0].byte_end == 4));
  CHECK((tokens[0].utf16_start == 0 && tokens[0].utf16_end == 2));
  CHECK(t.token(tokens[1].id) == "cafe");
  CHECK((tokens[1].byte_start == 5 && tokens[1].byte_end == 10));
  CHECK((tokens[1].utf16_start == 3 && tokens[1].utf16_end == 7));
  CHECK((tokens[2].byte_start == 11 && tokens[2].byte_end == 17));
  CHECK((tokens[2].utf16_start == 8 && tokens[2].utf16_end == 14));
  CHECK((tokens[3].utf16_start == 15 && tokens[3].utf16_end == 19));
  const auto split = t.encode("aaa");
  REQUIRE(split.size() == 3);
  CHECK((split[1].byte_start == 1 && split[1].byte_end == 2 && t.token(split[1].id) == "##a"));
}

TEST_CASE("wordpiece: vocab.txt lines, ids and errors", "[wordpiece]") {
  const auto crlf = attn::WordPieceTokenizer::from_vocab("[UNK]\r\nhello\r\nworld\rlast");
  CHECK(crlf.vocab_size() == 4);
  CHECK(crlf.id_of("hello") == 1);
  CHECK(crlf.id_of("world") == 2);
  CHECK(crlf.id_of("last") == 3);
  CHECK(crlf.unk_id() == 0);
  const auto dup = attn::WordPieceTokenizer::from_vocab("[UNK]\nx\nx\n");
  CHECK(dup.vocab_size() == 3);
  CHECK(dup.id_of("x") == 2);  // the last line wins, as in HF's dict
  CHECK(dup.token(1) == "x");
  CHECK_THROWS_AS(dup.token(3), attn::TokenIdError);
  CHECK_THROWS_AS(dup.token(-1), attn::TokenIdError);
  using E = attn::TokenizerDataError;
  CHECK_THROWS_AS(attn::WordPieceTokenizer::from_vocab(""), E);
  CHECK_THROWS_AS(attn::WordPieceTokenizer::from_vocab("hello\nworld\n"), E);  // no [UNK]
  CHECK_THROWS_WITH(attn::WordPieceTokenizer::from_vocab("[UNK]\nok\nbad\xFF\n"),
                    Catch::Contains("line 3") && Catch::Contains("UTF-8"));
}

TEST_CASE("wordpiece: basic tokenizer equals Python's on multilingual golden cases",
          "[wordpiece]") {
  // tests/golden/text/bert_basic_cases.json, from generate_bert_basic_golden.py (Python
  // unicodedata).
  std::ifstream in(ATTN_GOLDEN_DIR "/text/bert_basic_cases.json");
  REQUIRE(in);
  int cases = 0;
  for (std::string line; std::getline(in, line);) {
    const std::size_t text_at = line.find("\"utf8_hex\": \"");
    if (text_at == std::string::npos) continue;
    const bool lower = line.find("\"lower\": true") != std::string::npos;
    const bool strip = line.find("\"strip\": true") != std::string::npos;
    const std::size_t text_end = line.find('"', text_at + 13);
    const std::string text =
        from_hex(std::string_view(line).substr(text_at + 13, text_end - text_at - 13));
    V expected;
    for (std::size_t at = line.find('[', text_end);
         (at = line.find('"', at)) != std::string::npos;) {
      const std::size_t end = line.find('"', at + 1);
      expected.push_back(from_hex(std::string_view(line).substr(at + 1, end - at - 1)));
      at = end + 1;
    }
    INFO("text: " << text << " lower " << lower << " strip " << strip);
    CHECK(basic(text, lower, strip) == expected);
    ++cases;
  }
  CHECK(cases == 40);
}
