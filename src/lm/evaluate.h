// evaluate: the learned models measured on held-out text, with the same positions the n-gram
// baseline (lm/ngram.h) is scored on.
// - Perplexity (causal): every position 1 .. n-1 of the stream is predicted from the ids before
//   it, in windows of T advancing by T/2; after the first window only the second half of each
//   window is scored, so every prediction sees at least T/2 previous ids (or all there are).
// - Masked positions: the stream cut into windows of T ids (from 0); in each, one position
//   drawn from (seed, window) among those whose id is a word (not <unk>, </s>). The model sees
//   its window with that one position replaced by [MASK]; its top-1 over the words
//   (ids >= kFirstWord) counts when it is the hidden id.
// - Head portraits: which simple relation each head's attention follows (see HeadPortrait).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "lm/hand_built_relations.h"
#include "nn/transformer.h"

namespace attn::lm {

// stream (n >= 2 ids) -> exp(mean negative log-likelihood) of positions 1 .. n-1.
// T <= model max_positions. Needs a causal model (the future would otherwise be visible).
double model_perplexity(nn::Transformer& model, const std::vector<int>& stream, int T);

std::vector<std::size_t> masked_positions(const std::vector<int>& stream, int T,
                                          std::uint64_t seed);

// positions from masked_positions(stream, T, ...) -> fraction predicted exactly (top-1).
double model_masked_accuracy(nn::Transformer& model, const std::vector<int>& stream,
                             const std::vector<std::size_t>& positions, int T);

// ids (1 .. max_positions of them), position < ids.size() -> the k words (ids >= kFirstWord)
// most probable at that position (softmax over the whole vocabulary), best first, ties by id.
// What the page's predict() gives: the masked model at a [MASK], the causal model at the last
// position (the next word).
struct WordProbability {
  int id = 0;
  double probability = 0;
};
std::vector<WordProbability> top_words(nn::Transformer& model, const std::vector<int>& ids,
                                       std::size_t position, int k);

// Relations a head's strongest key (argmax over keys) is checked against, per query i >= 1
// of a window: the previous position (i-1), the next (i+1; not for causal models), the query
// itself, another occurrence of the same id (only where one is visible), the "sink": position
// 0, a </s> or a punctuation mark; then each extra relation (hand_built_relations.h: the
// Grammar head's subject, the References head's antecedent), where its target is another
// position the head can see in the same window. rate = matches / positions where the relation
// has a target (`positions`). label = the best relation among those with at least
// kPortraitMinPositions positions, when its rate >= kPortraitThreshold, else
// "no simple pattern"; score = that best rate.
inline constexpr double kPortraitThreshold = 0.4;
inline constexpr double kPortraitMinPositions = 50;
struct RelationRate {
  std::string name;
  double rate = 0;
  long positions = 0;
};
struct HeadPortrait {
  int layer = 0, head = 0;
  std::string label;
  double score = 0;
  std::vector<RelationRate> rates;  // every relation checked, in order
};

// windows of T ids from the stream (the first `windows` of them, from 0) -> one portrait per
// layer and head. is_sink[id]: </s> and punctuation ids. extra: relations over the same stream
// (targets indexed by stream position).
std::vector<HeadPortrait> head_portraits(nn::Transformer& model, const std::vector<int>& stream,
                                         int T, int windows, const std::vector<bool>& is_sink,
                                         const std::vector<RelationTargets>& extra = {});

}  // namespace attn::lm
