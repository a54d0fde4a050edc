// The hand-built heads through the real multi-head core, on hand-tagged sentences (so these
// tests need neither the tagger nor the word vectors): the public acceptance relations, causal
// masking of the same weights, Q/K/V being exactly features x W^T, and score explanations
// summing to the raw score. tests/js/heads.test.mjs runs the full text pipeline on the fixture.
#include <catch.hpp>

#include <cmath>
#include <random>
#include <sstream>

#include "heads/explain.h"
#include "heads/heads.h"

namespace {

using attn::FeatureToken;
using attn::Mat;

struct Run {
  std::vector<std::string> words;
  Mat x;
  attn::MultiHeadResult result;
};

// "The/DET cat/NOUN" -> features (deterministic pseudo-random vectors) -> all heads.
Run run(const std::string& line, attn::AnalyzeMode mode = attn::AnalyzeMode::kSelf) {
  std::istringstream in(line);
  std::vector<FeatureToken> tokens;
  Run r;
  std::string item;
  while (in >> item) {
    const std::size_t slash = item.rfind('/');
    FeatureToken t;
    t.lower = item.substr(0, slash);
    for (char& ch : t.lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    t.tag = item.substr(slash + 1);
    std::mt19937 rng(static_cast<unsigned>(std::hash<std::string>{}(t.lower)));
    std::normal_distribution<float> normal;
    t.vector.resize(attn::kWordDim);
    for (float& v : t.vector) v = normal(rng);
    r.words.push_back(t.lower);
    tokens.push_back(t);
  }
  r.x = attn::build_features(tokens).x;
  r.result = attn::run_heads(r.x, r.x, mode);
  return r;
}

int head_index(const std::string& name) {
  for (std::size_t h = 0; h < attn::head_specs().size(); ++h) {
    if (attn::head_specs()[h].name == name) return static_cast<int>(h);
  }
  throw std::logic_error("no head " + name);
}

// The word head `name` gives most weight from query word `from` (first occurrence at/after `nth`).
std::string target(const Run& r, const std::string& name, std::size_t from) {
  const Mat& w = r.result.trace->heads[static_cast<std::size_t>(head_index(name))].weights;
  Eigen::Index best = 0;
  w.row(static_cast<Eigen::Index>(from)).maxCoeff(&best);
  return r.words[static_cast<std::size_t>(best)];
}

}  // namespace

TEST_CASE("heads: Grammar finds the subject across relative clauses and prepositional phrases", "[heads]") {
  CHECK(target(run("The/DET cat/NOUN that/PRON was/AUX sleeping/VERB on/ADP the/DET mat/NOUN suddenly/ADV woke/VERB up/ADP"), "Grammar", 9) == "cat");
  CHECK(target(run("The/DET cat/NOUN sat/VERB"), "Grammar", 2) == "cat");
  CHECK(target(run("The/DET cat/NOUN that/PRON I/PRON saw/VERB yesterday/NOUN was/AUX sleeping/VERB"), "Grammar", 7) == "cat");
  CHECK(target(run("The/DET keys/NOUN to/ADP the/DET cabinet/NOUN are/AUX on/ADP the/DET table/NOUN"), "Grammar", 5) == "keys");
  CHECK(target(run("The/DET dog/NOUN barked/VERB and/CCONJ the/DET cat/NOUN ran/VERB"), "Grammar", 6) == "cat");
}

TEST_CASE("heads: References, Modifiers and Actions on the public examples", "[heads]") {
  CHECK(target(run("John/PROPN ate/VERB his/PRON lunch/NOUN"), "References", 2) == "john");
  const Run r = run("The/DET cat/NOUN sat/VERB on/ADP the/DET mat/NOUN");
  CHECK(target(r, "Modifiers", 0) == "cat");
  CHECK(target(r, "Modifiers", 4) == "mat");
  CHECK(target(r, "Actions", 2) == "mat");
  CHECK(target(run("The/DET dogs/NOUN barked/VERB because/SCONJ they/PRON were/AUX hungry/ADJ"), "References", 4) == "dogs");
}

TEST_CASE("heads: causal mode gives exactly 0 to later tokens and rows still sum to 1", "[heads]") {
  const Run r = run("The/DET cat/NOUN that/PRON was/AUX sleeping/VERB on/ADP the/DET mat/NOUN woke/VERB", attn::AnalyzeMode::kCausal);
  REQUIRE(r.result.trace->heads.size() == attn::kSelfHeadCount);
  for (const attn::HeadTrace& h : r.result.trace->heads) {
    for (Eigen::Index i = 0; i < h.weights.rows(); ++i) {
      CHECK(h.weights.row(i).sum() == Approx(1.0f).margin(1e-5));
      for (Eigen::Index j = i + 1; j < h.weights.cols(); ++j) CHECK(h.weights(i, j) == 0.0f);
    }
  }
}

TEST_CASE("heads: Q, K and V are the features times the projection weights, nothing else", "[heads]") {
  const Run r = run("John/PROPN ate/VERB his/PRON lunch/NOUN");
  const attn::MultiHeadWeights& w = attn::head_weights(attn::kSelfHeadCount);
  const int d = attn::kHeadDim;
  REQUIRE(w.q_proj_weight.cols() == attn::kFeatureCount);
  const Mat q = r.x * w.q_proj_weight.transpose();
  const Mat k = r.x * w.k_proj_weight.transpose();
  const Mat v = r.x * w.v_proj_weight.transpose();
  for (int h = 0; h < attn::kSelfHeadCount; ++h) {
    const attn::HeadTrace& t = r.result.trace->heads[static_cast<std::size_t>(h)];
    CHECK((t.q - q.middleCols(h * d, d)).cwiseAbs().maxCoeff() < 1e-3f);
    CHECK((t.k - k.middleCols(h * d, d)).cwiseAbs().maxCoeff() < 1e-4f);
    CHECK((t.v - v.middleCols(h * d, d)).cwiseAbs().maxCoeff() < 1e-5f);
  }
}

TEST_CASE("heads: every head has d named Q/K and V dims; cross mode adds Alignment", "[heads]") {
  REQUIRE(attn::head_specs().size() == attn::kCrossHeadCount);
  CHECK(attn::head_specs().back().name == "Alignment");
  for (int h = 0; h < attn::kCrossHeadCount; ++h) {
    CHECK(attn::head_query_feature_names(h).size() == attn::kHeadDim);
    CHECK(attn::head_value_feature_names(h).size() == attn::kHeadDim);
    CHECK(attn::head_value_feature_names(h)[0] == "meaning · 1");
  }
  CHECK(attn::head_weights(attn::kCrossHeadCount).embed_dim == attn::kCrossHeadCount * attn::kHeadDim);
  CHECK_THROWS_AS(attn::head_weights(1), std::invalid_argument);  // narrower than the features
  CHECK_THROWS_AS(attn::parse_analyze_mode("sideways"), std::invalid_argument);
}

TEST_CASE("explain: named contributions sum to the raw score and are sorted", "[heads]") {
  const Run r = run("The/DET cat/NOUN that/PRON was/AUX sleeping/VERB on/ADP the/DET mat/NOUN suddenly/ADV woke/VERB up/ADP");
  const int g = head_index("Grammar");
  const attn::HeadTrace& t = r.result.trace->heads[static_cast<std::size_t>(g)];
  const auto names = attn::head_query_feature_names(g);
  const Eigen::Index woke = 9, cat = 1;
  const Eigen::VectorXf qrow = t.q.row(woke).transpose(), krow = t.k.row(cat).transpose();
  const attn::ScoreExplanation e = attn::explain_score({qrow.data(), static_cast<std::size_t>(qrow.size())},
                                                      {krow.data(), static_cast<std::size_t>(krow.size())},
                                                      names, r.result.trace->scale, false);
  CHECK(e.total == Approx(t.scores(woke, cat)).epsilon(1e-4));
  float sum = 0;
  for (const auto& c : e.contributions) sum += c.product;
  CHECK(sum == Approx(e.total).epsilon(1e-4));
  for (std::size_t i = 1; i < e.contributions.size(); ++i) {
    CHECK(std::fabs(e.contributions[i - 1].product) >= std::fabs(e.contributions[i].product));
  }
  bool has_before = false;
  for (const auto& c : e.contributions) has_before = has_before || (c.feature == "before me" && c.product > 0 && c.dims > 1);
  CHECK(has_before);
  CHECK(attn::explain_group("before me · wave 3 (sin·cos)") == "before me");
  CHECK_THROWS_AS(attn::explain_score({qrow.data(), 2}, {krow.data(), 3}, names, 1, false), std::invalid_argument);
}
