// hand_built_relations: see hand_built_relations.h.
#include "lm/hand_built_relations.h"

#include <algorithm>
#include <stdexcept>

namespace attn::lm {

const std::vector<HandBuiltRelation>& hand_built_relations() {
  static const std::vector<HandBuiltRelation> relations = {{0, "subject (Grammar head)"},
                                                           {2, "antecedent (References head)"}};
  return relations;
}

std::vector<RelationTargets> hand_built_targets(const HeadsModel& heads, const Vocab& vocab,
                                                const std::vector<std::string>& sentences,
                                                const std::vector<int>& stream,
                                                std::size_t positions,
                                                const std::vector<HandBuiltRelation>& relations) {
  std::vector<RelationTargets> out;
  AnalyzeOptions options;
  options.nearest = options.concat = false;
  for (const auto& r : relations) {
    out.push_back({r.name, std::vector<int>(stream.size(), -1)});
    options.heads.push_back(r.head);
  }
  positions = std::min(positions, stream.size());
  std::size_t p = 0;  // the stream position of the current sentence's </s>
  for (std::size_t s = 0; s < sentences.size() && p < positions; ++s) {
    if (stream[p] != kBoundary)
      throw std::runtime_error("hand_built_targets: sentence " + std::to_string(s) +
                               " does not start at a </s> of the stream");
    options.text = sentences[s];
    const Analysis a = heads.analyze(options);
    if (!a.trace)
      throw std::runtime_error("hand_built_targets: sentence " + std::to_string(s) +
                               " has no words");
    const std::size_t first = p + 1;
    if (first + a.tokens.size() > stream.size()) break;  // a cut stream ends inside this sentence
    for (std::size_t i = 0; i < a.tokens.size(); ++i)
      if (stream[first + i] == kBoundary || vocab.id(a.tokens[i].lower) != stream[first + i])
        throw std::runtime_error("hand_built_targets: sentence " + std::to_string(s) + " word " +
                                 std::to_string(i) + " ('" + a.tokens[i].lower +
                                 "') does not match the stream");
    for (std::size_t r = 0; r < relations.size(); ++r) {
      const auto h = static_cast<std::size_t>(relations[r].head);
      const Mat& w = a.trace->heads[h].weights;
      for (Eigen::Index i = 0; i < w.rows(); ++i) {
        if (a.evidence[h].idle[static_cast<std::size_t>(i)]) continue;
        Eigen::Index j = 0;
        w.row(i).maxCoeff(&j);
        out[r].target[first + static_cast<std::size_t>(i)] = static_cast<int>(first + j);
      }
    }
    p = first;
    while (p < stream.size() && stream[p] != kBoundary) ++p;  // past the whole sentence
  }
  return out;
}

}  // namespace attn::lm
