// Tagger over the committed model: accuracy on the committed held-out Brown sample, a plain
// sentence, edge cases, feature normalization, and clear errors on corrupted assets.
#include "text/tagger.h"

#include <catch.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "text/asset_format.h"

namespace {

const std::string kModel = std::string(ATTN_DATA_DIR) + "/tagger.bin";

const attn::Tagger& tagger() {
  static const attn::Tagger t = attn::Tagger::from_file(kModel);
  return t;
}

}  // namespace

TEST_CASE("tagger: at least 93% on the committed held-out Brown sample", "[tagger]") {
  std::ifstream in(std::string(ATTN_DATA_DIR) + "/tagger_heldout_sample.txt");
  REQUIRE(in);
  std::string line;
  std::size_t correct = 0, total = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string item;
    std::vector<std::string> words, gold;
    while (ls >> item) {
      const std::size_t slash = item.rfind('/');
      REQUIRE(slash != std::string::npos);
      words.push_back(item.substr(0, slash));
      gold.push_back(item.substr(slash + 1));
    }
    const std::vector<std::string> got = tagger().tag(words);
    REQUIRE(got.size() == words.size());
    for (std::size_t i = 0; i < got.size(); ++i) correct += got[i] == gold[i];
    total += got.size();
  }
  REQUIRE(total > 5000);
  const double accuracy = double(correct) / double(total);
  INFO("accuracy " << accuracy << " over " << total << " tokens");
  CHECK(accuracy >= 0.93);
}

TEST_CASE("tagger: a plain sentence", "[tagger]") {
  const std::vector<std::string> words = {"The", "cat", "sat", "on", "the", "mat", "."};
  const std::vector<std::string> want = {"DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT"};
  CHECK(tagger().tag(words) == want);
  const std::vector<std::string> names = {"John", "did", "n't", "see", "Mary", "'s", "dog"};
  const std::vector<std::string> got = tagger().tag(names);
  CHECK(got[0] == "PROPN");
  CHECK(got[1] == "AUX");
  CHECK(got[2] == "PART");
  CHECK(got[3] == "VERB");
}

TEST_CASE("tagger: empty input and odd words", "[tagger]") {
  CHECK(tagger().tag(std::vector<std::string>{}).empty());
  const std::vector<std::string> odd = {"", "\xff\xfe", "[MASK]", "😀", "1,000,000", "x-ray"};
  const std::vector<std::string> got = tagger().tag(odd);
  REQUIRE(got.size() == odd.size());
  for (const std::string& t : got) CHECK(!t.empty());
}

TEST_CASE("tagger: normalization of word features", "[tagger]") {
  CHECK(attn::tagger_normalize("Hello") == "hello");
  CHECK(attn::tagger_normalize("1961") == "!YEAR");
  CHECK(attn::tagger_normalize("42nd") == "!DIGITS");
  CHECK(attn::tagger_normalize("well-known") == "!HYPHEN");
  CHECK(attn::tagger_normalize("") == "-EMPTY-");
}

TEST_CASE("tagger: corrupted or truncated models fail with a clear message", "[tagger]") {
  const std::vector<std::uint8_t> good = attn::asset::read_file_bytes(kModel);
  std::vector<std::uint8_t> flipped = good;
  flipped[good.size() / 2] ^= 0x01;
  CHECK_THROWS_WITH(attn::Tagger(flipped), Catch::Contains("checksum"));
  std::vector<std::uint8_t> magic = good;
  magic[3] = '?';
  CHECK_THROWS_WITH(attn::Tagger(magic), Catch::Contains("magic"));
  for (std::size_t size :
       {std::size_t(0), std::size_t(7), std::size_t(20), good.size() / 2, good.size() - 1}) {
    INFO(size);
    CHECK_THROWS_AS(attn::Tagger(std::span<const std::uint8_t>(good.data(), size)),
                    std::invalid_argument);
  }
  // A well-formed header over a payload whose feature count lies: caught by the bounds checks.
  attn::asset::Writer payload;
  payload.u32(16);
  payload.u32(1000);
  payload.f32(0.1f);
  payload.varint(5);
  const std::vector<std::uint8_t> lying = attn::asset::with_header("ATTNPOS1", 1, payload.bytes);
  CHECK_THROWS_WITH(attn::Tagger(lying), Catch::Contains("exceeds"));
}
