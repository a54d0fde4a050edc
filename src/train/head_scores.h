// head_scores: what an attention head does, measured on its weights with the standard
// definitions (Olsson et al. 2022, "In-context Learning and Induction Heads"; TransformerLens'
// detection scores): the mean attention a head puts on one expected key per query. 1 = the
// head attends only to that key; a uniform causal head scores about 1 / (keys seen), small on
// all but the first queries.
//   previous-token score: query i's expected key is i - 1 (queries 1..T-1);
//   induction score: on a random sequence repeated (r1..rn r1..rn, after `first` other random
//     tokens), a query in the repeat at position i is expected to attend to the token after
//     its token's earlier occurrence, key i - n + 1 (queries first+n..first+2n-1). The prefix
//     keeps a head that looks at the start of the context from passing for one.
#pragma once

#include <string>

namespace attn::train {

// weights (T, T) row-major, a causal head's attention (row = query) -> the previous-token score.
// T >= 2.
float previous_token_score(const float* weights, int T);

// weights (T, T) of a head on `first` tokens then a random sequence of n repeated -> induction
// score. n >= 1, first >= 0, first + 2n <= T.
float induction_score(const float* weights, int T, int first, int n);

// The label a head earns (what the page shows): "induction" when its induction score is at
// least kHeadLabelThreshold, else "previous-token" when that score is, else "".
inline constexpr float kHeadLabelThreshold = 0.5f;
std::string head_label(float previous_token, float induction);

}  // namespace attn::train
