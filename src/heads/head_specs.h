// head_specs: the nine hand-built heads ("experts") as named Q/K and V dimensions over the
// feature columns of token_features.h: Grammar, Semantics, References, Context, Emotions,
// Entities, Actions, Modifiers, and Alignment for cross attention.
//
// Each head is nothing but rows of W_Q, W_K and W_V over the named features. Every Q/K
// dimension has a name and pairs one query-side combination of features with one key-side
// combination ("verb asks for a noun-phrase head": q = 3 * verb, k = noun-phrase head), so a
// score is a sum of named contributions (explain.h). No attention weight is assigned anywhere,
// and no head has code of its own once the features exist. head_layer.h turns the specs into
// projection weights and runs them.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace attn {

inline constexpr int kHeadDim = 128;  // d: every head's Q, K and V width
inline constexpr int kSelfHeadCount = 8;
inline constexpr int kCrossHeadCount = 9;  // + Alignment

using FeatureTerms = std::vector<std::pair<int, float>>;  // (feature column, coefficient)

// One named Q/K dimension: q_n = sum(coef * x_query[col]), k_n = sum(coef * x_key[col]).
// Coefficients are in logits: the scaled score (Q.K / sqrt(d)) gains q_n * k_n from this
// dimension.
struct HeadDim {
  std::string name;  // "group · detail" names share a group in explanations
  FeatureTerms q;
  FeatureTerms k;
  // A prior every query gets whatever the words are (before me, nearness, not myself, same
  // clause): it shapes where weight goes but is no evidence that the head found anything
  // (evidence.h reads only the other dims).
  bool background = false;
};

// One named V dimension: v_n = sum(coef * x_key[col]).
struct ValueDim {
  std::string name;
  FeatureTerms v;
};

struct HeadSpec {
  std::string name;
  std::string description;
  std::vector<HeadDim> qk;  // <= kHeadDim named dims; the rest are '(unused)'
  std::vector<ValueDim> v;  // <= kHeadDim
  // Which words the head asks from (evidence.h): a query asks when sum(coef * feature) > 0;
  // empty = every word asks. asks_label names them for the reader ("pronouns and possessives").
  FeatureTerms asks = {};
  std::string asks_label = "every word";
  // The least content score (logits, background dims left out) another word must reach for
  // the head to have found something for a query; below it the query has no signal.
  float min_evidence = 1;
};

// The heads in page order: Grammar, Semantics, References, Context, Emotions, Entities,
// Actions, Modifiers, Alignment.
const std::vector<HeadSpec>& head_specs();

// Names of head h's kHeadDim query/key and value dimensions (unused ones '(unused)').
std::vector<std::string> head_query_feature_names(int h);
std::vector<std::string> head_value_feature_names(int h);

}  // namespace attn
