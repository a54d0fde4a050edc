// head_specs: the nine hand-built heads as named Q/K and V dimensions over feature columns
// (see head_specs.h).
//
// Reading a head: each dim() line is one named term of the score. "q {kVerbal, 3}, k
// {kNpHead, 1}" means: a verb asks (q = 3), a noun-phrase head answers (k = 1), so a verb
// scores +3 logits on every noun-phrase head. Shared building blocks (before me, nearness,
// same clause, same position) are functions below. Coefficients are in logits; the projection
// (head_layer.cpp) multiplies the query side by sqrt(d) so that Q.K / sqrt(d) gives exactly
// these numbers.
#include "heads/head_specs.h"

#include <stdexcept>
#include <string>

#include "heads/token_features.h"

namespace attn {
namespace {

using Dims = std::vector<HeadDim>;

void dim(Dims& d, std::string name, FeatureTerms q, FeatureTerms k) {
  d.push_back({std::move(name), std::move(q), std::move(k)});
}

// A prior (HeadDim::background): shapes the weights, is no evidence of a match.
void prior(Dims& d, std::string name, FeatureTerms q, FeatureTerms k) {
  d.push_back({std::move(name), std::move(q), std::move(k), true});
}

// Declares who asks and how much content evidence counts as having found something.
HeadSpec gated(HeadSpec s, FeatureTerms asks, std::string label, float min_evidence) {
  s.asks = std::move(asks);
  s.asks_label = std::move(label);
  s.min_evidence = min_evidence;
  return s;
}

// score += amplitude * sign(i - j) (approximately): keys before the query gain, keys after
// lose. A square wave in the offset m = i - j from 16 odd harmonics of period 128:
// sin(w m) = sin(w i) cos(w j) - cos(w i) sin(w j), so each harmonic is two dims.
void before_me(Dims& d, float amplitude) {
  for (int k = 0; k < kWaveCount; ++k) {
    const float b = amplitude * 4.0f / (3.14159265f * static_cast<float>(2 * k + 1));
    const std::string wave = "before me · wave " + std::to_string(2 * k + 1);
    prior(d, wave + " (sin·cos)", {{kWaveFirst + k, b}}, {{kWaveFirst + kWaveCount + k, 1}});
    prior(d, wave + " (cos·sin)", {{kWaveFirst + kWaveCount + k, -b}}, {{kWaveFirst + k, 1}});
  }
}

// score += -gamma * ((p_j - p_i) / 8)^2 up to a per-row constant (which softmax ignores):
// -gamma p_j^2 + 2 gamma p_i p_j, with p in units of 8 tokens.
void nearness(Dims& d, float gamma) {
  prior(d, "nearness · distance²", {{kBias, -gamma}}, {{kPosSq, 1}});
  prior(d, "nearness · position×position", {{kPosLin, 2 * gamma}}, {{kPosLin, 1}});
}

// Same as nearness but on positions relative to sentence length (for cross attention).
void relative_nearness(Dims& d, float gamma) {
  prior(d, "same relative place · distance²", {{kBias, -gamma}}, {{kRelPosSq, 1}});
  prior(d, "same relative place · position×position", {{kRelPos, 2 * gamma}}, {{kRelPos, 1}});
}

// score += weight when query and key share a one-hot slot (clause, noun phrase, ...).
// background: a prior (same clause) rather than evidence (head of my noun phrase).
void same_slot(Dims& d, const std::string& name, int q_first, int k_first, float weight,
               bool background) {
  for (int s = 0; s < kSlotCount; ++s) {
    d.push_back({name + " · slot " + std::to_string(s),
                 {{q_first + s, weight}},
                 {{k_first + s, 1}},
                 background});
  }
}

// score -= penalty for the query's own position: the residues mod 11 and mod 13 both match
// only when i == j (for sentences up to 143 tokens); each match costs half the penalty.
void not_myself(Dims& d, float penalty) {
  for (int r = 0; r < kModA + kModB; ++r) {
    const int col = kResidueFirst + r;
    prior(d, "myself · residue " + std::to_string(r), {{col, -penalty / 2}}, {{col, 1}});
  }
}

void meaning(Dims& d, float gain) {
  for (int i = 0; i < kWordDim; ++i) {
    dim(d, "meaning · " + std::to_string(i + 1), {{kVectorFirst + i, gain}},
        {{kVectorFirst + i, 1}});
  }
}

std::vector<ValueDim> standard_values() {
  std::vector<ValueDim> v;
  for (int i = 0; i < kWordDim; ++i) {
    v.push_back({"meaning · " + std::to_string(i + 1), {{kVectorFirst + i, 1}}});
  }
  v.push_back({"noun or name", {{kNounLike, 1}}});
  v.push_back({"verb or auxiliary", {{kVerbal, 1}}});
  v.push_back({"number (plural +)", {{kNumber, 1}}});
  v.push_back({"sentiment", {{kSentiment, 1}}});
  v.push_back({"entity", {{kEntity, 1}}});
  v.push_back({"animate", {{kAnimate, 1}}});
  v.push_back({"position / 8", {{kPosLin, 1}}});
  return v;
}

HeadSpec grammar() {
  Dims d;
  dim(d, "verb asks for a noun-phrase head", {{kVerbal, 3}}, {{kNpHead, 1}});
  dim(d, "noun or name", {{kVerbal, 1}}, {{kNounLike, 1}});
  dim(d, "subject position", {{kVerbal, 1.5f}}, {{kSubjectPosition, 1}});
  dim(d, "inside a prepositional phrase", {{kVerbal, -4}}, {{kInPp, 1}});
  dim(d, "inside a relative clause (asked from outside)", {{kVerbal, -2}, {kInRelative, 2}},
      {{kInRelative, 1}});
  dim(d, "agrees in number", {{kNumber, 1.5f}}, {{kNumber, 1}});
  same_slot(d, "same clause", kClauseFirst, kClauseFirst, 2.5f, true);
  before_me(d, 2.5f);
  nearness(d, 0.5f);
  return gated(
      {"Grammar",
       "A verb looks for its subject: the noun phrase before it in its own clause, skipping "
       "prepositional phrases and relative clauses.",
       d, standard_values()},
      {{kVerbal, 1}}, "verbs", 2);
}

HeadSpec semantics() {
  Dims d;
  meaning(d, 8);
  dim(d, "function word", {{kBias, -3}}, {{kFunctionWord, 1}});
  not_myself(d, 8);
  return gated(
      {"Semantics",
       "A word looks for the other words closest to it in meaning (word-vector similarity).", d,
       standard_values()},
      {{kContentWord, 1}}, "content words", 3.2f);
}

HeadSpec references() {
  Dims d;
  dim(d, "pronoun asks for a noun or name", {{kPersonalPronoun, 3}}, {{kNounLike, 1}});
  dim(d, "noun-phrase head", {{kPersonalPronoun, 1}}, {{kNpHead, 1}});
  dim(d, "same person · first", {{kPerson1, 2}}, {{kPerson1, 1}});
  dim(d, "same person · second", {{kPerson2, 2}}, {{kPerson2, 1}});
  dim(d, "same person · third", {{kPerson3, 2}}, {{kPerson3, 1}});
  dim(d, "agrees in number", {{kNumber, 2}}, {{kNumber, 1}});
  dim(d, "agrees in gender", {{kGender, 2}}, {{kGender, 1}});
  dim(d, "animate (but 'it' wants a thing)", {{kPersonalPronoun, 1}, {kNeuterPronoun, -4}},
      {{kAnimate, 1}});
  dim(d, "inside a prepositional phrase", {{kPersonalPronoun, -1}}, {{kInPp, 1}});
  before_me(d, 3);
  nearness(d, 0.3f);
  not_myself(d, 6);
  return gated(
      {"References",
       "A pronoun or possessive looks for its antecedent: the nearest earlier noun phrase that "
       "agrees in person, number and gender.",
       d, standard_values()},
      {{kPersonalPronoun, 1}}, "pronouns and possessives", 2);
}

HeadSpec context() {
  Dims d;
  nearness(d, 0.15f);
  dim(d, "content word", {{kBias, 0.7f}}, {{kContentWord, 1}});
  dim(d, "punctuation", {{kBias, -1}}, {{kUposPunct, 1}});
  return gated({"Context",
                "Broad attention over the whole sentence, slightly favouring nearby content words.",
                d, standard_values()},
               {}, "every word", 0.5f);
}

HeadSpec emotions() {
  Dims d;
  dim(d, "emotion strength", {{kBias, 4}}, {{kEmotion, 1}});
  dim(d, "same sentiment", {{kSentiment, 2}}, {{kSentiment, 1}});
  nearness(d, 0.05f);
  return gated(
      {"Emotions", "Every word looks at the words carrying sentiment (positive or negative).", d,
       standard_values()},
      {}, "every word", 1);
}

HeadSpec entities() {
  Dims d;
  dim(d, "entity", {{kBias, 4}}, {{kEntity, 1}});
  dim(d, "name", {{kBias, 1}}, {{kUposPropn, 1}});
  nearness(d, 0.1f);
  return gated(
      {"Entities",
       "Every word looks at the people, places and things: names first, then concrete nouns.", d,
       standard_values()},
      {}, "every word", 1);
}

HeadSpec actions() {
  Dims d;
  dim(d, "verb asks for its object", {{kVerbal, 4}}, {{kObjectPosition, 1}});
  dim(d, "verb asks where it happens", {{kVerbal, 3}}, {{kPpObject, 1}});
  dim(d, "verb avoids verbs", {{kVerbal, -2}}, {{kVerbal, 1}});
  dim(d, "object asks for its verb", {{kObjectPosition, 4}, {kPpObject, 3}}, {{kVerbHead, 1}});
  same_slot(d, "same clause", kClauseFirst, kClauseFirst, 2, true);
  nearness(d, 0.3f);
  return gated(
      {"Actions",
       "A verb looks for its object and for where the action happens; the object looks back at "
       "its verb.",
       d, standard_values()},
      {{kVerbal, 1}, {kObjectPosition, 1}, {kPpObject, 1}}, "verbs and their objects", 2);
}

HeadSpec modifiers() {
  Dims d;
  same_slot(d, "head of my noun phrase", kNpFirst, kNpHeadFirst, 3, false);
  dim(d, "adverb asks for a verb or adjective", {{kAdverb, 3}},
      {{kVerbal, 1}, {kUposAdj, 1.4f}, {kAdverb, -1.4f}});
  not_myself(d, 4);
  nearness(d, 1);
  return gated(
      {"Modifiers",
       "Determiners and adjectives look for the noun they modify; adverbs for the nearest verb "
       "or adjective.",
       d, standard_values()},
      {{kNpModifier, 1}, {kAdverb, 1}}, "determiners, adjectives and adverbs", 2);
}

HeadSpec alignment() {
  Dims d;
  meaning(d, 8);
  static const char* kTags[] = {"NOUN", "PROPN", "VERB", "AUX",   "ADJ",   "ADV",
                                "PRON", "DET",   "ADP",  "CCONJ", "SCONJ", "NUM",
                                "PART", "PUNCT", "SYM",  "X",     "INTJ"};
  for (int u = 0; u < 17; ++u) {
    dim(d, std::string("same part of speech · ") + kTags[u], {{kUposFirst + u, 2}},
        {{kUposFirst + u, 1}});
  }
  relative_nearness(d, 3);
  return gated(
      {"Alignment",
       "A target word looks for its counterpart in the source sentence: same meaning, same part "
       "of speech, same place.",
       d, standard_values()},
      {}, "every word", 3);
}

void check(const HeadSpec& s) {
  if (s.qk.size() > static_cast<std::size_t>(kHeadDim) ||
      s.v.size() > static_cast<std::size_t>(kHeadDim)) {
    throw std::logic_error("head " + s.name + " has " + std::to_string(s.qk.size()) + " Q/K and " +
                           std::to_string(s.v.size()) + " V dims, at most " +
                           std::to_string(kHeadDim));
  }
}

}  // namespace

const std::vector<HeadSpec>& head_specs() {
  static const std::vector<HeadSpec> specs = [] {
    std::vector<HeadSpec> s = {grammar(),  semantics(), references(), context(),  emotions(),
                               entities(), actions(),   modifiers(),  alignment()};
    for (const HeadSpec& h : s) check(h);
    return s;
  }();
  return specs;
}

std::vector<std::string> head_query_feature_names(int h) {
  const HeadSpec& s = head_specs().at(static_cast<std::size_t>(h));
  std::vector<std::string> names(kHeadDim, "(unused)");
  for (std::size_t n = 0; n < s.qk.size(); ++n) names[n] = s.qk[n].name;
  return names;
}

std::vector<std::string> head_value_feature_names(int h) {
  const HeadSpec& s = head_specs().at(static_cast<std::size_t>(h));
  std::vector<std::string> names(kHeadDim, "(unused)");
  for (std::size_t n = 0; n < s.v.size(); ++n) names[n] = s.v[n].name;
  return names;
}

}  // namespace attn
