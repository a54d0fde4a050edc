// heads: eight hand-built attention heads ("experts") plus an Alignment head for cross
// attention, and the analyze pipeline that runs them on typed text:
//   text -> tokens -> tags -> named features (token_features.h) -> multi_head_attention (trace)
//
// Each head is nothing but rows of W_Q, W_K and W_V over the named features. Every Q/K
// dimension has a name and pairs one query-side combination of features with one key-side
// combination ("verb asks for a noun-phrase head": q = 3 * verb, k = noun-phrase head), so a
// score is a sum of named contributions (explain.h). The weights are handed to the core's
// multi_head_attention exactly as PyTorch's q/k/v_proj_weight; no attention weight is
// assigned anywhere, and no head has code of its own once the features exist.
//
// These heads imitate relations trained transformers are known to learn; they are not a
// trained model. They do not parse: their quality is the chunker's and the tagger's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "text/lexicon.h"
#include "attention/multi_head.h"
#include "text/tagger.h"
#include "heads/token_features.h"
#include "text/tokenizer.h"
#include "text/word_vectors.h"

namespace attn {

inline constexpr int kHeadDim = 128;  // d: every head's Q, K and V width
inline constexpr int kSelfHeadCount = 8;
inline constexpr int kCrossHeadCount = 9;  // + Alignment

using FeatureTerms = std::vector<std::pair<int, float>>;  // (feature column, coefficient)

// One named Q/K dimension: q_n = sum(coef * x_query[col]), k_n = sum(coef * x_key[col]).
// Coefficients are in logits: the scaled score (Q.K / sqrt(d)) gains q_n * k_n from this dimension.
struct HeadDim {
  std::string name;  // "group · detail" names share a group in explanations
  FeatureTerms q;
  FeatureTerms k;
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
};

// The heads in page order: Grammar, Semantics, References, Context, Emotions, Entities,
// Actions, Modifiers, Alignment.
const std::vector<HeadSpec>& head_specs();

// Names of head h's kHeadDim query/key and value dimensions (unused ones '(unused)').
std::vector<std::string> head_query_feature_names(int h);
std::vector<std::string> head_value_feature_names(int h);

// Multi-head weights for the first `heads` specs: E = heads * kHeadDim, separate
// q_proj_weight, k_proj_weight and v_proj_weight, each (E, kFeatureCount) (qdim = kdim = vdim =
// kFeatureCount: queries, keys and values are the features as they are; PyTorch's (E, E) W_q
// on features zero-padded to E gives the same Q), out_proj = identity, not stored (the output
// is the heads side by side), qk_rows / v_rows = each head's named dimensions (only those rows
// are projected). Built once per head count, on first use, and cached.
const MultiHeadWeights& head_weights(int heads);

enum class AnalyzeMode { kSelf, kCausal, kCross };

// "self" | "causal" | "cross" -> mode; throws std::invalid_argument naming the argument.
AnalyzeMode parse_analyze_mode(const std::string& name);
const char* analyze_mode_name(AnalyzeMode mode);

struct AnalyzeOptions {
  std::string text;    // the sentence whose words ask (queries)
  std::string source;  // cross mode: the sentence looked at (keys / values)
  Lang lang = Lang::kEnglish;
  Lang source_lang = Lang::kEnglish;
  AnalyzeMode mode = AnalyzeMode::kSelf;
  std::vector<int> heads;              // indices into the mode's heads; empty = all
  int max_tokens = kMaxFeatureTokens;  // 1 .. kMaxFeatureTokens
};

struct AnalyzedToken {
  std::string text, lower, tag;
  std::uint32_t start = 0, end = 0;  // UTF-16 offsets into the text
  bool known = false;
};

inline constexpr int kNearestCount = 5;

struct NearestWord {
  int candidate;     // index into Analysis::candidates
  float similarity;  // cosine of the candidate's vector and the output's meaning part
};

struct Analysis {
  AnalyzeMode mode = AnalyzeMode::kSelf;
  std::vector<AnalyzedToken> tokens;         // T queries
  std::vector<AnalyzedToken> source_tokens;  // S keys / values (== tokens unless cross)
  bool truncated = false, source_truncated = false;
  int num_heads = 0;                      // H computed (8, or 9 in cross mode)
  std::vector<int> heads;                 // the requested heads (indices into head_specs())
  Mat features;                           // (T, kFeatureCount) query features
  Mat source_features;                    // (S, kFeatureCount)
  std::optional<MultiHeadResult> result;  // with trace; empty when T or S is 0
  // The words head outputs decode to: the distinct lookup forms of the source words
  // (punctuation and symbols aside), in sentence order.
  std::vector<std::string> candidates;
  // nearest[r][i]: for requested head r and query i, the candidates whose vectors are most
  // like the meaning part of the head's output (cosine, up to kNearestCount, best first; ties
  // in sentence order). Empty for an all-zero output.
  std::vector<std::vector<std::vector<NearestWord>>> nearest;
};

// The core of analyze once features exist: xq (T, kFeatureCount) query features, xs (S,
// kFeatureCount) key/value features -> multi_head_attention over all the mode's heads, with
// trace (causal mask in kCausal mode). T >= 1; S = 0 (cross mode, empty source) gives every
// head T all-zero output rows and (T, 0) weights, as fully masked queries get.
MultiHeadResult run_heads(const Mat& xq, const Mat& xs, AnalyzeMode mode);

// The resources analyze needs: vectors and tagger are required, lexicon only for French.
class HeadsModel {
 public:
  HeadsModel(const WordVectors& vectors, const Tagger& tagger, const Lexicon* lexicon);

  // -> Analysis. Throws std::invalid_argument naming a bad option (max_tokens out of range,
  // unknown head index, French without a lexicon).
  Analysis analyze(const AnalyzeOptions& options) const;

  // Words of one sentence -> the features heads read (tokens, tags, vectors, axes).
  std::vector<FeatureToken> feature_tokens(const std::vector<Token>& tokens, Lang lang,
                                           std::vector<AnalyzedToken>& shown) const;

 private:
  const WordVectors& vectors_;
  const Tagger& tagger_;
  const Lexicon* lexicon_;
  std::vector<float> gender_axis_;   // (kWordDim) unit he/man - she/woman
  std::vector<float> animacy_axis_;  // (kWordDim) unit animate - inanimate
  float animacy_offset_ = 0;
  std::vector<float> emotion_centroid_;  // (kWordDim) unit mean of feeling words
};

}  // namespace attn
