// explain: the named breakdown of one attention score (see explain.h).
#include "heads/explain.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace attn {

std::string explain_group(const std::string& name) {
  const std::size_t at = name.find(" \xC2\xB7 ");  // " · "
  return at == std::string::npos ? name : name.substr(0, at);
}

ScoreExplanation explain_score(std::span<const float> q, std::span<const float> k,
                               const std::vector<std::string>& names, float scale, bool masked) {
  if (q.size() != k.size() || q.size() != names.size()) {
    throw std::invalid_argument("explain_score: q has " + std::to_string(q.size()) + " values, k " +
                                std::to_string(k.size()) + ", names " +
                                std::to_string(names.size()) + "; all three must match");
  }
  struct Sums {
    double qq = 0, kk = 0, qk = 0, q1 = 0, k1 = 0;
    int dims = 0;
    std::size_t first = 0;
  };
  std::map<std::string, Sums> groups;
  ScoreExplanation e;
  double total = 0;
  for (std::size_t n = 0; n < q.size(); ++n) {
    const double p = static_cast<double>(q[n]) * k[n];
    total += p;
    if (p == 0.0) continue;
    auto [it, fresh] = groups.try_emplace(explain_group(names[n]));
    Sums& s = it->second;
    if (fresh) s.first = n;
    s.qq += static_cast<double>(q[n]) * q[n];
    s.kk += static_cast<double>(k[n]) * k[n];
    s.qk += p;
    s.q1 = q[n], s.k1 = k[n];
    ++s.dims;
  }
  for (const auto& [name, s] : groups) {
    ScoreContribution c;
    c.feature = name;
    c.dims = s.dims;
    c.q = s.dims == 1 ? static_cast<float>(s.q1) : static_cast<float>(std::sqrt(s.qq));
    c.k = s.dims == 1 ? static_cast<float>(s.k1) : static_cast<float>(std::sqrt(s.kk));
    c.product = static_cast<float>(s.qk);
    c.scaled_product = c.product * scale;
    e.contributions.push_back(c);
  }
  std::stable_sort(e.contributions.begin(), e.contributions.end(),
                   [](const ScoreContribution& a, const ScoreContribution& b) {
                     return std::fabs(a.product) > std::fabs(b.product);
                   });
  e.total = static_cast<float>(total);
  e.scale = scale;
  e.masked = masked;
  e.scaled = masked ? -std::numeric_limits<float>::infinity() : e.total * scale;
  return e;
}

}  // namespace attn
