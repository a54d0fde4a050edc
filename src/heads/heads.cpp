// heads: the analyze pipeline (see heads.h): tokenize, tag (the tagger for English, the
// lexicon for French), look up vectors, build named features, run the requested heads
// (head_layer.h), and decode each head's output to the nearest words of the sentence it looked
// at. The head definitions live in head_specs.cpp.
#include "heads/heads.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_set>

#include "attention/kernels.h"

namespace attn {
namespace {

std::vector<float> unit(std::vector<float> v) {
  double n = 0;
  for (float a : v) n += static_cast<double>(a) * a;
  const float inv = n > 0 ? static_cast<float>(1.0 / std::sqrt(n)) : 0.0f;
  for (float& a : v) a *= inv;
  return v;
}

float cosine(const std::vector<float>& a, const std::vector<float>& b) {
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ab += static_cast<double>(a[i]) * b[i];
    aa += static_cast<double>(a[i]) * a[i];
    bb += static_cast<double>(b[i]) * b[i];
  }
  return aa > 0 && bb > 0 ? static_cast<float>(ab / std::sqrt(aa * bb)) : 0.0f;
}

// Unit mean of the unit vectors of words, minus the unit mean of others (both may be empty).
std::vector<float> axis(const WordVectors& wv, std::initializer_list<const char*> plus,
                        std::initializer_list<const char*> minus) {
  std::vector<float> a(WordVectors::kDim, 0.0f);
  for (const char* w : plus) {
    const std::vector<float> u = unit(wv.lookup(w).vector);
    for (std::size_t i = 0; i < a.size(); ++i) a[i] += u[i];
  }
  for (const char* w : minus) {
    const std::vector<float> u = unit(wv.lookup(w).vector);
    for (std::size_t i = 0; i < a.size(); ++i) a[i] -= u[i];
  }
  return unit(a);
}

// Source words (not punctuation) as decoding candidates: distinct lookup forms, unit vectors.
struct Candidates {
  std::vector<std::string> words;
  Mat vectors;  // (n, kWordDim)
};

Candidates decoding_candidates(const std::vector<AnalyzedToken>& tokens, const Mat& x) {
  Candidates c;
  std::unordered_set<std::string> seen;
  std::vector<int> rows;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const std::string& tag = tokens[t].tag;
    if (tag == "PUNCT" || tag == "SYM" || !seen.insert(tokens[t].lower).second) continue;
    c.words.push_back(tokens[t].lower);
    rows.push_back(static_cast<int>(t));
  }
  c.vectors.resize(static_cast<Eigen::Index>(rows.size()), kWordDim);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    c.vectors.row(static_cast<Eigen::Index>(r)) = x.block(rows[r], kVectorFirst, 1, kWordDim);
  }
  return c;
}

// out (T, hd): one head's output; its first kWordDim columns are the meaning part. Returns
// per row the kNearestCount candidates of highest cosine (the candidate vectors are unit), best
// first, ties in candidate order; an all-zero row decodes to nothing.
std::vector<std::vector<NearestWord>> decode(const Candidates& c, const Mat& out) {
  const int t = static_cast<int>(out.rows()), n = static_cast<int>(c.vectors.rows());
  std::vector<std::vector<NearestWord>> rows(static_cast<std::size_t>(t));
  if (n == 0) return rows;
  Mat dots(t, n);  // (T, n) = meaning (T, kWordDim) · candidates (n, kWordDim)^T
  kernels::gemm_nt(t, n, kWordDim, out.data(), static_cast<int>(out.cols()), c.vectors.data(),
                   kWordDim, dots.data(), n, 1.0f, false);
  std::vector<int> order(static_cast<std::size_t>(n));
  for (int i = 0; i < t; ++i) {
    double norm = 0;
    for (int d = 0; d < kWordDim; ++d) norm += static_cast<double>(out(i, d)) * out(i, d);
    if (norm <= 1e-12) continue;
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    const float* row = &dots(i, 0);
    for (int j = 0; j < n; ++j) order[static_cast<std::size_t>(j)] = j;
    const auto best = order.begin() + std::min(n, kNearestCount);
    std::partial_sort(order.begin(), best, order.end(), [row](int a, int b) {
      return row[a] > row[b] || (row[a] == row[b] && a < b);
    });
    for (auto it = order.begin(); it != best; ++it)
      rows[static_cast<std::size_t>(i)].push_back({*it, row[*it] * inv});
  }
  return rows;
}

}  // namespace

