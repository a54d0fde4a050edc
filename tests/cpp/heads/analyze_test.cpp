// HeadsModel::analyze over the committed assets: each head's output decoded to its nearest
// source words, checked against a plain double-precision reference (cosine of the output's
// meaning part with every distinct source word's unit vector, best first, ties in sentence
// order) on sentences of 1, 3, 17 and 63 words, in self, causal and cross mode, for all heads
// and for a requested subset. Tolerance: similarities within 1e-5 of the reference; the order
// is checked wherever the reference's neighbouring similarities differ by more than 1e-5.
// Also: what analyze() skips (heads and nearest words not asked for), several modes from one
// call, and "[MASK]" against a typed "mask".
#include <algorithm>
#include <catch.hpp>
#include <cmath>
#include <numeric>
#include <string>
#include <unordered_set>
#include <vector>

#include "committed_heads_model.h"

namespace {

const attn::HeadsModel& model() {
  static const attn::testing::CommittedHeadsModel r;
  return r.model;
}

const char* const kWords[] = {
    "the",   "cat",   "that", "was",    "sleeping", "on",    "the",    "warm",    "mat",  "woke",
    "up",    "and",   "ran",  "to",     "the",      "door",  ",",      "because", "it",   "heard",
    "a",     "dog",   "bark", "loudly", "in",       "the",   "garden", "near",    "an",   "old",
    "house", "where", "John", "ate",    "his",      "lunch", "!",      "zyxq",    "happy"};

std::string sentence(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += (i ? " " : "") + std::string(kWords[i % std::size(kWords)]);
  return s;
}

// The reference decoding of one output row: (candidate index, cosine) best first.
std::vector<std::pair<int, double>> reference_nearest(const attn::Analysis& a, const attn::Mat& out,
                                                      int row) {
  std::vector<int> source_rows;  // source token of each candidate
  std::unordered_set<std::string> seen;
  for (std::size_t t = 0; t < a.source_tokens.size(); ++t) {
    const attn::AnalyzedToken& tok = a.source_tokens[t];
    if (tok.tag == "PUNCT" || tok.tag == "SYM" || !seen.insert(tok.lower).second) continue;
    source_rows.push_back(static_cast<int>(t));
  }
  double norm = 0;
  for (int d = 0; d < attn::kWordDim; ++d) norm += double(out(row, d)) * out(row, d);
  std::vector<std::pair<int, double>> all;
  if (norm <= 1e-12) return all;
  for (std::size_t c = 0; c < source_rows.size(); ++c) {
    double dot = 0;
    for (int d = 0; d < attn::kWordDim; ++d) {
      dot += double(out(row, d)) * a.source_features(source_rows[c], attn::kVectorFirst + d);
    }
    all.push_back({static_cast<int>(c), dot / std::sqrt(norm)});
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  if (all.size() > static_cast<std::size_t>(attn::kNearestCount)) all.resize(attn::kNearestCount);
  return all;
}

void check_nearest(const attn::Analysis& a) {
  // Candidates: the distinct words of the source, punctuation aside, in sentence order.
  std::vector<std::string> expected;
  for (const attn::AnalyzedToken& t : a.source_tokens) {
    if (t.tag != "PUNCT" && t.tag != "SYM" &&
        std::find(expected.begin(), expected.end(), t.lower) == expected.end()) {
      expected.push_back(t.lower);
    }
  }
  CHECK(a.candidates == expected);
  REQUIRE(a.nearest.size() == a.heads.size());
  for (std::size_t r = 0; r < a.heads.size(); ++r) {
    const attn::Mat& out = a.trace->heads[static_cast<std::size_t>(a.heads[r])].output;
    REQUIRE(a.nearest[r].size() == a.tokens.size());
    for (int i = 0; i < static_cast<int>(a.tokens.size()); ++i) {
      const auto want = reference_nearest(a, out, i);
      const auto& got = a.nearest[r][static_cast<std::size_t>(i)];
      INFO("head " << a.heads[r] << ", query " << i);
      REQUIRE(got.size() == want.size());
      for (std::size_t j = 0; j < got.size(); ++j) {
        CHECK(std::fabs(got[j].similarity - want[j].second) <= 1e-5);
        const bool clear_before = j == 0 || want[j - 1].second - want[j].second > 1e-5;
        const bool clear_after = j + 1 == want.size() || want[j].second - want[j + 1].second > 1e-5;
        if (clear_before && clear_after) CHECK(got[j].candidate == want[j].first);
      }
    }
  }
}

}  // namespace

TEST_CASE("analyze: outputs decode to their nearest source words as a double reference does",
          "[analyze]") {
  for (const int n : {1, 3, 17, 63}) {
    for (const attn::AnalyzeMode mode : {attn::AnalyzeMode::kSelf, attn::AnalyzeMode::kCausal}) {
      INFO(n << " words, mode " << attn::analyze_mode_name(mode));
      attn::AnalyzeOptions o;
      o.text = sentence(n);
      o.mode = mode;
      const attn::Analysis a = model().analyze(o);
      REQUIRE(static_cast<int>(a.tokens.size()) == n);
      check_nearest(a);
    }
  }
}

TEST_CASE("analyze: cross mode decodes to the source's words, requested heads only", "[analyze]") {
  attn::AnalyzeOptions o;
  o.text = sentence(5);
  o.source = "le chat dort sur le tapis , le chien aboie";
  o.source_lang = attn::Lang::kFrench;
  o.mode = attn::AnalyzeMode::kCross;
  o.heads = {8, 2};
  const attn::Analysis a = model().analyze(o);
  REQUIRE(a.heads == std::vector<int>{8, 2});
  CHECK(std::find(a.candidates.begin(), a.candidates.end(), ",") == a.candidates.end());
  CHECK(std::count(a.candidates.begin(), a.candidates.end(), "le") == 1);
  check_nearest(a);
}

TEST_CASE("analyze: an empty cross source leaves every query with no nearest words", "[analyze]") {
  attn::AnalyzeOptions o;
  o.text = sentence(3);
  o.source = "";
  o.mode = attn::AnalyzeMode::kCross;
  const attn::Analysis a = model().analyze(o);
  CHECK(a.candidates.empty());
  REQUIRE(a.nearest.size() == static_cast<std::size_t>(attn::kCrossHeadCount));
  for (const auto& head : a.nearest) {
    REQUIRE(head.size() == 3);
    for (const auto& list : head) CHECK(list.empty());
  }
}

TEST_CASE("analyze: heads and nearest words not asked for are not computed", "[analyze]") {
  attn::AnalyzeOptions o;
  o.text = sentence(9);
  o.heads = {6, 1};
  o.concat = false;
  o.nearest = false;
  const attn::Analysis a = model().analyze(o);
  CHECK(a.computed == std::vector<int>{1, 6});
  for (int h = 0; h < attn::kSelfHeadCount; ++h) {
    INFO("head " << h);
    CHECK(a.trace->heads[static_cast<std::size_t>(h)].weights.size() ==
          (h == 1 || h == 6 ? 81 : 0));
  }
  CHECK(a.trace->concat.size() == 0);
  CHECK(a.nearest.empty());
  CHECK(a.candidates.empty());
  // The heads that ran give exactly what a full analysis gives them.
  o.concat = true;
  o.nearest = true;
  const attn::Analysis full = model().analyze(o);
  CHECK(full.computed.size() == attn::kSelfHeadCount);
  CHECK(full.trace->concat.cols() == attn::kSelfHeadCount * attn::kHeadDim);
  for (int h : {1, 6}) {
    CHECK(a.trace->heads[static_cast<std::size_t>(h)].weights ==
          full.trace->heads[static_cast<std::size_t>(h)].weights);
  }
  check_nearest(full);
}

TEST_CASE("analyze_modes: one call gives what analyze gives for each mode", "[analyze]") {
  attn::AnalyzeOptions o;
  o.text = sentence(17);
  o.source = "le chat dort";
  o.source_lang = attn::Lang::kFrench;
  const std::vector<attn::AnalyzeMode> modes = {
      attn::AnalyzeMode::kSelf, attn::AnalyzeMode::kCausal, attn::AnalyzeMode::kCross};
  const std::vector<attn::Analysis> all = model().analyze_modes(o, modes);
  REQUIRE(all.size() == 3);
  for (std::size_t m = 0; m < modes.size(); ++m) {
    INFO("mode " << attn::analyze_mode_name(modes[m]));
    o.mode = modes[m];
    const attn::Analysis one = model().analyze(o);
    CHECK(all[m].mode == modes[m]);
    CHECK(all[m].source_tokens.size() == one.source_tokens.size());
    CHECK(all[m].trace->mask == one.trace->mask);
    CHECK(all[m].trace->concat == one.trace->concat);
    CHECK(all[m].candidates == one.candidates);
  }
  CHECK(all[1].trace->mask(0, 1) == 1);  // causal
  CHECK(all[0].trace->mask(0, 1) == 0);  // bidirectional
  CHECK_THROWS_WITH(model().analyze_modes(o, {}), Catch::Contains("at least one mode"));
  CHECK_THROWS_WITH(model().analyze_modes(o, {attn::AnalyzeMode::kSelf, attn::AnalyzeMode::kSelf}),
                    Catch::Contains("'self' is given twice"));
  o.heads = {8};  // Alignment exists only in cross mode
  CHECK_THROWS_WITH(model().analyze_modes(o, modes), Catch::Contains("not a head of mode 'self'"));
}

TEST_CASE("analyze: a typed word 'mask' is a noun, '[MASK]' the special token", "[analyze]") {
  attn::AnalyzeOptions o;
  o.text = "Put on a mask";
  const attn::Analysis word = model().analyze(o);
  REQUIRE(word.tokens.size() == 4);
  CHECK(word.tokens[3].lower == "mask");
  CHECK(word.tokens[3].kind == attn::TokenKind::kWord);
  CHECK(word.tokens[3].tag == "NOUN");
  CHECK(word.tokens[3].known);
  o.text = "Put on a [MASK]";
  const attn::Analysis special = model().analyze(o);
  REQUIRE(special.tokens.size() == 4);
  CHECK(special.tokens[3].lower == "[MASK]");
  CHECK(special.tokens[3].kind == attn::TokenKind::kSpecial);
  CHECK_FALSE(special.tokens[3].known);
}
