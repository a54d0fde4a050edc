// ngram: the learned models' baseline, an interpolated Kneser-Ney trigram model (Kneser & Ney
// 1995; Chen & Goodman 1998, "interpolated Kneser-Ney" with one discount per order,
// D = n1 / (n1 + 2 n2) from that order's counts of counts). For a context (u, v) and word w:
//   P3(w | u v) = max(c(u v w) - D3, 0) / c(u v ·) + D3 N1+(u v ·) / c(u v ·) · P2(w | v)
//   P2(w | v)   = max(N1+(· v w) - D2, 0) / N1+(· v ·) + D2 N1+(v ·) / N1+(· v ·) · P1(w)
//   P1(w)       = max(N1+(· w) - D1, 0) / N1+(· ·) + D1 |{w: N1+(· w) > 0}| / N1+(· ·) · 1/V
// where c counts trigrams of the training stream and N1+(· v w) counts the distinct words seen
// before "v w" (continuation counts); an unseen context falls back to the lower order. Every
// distribution sums to 1 over the V ids.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace attn::lm {

class KneserNeyTrigram {
 public:
  // stream of ids in [0, vocab_size) -> the model of its trigrams. Throws
  // std::invalid_argument on an id out of range or vocab_size outside 1 .. 65536.
  KneserNeyTrigram(const std::vector<int>& stream, int vocab_size);

  // P(w | u v), u and v the two previous ids (oldest first).
  double prob(int u, int v, int w) const;

  // stream -> perplexity over positions 1 .. n-1, each predicted from the two ids before it
  // (</s> stands in before position 0, lm/vocab.h).
  double perplexity(const std::vector<int>& stream) const;

  // Fills the gap at position p of stream: each candidate id in [first, V) scored by
  // P(w | s[p-2] s[p-1]) · P(s[p+1] | s[p-1] w) · P(s[p+2] | w s[p+1]) (factors past the end
  // left out) -> the best id (ties: the lowest).
  int fill_gap(const std::vector<int>& stream, std::size_t p, int first) const;

  int vocab_size() const { return V_; }
  double discount(int order) const { return D_[order - 1]; }  // order 1, 2, 3

 private:
  double p1(int w) const;
  double p2(int v, int w) const;
  int V_;
  double D_[3] = {0, 0, 0};
  std::unordered_map<std::uint64_t, std::uint32_t> c3_, n2_;      // (u v w) counts, N1+(· v w)
  std::unordered_map<std::uint64_t, std::uint32_t> c3_ctx_, t3_;  // c(u v ·), N1+(u v ·)
  std::vector<std::uint32_t> n2_ctx_, t2_, n1_;  // N1+(· v ·), N1+(v ·), N1+(· w)
  double n1_total_ = 0, t1_ = 0;
};

}  // namespace attn::lm
