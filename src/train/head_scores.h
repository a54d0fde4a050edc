// head_scores: what an attention head does, measured on its weights (Olsson et al. 2022, "In-
// context Learning and Induction Heads"). Both scores are the attention a head puts on one
// expected key per query, above what a uniform causal head would put there, as a fraction of
// the most it could put: (a - u) / (1 - u) with u = 1 / (keys the query can see), averaged over
// the queries. 1 = the head attends only to the expected key; 0 = no more than uniform;
// negative = less. Query 0 (one key, u = 1) never counts.
//   previous-token score: query i's expected key is i - 1 (queries 1..T-1);
//   induction score: on a random sequence repeated (r1..rn r1..rn), a query in the repeat at
//     position i (token r_{i-n+1}) is expected to attend to the token after that token's
//     previous occurrence, key i - n + 1 (queries n..2n-1).
#pragma once

#include <string>

namespace attn::train {

// weights (T, T) row-major, a causal head's attention (row = query) -> the previous-token score.
// T >= 2.
float previous_token_score(const float* weights, int T);

// weights (2n, 2n) of a head on a repeated random sequence of half length n -> induction score.
// n >= 1.
float induction_score(const float* weights, int n);

// The label a head earns (what the page shows): "induction" when its induction score is at
// least kHeadLabelThreshold, else "previous-token" when that score is, else "".
inline constexpr float kHeadLabelThreshold = 0.5f;
std::string head_label(float previous_token, float induction);

}  // namespace attn::train
