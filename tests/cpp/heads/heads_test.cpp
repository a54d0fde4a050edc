// The hand-built heads through the core's attention, on hand-tagged sentences (so these tests
// need neither the tagger nor the word vectors): the public acceptance relations, causal
// masking of the same weights, the heads' narrow projection agreeing with the same weights run
// as plain PyTorch multi_head_attention, only the requested heads running, and score
// explanations summing to the raw score. tests/js/heads.test.mjs runs the full text pipeline
// on the fixture.
#include "heads/heads.h"

#include <catch.hpp>
#include <cmath>
#include <random>

#include "heads/explain.h"
#include "random_matrix.h"
#include "tagged_sentence.h"

namespace {

using attn::FeatureToken;
using attn::Mat;

struct Run {
  std::vector<std::string> words;
  Mat x;
  attn::MultiHeadTrace trace;
};

// FNV-1a of a word: the same seed under libstdc++ and libc++ (std::hash is not), so native
// and wasm runs see the same vectors (random_matrix.h's normal() is hand-written for the same
// reason).
std::uint32_t fnv1a(const std::string& s) {
  std::uint32_t h = 2166136261u;
  for (const unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

std::vector<int> all_heads(int count) {
  std::vector<int> run(static_cast<std::size_t>(count));
  for (int h = 0; h < count; ++h) run[static_cast<std::size_t>(h)] = h;
  return run;
}

// "The/DET cat/NOUN" -> features (deterministic pseudo-random vectors) -> all heads.
Run run(const std::string& line, attn::AnalyzeMode mode = attn::AnalyzeMode::kSelf) {
  Run r;
  const std::vector<FeatureToken> tokens =
      attn::test::tagged_sentence(line, [](const std::string& lower, std::size_t) {
        std::mt19937 rng(fnv1a(lower));
        std::vector<float> v(attn::kWordDim);
        for (float& x : v) x = attn::test::normal(rng);
        return v;
      });
  for (const FeatureToken& t : tokens) r.words.push_back(t.lower);
  r.x = attn::build_features(tokens).x;
  r.trace = attn::run_heads(r.x, r.x, attn::kSelfHeadCount, mode == attn::AnalyzeMode::kCausal,
                            all_heads(attn::kSelfHeadCount));
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
  const Mat& w = r.trace.heads[static_cast<std::size_t>(head_index(name))].weights;
  Eigen::Index best = 0;
  w.row(static_cast<Eigen::Index>(from)).maxCoeff(&best);
  return r.words[static_cast<std::size_t>(best)];
}

}  // namespace

TEST_CASE("heads: Grammar finds the subject across relative clauses and prepositional phrases",
          "[heads]") {
  CHECK(target(run("The/DET cat/NOUN that/PRON was/AUX sleeping/VERB on/ADP the/DET mat/NOUN "
                   "suddenly/ADV woke/VERB up/ADP"),
               "Grammar", 9) == "cat");
  CHECK(target(run("The/DET cat/NOUN sat/VERB"), "Grammar", 2) == "cat");
  CHECK(
      target(run("The/DET cat/NOUN that/PRON I/PRON saw/VERB yesterday/NOUN was/AUX sleeping/VERB"),
             "Grammar", 7) == "cat");
  CHECK(
      target(run("The/DET keys/NOUN to/ADP the/DET cabinet/NOUN are/AUX on/ADP the/DET table/NOUN"),
             "Grammar", 5) == "keys");
  CHECK(target(run("The/DET dog/NOUN barked/VERB and/CCONJ the/DET cat/NOUN ran/VERB"), "Grammar",
               6) == "cat");
}

TEST_CASE("heads: References, Modifiers and Actions on the public examples", "[heads]") {
  CHECK(target(run("John/PROPN ate/VERB his/PRON lunch/NOUN"), "References", 2) == "john");
  const Run r = run("The/DET cat/NOUN sat/VERB on/ADP the/DET mat/NOUN");
  CHECK(target(r, "Modifiers", 0) == "cat");
  CHECK(target(r, "Modifiers", 4) == "mat");
  CHECK(target(r, "Actions", 2) == "mat");
  CHECK(target(run("The/DET dogs/NOUN barked/VERB because/SCONJ they/PRON were/AUX hungry/ADJ"),
               "References", 4) == "dogs");
}

TEST_CASE("heads: causal mode gives exactly 0 to later tokens and rows still sum to 1", "[heads]") {
  const Run r =
      run("The/DET cat/NOUN that/PRON was/AUX sleeping/VERB on/ADP the/DET mat/NOUN woke/VERB",
          attn::AnalyzeMode::kCausal);
  REQUIRE(r.trace.heads.size() == attn::kSelfHeadCount);
  for (const attn::HeadTrace& h : r.trace.heads) {
    for (Eigen::Index i = 0; i < h.weights.rows(); ++i) {
      CHECK(h.weights.row(i).sum() == Approx(1.0f).margin(1e-5));
      for (Eigen::Index j = i + 1; j < h.weights.cols(); ++j) CHECK(h.weights(i, j) == 0.0f);
    }
  }
}

// The heads run as torch.nn.MultiheadAttention would run them: features zero-padded to E,
// (E, E) / (E, F) projections, identity out-projection, through the core's plain
// multi_head_attention with a trace. Tolerances: Q within 1e-3 (it carries the sqrt(d) gain, so
// values reach ~100), K, V, weights and outputs within 1e-5.
float max_diff(const Mat& a, const Mat& b) {  // both the same shape; 0 when empty (S = 0)
  REQUIRE((a.rows() == b.rows() && a.cols() == b.cols()));
  return a.size() == 0 ? 0.0f : (a - b).cwiseAbs().maxCoeff();
}

void check_against_pytorch_layer(const Mat& xq, const Mat& xs, int heads, bool causal) {
  const attn::MultiHeadWeights w = attn::head_weights_pytorch(heads);
  Mat padded_q = Mat::Zero(xq.rows(), w.embed_dim);
  padded_q.leftCols(attn::kFeatureCount) = xq;
  attn::MultiHeadOptions o;
  o.causal = causal;
  o.trace = true;
  const attn::MultiHeadResult plain = attn::multi_head_attention(padded_q, xs, xs, w, o);
  const attn::MultiHeadTrace ours = attn::run_heads(xq, xs, heads, causal, all_heads(heads));
  CHECK(ours.mask == plain.trace->mask);
  CHECK(ours.row_fully_masked == plain.trace->row_fully_masked);
  CHECK(ours.scale == plain.trace->scale);
  for (int h = 0; h < heads; ++h) {
    INFO("head " << h);
    const attn::HeadTrace &a = ours.heads[static_cast<std::size_t>(h)],
                          &b = plain.trace->heads[static_cast<std::size_t>(h)];
    CHECK(max_diff(a.q, b.q) < 1e-3f);
    CHECK(max_diff(a.k, b.k) < 1e-5f);
    CHECK(max_diff(a.v, b.v) < 1e-5f);
    CHECK(max_diff(a.weights, b.weights) < 1e-5f);
    CHECK(max_diff(a.output, b.output) < 1e-5f);
  }
  CHECK(max_diff(ours.concat, plain.output) < 1e-5f);  // output == concat
}

TEST_CASE("heads: the narrow projection equals the same weights as a plain PyTorch layer",
          "[heads]") {
  const Run r =
      run("The/DET cat/NOUN that/PRON was/AUX sleeping/VERB on/ADP the/DET mat/NOUN woke/VERB");
  check_against_pytorch_layer(r.x, r.x, attn::kSelfHeadCount, false);
  check_against_pytorch_layer(r.x, r.x, attn::kSelfHeadCount, true);
  const Run source = run("Le/DET chat/NOUN dort/VERB");
  check_against_pytorch_layer(r.x, source.x, attn::kCrossHeadCount, false);
  check_against_pytorch_layer(r.x, Mat(0, attn::kFeatureCount), attn::kCrossHeadCount, false);
  CHECK_THROWS_AS(attn::head_weights_pytorch(1),
                  std::invalid_argument);  // narrower than the features
}

TEST_CASE("heads: only the requested heads run, concat needs them all", "[heads]") {
  const Run r = run("John/PROPN ate/VERB his/PRON lunch/NOUN");
  const attn::MultiHeadTrace some = attn::run_heads(r.x, r.x, attn::kSelfHeadCount, false, {5, 2});
  for (int h = 0; h < attn::kSelfHeadCount; ++h) {
    const attn::HeadTrace& t = some.heads[static_cast<std::size_t>(h)];
    const bool ran = h == 5 || h == 2;
    INFO("head " << h);
    CHECK(t.weights.size() == (ran ? 16 : 0));
    CHECK(t.q.size() == (ran ? 4 * attn::kHeadDim : 0));
    if (ran) CHECK(t.weights == r.trace.heads[static_cast<std::size_t>(h)].weights);
  }
  CHECK(some.concat.size() == 0);
  CHECK(r.trace.concat.cols() == attn::kSelfHeadCount * attn::kHeadDim);
  CHECK_THROWS_AS(attn::run_heads(r.x, r.x, attn::kSelfHeadCount, false, {8}),
                  std::invalid_argument);
  CHECK_THROWS_AS(attn::run_heads(r.x, r.x, attn::kSelfHeadCount, false, {1, 1}),
                  std::invalid_argument);
}

TEST_CASE("heads: every head has d named Q/K and V dims, cross mode adds Alignment", "[heads]") {
  REQUIRE(attn::head_specs().size() == attn::kCrossHeadCount);
  CHECK(attn::head_specs().back().name == "Alignment");
  for (int h = 0; h < attn::kCrossHeadCount; ++h) {
    CHECK(attn::head_query_feature_names(h).size() == attn::kHeadDim);
    CHECK(attn::head_value_feature_names(h).size() == attn::kHeadDim);
    CHECK(attn::head_value_feature_names(h)[0] == "meaning · 1");
  }
  CHECK_THROWS_AS(attn::parse_analyze_mode("sideways"), std::invalid_argument);
}

TEST_CASE("explain: named contributions sum to the raw score and are sorted", "[heads]") {
  const Run r =
      run("The/DET cat/NOUN that/PRON was/AUX sleeping/VERB on/ADP the/DET mat/NOUN suddenly/ADV "
          "woke/VERB up/ADP");
  const int g = head_index("Grammar");
  const attn::HeadTrace& t = r.trace.heads[static_cast<std::size_t>(g)];
  const auto names = attn::head_query_feature_names(g);
  const Eigen::Index woke = 9, cat = 1;
  const Eigen::VectorXf qrow = t.q.row(woke).transpose(), krow = t.k.row(cat).transpose();
  const attn::ScoreExplanation e = attn::explain_score(
      {qrow.data(), static_cast<std::size_t>(qrow.size())},
      {krow.data(), static_cast<std::size_t>(krow.size())}, names, r.trace.scale, false);
  CHECK(e.total == Approx(t.scores(woke, cat)).epsilon(1e-4));
  float sum = 0;
  for (const auto& c : e.contributions) sum += c.product;
  CHECK(sum == Approx(e.total).epsilon(1e-4));
  for (std::size_t i = 1; i < e.contributions.size(); ++i) {
    CHECK(std::fabs(e.contributions[i - 1].product) >= std::fabs(e.contributions[i].product));
  }
  bool has_before = false;
  for (const auto& c : e.contributions)
    has_before = has_before || (c.feature == "before me" && c.product > 0 && c.dims > 1);
  CHECK(has_before);
  CHECK(attn::explain_group("before me · wave 3 (sin·cos)") == "before me");
  CHECK_THROWS_AS(attn::explain_score({qrow.data(), 2}, {krow.data(), 3}, names, 1, false),
                  std::invalid_argument);
}
