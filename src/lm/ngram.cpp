// ngram: see ngram.h.
#include "lm/ngram.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "lm/vocab.h"

namespace attn::lm {
namespace {

std::uint64_t key(int a, int b, int c = 0) {
  return static_cast<std::uint64_t>(a) << 32 | static_cast<std::uint64_t>(b) << 16 |
         static_cast<std::uint64_t>(c);
}

std::uint32_t get(const std::unordered_map<std::uint64_t, std::uint32_t>& m, std::uint64_t k) {
  auto it = m.find(k);
  return it == m.end() ? 0 : it->second;
}

// counts of counts -> n1 / (n1 + 2 n2), or 0.5 when undefined (a tiny corpus).
template <typename Counts>
double discount_from(const Counts& counts) {
  double n1 = 0, n2 = 0;
  for (const auto& c : counts) {
    n1 += c == 1;
    n2 += c == 2;
  }
  return n1 + 2 * n2 > 0 && n1 > 0 ? n1 / (n1 + 2 * n2) : 0.5;
}

}  // namespace

KneserNeyTrigram::KneserNeyTrigram(const std::vector<int>& stream, int vocab_size)
    : V_(vocab_size), n2_ctx_(vocab_size), t2_(vocab_size), n1_(vocab_size) {
  if (vocab_size < 1 || vocab_size > 65536)
    throw std::invalid_argument("KneserNeyTrigram: vocab_size must be in 1 .. 65536");
  for (int id : stream)
    if (id < 0 || id >= vocab_size)
      throw std::invalid_argument("KneserNeyTrigram: id out of range");
  for (std::size_t i = 2; i < stream.size(); ++i)
    ++c3_[key(stream[i - 2], stream[i - 1], stream[i])];
  std::unordered_map<std::uint64_t, std::uint32_t> bigram_types;  // (v w) -> 1 once seen
  for (const auto& [k, count] : c3_) {
    const int u = static_cast<int>(k >> 32), v = static_cast<int>(k >> 16 & 0xffff),
              w = static_cast<int>(k & 0xffff);
    c3_ctx_[key(u, v)] += count;
    ++t3_[key(u, v)];
    if (++n2_[key(v, w)] == 1) {  // first time "v w" is seen with any u
      ++t2_[v];
      ++n1_[w];
    }
  }
  for (const auto& [k, n] : n2_) n2_ctx_[static_cast<int>(k >> 32)] += n;
  for (std::uint32_t n : n1_) {
    n1_total_ += n;
    t1_ += n > 0;
  }
  std::vector<std::uint32_t> c3_values, n2_values;
  for (const auto& kv : c3_) c3_values.push_back(kv.second);
  for (const auto& kv : n2_) n2_values.push_back(kv.second);
  D_[0] = discount_from(n1_), D_[1] = discount_from(n2_values), D_[2] = discount_from(c3_values);
}

double KneserNeyTrigram::p1(int w) const {
  if (n1_total_ == 0) return 1.0 / V_;
  return std::max(n1_[w] - D_[0], 0.0) / n1_total_ + D_[0] * t1_ / n1_total_ / V_;
}

double KneserNeyTrigram::p2(int v, int w) const {
  const double ctx = n2_ctx_[v];
  if (ctx == 0) return p1(w);
  return std::max(get(n2_, key(v, w)) - D_[1], 0.0) / ctx + D_[1] * t2_[v] / ctx * p1(w);
}

double KneserNeyTrigram::prob(int u, int v, int w) const {
  const double ctx = get(c3_ctx_, key(u, v));
  if (ctx == 0) return p2(v, w);
  return std::max(get(c3_, key(u, v, w)) - D_[2], 0.0) / ctx +
         D_[2] * get(t3_, key(u, v)) / ctx * p2(v, w);
}

double KneserNeyTrigram::perplexity(const std::vector<int>& stream) const {
  double nll = 0;
  for (std::size_t i = 1; i < stream.size(); ++i)
    nll -= std::log(prob(i >= 2 ? stream[i - 2] : kBoundary, stream[i - 1], stream[i]));
  return stream.size() > 1 ? std::exp(nll / double(stream.size() - 1)) : 1.0;
}

int KneserNeyTrigram::fill_gap(const std::vector<int>& s, std::size_t p, int first) const {
  const int u = p >= 2 ? s[p - 2] : kBoundary, v = p >= 1 ? s[p - 1] : kBoundary;
  int best = first;
  double best_score = -INFINITY;
  for (int w = first; w < V_; ++w) {
    double score = std::log(prob(u, v, w));
    if (p + 1 < s.size()) score += std::log(prob(v, w, s[p + 1]));
    if (p + 2 < s.size()) score += std::log(prob(w, s[p + 1], s[p + 2]));
    if (score > best_score) best_score = score, best = w;
  }
  return best;
}

}  // namespace attn::lm
