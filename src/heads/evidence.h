// evidence: whether a hand-built head has anything to do on each query word. Softmax always
// hands out 100%, so a head with nothing to find (References on a word that is not a pronoun,
// Emotions on a neutral sentence) still spreads weight over the words, and the picture looks
// like a finding. Trained models park such weight on a sink token (Clark et al. 2019, "What
// does BERT look at?"); these heads instead say so: a query has no signal when it is not a word
// the head asks from (HeadSpec::asks), or when no other word reaches the head's least content
// score (HeadSpec::min_evidence) once the priors every word gets (HeadDim::background: before
// me, nearness, not myself, same clause) are left out. The weights are not changed: the views
// show the row as "nothing here" with the reason.
#pragma once

#include <cstdint>
#include <vector>

#include "attention/mask.h"
#include "attention/matrix.h"

namespace attn {

struct HeadEvidence {
  std::vector<float> best;         // (T) best content score in logits over the other allowed
                                   //     keys; -inf when there is none
  std::vector<std::uint8_t> asks;  // (T) 1 = a word the head asks from
  std::vector<std::uint8_t> idle;  // (T) 1 = no signal: !asks or best < min_evidence
};

// h: a head index (head_specs()); q (T, kHeadDim), k (S, kHeadDim): its trace's projected
// queries and keys (the query side carries sqrt(d), so scale * q.k is in logits); xq
// (T, kFeatureCount): the query features; mask (T, S) 1 = blocked, or empty for none; self:
// keys are the queries' own sentence, so a word's match with itself is not evidence. Throws
// std::invalid_argument on mismatched sizes.
HeadEvidence head_evidence(int h, const Mat& q, const Mat& k, const Mat& xq, const Mask& mask,
                           float scale, bool self);

}  // namespace attn
