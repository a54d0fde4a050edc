// explain: why one head gave one (query, key) pair its score. The raw score is Q_i · K_j, a
// sum over the head's named dimensions; explain_score returns those terms, merging the dims
// that share a group name ("before me · wave 3 (sin·cos)" and its siblings are one "before me"
// term), sorted by size. It does not recompute attention: it reads the Q and K rows the core
// produced.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace attn {

struct ScoreContribution {
  std::string feature;       // group name ("before me", "verb asks for a noun-phrase head", ...)
  float q = 0;               // the query's value: the dim itself, or the group's Euclidean norm
  float k = 0;               // the key's value: likewise
  float product = 0;         // contribution to the raw score (sum of q_n * k_n over the group)
  float scaled_product = 0;  // product * scale: the contribution to the scaled score
  int dims = 0;              // how many dims the group merges
};

struct ScoreExplanation {
  float total = 0;   // raw score Q_i · K_j
  float scale = 0;   // 1 / sqrt(d)
  float scaled = 0;  // total * scale (-inf when masked)
  bool masked = false;
  std::vector<ScoreContribution> contributions;  // nonzero groups, |product| descending
};

// Group of a dim name: the part before " · ", or the whole name.
std::string explain_group(const std::string& name);

// q: (d) query row, k: (d) key row, names: (d) dim names, scale, masked ->
// explanation. Throws std::invalid_argument when the three sizes differ.
ScoreExplanation explain_score(std::span<const float> q, std::span<const float> k,
                               const std::vector<std::string>& names, float scale, bool masked);

}  // namespace attn
