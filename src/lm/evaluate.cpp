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

std::vector<WordProbability> top_words(nn::Transformer& model, const std::vector<int>& ids,
                                       std::size_t position, int k) {
  if (ids.empty() || position >= ids.size())
    throw std::invalid_argument("top_words: position outside the ids");
  const int V = model.config().vocab_size;
  const float* row = run(model, ids.data(), static_cast<int>(ids.size())) + position * V;
  const double log_sum = log_prob(row, V, 0) - row[0];  // -(max + log sum exp(x - max))
  std::vector<WordProbability> all;
  for (int id = kFirstWord; id < V; ++id) all.push_back({id, std::exp(row[id] + log_sum)});
  const auto end =
      all.begin() + std::min<std::ptrdiff_t>(k, static_cast<std::ptrdiff_t>(all.size()));
  std::partial_sort(all.begin(), end, all.end(), [](const auto& a, const auto& b) {
    return a.probability > b.probability || (a.probability == b.probability && a.id < b.id);
  });
  all.erase(end, all.end());
  return all;
}

std::vector<HeadPortrait> head_portraits(nn::Transformer& model, const std::vector<int>& s, int T,
                                         int windows, const std::vector<bool>& is_sink,
                                         const std::vector<RelationTargets>& extra) {
  const auto& c = model.config();
  std::vector<std::string> names = {"previous word", "next word", "same word", "itself",
                                    "first word or punctuation"};
  for (const auto& r : extra) {
    if (r.target.size() < s.size())
      throw std::invalid_argument("head_portraits: relation " + r.name +
                                  " is shorter than the stream");
    names.push_back(r.name);
  }
  const int R = static_cast<int>(names.size()), H = c.num_heads;
  std::vector<double> hits(c.num_layers * H * R, 0), total(c.num_layers * H * R, 0);
  std::vector<char> has(R), match(R);
  for (int w = 0; w < windows && static_cast<std::size_t>(w + 1) * T <= s.size(); ++w) {
    const std::size_t start = static_cast<std::size_t>(w) * T;
    const int* ids = &s[start];
    run(model, ids, T);
    for (int i = 1; i < T; ++i) {
      const int keys = c.causal ? i + 1 : T;
      bool same_visible = false;
      for (int k = 0; k < keys; ++k) same_visible |= k != i && ids[k] == ids[i];
      // Where each relation points from i (-1: nowhere); the sink is tested per key below.
      std::vector<int> target = {i - 1, c.causal || i + 1 >= T ? -1 : i + 1, -1, i, -1};
      for (const auto& r : extra) {
        const long t = static_cast<long>(r.target[start + i]) - static_cast<long>(start);
        target.push_back(t >= 0 && t < keys && t != i ? static_cast<int>(t) : -1);
      }
      for (int r = 0; r < R; ++r) has[r] = target[r] >= 0;
      has[2] = same_visible, has[4] = true;
      for (int l = 0; l < c.num_layers; ++l)
        for (int h = 0; h < H; ++h) {
          const float* row = model.attention(l) + (static_cast<std::size_t>(h) * T + i) * T;
          const int j = static_cast<int>(std::max_element(row, row + keys) - row);
          for (int r = 0; r < R; ++r) match[r] = j == target[r];
          match[2] = j != i && ids[j] == ids[i];
          match[4] = j == 0 || is_sink[ids[j]];
          double* hit = &hits[(l * H + h) * R];
          double* tot = &total[(l * H + h) * R];
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
        p.rates.push_back({names[r], rate, static_cast<long>(t)});
        if (t >= kPortraitMinPositions && rate > p.score) p.score = rate, p.label = names[r];
      }
      if (p.score < kPortraitThreshold) p.label = "no simple pattern";
      out.push_back(p);
    }
  return out;
}

}  // namespace attn::lm
