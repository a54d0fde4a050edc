// word_vectors: loader, lookup, unknown-word vectors, nearest words and the sentiment axis
// over the asset written by src/tools/make_vectors.cpp (format described there and below).
//
// Payload after the common header (asset_format.h), little-endian:
//   u32 dim (= 100) | u32 V | u32 tier1 | f32 step1 | f32 step2 | u32 words_bytes |
//   f32 rotation[dim * dim] | words: V words each ended by '\n' | i8 codes[dim * V] (dim-major)
// Words 0..tier1-1 use step1, the rest step2 (frequent words get the finer step).
#include "word_vectors.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "asset_format.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>  // clang's WebAssembly SIMD intrinsics (not an Emscripten header)
#endif

namespace attn {
namespace {

constexpr std::string_view kMagic = "ATTNWVEC";
constexpr std::uint32_t kVersion = 1;
constexpr std::uint32_t kMaxVocab = 2'000'000;

// Words the npm package dropped (single letters, clitics) mapped to their nearest full form.
struct Alias {
  std::string_view from, to;
};
constexpr Alias kAliases[] = {{"a", "an"},     {"i", "me"},     {"n't", "not"}, {"'s", "is"},
                              {"'ll", "will"}, {"'m", "am"},    {"'re", "are"}, {"'ve", "have"},
                              {"'d", "would"}, {"&", "and"},    {"ca", "can"},  {"wo", "will"}};
constexpr std::string_view kSpelled[] = {"zero",    "one",     "two",       "three",    "four",
                                         "five",    "six",     "seven",     "eight",    "nine",
                                         "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                         "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                                         "twenty"};

// Sentiment seeds: unambiguous evaluative words, balanced in kind (adjectives, verbs, nouns).
constexpr std::string_view kPositiveSeeds[] = {"good",      "great",    "excellent", "happy",    "love",
                                               "wonderful", "best",     "nice",      "beautiful", "pleasant",
                                               "joy",       "fortunate", "positive", "superb",   "delightful"};
constexpr std::string_view kNegativeSeeds[] = {"bad",  "terrible",    "awful",  "sad",      "hate",
                                               "horrible", "worst",   "nasty",  "ugly",     "unpleasant",
                                               "pain", "unfortunate", "negative", "poor",   "dreadful"};

// ASCII and Latin-1 (U+00C0..U+00DE except U+00D7) upper case -> lower case; other bytes kept.
std::string to_lower(std::string_view word) {
  std::string out(word);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 32);
      ++i;
    }
  }
  return out;
}

std::uint64_t fnv1a64(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// q: (kRow) int16, c: (kRow) int8 -> sum of products. kRow is a multiple of 16.
std::int32_t dot_i16_i8(const std::int16_t* q, const std::int8_t* c, std::size_t n) {
#if defined(__wasm_simd128__)
  v128_t acc = wasm_i32x4_splat(0);
  for (std::size_t j = 0; j < n; j += 16) {
    const v128_t codes = wasm_v128_load(c + j);
    acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_low_i8x16(codes), wasm_v128_load(q + j)));
    acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_high_i8x16(codes), wasm_v128_load(q + j + 8)));
  }
  return wasm_i32x4_extract_lane(acc, 0) + wasm_i32x4_extract_lane(acc, 1) + wasm_i32x4_extract_lane(acc, 2) +
         wasm_i32x4_extract_lane(acc, 3);
#else
  std::int32_t dot = 0;
  for (std::size_t j = 0; j < n; ++j) dot += std::int32_t(q[j]) * std::int32_t(c[j]);
  return dot;
#endif
}

void check_query(std::span<const float> v, const char* name) {
  if (v.size() != WordVectors::kDim) {
    throw std::invalid_argument(std::string(name) + ": expected " + std::to_string(WordVectors::kDim) +
                                " components, got " + std::to_string(v.size()));
  }
  double sq = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) {
      throw std::invalid_argument(std::string(name) + ": component " + std::to_string(i) + " is not finite");
    }
    sq += double(v[i]) * v[i];
  }
  if (sq == 0.0) throw std::invalid_argument(std::string(name) + ": the zero vector has no direction");
}

}  // namespace

