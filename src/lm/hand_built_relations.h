// hand_built_relations: what two of the project's hand-built heads (heads/head_specs.h) point
// at on the held-out text, as targets the learned heads' portraits are scored against
// (evaluate.h, issue 18): the Grammar head's subject (a verb's strongest link) and the
// References head's antecedent (a pronoun's or possessive's strongest link).
// The heads run exactly as on the page (HeadsModel::analyze, self mode, one sentence at a
// time, the project's tagger: trained on the training split of the same Brown documents, 96.1%
// on the held-out ones; the corpus's own tags are not used). A query has a target only where
// the head has a finding (evidence.h: a word it asks from, with content evidence), and then the
// target is its argmax key. Sentences longer than kMaxFeatureTokens are read up to that length.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "heads/heads.h"
#include "lm/vocab.h"

namespace attn::lm {

// One relation over a token stream: target[p] = the stream position the relation points to
// from position p, or -1 where it points nowhere.
struct RelationTargets {
  std::string name;
  std::vector<int> target;  // (stream size)
};

struct HandBuiltRelation {
  int head;          // index into head_specs() (self mode): 0 Grammar, 2 References
  std::string name;  // "subject (Grammar head)"
};

// The Grammar head's subject and the References head's antecedent.
const std::vector<HandBuiltRelation>& hand_built_relations();

// heads: the hand-built model; sentences: the stream's sentences as text (brown_sentence_texts,
// in stream order); stream: their ids, each sentence preceded by kBoundary (prep_brown's
// layout); positions: how much of the stream to fill (the rest stays -1) -> one RelationTargets
// per relation; a stream cut inside a sentence (the first N held-out ids) ends there. Throws
// std::runtime_error when a sentence's tokens do not match the stream's ids (the text is not
// the one the stream was made from).
std::vector<RelationTargets> hand_built_targets(const HeadsModel& heads, const Vocab& vocab,
                                                const std::vector<std::string>& sentences,
                                                const std::vector<int>& stream,
                                                std::size_t positions,
                                                const std::vector<HandBuiltRelation>& relations);

}  // namespace attn::lm
