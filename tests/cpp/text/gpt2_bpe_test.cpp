// gpt2_bpe: golden ids from gpt-3-encoder (tests/golden/text/bpe_cases.json), the heap merge
// against a plain transcription of encoder.py's bpe() loop on random text, the pre-tokenizer's
// pieces, offsets, byte round trips and the typed errors for malformed vocabulary and merges files.
#include "text/gpt2_bpe.h"

#include <catch.hpp>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gpt2_data.h"
#include "text/gpt2_pretokenize.h"
#include "text/utf8.h"

namespace {

using attn::test::gpt2;
using attn::test::read_file;

std::vector<std::int32_t> ids_of(const std::vector<attn::SubwordToken>& tokens) {
  std::vector<std::int32_t> ids;
  for (const attn::SubwordToken& t : tokens) ids.push_back(t.id);
  return ids;
}

struct GoldenCase {
  std::string text;
  std::vector<std::int32_t> ids;
};

// One case per line: {"text": ..., "utf8_hex": "...", "ids": [...]}.
std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  std::istringstream lines(read_file(ATTN_GOLDEN_DIR "/text/bpe_cases.json"));
  for (std::string line; std::getline(lines, line);) {
    const std::size_t hex = line.find("\"utf8_hex\": \"");
    if (hex == std::string::npos) continue;
    GoldenCase c;
    for (std::size_t i = hex + 13; line[i] != '"'; i += 2)
      c.text += static_cast<char>(std::stoi(line.substr(i, 2), nullptr, 16));
    std::istringstream ids(line.substr(line.find('[', line.find("\"ids\"")) + 1));
    for (std::int32_t id; ids >> id;) {
      c.ids.push_back(id);
      if (ids.peek() == ',') ids.ignore();
    }
    cases.push_back(c);
  }
  return cases;
}

// encoder.py's bpe(), transcribed: merge every occurrence of the lowest-ranked pair, rescan.
std::vector<std::int32_t> reference_bpe(
    std::string_view text, const std::map<std::string, std::int32_t>& id_of,
    const std::map<std::pair<std::string, std::string>, int>& rank) {
  std::vector<std::int32_t> ids;
  for (const attn::ByteRange& piece : attn::gpt2_pretokenize(text)) {
    std::vector<std::string> word;
    for (std::size_t i = piece.start; i < piece.end; ++i) word.emplace_back(1, text[i]);
    while (word.size() > 1) {
      int best = -1;
      std::pair<std::string, std::string> best_pair;
      for (std::size_t i = 0; i + 1 < word.size(); ++i) {
        const auto it = rank.find({word[i], word[i + 1]});
        if (it != rank.end() && (best < 0 || it->second < best))
          best = it->second, best_pair = it->first;
      }
      if (best < 0) break;
      std::vector<std::string> merged;
      for (std::size_t i = 0; i < word.size(); ++i) {
        if (i + 1 < word.size() && word[i] == best_pair.first && word[i + 1] == best_pair.second)
          merged.push_back(word[i] + word[i + 1]), ++i;
        else
          merged.push_back(word[i]);
      }
      word = merged;
    }
    for (const std::string& w : word) ids.push_back(id_of.at(w));
  }
  return ids;
}

}  // namespace

TEST_CASE("gpt2 bpe: \"This is some text\" -> 1212 318 617 2420", "[bpe]") {
  const auto tokens = gpt2().encode("This is some text");
  CHECK(ids_of(tokens) == std::vector<std::int32_t>{1212, 318, 617, 2420});
  CHECK(gpt2().vocab_size() == 50257);
  CHECK(gpt2().merge_count() == 50000);
  CHECK(gpt2().token_bytes(318) == " is");
  CHECK(gpt2().token_bytes(50256) == "<|endoftext|>");
}

TEST_CASE("gpt2 bpe: golden ids from gpt-3-encoder's encode()", "[bpe]") {
  const std::vector<GoldenCase> cases = golden_cases();
  REQUIRE(cases.size() >= 20);
  for (const GoldenCase& c : cases) {
    INFO("text: " << c.text);
    const auto tokens = gpt2().encode(c.text);
    CHECK(ids_of(tokens) == c.ids);
    CHECK(gpt2().decode(ids_of(tokens)) == c.text);
  }
}

