// token_features: builds the named feature matrix (see token_features.h). Small word lists decide
// person, gender and number of pronouns and determiners; morphology decides noun and verb number;
// the word vectors' gender and animacy leanings (computed by the pipeline) fill in nouns.
#include "heads/token_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string_view>

namespace attn {
namespace {

constexpr std::array<std::string_view, 17> kUposTags = {
    "NOUN",  "PROPN", "VERB", "AUX",  "ADJ",   "ADV", "PRON", "DET", "ADP",
    "CCONJ", "SCONJ", "NUM",  "PART", "PUNCT", "SYM", "X",    "INTJ"};

bool one_of(const std::string& w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool ends_with(const std::string& w, std::string_view tail) {
  return w.size() >= tail.size() && w.compare(w.size() - tail.size(), tail.size(), tail) == 0;
}

float clamp1(float v) { return std::clamp(v, -1.0f, 1.0f); }

// Pronoun facts: person (1..3), gender (+1 / -1 / 0), neuter (it).
struct PronounFacts {
  int person = 0;
  float gender = 0;
  bool neuter = false;
};

PronounFacts pronoun_facts(const std::string& w) {
  PronounFacts f;
  if (one_of(w, {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "je",
                 "moi", "nous", "mon", "ma", "mes", "notre", "nos"})) {
    f.person = 1;
  } else if (one_of(w, {"you", "your", "yours", "yourself", "tu", "toi", "vous", "ton", "ta", "tes",
                        "votre", "vos"})) {
    f.person = 2;
  } else if (one_of(w, {"he", "him", "his", "himself", "il", "ils", "lui"})) {
    f.person = 3, f.gender = 1;
  } else if (one_of(w, {"she", "her", "hers", "herself", "elle", "elles"})) {
    f.person = 3, f.gender = -1;
  } else if (one_of(w, {"it", "its", "itself"})) {
    f.person = 3, f.neuter = true;
  } else if (one_of(w, {"they", "them", "their", "theirs", "themselves", "leur", "leurs", "son",
                        "sa", "ses"})) {
    f.person = 3;
  }
  return f;
}

float noun_number(const std::string& w) {
  if (one_of(w, {"people", "children", "men", "women", "mice", "feet", "teeth", "geese", "police",
                 "cattle", "data"})) {
    return 1;
  }
  if (w.size() > 3 && ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") &&
      !ends_with(w, "is")) {
    return 1;
  }
  return -1;
}

float verb_number(const std::string& w) {
  if (one_of(w, {"is", "was", "has", "does", "'s", "est", "a"})) return -1;
  if (one_of(w, {"are", "were", "'re", "sont", "ont"})) return 1;
  if (one_of(w, {"have", "do"})) return 0.5f;  // also "I have": a weak plural
  if (w.size() > 2 && ends_with(w, "s") && !ends_with(w, "ss")) return -1;
  return 0;
}

void put_tag(Mat& x, int t, const std::string& tag) {
  for (std::size_t u = 0; u < kUposTags.size(); ++u) {
    if (kUposTags[u] == tag) x(t, kUposFirst + static_cast<int>(u)) = 1;
  }
}

// Taggers sometimes call a manner adverb at the end of a clause an adjective ("barking so
// loudly"); an -ly word that is not a known -ly adjective is treated as an adverb.
bool looks_like_adverb(const std::string& w, const std::string& tag) {
  return tag == "ADJ" && w.size() > 4 && ends_with(w, "ly") &&
         !one_of(w,
                 {"friendly", "lovely", "lonely",  "ugly",   "silly",  "early", "likely", "elderly",
                  "daily",    "weekly", "monthly", "yearly", "holy",   "curly", "costly", "deadly",
                  "lively",   "only",   "oily",    "jolly",  "chilly", "hilly", "smelly", "sly"});
}

// Adverbs of the closed classes — degree (too, very), focus (also, only, even), negation,
// time and place pro-forms (then, there, now), wh-adverbs: like determiners they occur with
// any word, so their word vectors sit close to very many words. As content words the
// Semantics head let "too" draw most of a sentence; they count as function words.
bool function_adverb(const std::string& w) {
  return one_of(
      w, {"too",     "very",    "so",     "quite",  "rather",  "really", "also", "just",   "only",
          "even",    "still",   "yet",    "again",  "ever",    "never",  "not",  "n't",    "then",
          "there",   "here",    "now",    "as",     "much",    "more",   "most", "less",   "least",
          "almost",  "already", "how",    "when",   "where",   "why",    "else", "enough", "either",
          "neither", "however", "though", "indeed", "perhaps", "maybe"});
}

void put_structure(Mat& x, int t, const ChunkInfo& c, const std::string& tag,
                   const std::string& lower) {
  x(t, kNpHead) = c.np_head;
  x(t, kNpModifier) = c.np_modifier;
  x(t, kInPp) = c.in_pp;
  x(t, kPpObject) = c.pp_object;
  x(t, kVerbHead) = c.verb_head;
  x(t, kVerbal) = tag == "VERB" || tag == "AUX";
  x(t, kMainVerb) = c.main_verb;
  x(t, kInRelative) = c.in_relative;
  x(t, kRelativePronoun) = c.relative_pronoun;
  x(t, kClauseDepth) = 0.5f * static_cast<float>(c.clause_depth);
  x(t, kSubjectPosition) = c.subject_position;
  x(t, kObjectPosition) = c.object_position;
  x(t, kNounLike) = c.np_head && (tag == "NOUN" || tag == "PROPN");
  x(t, kAdverb) = tag == "ADV" || looks_like_adverb(lower, tag);
  const bool function =
      one_of(tag, {"DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "AUX", "PRON", "SYM"}) ||
      (tag == "ADV" && function_adverb(lower));
  x(t, kFunctionWord) = function;
  x(t, kContentWord) = !function && tag != "X";
  x(t, kClauseFirst + c.clause_id % kSlotCount) = 1;
  if (c.np_id >= 0) x(t, kNpFirst + c.np_id % kSlotCount) = 1;
  if (c.np_id >= 0 && c.np_head) x(t, kNpHeadFirst + c.np_id % kSlotCount) = 1;
}

void put_meaning(Mat& x, int t, const FeatureToken& tok) {
  const std::string& w = tok.lower;
  const PronounFacts p = pronoun_facts(w);
  const bool pronoun = tok.tag == "PRON" || tok.tag == "DET" ? p.person > 0 : false;
  const bool nominal = tok.tag == "NOUN" || tok.tag == "PROPN";
  x(t, kNumber) = word_number(w, tok.tag, tok.morph);
  if (pronoun) {
    x(t, kGender) = p.gender;
    x(t, kPerson1) = p.person == 1;
    x(t, kPerson2) = p.person == 2;
    x(t, kPerson3) = p.person == 3;
    x(t, kPersonalPronoun) = 1;
    x(t, kNeuterPronoun) = p.neuter;
    x(t, kAnimate) = p.neuter ? 0.0f : 1.0f;
  } else if (nominal) {
    // Word-vector leanings are small cosines; scaled so that clear cases reach +-1.
    x(t, kGender) = clamp1(4.0f * tok.gender_lean);
    x(t, kPerson3) = 1;
    const float animate =
        tok.tag == "PROPN" ? 1.0f : std::clamp(0.5f + 3.0f * tok.animacy, 0.0f, 1.0f);
    x(t, kAnimate) = animate;
    x(t, kEntity) = tok.tag == "PROPN" ? 1.0f : 0.5f + 0.5f * animate;
  }
  // Emotion strength: closeness to feeling words (happy, sad, terrible, ...) in the word
  // vectors, only for content words; degree adverbs sit close to them but carry no feeling.
  const bool content_tag =
      one_of(tok.tag, {"ADJ", "ADV", "VERB", "NOUN", "INTJ"}) &&
      !one_of(w, {"very", "so", "too", "quite", "really", "rather", "extremely", "pretty"});
  const float emotion =
      content_tag && tok.known ? std::clamp((tok.emotion - 0.5f) * 4.0f, 0.0f, 1.0f) : 0.0f;
  x(t, kEmotion) = emotion;
  // Polarity from the sentiment axis, kept only where there is some emotion to have a sign.
  x(t, kSentiment) = emotion > 0 ? clamp1(2.0f * tok.sentiment) : 0.0f;
  x(t, kKnown) = tok.known;
}

void put_positions(Mat& x, int t, int T) {
  const float p = static_cast<float>(t);
  x(t, kPosLin) = p / 8.0f;
  x(t, kPosSq) = (p / 8.0f) * (p / 8.0f);
  x(t, kRelPos) = T > 1 ? p / static_cast<float>(T - 1) : 0.0f;
  x(t, kRelPosSq) = x(t, kRelPos) * x(t, kRelPos);
  for (int k = 0; k < kWaveCount; ++k) {
    x(t, kWaveFirst + k) = std::sin(wave_frequency(k) * p);
    x(t, kWaveFirst + kWaveCount + k) = std::cos(wave_frequency(k) * p);
  }
  x(t, kResidueFirst + t % kModA) = 1;
  x(t, kResidueFirst + kModA + t % kModB) = 1;
}

void put_vector(Mat& x, int t, const std::vector<float>& v) {
  double norm = 0;
  for (float a : v) norm += static_cast<double>(a) * a;
  const float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
  for (int d = 0; d < kWordDim; ++d) x(t, kVectorFirst + d) = v[static_cast<std::size_t>(d)] * inv;
}

}  // namespace

float wave_frequency(int k) {
  return static_cast<float>((2 * k + 1) * 3.14159265358979323846 / kMaxFeatureTokens);
}

float word_number(const std::string& w, const std::string& tag, const std::string& morph) {
  if (morph.find("Plur") != std::string::npos) return 1;
  if (morph.find("Sing") != std::string::npos) return -1;
  if (tag == "PRON") {
    if (one_of(w, {"they", "them", "their", "theirs", "themselves", "we", "us", "our", "ours",
                   "these", "those", "ils", "elles", "nous", "leurs"})) {
      return 1;
    }
    if (pronoun_facts(w).person > 0 && w != "you" && w != "your") return -1;
    return 0;
  }
  if (tag == "DET") {
    if (one_of(w, {"these", "those", "many", "several", "few", "both", "les", "des", "ces"}))
      return 1;
    if (one_of(w, {"a", "an", "this", "that", "every", "each", "le", "la", "un", "une", "l'"}))
      return -1;
    return 0;
  }
  if (tag == "NOUN") return noun_number(w);
  if (tag == "PROPN") return -1;
  if (tag == "VERB" || tag == "AUX") return verb_number(w);
  return 0;
}

TokenFeatures build_features(const std::vector<FeatureToken>& tokens) {
  const int T = static_cast<int>(tokens.size());
  if (T > kMaxFeatureTokens) {
    throw std::invalid_argument("build_features: tokens has " + std::to_string(T) +
                                " entries, at most " + std::to_string(kMaxFeatureTokens) +
                                " allowed");
  }
  std::vector<std::string> tags, lowers;
  for (const FeatureToken& tok : tokens) {
    if (tok.vector.size() != static_cast<std::size_t>(kWordDim)) {
      throw std::invalid_argument("build_features: a token vector has " +
                                  std::to_string(tok.vector.size()) + " components, expected " +
                                  std::to_string(kWordDim));
    }
    tags.push_back(tok.tag);
    lowers.push_back(tok.lower);
  }
  TokenFeatures out;
  out.chunks = chunk(tags, lowers);
  out.x = Mat::Zero(T, kFeatureCount);
  for (int t = 0; t < T; ++t) {
    const FeatureToken& tok = tokens[static_cast<std::size_t>(t)];
    out.x(t, kBias) = 1;
    put_tag(out.x, t, tok.tag);
    put_structure(out.x, t, out.chunks[static_cast<std::size_t>(t)], tok.tag, tok.lower);
    put_meaning(out.x, t, tok);
    put_positions(out.x, t, T);
    put_vector(out.x, t, tok.vector);
  }
  return out;
}

std::string feature_name(int c) {
  static const std::array<std::string_view, kWaveFirst> kNames = {"constant",
                                                                  "NOUN",
                                                                  "PROPN",
                                                                  "VERB",
                                                                  "AUX",
                                                                  "ADJ",
                                                                  "ADV",
                                                                  "PRON",
                                                                  "DET",
                                                                  "ADP",
                                                                  "CCONJ",
                                                                  "SCONJ",
                                                                  "NUM",
                                                                  "PART",
                                                                  "PUNCT",
                                                                  "SYM",
                                                                  "X",
                                                                  "INTJ",
                                                                  "noun-phrase head",
                                                                  "noun-phrase modifier",
                                                                  "inside a prepositional phrase",
                                                                  "object of a preposition",
                                                                  "verb-group head",
                                                                  "verb or auxiliary",
                                                                  "main verb",
                                                                  "inside a relative clause",
                                                                  "relative pronoun",
                                                                  "clause depth",
                                                                  "subject position",
                                                                  "object position",
                                                                  "noun or name",
                                                                  "adverb",
                                                                  "function word",
                                                                  "content word",
                                                                  "number (plural +)",
                                                                  "gender (masculine +)",
                                                                  "animate",
                                                                  "first person",
                                                                  "second person",
                                                                  "third person",
                                                                  "personal pronoun",
                                                                  "pronoun 'it'",
                                                                  "sentiment",
                                                                  "emotion strength",
                                                                  "entity",
                                                                  "known word",
                                                                  "position / 8",
                                                                  "(position / 8)^2",
                                                                  "relative position",
                                                                  "relative position^2"};
  if (c < 0 || c >= kFeatureCount) return "(none)";
  if (c < kWaveFirst) return std::string(kNames[static_cast<std::size_t>(c)]);
  if (c < kClauseFirst) {
    const int k = (c - kWaveFirst) % kWaveCount;
    return "position wave " + std::to_string(2 * k + 1) +
           (c - kWaveFirst < kWaveCount ? " (sin)" : " (cos)");
  }
  if (c < kNpFirst) return "clause slot " + std::to_string(c - kClauseFirst);
  if (c < kNpHeadFirst) return "noun-phrase slot " + std::to_string(c - kNpFirst);
  if (c < kResidueFirst) return "noun-phrase head slot " + std::to_string(c - kNpHeadFirst);
  if (c < kResidueFirst + kModA) return "position mod 11 = " + std::to_string(c - kResidueFirst);
  if (c < kVectorFirst) return "position mod 13 = " + std::to_string(c - kResidueFirst - kModA);
  return "meaning " + std::to_string(c - kVectorFirst + 1);
}

}  // namespace attn