WordVectors::WordVectors(std::span<const std::uint8_t> asset) {
  asset::Reader r = asset::check_header(asset, kMagic, kVersion, "word vectors asset");
  const std::uint32_t dim = r.u32("dim");
  const std::uint32_t vocab = r.u32("vocabulary size");
  const std::uint32_t tier1 = r.u32("tier-1 size");
  const float step1 = r.f32("step1"), step2 = r.f32("step2");
  const std::uint32_t words_bytes = r.u32("words size");
  if (dim != kDim) r.fail("dim is " + std::to_string(dim) + ", expected " + std::to_string(kDim));
  if (vocab == 0 || vocab > kMaxVocab) r.fail("vocabulary size " + std::to_string(vocab) + " out of range");
  if (tier1 > vocab) r.fail("tier-1 size exceeds the vocabulary");
  if (!(step1 > 0.0f && step1 < 1e3f) || !(step2 > 0.0f && step2 < 1e3f)) r.fail("quantization steps out of range");
  // pass 1: rotation, checked finite
  rotation_.resize(kDim * kDim);
  for (float& x : rotation_) {
    x = r.f32("rotation");
    if (!std::isfinite(x) || std::fabs(x) > 1.0001f) r.fail("rotation entry out of range");
  }
  // pass 2: words, exactly V non-empty lines
  std::span<const std::uint8_t> blob = r.bytes(words_bytes, "words");
  words_.reserve(vocab);
  std::size_t start = 0;
  for (std::size_t i = 0; i < blob.size(); ++i) {
    if (blob[i] != '\n') continue;
    if (i == start) r.fail("empty word at index " + std::to_string(words_.size()));
    if (words_.size() == vocab) r.fail("more words than the vocabulary size");
    words_.emplace_back(reinterpret_cast<const char*>(blob.data()) + start, i - start);
    start = i + 1;
  }
  if (start != blob.size() || words_.size() != vocab) {
    r.fail("words section holds " + std::to_string(words_.size()) + " words, expected " + std::to_string(vocab));
  }
  // pass 3: codes (dim-major on disk for compression) -> rows padded to kRow
  std::span<const std::uint8_t> codes = r.bytes(std::size_t(kDim) * vocab, "codes");
  if (r.remaining() != 0) r.fail(std::to_string(r.remaining()) + " unexpected trailing bytes");
  codes_.assign(std::size_t(vocab) * kRow, 0);
  for (std::size_t d = 0; d < kDim; ++d) {
    for (std::size_t w = 0; w < vocab; ++w) codes_[w * kRow + d] = static_cast<std::int8_t>(codes[d * vocab + w]);
  }
  steps_.resize(vocab);
  inv_norms_.resize(vocab);
  std::vector<float> norms(vocab);
  for (std::size_t w = 0; w < vocab; ++w) {
    steps_[w] = w < tier1 ? step1 : step2;
    double sq = 0.0;
    for (std::size_t d = 0; d < kDim; ++d) sq += double(codes_[w * kRow + d]) * codes_[w * kRow + d];
    norms[w] = static_cast<float>(std::sqrt(sq) * steps_[w]);  // rotation keeps norms
    inv_norms_[w] = norms[w] > 0.0f ? 1.0f / norms[w] : 0.0f;
  }
  std::vector<float> sorted_norms = norms;
  std::nth_element(sorted_norms.begin(), sorted_norms.begin() + vocab / 2, sorted_norms.end());
  typical_norm_ = std::max(sorted_norms[vocab / 2], 1e-3f);
  sorted_.resize(vocab);
  std::iota(sorted_.begin(), sorted_.end(), 0u);
  std::sort(sorted_.begin(), sorted_.end(), [&](std::uint32_t a, std::uint32_t b) { return words_[a] < words_[b]; });
  init_sentiment();
}

WordVectors WordVectors::from_file(const std::string& path) {
  std::vector<std::uint8_t> bytes = asset::read_file_bytes(path);
  return WordVectors(bytes);
}

long WordVectors::find_index(const std::string& lower) const {
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(), lower,
                             [&](std::uint32_t a, const std::string& w) { return words_[a] < w; });
  return (it != sorted_.end() && words_[*it] == lower) ? static_cast<long>(*it) : -1;
}

