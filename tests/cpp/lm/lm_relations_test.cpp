// The hand-built heads' relations as portrait targets (src/lm/hand_built_relations.h): on a
// two-sentence stream laid out as prep_brown writes it, the Grammar head's subject and the
// References head's antecedent land on the right stream positions, only where those heads have
// a finding; a text that is not the stream's is refused. And head_portraits scores a learned
// head against such extra relations (a zero model's argmax is its window's first position).
#include <catch.hpp>
#include <cctype>
#include <string>
#include <vector>

#include "committed_heads_model.h"
#include "lm/evaluate.h"
#include "lm/hand_built_relations.h"
#include "lm/vocab.h"

namespace {

const attn::HeadsModel& heads() {
  static const attn::testing::CommittedHeadsModel r;
  return r.model;
}

}  // namespace

TEST_CASE("lm relations: the Grammar head's subject and the References head's antecedent", "[lm]") {
  const attn::lm::Vocab vocab({"<unk>", "[MASK]", "</s>", "the", "jury", "said", "it", "was",
                               "fine", ".", "john", "saw", "mary", "and", "he", "smiled"});
  const std::vector<std::string> texts = {"The jury said it was fine .",
                                          "John saw Mary and he smiled ."};
  std::vector<int> stream;
  for (const std::string& text : texts) {
    stream.push_back(attn::lm::kBoundary);
    std::string word;
    for (char ch : text + " ")
      if (ch == ' ') {
        for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        stream.push_back(vocab.id(word)), word.clear();
      } else {
        word += ch;
      }
  }
  REQUIRE(stream.size() ==
          16);  // </s> the jury said it was fine . </s> john saw mary and he smiled .
  const auto& relations = attn::lm::hand_built_relations();
  REQUIRE(relations.size() == 2);
  const auto targets =
      attn::lm::hand_built_targets(heads(), vocab, texts, stream, stream.size(), relations);
  REQUIRE(targets.size() == 2);
  const auto& subject = targets[0].target;
  const auto& antecedent = targets[1].target;
  CHECK(targets[0].name == "subject (Grammar head)");
  CHECK(subject[3] == 2);      // said -> jury
  CHECK(subject[1] == -1);     // "the" is no verb: the Grammar head does not ask from it
  CHECK(subject[10] == 9);     // saw -> john
  CHECK(subject[14] == 13);    // smiled -> he
  CHECK(antecedent[13] == 9);  // he -> john
  CHECK(antecedent[2] == -1);  // "jury" is no pronoun
  for (int t : subject) CHECK(t < static_cast<int>(stream.size()));
  // Only the first `positions` of the stream are filled.
  const auto first = attn::lm::hand_built_targets(heads(), vocab, texts, stream, 8, relations);
  CHECK(first[0].target[3] == 2);
  CHECK(first[0].target[10] == -1);
  // A stream cut inside the second sentence (HELDOUT_TOKENS): the first is filled, no throw.
  const std::vector<int> cut(stream.begin(), stream.begin() + 12);
  const auto part = attn::lm::hand_built_targets(heads(), vocab, texts, cut, cut.size(), relations);
  CHECK(part[0].target.size() == 12);
  CHECK(part[0].target[3] == 2);
  CHECK(part[0].target[10] == -1);
  // A text that is not the stream's.
  CHECK_THROWS_AS(attn::lm::hand_built_targets(heads(), vocab, {"The jury left .", texts[1]},
                                               stream, stream.size(), relations),
                  std::runtime_error);
}

TEST_CASE("lm relations: portraits score heads against extra relations with enough positions",
          "[lm]") {
  attn::nn::TransformerConfig c;
  c.vocab_size = 20, c.max_positions = 8, c.embed_dim = 8, c.num_heads = 2, c.num_layers = 1;
  attn::nn::Transformer model(c);  // all-zero weights: every head's argmax is key 0
  std::vector<int> s(160);
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = 3 + static_cast<int>(i % 17);
  attn::lm::RelationTargets start{"window start", std::vector<int>(s.size(), -1)};
  attn::lm::RelationTargets rare{"rare", std::vector<int>(s.size(), -1)};
  attn::lm::RelationTargets before{"one before", std::vector<int>(s.size(), -1)};
  for (std::size_t p = 0; p < s.size(); ++p) {
    if (p % 8 >= 2) start.target[p] = static_cast<int>(p - p % 8);
    if (p % 8 >= 2) before.target[p] = static_cast<int>(p - 1);
    if (p % 8 == 5 && p < 80) rare.target[p] = static_cast<int>(p - 5);  // 10 positions
  }
  start.target[8 + 3] = 8 + 3 + 1;  // a later key: a causal head cannot see it (no target)
  const std::vector<bool> sink(20, false);
  const auto portraits = attn::lm::head_portraits(model, s, 8, 20, sink, {rare, start, before});
  REQUIRE(portraits.size() == 2);
  for (const auto& p : portraits) {
    const auto rate = [&](const std::string& name) {
      for (const auto& r : p.rates)
        if (r.name == name) return r;
      FAIL("no rate for " << name);
      return attn::lm::RelationRate{};
    };
    CHECK(rate("rare").rate == Approx(1.0));
    CHECK(rate("rare").positions == 10);
    CHECK(rate("window start").rate == Approx(1.0));
    CHECK(rate("window start").positions == 20 * 6 - 1);
    CHECK(rate("one before").rate == Approx(0.0));
    CHECK(rate("one before").positions == 20 * 6);
    CHECK(p.rates.back().name == "one before");     // extras come after the built-in relations
    CHECK(p.label == "first word or punctuation");  // ties go to the earlier relation
  }
}
