// evaluate: see evaluate.h.
#include "lm/evaluate.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "lm/batches.h"
#include "lm/vocab.h"

namespace attn::lm {
namespace {

const float* run(nn::Transformer& model, const int* ids, int T) {
  nn::Batch batch;
  batch.ids = ids, batch.T = T;
  return model.forward(batch);
}

// logits (V) -> log softmax at `target`.
double log_prob(const float* logits, int V, int target) {
  const float mx = *std::max_element(logits, logits + V);
  double sum = 0;
  for (int i = 0; i < V; ++i) sum += std::exp(double(logits[i]) - mx);
  return double(logits[target]) - mx - std::log(sum);
}

}  // namespace

double model_perplexity(nn::Transformer& model, const std::vector<int>& s, int T) {
  if (s.size() < 2 || T < 2) throw std::invalid_argument("model_perplexity: stream too short");
  const int V = model.config().vocab_size;
  const std::size_t n = s.size(), half = static_cast<std::size_t>(T / 2);
  double nll = 0;
  std::size_t scored = 0;
  for (std::size_t start = 0;; start += half) {
    const std::size_t len = std::min<std::size_t>(T, n - 1 - start);
    const float* logits = run(model, &s[start], static_cast<int>(len));
    for (std::size_t j = start == 0 ? 0 : half; j < len; ++j, ++scored)
      nll -= log_prob(logits + j * V, V, s[start + 1 + j]);
    if (start + len >= n - 1) break;
  }
  return std::exp(nll / double(scored));
}

std::vector<std::size_t> masked_positions(const std::vector<int>& s, int T, std::uint64_t seed) {
  std::vector<std::size_t> out, words;
  for (std::size_t start = 0; start < s.size(); start += T) {
    words.clear();
    for (std::size_t p = start; p < std::min(s.size(), start + T); ++p)
      if (s[p] >= kFirstWord) words.push_back(p);
    SplitMix64 rng(seed * 0x9e3779b97f4a7c15ull + start);
    if (!words.empty()) out.push_back(words[rng.below(words.size())]);
  }
  return out;
}

double model_masked_accuracy(nn::Transformer& model, const std::vector<int>& s,
                             const std::vector<std::size_t>& positions, int T) {
  const int V = model.config().vocab_size;
  std::vector<int> window;
  std::size_t right = 0;
  for (std::size_t p : positions) {
    const std::size_t start = p / T * T, len = std::min<std::size_t>(T, s.size() - start);
    window.assign(s.begin() + start, s.begin() + start + len);
    window[p - start] = kMask;
    const float* row = run(model, window.data(), static_cast<int>(len)) + (p - start) * V;
    right += std::max_element(row + kFirstWord, row + V) - row == s[p];
  }
  return positions.empty() ? 0.0 : double(right) / positions.size();
}

std::vector<HeadPortrait> head_portraits(nn::Transformer& model, const std::vector<int>& s, int T,
                                         int windows, const std::vector<bool>& is_sink) {
  const auto& c = model.config();
  const char* names[] = {"previous word", "next word", "same word", "itself",
                         "first word or punctuation"};
  const int R = 5, H = c.num_heads;
  std::vector<double> hits(c.num_layers * H * R, 0), total(c.num_layers * H * R, 0);
  for (int w = 0; w < windows && static_cast<std::size_t>(w + 1) * T <= s.size(); ++w) {
    const int* ids = &s[static_cast<std::size_t>(w) * T];
    run(model, ids, T);
    for (int l = 0; l < c.num_layers; ++l)
      for (int h = 0; h < H; ++h) {
        const float* att = model.attention(l) + static_cast<std::size_t>(h) * T * T;
        double* hit = &hits[(l * H + h) * R];
        double* tot = &total[(l * H + h) * R];
        for (int i = 1; i < T; ++i) {
          const float* row = att + static_cast<std::size_t>(i) * T;
          const int keys = c.causal ? i + 1 : T;
          const int j = static_cast<int>(std::max_element(row, row + keys) - row);
          bool same_visible = false;
          for (int k = 0; k < keys; ++k) same_visible |= k != i && ids[k] == ids[i];
          const bool has[] = {true, !c.causal && i + 1 < T, same_visible, true, true};
          const bool match[] = {j == i - 1, j == i + 1, j != i && ids[j] == ids[i], j == i,
                                j == 0 || is_sink[ids[j]]};
          for (int r = 0; r < R; ++r) tot[r] += has[r], hit[r] += has[r] && match[r];
        }
      }
  }
  std::vector<HeadPortrait> out;
  for (int l = 0; l < c.num_layers; ++l)
    for (int h = 0; h < H; ++h) {
      HeadPortrait p;
      p.layer = l, p.head = h;
      for (int r = 0; r < R; ++r) {
        const double t = total[(l * H + h) * R + r];
        if (t == 0) continue;
        const double rate = hits[(l * H + h) * R + r] / t;
        p.rates.emplace_back(names[r], rate);
        if (rate > p.score) p.score = rate, p.label = names[r];
      }
      if (p.score < kPortraitThreshold) p.label = "no simple pattern";
      out.push_back(p);
    }
  return out;
}

}  // namespace attn::lm
