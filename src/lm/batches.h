// batches: training batches drawn from a token stream, deterministically from (seed, step), so
// step s sees the same batch whether the run went straight through or resumed at step s from a
// checkpoint (no generator state to save).
// Causal (GPT-style): B windows of T + 1 tokens at random offsets; inputs are the first T,
// targets the last T (next-token prediction).
// Masked (BERT-style, Devlin et al. 2019): B windows of T tokens; each position is chosen with
// probability 15%; a chosen position's target is its token, and its input becomes [MASK] 80% of
// the time, a random word (ids kFirstWord .. V-1) 10%, itself 10%; other targets are -1.
#pragma once

#include <cstdint>
#include <vector>

namespace attn::lm {

// splitmix64 (Steele et al. 2014): a small generator with good statistics for any seed.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::uint64_t below(std::uint64_t n) { return next() % n; }                 // [0, n)

 private:
  std::uint64_t state_;
};

struct BatchSpec {
  int B = 16, T = 64;
  std::uint64_t seed = 1;
  bool masked = false;
  int vocab_size = 0;  // masked: random replacements are drawn from kFirstWord .. vocab_size-1
};

// stream (n >= T + 2 ids), spec, step -> ids (B·T), targets (B·T). Throws
// std::invalid_argument when the stream is too short.
void make_batch(const std::vector<int>& stream, const BatchSpec& spec, std::int64_t step,
                std::vector<int>& ids, std::vector<int>& targets);

}  // namespace attn::lm
