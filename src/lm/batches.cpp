// batches: see batches.h.
#include "lm/batches.h"

#include <stdexcept>

#include "lm/vocab.h"

namespace attn::lm {

std::uint64_t SplitMix64::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

void make_batch(const std::vector<int>& stream, const BatchSpec& spec, std::int64_t step,
                std::vector<int>& ids, std::vector<int>& targets) {
  const std::size_t T = static_cast<std::size_t>(spec.T);
  if (spec.B < 1 || spec.T < 1 || stream.size() < T + 2)
    throw std::invalid_argument("make_batch: the stream is shorter than one window");
  if (spec.masked && spec.vocab_size <= kFirstWord)
    throw std::invalid_argument("make_batch: masked batches need vocab_size > 3");
  // One generator per step, seeded from (seed, step): no state carries between steps.
  SplitMix64 rng(spec.seed * 0x100000001b3ull + static_cast<std::uint64_t>(step) + 1);
  ids.assign(spec.B * T, 0);
  targets.assign(spec.B * T, -1);
  for (std::size_t b = 0; b < static_cast<std::size_t>(spec.B); ++b) {
    const std::size_t start = rng.below(stream.size() - T - 1);
    int* in = &ids[b * T];
    int* out = &targets[b * T];
    for (std::size_t t = 0; t < T; ++t) in[t] = stream[start + t];
    if (!spec.masked) {
      for (std::size_t t = 0; t < T; ++t) out[t] = stream[start + t + 1];
      continue;
    }
    for (std::size_t t = 0; t < T; ++t) {
      if (rng.uniform() >= 0.15) continue;
      out[t] = in[t];
      const double r = rng.uniform();
      if (r < 0.8)
        in[t] = kMask;
      else if (r < 0.9)
        in[t] = kFirstWord + static_cast<int>(rng.below(spec.vocab_size - kFirstWord));
    }
  }
}

}  // namespace attn::lm
