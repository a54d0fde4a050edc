// Whether a head has anything to do on a word (heads/evidence.h): the best content score
// against a plain reference built from explain_score's named contributions (tolerance 1e-4,
// relative, plus 1e-4 absolute), and the honest "no signal" verdicts the page shows: References
// on words that are not pronouns, Emotions on a neutral sentence, Semantics when no other word
// is close in meaning, the first word of a causal sentence (nothing else allowed), on odd
// sizes. Word vectors are basis vectors, so two words are alike only when a test says so.
#include "heads/evidence.h"

#include <catch.hpp>
#include <cmath>
#include <map>
#include <set>

#include "heads/explain.h"
#include "heads/head_layer.h"
#include "heads/heads.h"
#include "tagged_sentence.h"

namespace {

using attn::Mat;

struct Run {
  Mat x;
  attn::MultiHeadTrace trace;
};

// "The/DET cat/NOUN" -> all eight heads. Word i gets basis vector e_i, except the words in
// `same`, which share their group's vector; emotion: word -> closeness to feeling words.
Run run(const std::string& line, bool causal = false, const std::map<std::string, int>& same = {},
        const std::map<std::string, float>& emotion = {}) {
  std::vector<attn::FeatureToken> tokens =
      attn::test::tagged_sentence(line, [&](const std::string& lower, std::size_t i) {
        std::vector<float> v(attn::kWordDim, 0.0f);
        const auto group = same.find(lower);
        v[group != same.end() ? static_cast<std::size_t>(90 + group->second) : i] = 1;
        return v;
      });
  for (attn::FeatureToken& t : tokens) {
    const auto e = emotion.find(t.lower);
    if (e != emotion.end()) t.emotion = e->second;
  }
  Run r;
  r.x = attn::build_features(tokens).x;
  std::vector<int> all(attn::kSelfHeadCount);
  for (int h = 0; h < attn::kSelfHeadCount; ++h) all[static_cast<std::size_t>(h)] = h;
  r.trace = attn::run_heads(r.x, r.x, attn::kSelfHeadCount, causal, all);
  return r;
}

int head(const std::string& name) {
  for (std::size_t h = 0; h < attn::head_specs().size(); ++h)
    if (attn::head_specs()[h].name == name) return static_cast<int>(h);
  throw std::logic_error("no head " + name);
}

attn::HeadEvidence evidence(const Run& r, int h, bool self = true) {
  const attn::HeadTrace& t = r.trace.heads[static_cast<std::size_t>(h)];
  return attn::head_evidence(h, t.q, t.k, r.x, r.trace.mask, r.trace.scale, self);
}

// Reference: per (i, j), the scaled score minus explain_score's background groups; the best
// over the other allowed keys.
std::vector<float> reference_best(const Run& r, int h) {
  const attn::HeadTrace& t = r.trace.heads[static_cast<std::size_t>(h)];
  const auto names = attn::head_query_feature_names(h);
  std::set<std::string> background;
  for (const attn::HeadDim& d : attn::head_specs()[static_cast<std::size_t>(h)].qk)
    if (d.background) background.insert(attn::explain_group(d.name));
  std::vector<float> best(static_cast<std::size_t>(t.q.rows()), -INFINITY);
  for (Eigen::Index i = 0; i < t.q.rows(); ++i)
    for (Eigen::Index j = 0; j < t.k.rows(); ++j) {
      if (i == j || r.trace.mask(i, j)) continue;
      const Eigen::VectorXf q = t.q.row(i).transpose(), k = t.k.row(j).transpose();
      const attn::ScoreExplanation e = attn::explain_score(
          {q.data(), static_cast<std::size_t>(q.size())},
          {k.data(), static_cast<std::size_t>(k.size())}, names, r.trace.scale, false);
      double content = e.scaled;
      for (const auto& c : e.contributions)
        if (background.count(c.feature)) content -= c.scaled_product;
      best[static_cast<std::size_t>(i)] =
          std::max(best[static_cast<std::size_t>(i)], static_cast<float>(content));
    }
  return best;
}

}  // namespace

TEST_CASE("evidence: best content score equals the explain_score reference on odd sizes",
          "[evidence]") {
  const std::vector<std::string> lines = {
      "Cats/NOUN", "John/PROPN ate/VERB his/PRON", "The/DET old/ADJ dog/NOUN saw/VERB her/PRON",
      "The/DET cat/NOUN that/PRON was/AUX sleeping/VERB on/ADP the/DET mat/NOUN suddenly/ADV "
      "woke/VERB up/ADP and/CCONJ she/PRON ate/VERB her/PRON lunch/NOUN happily/ADV"};
  for (const std::string& line : lines)
    for (bool causal : {false, true}) {
      const Run r = run(line, causal);
      for (int h = 0; h < attn::kSelfHeadCount; ++h) {
        const attn::HeadEvidence e = evidence(r, h);
        const std::vector<float> want = reference_best(r, h);
        REQUIRE(e.best.size() == want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
          INFO(line << " causal " << causal << " head " << h << " query " << i);
          if (std::isinf(want[i])) {
            CHECK(std::isinf(e.best[i]));
            CHECK(e.idle[i] == 1);
          } else {
            CHECK(e.best[i] == Approx(want[i]).epsilon(1e-4).margin(1e-4));
          }
        }
      }
    }
}

