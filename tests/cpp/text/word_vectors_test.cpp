// WordVectors over the committed asset: round trip against source vectors (within the
// quantization bound, in both tiers: int8 and packed 4-bit codes), nearest words, unknown-word
// vectors, aliases, sentiment axis, and clear errors on corrupted, truncated or old assets.
#include "text/word_vectors.h"

#include <catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/asset_format.h"

namespace {

const std::string kAsset = std::string(ATTN_DATA_DIR) + "/vectors.bin";

const attn::WordVectors& vectors() {
  static const attn::WordVectors wv = attn::WordVectors::from_file(kAsset);
  return wv;
}

double distance(const std::vector<float>& a, const std::vector<float>& b) {
  double sq = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sq += double(a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(sq);
}

bool contains(const std::vector<attn::WordVectors::Neighbour>& list, std::string_view word) {
  for (const auto& n : list)
    if (n.word == word) return true;
  return false;
}

}  // namespace

TEST_CASE("word_vectors: 50 sampled words round-trip within the quantization bound",
          "[word_vectors]") {
  std::ifstream in(std::string(ATTN_DATA_DIR) + "/vectors_sample.txt");
  REQUIRE(in);
  std::string line;
  std::size_t checked = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string word;
    float step;
    ls >> word >> step;
    std::vector<float> original(attn::WordVectors::kDim);
    for (float& x : original) ls >> x;
    REQUIRE(ls);
    const attn::WordVectors::Lookup found = vectors().lookup(word);
    INFO(word);
    CHECK(found.known);
    // Each of the 100 rotated coefficients is off by at most half its axis step, and the
    // sample's step is the RMS of those steps; rotation keeps lengths.
    CHECK(distance(found.vector, original) <= 0.5 * step * 10.0 * 1.001 + 1e-4);
    ++checked;
  }
  CHECK(checked == 50);
}

TEST_CASE("word_vectors: vocabulary and lookup by lower-cased form and fallbacks",
          "[word_vectors]") {
  CHECK(vectors().size() > 60000);
  const auto cat = vectors().lookup("cat"), upper = vectors().lookup("CAT");
  CHECK(cat.known);
  CHECK(upper.known);
  CHECK(distance(cat.vector, upper.vector) == 0.0);
  // Words the package lacks resolve through documented aliases and numeral rules.
  CHECK(vectors().lookup("a").known);
  CHECK(distance(vectors().lookup("a").vector, vectors().lookup("an").vector) == 0.0);
  CHECK(distance(vectors().lookup("n't").vector, vectors().lookup("not").vector) == 0.0);
  CHECK(distance(vectors().lookup("3").vector, vectors().lookup("three").vector) == 0.0);
  CHECK(vectors().lookup("Mr.").known);
}

TEST_CASE("word_vectors: every vocabulary word looks up its own vector (the first, if repeated)",
          "[word_vectors]") {
  // Reference: a std::unordered_map from each word to its first index, against the loader's
  // own hash table.
  std::unordered_map<std::string_view, std::size_t> first;
  for (std::size_t i = 0; i < vectors().size(); ++i) first.emplace(vectors().word(i), i);
  std::vector<float> expected(attn::WordVectors::kDim);
  std::size_t mismatches = 0, unknown = 0;
  for (std::size_t i = 0; i < vectors().size(); ++i) {
    const std::string_view word = vectors().word(i);
    const auto found = vectors().lookup(word);
    if (!found.known) {
      ++unknown;
      continue;
    }
    vectors().vector_of(first.at(word), expected.data());
    if (found.vector != expected) ++mismatches;
  }
  CHECK(unknown == 0);
  CHECK(mismatches == 0);
}

TEST_CASE("word_vectors: unknown words get a deterministic n-gram vector flagged unknown",
          "[word_vectors]") {
  const auto a = vectors().lookup("glorptastic"), b = vectors().lookup("glorptastic");
  const auto c = vectors().lookup("glorptastics");
  CHECK_FALSE(a.known);
  CHECK(distance(a.vector, b.vector) == 0.0);
  double norm = 0.0, dot = 0.0, norm_c = 0.0;
  for (std::size_t i = 0; i < a.vector.size(); ++i) {
    norm += a.vector[i] * a.vector[i];
    norm_c += c.vector[i] * c.vector[i];
    dot += a.vector[i] * c.vector[i];
  }
  CHECK(norm > 1.0);
  CHECK(dot / std::sqrt(norm * norm_c) > 0.5);  // shared n-grams, shared direction
  CHECK_FALSE(vectors().lookup("").known);
}

TEST_CASE("word_vectors: nearest words of cat include dog or cats", "[word_vectors]") {
  const auto cat = vectors().lookup("cat");
  const auto near = vectors().nearest(cat.vector, 10);
  REQUIRE(near.size() == 10);
  CHECK(near.front().word == "cat");
  CHECK(near.front().similarity == Approx(1.0).margin(1e-4));
  CHECK((contains(near, "dog") || contains(near, "cats")));
  for (std::size_t i = 1; i < near.size(); ++i) CHECK(near[i - 1].similarity >= near[i].similarity);
  CHECK(vectors().nearest(cat.vector, 0).empty());
}