std::vector<std::string> WordVectors::lookup_keys(std::string_view word) {
  std::vector<std::string> keys{to_lower(word)};
  const std::string lower = keys.front();  // a copy: keys grows below
  for (const Alias& a : kAliases) {
    if (lower == a.from) keys.emplace_back(a.to);
  }
  const bool digits = !lower.empty() && lower.size() <= 12 &&
                      std::all_of(lower.begin(), lower.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    const long long n = std::stoll(lower);
    if (n <= 20) keys.emplace_back(kSpelled[n]);
    else if (lower.size() == 4 && n >= 1000 && n <= 2099) keys.emplace_back("year");
    else keys.emplace_back(n < 1000 ? "hundred" : n < 1'000'000 ? "thousand" : "million");
  } else if (!lower.empty() && std::all_of(lower.begin(), lower.end(), [](char c) {
               return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == ':' || c == '/';
             }) && std::any_of(lower.begin(), lower.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    keys.emplace_back("number");
  }
  std::size_t end = lower.size();
  while (end > 1 && lower[end - 1] == '.') --end;
  if (end < lower.size()) keys.push_back(lower.substr(0, end));
  return keys;
}

void WordVectors::vector_of(std::size_t index, float* out) const {
  if (index >= words_.size()) throw std::invalid_argument("word index " + std::to_string(index) + " out of range");
  const std::int8_t* c = &codes_[index * kRow];
  const float step = steps_[index];
  for (std::size_t j = 0; j < kDim; ++j) out[j] = 0.0f;
  for (std::size_t r = 0; r < kDim; ++r) {
    if (c[r] == 0) continue;
    const float coeff = c[r] * step;
    const float* axis = &rotation_[r * kDim];
    for (std::size_t j = 0; j < kDim; ++j) out[j] += coeff * axis[j];
  }
}

WordVectors::Lookup WordVectors::lookup(std::string_view word) const {
  Lookup result;
  result.vector.assign(kDim, 0.0f);
  const std::vector<std::string> keys = lookup_keys(word);
  for (const std::string& key : keys) {
    const long index = find_index(key);
    if (index >= 0) {
      vector_of(static_cast<std::size_t>(index), result.vector.data());
      result.known = true;
      return result;
    }
  }
  // Unknown: sum of pseudo-random vectors seeded by the hashes of "<word>"'s 3..5-grams, so
  // words sharing spelling share direction, scaled to the vocabulary's median norm.
  const std::string marked = "<" + keys.front() + ">";
  std::vector<double> sum(kDim, 0.0);
  auto add_gram = [&](std::string_view gram) {
    std::uint64_t state = fnv1a64(gram);
    for (std::size_t j = 0; j < kDim; ++j) sum[j] += double(splitmix64(state) >> 11) * 0x1.0p-52 - 1.0;
  };
  for (std::size_t n = 3; n <= 5; ++n) {
    for (std::size_t i = 0; i + n <= marked.size(); ++i) add_gram(std::string_view(marked).substr(i, n));
  }
  if (marked.size() < 3) add_gram(marked);
  double sq = 0.0;
  for (double s : sum) sq += s * s;
  const double scale = sq > 0.0 ? typical_norm_ / std::sqrt(sq) : 0.0;
  for (std::size_t j = 0; j < kDim; ++j) result.vector[j] = static_cast<float>(sum[j] * scale);
  return result;
}

std::vector<WordVectors::Neighbour> WordVectors::nearest(std::span<const float> query, std::size_t k) const {
  check_query(query, "nearest query");
  const std::size_t vocab = words_.size();
  k = std::min(k, vocab);
  if (k == 0) return {};
  // pass 1: rotate the query and round it to int16, so each row is an integer dot product
  float rotated[kDim];
  float max_abs = 0.0f;
  for (std::size_t r = 0; r < kDim; ++r) {
    float acc = 0.0f;
    for (std::size_t j = 0; j < kDim; ++j) acc += rotation_[r * kDim + j] * query[j];
    rotated[r] = acc;
    max_abs = std::max(max_abs, std::fabs(acc));
  }
  alignas(16) std::int16_t q16[kRow] = {};
  const float q_scale = max_abs > 0.0f ? 32000.0f / max_abs : 0.0f;
  for (std::size_t r = 0; r < kDim; ++r) q16[r] = static_cast<std::int16_t>(std::lround(rotated[r] * q_scale));
  // pass 2: approximate cosine (up to the query's norm) of every row; keep a candidate pool
  // a little larger than k so the exact rescoring below can reorder near-ties
  const std::size_t pool = std::min(vocab, k + 8);
  std::vector<std::pair<float, std::uint32_t>> best;  // min-heap on score
  best.reserve(pool + 1);
  auto worse = [](const std::pair<float, std::uint32_t>& a, const std::pair<float, std::uint32_t>& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  };
  for (std::size_t w = 0; w < vocab; ++w) {
    const std::int32_t dot = dot_i16_i8(q16, &codes_[w * kRow], kRow);
    const float score = float(dot) * steps_[w] * inv_norms_[w];
    if (best.size() < pool) {
      best.emplace_back(score, static_cast<std::uint32_t>(w));
      std::push_heap(best.begin(), best.end(), worse);
    } else if (score > best.front().first) {
      std::pop_heap(best.begin(), best.end(), worse);
      best.back() = {score, static_cast<std::uint32_t>(w)};
      std::push_heap(best.begin(), best.end(), worse);
    }
  }
  // pass 3: exact float cosine for the pool, best first
  double q_norm = 0.0;
  for (float x : query) q_norm += double(x) * x;
  q_norm = std::sqrt(q_norm);
  std::vector<Neighbour> out;
  std::vector<std::pair<double, std::uint32_t>> exact;
  float v[kDim];
  for (const auto& [score, w] : best) {
    vector_of(w, v);
    double dot = 0.0;
    for (std::size_t j = 0; j < kDim; ++j) dot += double(v[j]) * query[j];
    exact.emplace_back(inv_norms_[w] > 0.0f ? dot * inv_norms_[w] / q_norm : 0.0, w);
  }
  std::sort(exact.begin(), exact.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  for (std::size_t i = 0; i < k; ++i) out.push_back({words_[exact[i].second], static_cast<float>(exact[i].first)});
  return out;
}

void WordVectors::init_sentiment() {
  auto mean_unit = [&](std::span<const std::string_view> seeds, std::vector<std::vector<float>>& units) {
    std::vector<float> mean(kDim, 0.0f);
    for (std::string_view seed : seeds) {
      const long index = find_index(std::string(seed));
      if (index < 0) continue;  // a test vocabulary may lack some seeds
      std::vector<float> v(kDim);
      vector_of(static_cast<std::size_t>(index), v.data());
      const float inv = inv_norms_[static_cast<std::size_t>(index)];
      for (float& x : v) x *= inv;
      for (std::size_t j = 0; j < kDim; ++j) mean[j] += v[j];
      units.push_back(std::move(v));
    }
    return mean;
  };
  std::vector<std::vector<float>> pos_units, neg_units;
  const std::vector<float> pos = mean_unit(kPositiveSeeds, pos_units);
  const std::vector<float> neg = mean_unit(kNegativeSeeds, neg_units);
  axis_.assign(kDim, 0.0f);
  if (pos_units.empty() || neg_units.empty()) return;  // sentiment() is then 0 everywhere
  double sq = 0.0;
  for (std::size_t j = 0; j < kDim; ++j) {
    axis_[j] = pos[j] / float(pos_units.size()) - neg[j] / float(neg_units.size());
    sq += double(axis_[j]) * axis_[j];
  }
  const float inv = sq > 0.0 ? static_cast<float>(1.0 / std::sqrt(sq)) : 0.0f;
  for (float& x : axis_) x *= inv;
  auto mean_cos = [&](const std::vector<std::vector<float>>& units) {
    double total = 0.0;
    for (const std::vector<float>& u : units) {
      for (std::size_t j = 0; j < kDim; ++j) total += double(u[j]) * axis_[j];
    }
    return total / double(units.size());
  };
  sentiment_offset_ = static_cast<float>(0.5 * (mean_cos(pos_units) + mean_cos(neg_units)));
}

float WordVectors::sentiment(std::span<const float> vector) const {
  check_query(vector, "sentiment vector");
  double dot = 0.0, sq = 0.0;
  for (std::size_t j = 0; j < kDim; ++j) {
    dot += double(vector[j]) * axis_[j];
    sq += double(vector[j]) * vector[j];
  }
  return static_cast<float>(dot / std::sqrt(sq)) - sentiment_offset_;
}

float WordVectors::sentiment(std::string_view word) const { return sentiment(lookup(word).vector); }

}  // namespace attn