TEST_CASE("gpt2 bpe: pre-tokenizer follows the regex's alternatives", "[bpe]") {
  const auto pieces = [](std::string_view s) {
    std::vector<std::string> out;
    for (const attn::ByteRange& r : attn::gpt2_pretokenize(s))
      out.emplace_back(s.substr(r.start, r.end - r.start));
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(pieces("  hi there") == V{" ", " hi", " there"});
  CHECK(pieces("a\n\nb  ") == V{"a", "\n", "\n", "b", "  "});
  CHECK(pieces("it's they'll I'M") == V{"it", "'s", " they", "'ll", " I", "'", "M"});
  CHECK(pieces("x=3.14!? 42") == V{"x", "=", "3", ".", "14", "!?", " 42"});
  CHECK(pieces("caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87") ==
        V{"caf\xC3\xA9", " \xE4\xB8\xAD\xE6\x96\x87"});
  CHECK(pieces("a\xFF\xFE b") == V{"a", "\xFF\xFE", " b"});  // invalid bytes: "other" class
  CHECK(pieces("").empty());
}

TEST_CASE("gpt2 bpe: heap merge equals encoder.py's loop on random text", "[bpe]") {
  std::map<std::string, std::int32_t> id_of;
  for (std::int32_t id = 0; id < static_cast<std::int32_t>(gpt2().vocab_size()); ++id)
    id_of.emplace(gpt2().token_bytes(id), id);
  std::map<std::pair<std::string, std::string>, int> rank;
  std::istringstream merges(read_file(ATTN_GPT2_DATA_DIR "/vocab.bpe"));
  std::string line;
  std::getline(merges, line);  // #version
  const auto to_bytes = [](const std::string& token) {
    std::string out;
    for (std::size_t pos = 0; pos < token.size();) {
      std::size_t length = 0;
      const char32_t c = attn::utf8::decode(token, pos, length);
      for (int b = 0; b < 256; ++b)
        if (attn::gpt2_byte_to_unicode(static_cast<std::uint8_t>(b)) == c)
          out += static_cast<char>(b);
      pos += length;
    }
    return out;
  };
  for (int r = 0; std::getline(merges, line) && !line.empty(); ++r) {
    const std::size_t space = line.find(' ');
    rank.emplace(std::make_pair(to_bytes(line.substr(0, space)), to_bytes(line.substr(space + 1))),
                 r);
  }
  const std::vector<std::string> alphabet = {"a",
                                             "e",
                                             "t",
                                             "h",
                                             "n",
                                             " ",
                                             "  ",
                                             "\n",
                                             "'s",
                                             "'",
                                             "1",
                                             "0",
                                             ".",
                                             "!",
                                             "\xC3\xA9",
                                             "\xE4\xB8\xAD",
                                             "\xF0\x9F\x98\x80",
                                             "ing",
                                             "the",
                                             "\xFF",
                                             "A",
                                             "Z"};
  std::mt19937 rng(17);
  for (int trial = 0; trial < 200; ++trial) {
    std::string text;
    const int length = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < length; ++i) text += alphabet[rng() % alphabet.size()];
    INFO("text: " << text);
    CHECK(ids_of(gpt2().encode(text)) == reference_bpe(text, id_of, rank));
  }
}