HeadsModel::HeadsModel(const WordVectors& vectors, const Tagger& tagger, const Lexicon* lexicon)
    : vectors_(vectors), tagger_(tagger), lexicon_(lexicon) {
  gender_axis_ = axis(vectors, {"he", "man", "king", "father", "boy", "john"},
                      {"she", "woman", "queen", "mother", "girl", "mary"});
  const std::initializer_list<const char*> animate = {"person", "man", "woman",   "child",
                                                      "dog",    "cat", "teacher", "friend"};
  const std::initializer_list<const char*> inanimate = {"table", "stone", "book",  "car",
                                                        "idea",  "house", "lunch", "road"};
  animacy_axis_ = axis(vectors, animate, inanimate);
  // Centre the two seed groups on 0, as the sentiment axis does.
  float sum = 0;
  for (const char* w : animate) sum += cosine(vectors.lookup(w).vector, animacy_axis_);
  for (const char* w : inanimate) sum += cosine(vectors.lookup(w).vector, animacy_axis_);
  animacy_offset_ = sum / 16.0f;
  emotion_centroid_ =
      axis(vectors, {"happy",     "sad",        "angry",    "love",    "hate",      "fear",
                     "joy",       "wonderful",  "terrible", "awful",   "beautiful", "boring",
                     "excited",   "afraid",     "lonely",   "glad",    "upset",     "furious",
                     "delighted", "miserable",  "scared",   "proud",   "ashamed",   "horrible",
                     "lovely",    "disgusting", "cheerful", "anxious", "grateful",  "sorrow"},
           {});
}

std::vector<FeatureToken> HeadsModel::feature_tokens(const std::vector<Token>& tokens, Lang lang,
                                                     std::vector<AnalyzedToken>& shown) const {
  if (lang == Lang::kFrench && lexicon_ == nullptr) {
    throw std::invalid_argument("lang 'fr' needs the French lexicon, which is not loaded");
  }
  std::vector<std::string> surface;
  for (const Token& t : tokens) surface.push_back(t.text);
  std::vector<std::string> tags;
  if (lang == Lang::kEnglish) tags = tagger_.tag(surface);
  std::vector<FeatureToken> out;
  shown.clear();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    FeatureToken f;
    f.lower = tokens[i].lower;
    std::string lookup_word = f.lower;
    bool lexicon_known = true;
    if (lang == Lang::kFrench) {
      const Translation tr = lexicon_->translate(f.lower);
      f.tag = tr.tag;
      lookup_word = tr.gloss;
      lexicon_known = tr.known;
      if (const LexiconEntry* e = lexicon_->find(f.lower)) f.morph = e->features;
    } else {
      f.tag = tags[i];
    }
    WordVectors::Lookup found = vectors_.lookup(lookup_word);
    f.known = found.known && lexicon_known;
    f.sentiment = vectors_.sentiment(found.vector);
    f.gender_lean = cosine(found.vector, gender_axis_);
    f.animacy = cosine(found.vector, animacy_axis_) - animacy_offset_;
    f.emotion = cosine(found.vector, emotion_centroid_);
    f.vector = std::move(found.vector);
    shown.push_back({tokens[i].text, tokens[i].lower, f.tag, tokens[i].start, tokens[i].end,
                     f.known, tokens[i].kind});
    out.push_back(std::move(f));
  }
  return out;
}

AnalyzeMode parse_analyze_mode(const std::string& name) {
  if (name == "self") return AnalyzeMode::kSelf;
  if (name == "causal") return AnalyzeMode::kCausal;
  if (name == "cross") return AnalyzeMode::kCross;
  throw std::invalid_argument("mode must be 'self', 'causal' or 'cross', got '" + name + "'");
}

const char* analyze_mode_name(AnalyzeMode mode) {
  switch (mode) {
    case AnalyzeMode::kCausal:
      return "causal";
    case AnalyzeMode::kCross:
      return "cross";
    default:
      return "self";
  }
}

HeadsModel::Sentence HeadsModel::read(const std::string& text, Lang lang, int max_tokens) const {
  const Tokenized tokens = tokenize(text, {lang, static_cast<std::size_t>(max_tokens)});
  Sentence s;
  s.truncated = tokens.truncated;
  s.features = build_features(feature_tokens(tokens.tokens, lang, s.tokens)).x;
  return s;
}