TEST_CASE("word_vectors: every tier's words find themselves first through the integer scoring",
          "[word_vectors]") {
  // Words 0..19999 are int8 (tier 1), the rest packed 4-bit (tier 2): nearest() scores each
  // tier with its own kernel, so a word's own decoded vector must come out on top in both.
  const std::size_t vocab = vectors().size();
  std::size_t checked_tier2 = 0;
  for (std::size_t index : {std::size_t(0), std::size_t(7), std::size_t(19999), std::size_t(20000),
                            std::size_t(20001), std::size_t(31337), vocab - 2, vocab - 1}) {
    INFO(index);
    std::vector<float> v(attn::WordVectors::kDim);
    vectors().vector_of(index, v.data());
    const auto near = vectors().nearest(v, 3);
    REQUIRE(near.size() == 3);
    CHECK(near.front().similarity == Approx(1.0).margin(1e-4));
    CHECK(contains(near, vectors().word(index)));
    checked_tier2 += index >= 20000;
  }
  CHECK(checked_tier2 == 5);
}

TEST_CASE("word_vectors: nearest rejects wrong sizes, zero and non-finite queries",
          "[word_vectors]") {
  std::vector<float> v(99, 1.0f);
  CHECK_THROWS_WITH(vectors().nearest(v, 5), Catch::Contains("expected 100"));
  std::vector<float> zero(100, 0.0f);
  CHECK_THROWS_AS(vectors().nearest(zero, 5), std::invalid_argument);
  zero[3] = NAN;
  CHECK_THROWS_WITH(vectors().nearest(zero, 5), Catch::Contains("component 3"));
}

TEST_CASE("word_vectors: sentiment axis separates obvious words", "[word_vectors]") {
  for (const char* w : {"good", "happy", "lovely", "delighted"}) {
    INFO(w);
    CHECK(vectors().sentiment(std::string_view(w)) > 0.0f);
  }
  for (const char* w : {"bad", "terrible", "disgusting", "miserable"}) {
    INFO(w);
    CHECK(vectors().sentiment(std::string_view(w)) < 0.0f);
  }
}

TEST_CASE("word_vectors: corrupted or truncated assets fail with a clear message",
          "[word_vectors]") {
  const std::vector<std::uint8_t> good = attn::asset::read_file_bytes(kAsset);
  std::vector<std::uint8_t> flipped = good;
  flipped[good.size() / 2] ^= 0x40;
  CHECK_THROWS_WITH(attn::WordVectors(flipped), Catch::Contains("checksum"));
  std::vector<std::uint8_t> magic = good;
  magic[0] = 'X';
  CHECK_THROWS_WITH(attn::WordVectors(magic), Catch::Contains("magic"));
  for (std::size_t size : {std::size_t(0), std::size_t(5), std::size_t(19), std::size_t(20),
                           good.size() / 3, good.size() - 1}) {
    INFO(size);
    const std::span<const std::uint8_t> cut(good.data(), size);
    CHECK_THROWS_AS(attn::WordVectors(cut), std::invalid_argument);
  }
  CHECK_THROWS_WITH(attn::WordVectors(std::span<const std::uint8_t>(good.data(), good.size() - 1)),
                    Catch::Contains("truncated"));
}

TEST_CASE("word_vectors: an asset in the old format (version 1) is rejected by its version",
          "[word_vectors]") {
  std::vector<std::uint8_t> old = attn::asset::read_file_bytes(kAsset);
  old[8] = 1;  // version u32 at bytes 8..11; the checksum covers only the payload
  CHECK_THROWS_WITH(attn::WordVectors(old), Catch::Contains("unsupported version 1 (expected 2)"));
}

TEST_CASE("word_vectors: payloads with valid checksums but bad fields fail by name",
          "[word_vectors]") {
  const std::vector<std::uint8_t> good = attn::asset::read_file_bytes(kAsset);
  const std::vector<std::uint8_t> payload(good.begin() + 20,
                                          good.end());  // after the common header
  auto load = [](const std::vector<std::uint8_t>& p) {
    attn::WordVectors wv(attn::asset::with_header("ATTNWVEC", 2, p));
  };
  REQUIRE_NOTHROW(load(payload));
  std::vector<std::uint8_t> zero_step = payload;
  for (std::size_t i = 16 + 4 * 150; i < 16 + 4 * 151; ++i) zero_step[i] = 0;  // tier 2, axis 50
  CHECK_THROWS_WITH(load(zero_step), Catch::Contains("quantization step out of range"));
  const std::vector<std::uint8_t> short_tier2(payload.begin(), payload.end() - 1);
  CHECK_THROWS_WITH(load(short_tier2), Catch::Contains("truncated at tier-2 codes"));
  std::vector<std::uint8_t> extra = payload;
  extra.push_back(0x88);
  CHECK_THROWS_WITH(load(extra), Catch::Contains("1 unexpected trailing bytes"));
  std::vector<std::uint8_t> big_tier1 = payload;
  big_tier1[8] = 0xFF, big_tier1[9] = 0xFF, big_tier1[10] = 0xFF;  // tier1 > V
  CHECK_THROWS_WITH(load(big_tier1), Catch::Contains("tier-1 size exceeds"));
}