TEST_CASE("evidence: References has nothing to do on a word that is not a pronoun", "[evidence]") {
  const Run r = run("John/PROPN ate/VERB his/PRON lunch/NOUN");
  const attn::HeadEvidence e = evidence(r, head("References"));
  CHECK(e.asks == std::vector<std::uint8_t>{0, 0, 1, 0});
  CHECK(e.idle == std::vector<std::uint8_t>{1, 1, 0, 1});
  CHECK(e.best[2] >= attn::head_specs()[static_cast<std::size_t>(head("References"))].min_evidence);
}

TEST_CASE("evidence: Emotions is idle on a neutral sentence and not on a feeling word",
          "[evidence]") {
  const std::string line = "The/DET cat/NOUN sat/VERB on/ADP the/DET mat/NOUN";
  const attn::HeadEvidence neutral = evidence(run(line), head("Emotions"));
  CHECK(neutral.asks == std::vector<std::uint8_t>(6, 1));
  CHECK(neutral.idle == std::vector<std::uint8_t>(6, 1));
  const Run r = run("I/PRON love/VERB this/DET sunny/ADJ day/NOUN", false, {}, {{"love", 0.9f}});
  const attn::HeadEvidence felt = evidence(r, head("Emotions"));
  CHECK(felt.idle == std::vector<std::uint8_t>{0, 1, 0, 0, 0});  // "love" has no other to find
}

TEST_CASE("evidence: Semantics finds a word only when another is close in meaning", "[evidence]") {
  const std::string line = "The/DET cat/NOUN chased/VERB a/DET kitten/NOUN too/ADV";
  const attn::HeadEvidence alone = evidence(run(line), head("Semantics"));
  CHECK(alone.idle == std::vector<std::uint8_t>(6, 1));  // all vectors orthogonal
  const Run r = run(line, false, {{"cat", 0}, {"kitten", 0}});
  const attn::HeadEvidence alike = evidence(r, head("Semantics"));
  CHECK(alike.idle == std::vector<std::uint8_t>{1, 0, 1, 1, 0, 1});
  // function words do not ask; "too" is one (a closed-class adverb)
  CHECK(alike.asks == std::vector<std::uint8_t>{0, 1, 1, 0, 1, 0});
}

TEST_CASE("evidence: Semantics says nothing on 'too' and no word spends its weight on it",
          "[evidence]") {
  // "too" shares its vector with "ate" and "lunch": frequent adverbs sit close to very many
  // words in GloVe, and as a content word "too" drew most rows (ate -> too, like -> too 92%).
  const int h = head("Semantics");
  const Run r = run("John/PROPN ate/VERB his/PRON lunch/NOUN too/ADV", false,
                    {{"ate", 0}, {"lunch", 0}, {"too", 0}});
  const attn::HeadEvidence e = evidence(r, h);
  CHECK(e.asks[4] == 0);
  CHECK(e.idle[4] == 1);
  CHECK(e.idle[1] == 0);  // "ate" still finds "lunch"
  const Mat& w = r.trace.heads[static_cast<std::size_t>(h)].weights;
  for (Eigen::Index i = 0; i < 4; ++i) {
    INFO("row " << i);
    CHECK(w(i, 4) < 0.1f);  // 1/5 would be an even spread
  }
  CHECK(w(1, 3) > 10 * w(1, 4));  // "ate" looks at "lunch", not at "too"
}

TEST_CASE(
    "evidence: in causal mode the first word has nothing else to look at; cross counts "
    "every source word",
    "[evidence]") {
  const Run r = run("The/DET dog/NOUN saw/VERB it/PRON", true);
  for (int h = 0; h < attn::kSelfHeadCount; ++h) {
    const attn::HeadEvidence e = evidence(r, h);
    CHECK(std::isinf(e.best[0]));
    CHECK(e.idle[0] == 1);
  }
  const Run same = run("The/DET cat/NOUN", false, {{"cat", 0}});
  const attn::HeadEvidence cross = evidence(same, head("Semantics"), false);
  CHECK(cross.idle[1] == 0);  // "cat" finds itself in the other sentence
}

TEST_CASE("evidence: mismatched sizes are an error naming the function", "[evidence]") {
  const Run r = run("The/DET cat/NOUN sat/VERB");
  const attn::HeadTrace& t = r.trace.heads[0];
  CHECK_THROWS_WITH(attn::head_evidence(0, t.q, t.k, r.x.topRows(2), r.trace.mask, 1, true),
                    Catch::Contains("head_evidence"));
  CHECK_THROWS_AS(attn::head_evidence(0, t.q, t.k, r.x, attn::Mask::Zero(3, 2), 1, true),
                  std::invalid_argument);
}
