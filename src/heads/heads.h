// heads: the analyze pipeline that runs the hand-built heads (head_specs.h) on typed text:
// clang-format off
//   text -> tokens -> tags -> named features (token_features.h) -> run_heads (head_layer.h)
//   -> each requested head's output decoded to the nearest words of the sentence it looked at
// clang-format on
// analyze() computes only what was asked for: the requested heads (all of them when the
// layer's concat/output is wanted) and the nearest words when asked; analyze_modes() gives
// several modes of one sentence (the page's masked view: self and causal side by side) from
// one tokenize, tag and feature pass.
//
// These heads imitate relations trained transformers are known to learn; they are not a
// trained model. They do not parse: their quality is the chunker's and the tagger's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attention/multi_head.h"
#include "heads/evidence.h"
#include "heads/head_layer.h"
#include "heads/head_specs.h"
#include "heads/token_features.h"
#include "text/lexicon.h"
#include "text/tagger.h"
#include "text/tokenizer.h"
#include "text/word_vectors.h"

namespace attn {

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
  // What is computed beyond the requested heads' traces (the JS API's `fields` sets these):
  bool nearest = true;  // decode each requested head's output to its nearest source words
  bool concat = true;   // the layer's concat (= its output): runs every head of the mode
};

struct AnalyzedToken {
  std::string text, lower, tag;
  std::uint32_t start = 0, end = 0;  // UTF-16 offsets into the text
  bool known = false;
  TokenKind kind =
      TokenKind::kWord;  // the tokenizer's: "[MASK]" is kSpecial, a typed "mask" a word
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
  int num_heads = 0;          // H of the mode (8, or 9 in cross mode)
  int embed_dim = 0;          // E = H * kHeadDim, the layer's width
  float scale = 0;            // heads_scale(), what every score was scaled by
  std::vector<int> heads;     // the requested heads (indices into head_specs())
  std::vector<int> computed;  // the heads that ran: the requested ones, or all when concat
  Mat features;               // (T, kFeatureCount) query features
  Mat source_features;        // (S, kFeatureCount)
  // run_heads' trace: heads (H entries, those not computed empty), mask (T, S), scale, and
  // concat (T, E) when options.concat (the layer's output too: identity out-projection, no
  // bias). Empty when T is 0.
  std::optional<MultiHeadTrace> trace;
  // evidence[h]: whether head h has anything to do on each query (evidence.h); H entries,
  // filled for the computed heads, empty for the others and when T is 0.
  std::vector<HeadEvidence> evidence;
  // The words head outputs decode to: the distinct lookup forms of the source words
  // (punctuation and symbols aside), in sentence order.
  std::vector<std::string> candidates;
  // nearest[r][i]: for requested head r and query i, the candidates whose vectors are most
  // like the meaning part of the head's output (cosine, up to kNearestCount, best first; ties
  // in sentence order). Empty for an all-zero output. candidates and nearest are empty unless
  // options.nearest.
  std::vector<std::vector<std::vector<NearestWord>>> nearest;
};

// The resources analyze needs: vectors and tagger are required, lexicon only for French.
class HeadsModel {
 public:
  HeadsModel(const WordVectors& vectors, const Tagger& tagger, const Lexicon* lexicon);

  // -> Analysis. Throws std::invalid_argument naming a bad option (max_tokens out of range,
  // unknown head index, French without a lexicon).
  Analysis analyze(const AnalyzeOptions& options) const;

  // The same for each of modes (distinct, at least one; options.mode is not used) from one
  // tokenize, tag and feature pass of the text (and of the source, when a mode is kCross) ->
  // one Analysis per mode, in order, each equal to analyze() with that mode.
  std::vector<Analysis> analyze_modes(const AnalyzeOptions& options,
                                      const std::vector<AnalyzeMode>& modes) const;

  // Words of one sentence -> the features heads read (tokens, tags, vectors, axes).
  std::vector<FeatureToken> feature_tokens(const std::vector<Token>& tokens, Lang lang,
                                           std::vector<AnalyzedToken>& shown) const;

 private:
  struct Sentence {  // one sentence read for the heads
    std::vector<AnalyzedToken> tokens;
    Mat features;  // (T, kFeatureCount)
    bool truncated = false;
  };
  Sentence read(const std::string& text, Lang lang, int max_tokens) const;
  Analysis analyze_read(const AnalyzeOptions& options, AnalyzeMode mode, const Sentence& text,
                        const Sentence& source) const;

  const WordVectors& vectors_;
  const Tagger& tagger_;
  const Lexicon* lexicon_;
  std::vector<float> gender_axis_;   // (kWordDim) unit he/man - she/woman
  std::vector<float> animacy_axis_;  // (kWordDim) unit animate - inanimate
  float animacy_offset_ = 0;
  std::vector<float> emotion_centroid_;  // (kWordDim) unit mean of feeling words
};

}  // namespace attn
