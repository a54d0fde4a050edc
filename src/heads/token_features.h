// token_features: the named per-token features the hand-built heads (heads.h) read. One row per
// token, one column per named feature: part-of-speech one-hots, the chunker's phrase and
// clause structure, number / gender / person / animacy for agreement, sentiment and
// entity-ness, position codes (for "before me", distance and "same position"), and the
// unit-length word vector.
//
// Everything here is a deterministic function of one token and its sentence; nothing is
// learned and nothing compares two tokens (that is what attention does with these features).
// It does not tokenize, tag or look up vectors: the pipeline (heads.cpp) hands those in.
#pragma once

#include <string>
#include <vector>

#include "attention/matrix.h"
#include "text/chunker.h"

namespace attn {

// Longest sentence the position codes tell apart: the "before me" waves have period 2 *
// kMaxFeatureTokens, so offsets up to kMaxFeatureTokens - 1 keep their sign.
inline constexpr int kMaxFeatureTokens = 64;
inline constexpr int kWordDim = 100;   // word-vector width (GloVe 100-d)
inline constexpr int kWaveCount = 16;  // odd harmonics 1, 3, ..., 31 of the "before me" square wave
inline constexpr int kSlotCount = 8;   // clause and noun-phrase ids are one-hot modulo this
// Position residues: equal in both <=> same position (for T <= 143).
inline constexpr int kModA = 11, kModB = 13;

// Feature columns. Blocks (UPOS, waves, slots, residues, vector) are contiguous.
// clang-format off
enum Feature : int {
  kBias = 0,  // always 1, so a head can add a constant to a query or key
  // Universal POS one-hots, in kUposTags order.
  kUposFirst,
  kUposNoun = kUposFirst, kUposPropn, kUposVerb, kUposAux, kUposAdj, kUposAdv, kUposPron,
  kUposDet, kUposAdp, kUposCconj, kUposSconj, kUposNum, kUposPart, kUposPunct, kUposSym,
  kUposX, kUposIntj,
  // Chunker structure (0 / 1 unless noted).
  kNpHead, kNpModifier, kInPp, kPpObject, kVerbHead, kVerbal, kMainVerb, kInRelative,
  kRelativePronoun, kClauseDepth /* 0, 0.5, 1 */, kSubjectPosition, kObjectPosition,
  kNounLike /* NOUN or PROPN head */, kAdverb, kFunctionWord, kContentWord,
  // Agreement and meaning scalars.
  kNumber /* +1 plural, -1 singular, 0 unknown */, kGender /* +1 masculine .. -1 feminine */,
  kAnimate /* 0 .. 1 */, kPerson1, kPerson2, kPerson3, kPersonalPronoun, kNeuterPronoun,
  kSentiment /* -1 .. 1 */, kEmotion /* 0 .. 1, strength */, kEntity /* 0 .. 1 */, kKnown,
  // Positions: p = token index.
  kPosLin /* p / 8 */, kPosSq /* (p / 8)^2 */, kRelPos /* p / (T - 1) */, kRelPosSq,
  kWaveFirst,  // sin(w_k p) for k = 0..15, then cos(w_k p); w_k = (2k + 1) pi / 64
  kClauseFirst = kWaveFirst + 2 * kWaveCount,  // one-hot clause id mod kSlotCount
  kNpFirst = kClauseFirst + kSlotCount,        // one-hot noun-phrase id mod kSlotCount (every member)
  kNpHeadFirst = kNpFirst + kSlotCount,        // the same, set only on the phrase's head
  kResidueFirst = kNpHeadFirst + kSlotCount,   // one-hot p mod 11, then p mod 13
  kVectorFirst = kResidueFirst + kModA + kModB,  // unit word vector
  kFeatureCount = kVectorFirst + kWordDim
};
// clang-format on

// Angular frequency of wave k (0-based): (2k + 1) pi / kMaxFeatureTokens.
float wave_frequency(int k);

// What the pipeline knows about one token before features are built.
struct FeatureToken {
  std::string lower;          // lookup form
  std::string tag;            // Universal POS tag
  std::vector<float> vector;  // (kWordDim) word vector, any length (normalized here)
  bool known = true;          // the vector came from GloVe
  float sentiment = 0;        // word_vectors' sentiment axis, roughly [-1, 1]
  float gender_lean = 0;      // cos(vector, he - she), > 0 leans masculine
  float animacy = 0;          // cos(vector, animate centroid) - offset, > 0 animate
  float emotion = 0;          // cos(vector, centroid of emotion words), about 0.6+ for feelings
  std::string morph;          // lexicon features such as "Masc|Plur" (French), or ""
};

struct TokenFeatures {
  Mat x;                          // (T, kFeatureCount)
  std::vector<ChunkInfo> chunks;  // (T)
};

// tokens: (T <= kMaxFeatureTokens) -> features. Throws std::invalid_argument when T is too
// large or a vector does not have kWordDim components.
TokenFeatures build_features(const std::vector<FeatureToken>& tokens);

// Column -> human-readable name ("noun", "before-me wave 3 (sin)", "meaning 17", ...).
std::string feature_name(int column);

// Number of a single word from its form and tag: +1 plural, -1 singular, 0 unknown.
float word_number(const std::string& lower, const std::string& tag, const std::string& morph);

}  // namespace attn
