// cross_entropy: softmax cross-entropy over the vocabulary with an ignore index, forward and
// the fused softmax + cross-entropy backward (llm.c's crossentropy_softmax_backward).
// Targets equal to kIgnoreIndex (-1, masked-LM positions that are not predicted, padding)
// count neither in the loss nor in the gradient.
#pragma once

namespace attn::nn {

inline constexpr int kIgnoreIndex = -1;

// logits (N, V), targets (N) in [0, V) or -1 -> probs (N, V) = softmax(logits) row by row,
// losses (N) = -log probs[target] (0 for ignored rows); returns how many rows count.
// Throws std::invalid_argument when a row of logits holds NaN or +-inf.
int crossentropy_forward(float* losses, float* probs, const float* logits, const int* targets,
                         int N, int V);

// probs (N, V), targets (N), dloss (d mean-loss / d each counted row's loss, i.e. 1 / count)
// -> dlogits (N, V) = (probs - onehot(target)) * dloss, 0 on ignored rows. Overwrites dlogits,
// which may be probs itself (the usual case: no second (N, V) buffer).
void crossentropy_softmax_backward(float* dlogits, const float* probs, const int* targets,
                                   float dloss, int N, int V);

}  // namespace attn::nn