Analysis HeadsModel::analyze_read(const AnalyzeOptions& options, AnalyzeMode mode,
                                  const Sentence& text, const Sentence& source) const {
  Analysis a;
  a.mode = mode;
  a.num_heads = mode == AnalyzeMode::kCross ? kCrossHeadCount : kSelfHeadCount;
  a.embed_dim = a.num_heads * kHeadDim;
  a.scale = heads_scale();
  a.heads = options.heads;
  if (a.heads.empty()) {
    for (int h = 0; h < a.num_heads; ++h) a.heads.push_back(h);
  }
  if (options.concat) {
    for (int h = 0; h < a.num_heads; ++h) a.computed.push_back(h);
  } else {
    a.computed = a.heads;
    std::sort(a.computed.begin(), a.computed.end());
    a.computed.erase(std::unique(a.computed.begin(), a.computed.end()), a.computed.end());
  }
  a.tokens = text.tokens;
  a.features = text.features;
  a.truncated = text.truncated;
  a.source_tokens = source.tokens;
  a.source_features = source.features;
  a.source_truncated = source.truncated;
  if (options.nearest) a.nearest.assign(a.heads.size(), {});
  if (a.tokens.empty()) return a;

  a.trace = run_heads(a.features, a.source_features, a.num_heads, mode == AnalyzeMode::kCausal,
                      a.computed);
  a.evidence.assign(static_cast<std::size_t>(a.num_heads), {});
  for (int h : a.computed) {
    const HeadTrace& head = a.trace->heads[static_cast<std::size_t>(h)];
    a.evidence[static_cast<std::size_t>(h)] = head_evidence(
        h, head.q, head.k, a.features, a.trace->mask, a.scale, mode != AnalyzeMode::kCross);
  }
  if (!options.nearest) return a;
  Candidates candidates = decoding_candidates(a.source_tokens, a.source_features);
  for (std::size_t r = 0; r < a.heads.size(); ++r) {
    a.nearest[r] = decode(candidates, a.trace->heads[static_cast<std::size_t>(a.heads[r])].output);
  }
  a.candidates = std::move(candidates.words);
  return a;
}

std::vector<Analysis> HeadsModel::analyze_modes(const AnalyzeOptions& options,
                                                const std::vector<AnalyzeMode>& modes) const {
  if (options.max_tokens < 1 || options.max_tokens > kMaxFeatureTokens) {
    throw std::invalid_argument("maxTokens must be between 1 and " +
                                std::to_string(kMaxFeatureTokens) + ", got " +
                                std::to_string(options.max_tokens));
  }
  if (modes.empty()) throw std::invalid_argument("modes: give at least one mode");
  bool cross = false;
  for (std::size_t m = 0; m < modes.size(); ++m) {
    if (std::find(modes.begin(), modes.begin() + m, modes[m]) != modes.begin() + m) {
      throw std::invalid_argument(std::string("modes: '") + analyze_mode_name(modes[m]) +
                                  "' is given twice");
    }
    cross = cross || modes[m] == AnalyzeMode::kCross;
    const int count = modes[m] == AnalyzeMode::kCross ? kCrossHeadCount : kSelfHeadCount;
    for (int h : options.heads) {
      if (h < 0 || h >= count) {
        throw std::invalid_argument("heads: index " + std::to_string(h) +
                                    " is not a head of mode '" + analyze_mode_name(modes[m]) +
                                    "' (0.." + std::to_string(count - 1) + ")");
      }
    }
  }
  // pass 1: each sentence tokenized, tagged and turned into features once
  const Sentence text = read(options.text, options.lang, options.max_tokens);
  const Sentence source =
      cross ? read(options.source, options.source_lang, options.max_tokens) : Sentence{};
  // pass 2: the heads, per mode
  std::vector<Analysis> out;
  for (AnalyzeMode mode : modes)
    out.push_back(analyze_read(options, mode, text, mode == AnalyzeMode::kCross ? source : text));
  return out;
}

Analysis HeadsModel::analyze(const AnalyzeOptions& options) const {
  return std::move(analyze_modes(options, {options.mode}).front());
}

}  // namespace attn
