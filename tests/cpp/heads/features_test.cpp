// The chunker and the named token features, on hand-tagged sentences (no tagger, no vectors):
// noun-phrase heads, prepositional phrases, relative and coordinated clauses, subject/object
// positions, number, person, and the position codes the heads rely on.
#include <catch.hpp>
#include <cmath>

#include "heads/token_features.h"
#include "tagged_sentence.h"
#include "text/chunker.h"

namespace {

using attn::ChunkInfo;
using attn::FeatureToken;

// "The/DET cat/NOUN sat/VERB" -> tokens with a fixed dummy vector (a one-hot by position).
std::vector<FeatureToken> tagged(const std::string& line) {
  return attn::test::tagged_sentence(line, [](const std::string&, std::size_t index) {
    std::vector<float> v(attn::kWordDim, 0.0f);
    v[index % attn::kWordDim] = 1.0f;
    return v;
  });
}

std::vector<ChunkInfo> chunks_of(const std::string& line) {
  return attn::build_features(tagged(line)).chunks;
}

}  // namespace

TEST_CASE("chunker: noun-phrase heads are the last noun, modifiers share the phrase",
          "[features]") {
  const auto c = chunks_of("The/DET big/ADJ black/ADJ cat/NOUN sat/VERB");
  CHECK(c[3].np_head);
  CHECK(c[0].np_modifier);
  CHECK(c[2].np_modifier);
  CHECK(c[0].np_id == c[3].np_id);
  CHECK_FALSE(c[4].np_head);
  CHECK(c[4].verb_head);
}

TEST_CASE("chunker: a preposition's noun phrase is inside a prepositional phrase", "[features]") {
  const auto c =
      chunks_of("The/DET keys/NOUN to/ADP the/DET cabinet/NOUN are/AUX on/ADP the/DET table/NOUN");
  CHECK_FALSE(c[1].in_pp);
  CHECK(c[1].subject_position);
  CHECK(c[4].in_pp);
  CHECK(c[4].pp_object);
  CHECK(c[8].pp_object);
  CHECK_FALSE(c[8].object_position);
}

TEST_CASE("chunker: a relative clause has its own clause and ends at the next verb group",
          "[features]") {
  const auto c =
      chunks_of("The/DET cat/NOUN that/PRON I/PRON saw/VERB yesterday/NOUN was/AUX sleeping/VERB");
  CHECK(c[2].relative_pronoun);
  CHECK(c[3].in_relative);
  CHECK(c[3].clause_id != c[1].clause_id);
  CHECK(c[3].clause_depth == 1);
  CHECK(c[7].clause_id == c[1].clause_id);
  CHECK_FALSE(c[7].in_relative);
  CHECK(c[7].main_verb);
  CHECK(c[1].subject_position);
}

TEST_CASE("chunker: a coordinator before a new subject and verb opens a sibling clause",
          "[features]") {
  const auto c = chunks_of("The/DET dog/NOUN barked/VERB and/CCONJ the/DET cat/NOUN ran/VERB");
  CHECK(c[1].clause_id != c[5].clause_id);
  CHECK(c[5].clause_id == c[6].clause_id);
  CHECK(c[5].clause_depth == 0);
  // ... but coordinated nouns stay in one clause.
  const auto d = chunks_of("The/DET cat/NOUN and/CCONJ the/DET dog/NOUN slept/VERB");
  CHECK(d[1].clause_id == d[4].clause_id);
}

TEST_CASE("chunker: objects come after the verb, subjects before, also in questions",
          "[features]") {
  const auto c = chunks_of("John/PROPN ate/VERB his/PRON lunch/NOUN");
  CHECK(c[0].subject_position);
  CHECK(c[3].object_position);
  CHECK(c[2].np_modifier);  // a possessive modifies the noun
  const auto q = chunks_of("Where/ADV did/AUX the/DET cat/NOUN sleep/VERB ?/PUNCT");
  CHECK(q[3].subject_position);
}

TEST_CASE("chunker: rejects mismatched inputs and accepts an empty sentence", "[features]") {
  CHECK_THROWS_AS(attn::chunk({"NOUN"}, {}), std::invalid_argument);
  CHECK(attn::chunk({}, {}).empty());
  CHECK(attn::build_features({}).x.rows() == 0);
}

TEST_CASE("features: number, person and gender of pronouns, nouns and verbs", "[features]") {
  using attn::word_number;
  CHECK(word_number("cats", "NOUN", "") == 1);
  CHECK(word_number("cat", "NOUN", "") == -1);
  CHECK(word_number("glass", "NOUN", "") == -1);
  CHECK(word_number("children", "NOUN", "") == 1);
  CHECK(word_number("they", "PRON", "") == 1);
  CHECK(word_number("his", "PRON", "") == -1);
  CHECK(word_number("sleeps", "VERB", "") == -1);
  CHECK(word_number("are", "AUX", "") == 1);
  CHECK(word_number("chat", "NOUN", "Masc|Plur") == 1);
  const auto f = attn::build_features(tagged("She/PRON saw/VERB him/PRON and/CCONJ me/PRON"));
  CHECK(f.x(0, attn::kGender) < 0);
  CHECK(f.x(2, attn::kGender) > 0);
  CHECK(f.x(4, attn::kPerson1) == 1);
  CHECK(f.x(0, attn::kPerson3) == 1);
  CHECK(f.x(0, attn::kPersonalPronoun) == 1);
}

TEST_CASE("features: one-hots, unit vectors and position codes", "[features]") {
  const auto f = attn::build_features(tagged("The/DET cat/NOUN sat/VERB on/ADP the/DET mat/NOUN"));
  REQUIRE(f.x.rows() == 6);
  REQUIRE(f.x.cols() == attn::kFeatureCount);
  for (int t = 0; t < 6; ++t) {
    CHECK(f.x.block(t, attn::kUposFirst, 1, 17).sum() == 1);
    CHECK(f.x(t, attn::kBias) == 1);
    CHECK(std::fabs(f.x.block(t, attn::kVectorFirst, 1, attn::kWordDim).norm() - 1.0f) < 1e-5f);
    // Residues mod 11 and mod 13 identify the position: exactly one of each is set.
    CHECK(f.x.block(t, attn::kResidueFirst, 1, attn::kModA).sum() == 1);
    CHECK(f.x.block(t, attn::kResidueFirst + attn::kModA, 1, attn::kModB).sum() == 1);
  }
  CHECK(f.x(1, attn::kUposNoun) == 1);
  CHECK(f.x(5, attn::kPosLin) == Approx(5.0 / 8));
  CHECK(f.x(5, attn::kRelPos) == Approx(1.0));
  CHECK(f.x(2, attn::kWaveFirst) == Approx(std::sin(attn::wave_frequency(0) * 2)));
  CHECK(attn::feature_name(attn::kUposNoun) == "NOUN");
  CHECK(attn::feature_name(attn::kVectorFirst) == "meaning 1");
}

TEST_CASE("features: too many tokens or a wrong vector width is an error naming the argument",
          "[features]") {
  std::vector<FeatureToken> many(attn::kMaxFeatureTokens + 1, tagged("cat/NOUN")[0]);
  CHECK_THROWS_WITH(attn::build_features(many), Catch::Contains("tokens has 65"));
  auto bad = tagged("cat/NOUN");
  bad[0].vector.resize(3);
  CHECK_THROWS_WITH(attn::build_features(bad), Catch::Contains("expected 100"));
}