TEST_CASE("gpt2 bpe: offsets tile the bytes, split characters widen UTF-16 ranges", "[bpe]") {
  const std::string text = "h\xC3\xA9llo \xF0\x9F\x98\x80!";  // "héllo 😀!"
  const auto tokens = gpt2().encode(text);
  std::uint32_t byte = 0;
  for (const attn::SubwordToken& t : tokens) {
    CHECK(t.byte_start == byte);
    CHECK(t.byte_end > t.byte_start);
    CHECK(t.utf16_end > t.utf16_start);
    byte = t.byte_end;
  }
  CHECK(byte == text.size());
  // 😀 (4 bytes, UTF-16 units 6..8) is split over byte tokens: each covers the whole emoji.
  bool split_emoji = false;
  for (const attn::SubwordToken& t : tokens)
    if (t.byte_start >= 7 && t.byte_end <= 11 && t.byte_end - t.byte_start < 4) {
      split_emoji = true;
      CHECK(t.utf16_end == 8);
      CHECK((t.utf16_start == 6 || t.utf16_start == 5));  // 5 when the token holds the space
    }
  CHECK(split_emoji);
  CHECK(tokens.back().utf16_start == 8);
  CHECK(tokens.back().utf16_end == 9);
}

TEST_CASE("gpt2 bpe: any bytes round-trip, invalid UTF-8 included", "[bpe]") {
  const std::string bytes("\xFF\xC3(\x00\xE2\x82 \xF0\x9F\x98 ok\xED\xA0\x80", 17);
  CHECK(gpt2().decode(ids_of(gpt2().encode(bytes))) == bytes);
  CHECK_THROWS_AS(gpt2().decode(std::vector<std::int32_t>{50257}), attn::TokenIdError);
  CHECK_THROWS_AS(gpt2().decode(std::vector<std::int32_t>{-1}), attn::TokenIdError);
}

TEST_CASE("gpt2 bpe: malformed vocabulary or merges give TokenizerDataError", "[bpe]") {
  // A minimal valid pair of files: the 256 byte tokens, "ab", "abc", merges "a b" then "ab c".
  std::string vocab = "{";
  for (int b = 0; b < 256; ++b) {
    std::string token;
    attn::utf8::append(token, attn::gpt2_byte_to_unicode(static_cast<std::uint8_t>(b)));
    if (token == "\"" || token == "\\") token = "\\" + token;
    vocab += "\"" + token + "\": " + std::to_string(b) + ", ";
  }
  const std::string good_vocab = vocab + "\"ab\": 256, \"abc\": 257}";
  const std::string good_merges = "#version: 0.2\na b\nab c\n";
  const attn::Gpt2Tokenizer tiny = attn::Gpt2Tokenizer::from_data(good_vocab, good_merges);
  CHECK(ids_of(tiny.encode("abcab")) == std::vector<std::int32_t>{257, 256});
  using E = attn::TokenizerDataError;
  const auto load = [](const std::string& v, const std::string& m) {
    return attn::Gpt2Tokenizer::from_data(v, m);
  };
  CHECK_THROWS_AS(load(good_vocab.substr(0, 500), good_merges), E);             // truncated JSON
  CHECK_THROWS_AS(load(vocab + "\"ab\": 256, \"abc\": 256}", good_merges), E);  // duplicate id
  CHECK_THROWS_AS(load(vocab + "\"ab\": 256, \"abc\": 300}", good_merges), E);  // gap in ids
  CHECK_THROWS_AS(load(vocab + "\"ab\": 256, \"a\\u00e9\": 257}", good_merges), E);  // é: no byte
  CHECK_THROWS_AS(load("{\"a\": 0}", ""), E);                     // bytes missing
  CHECK_THROWS_AS(load(good_vocab, "#version: 0.2\na  b\n"), E);  // not "a b"
  CHECK_THROWS_AS(load(good_vocab, "a b c\n"), E);
  CHECK_THROWS_AS(load(good_vocab, "ab c\na b\n"), E);  // used before made
  CHECK_THROWS_AS(load(good_vocab, "a b\na b\n"), E);   // duplicate merge
  CHECK_THROWS_AS(load(good_vocab, "a b\nb c\n"), E);   // "bc" not in vocab
  CHECK_THROWS_AS(load(good_vocab, "a x\n"), E);
  CHECK_THROWS_AS(load(good_vocab, "a\xFF b\n"), E);
  CHECK_THROWS_WITH(load(good_vocab, "a b\nb c\n"),
                    Catch::Contains("line 2") && Catch::Contains("not in the vocabulary"));
  CHECK_THROWS_WITH(load("{\"a\": 1.5}", ""), Catch::Contains("byte 7"));
}
