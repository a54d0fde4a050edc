// word_vectors: loader, lookup, unknown-word vectors, nearest words and the sentiment axis
// over the asset written by src/tools/make_vectors.cpp (format described there and below).
//
// Payload after the common header (asset_format.h, version 2), little-endian:
//   u32 dim (= 100) | u32 V | u32 tier1 | u32 words_bytes | f32 steps[2][dim] |
//   f32 rotation[dim * dim] | words: V words each ended by '\n' |
//   i8 codes1[dim][tier1] | u8 codes2[dim][ceil((V - tier1) / 2)]
// Words 0..tier1-1 (the frequent ones) are tier 1: one int8 code per axis, coefficient =
// code * steps[0][axis]. The rest are tier 2: 4-bit codes in [-8, 7] stored as code + 8, two
// words per byte (even word in the low nibble; an odd count pads with 8), coefficient =
// code * steps[1][axis]. Both are dimension-major so gzip sees one axis's codes together.
// Version 1 (int8 codes for both tiers, one step per tier) is rejected by the version check.
#include "text/word_vectors.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "text/asset_format.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>  // clang's WebAssembly SIMD intrinsics (not an Emscripten header)
#endif

namespace attn {
namespace {

constexpr std::string_view kMagic = "ATTNWVEC";
constexpr std::uint32_t kVersion = 2;
constexpr std::uint32_t kMaxVocab = 2'000'000;

// Words the npm package dropped (single letters, clitics) mapped to their nearest full form.
struct Alias {
  std::string_view from, to;
};
constexpr Alias kAliases[] = {{"a", "an"},     {"i", "me"},  {"n't", "not"}, {"'s", "is"},
                              {"'ll", "will"}, {"'m", "am"}, {"'re", "are"}, {"'ve", "have"},
                              {"'d", "would"}, {"&", "and"}, {"ca", "can"},  {"wo", "will"}};
constexpr std::string_view kSpelled[] = {
    "zero",     "one",     "two",     "three",     "four",     "five",     "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};

// Sentiment seeds: unambiguous evaluative words, balanced in kind (adjectives, verbs, nouns).
constexpr std::string_view kPositiveSeeds[] = {
    "good",      "great",    "excellent", "happy",     "love",     "wonderful", "best",      "nice",
    "beautiful", "pleasant", "joy",       "fortunate", "positive", "superb",    "delightful"};
constexpr std::string_view kNegativeSeeds[] = {
    "bad",  "terrible",   "awful", "sad",         "hate",     "horrible", "worst",   "nasty",
    "ugly", "unpleasant", "pain",  "unfortunate", "negative", "poor",     "dreadful"};

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

// First hash-table slot of a word (table size mask + 1, a power of two); the high bits are
// folded in because FNV's low bits depend on the input's low bits only.
std::size_t first_slot(std::string_view word, std::size_t mask) {
  const std::uint64_t h = fnv1a64(word);
  return static_cast<std::size_t>(h ^ (h >> 29)) & mask;
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// q: (n) int16, c: (n) int8 -> sum of products. n is a multiple of 16.
std::int32_t dot_i16_i8(const std::int16_t* q, const std::int8_t* c, std::size_t n) {
#if defined(__wasm_simd128__)
  v128_t acc = wasm_i32x4_splat(0);
  for (std::size_t j = 0; j < n; j += 16) {
    const v128_t codes = wasm_v128_load(c + j);
    acc = wasm_i32x4_add(
        acc, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_low_i8x16(codes), wasm_v128_load(q + j)));
    acc = wasm_i32x4_add(
        acc, wasm_i32x4_dot_i16x8(wasm_i16x8_extend_high_i8x16(codes), wasm_v128_load(q + j + 8)));
  }
  return wasm_i32x4_extract_lane(acc, 0) + wasm_i32x4_extract_lane(acc, 1) +
         wasm_i32x4_extract_lane(acc, 2) + wasm_i32x4_extract_lane(acc, 3);
#else
  std::int32_t dot = 0;
  for (std::size_t j = 0; j < n; ++j) dot += std::int32_t(q[j]) * std::int32_t(c[j]);
  return dot;
#endif
}

// q: (2n) int16, c: (n) bytes of two unsigned nibbles, byte j = element j (low) and n + j
// (high) -> sum of q[i] * nibble[i]. n is a multiple of 16. (The caller removes the + 8 bias.)
std::int32_t dot_i16_u4(const std::int16_t* q, const std::uint8_t* c, std::size_t n) {
#if defined(__wasm_simd128__)
  v128_t acc = wasm_i32x4_splat(0);
  const v128_t low_mask = wasm_i8x16_splat(0x0F);
  for (std::size_t j = 0; j < n; j += 16) {
    const v128_t bytes = wasm_v128_load(c + j);
    const v128_t lo = wasm_v128_and(bytes, low_mask), hi = wasm_u8x16_shr(bytes, 4);
    acc = wasm_i32x4_add(
        acc, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(lo), wasm_v128_load(q + j)));
    acc = wasm_i32x4_add(
        acc, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(lo), wasm_v128_load(q + j + 8)));
    acc = wasm_i32x4_add(
        acc, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(hi), wasm_v128_load(q + n + j)));
    acc = wasm_i32x4_add(
        acc, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(hi), wasm_v128_load(q + n + j + 8)));
  }
  return wasm_i32x4_extract_lane(acc, 0) + wasm_i32x4_extract_lane(acc, 1) +
         wasm_i32x4_extract_lane(acc, 2) + wasm_i32x4_extract_lane(acc, 3);
#else
  std::int32_t dot = 0;
  for (std::size_t j = 0; j < n; ++j)
    dot += std::int32_t(q[j]) * (c[j] & 0x0F) + std::int32_t(q[n + j]) * (c[j] >> 4);
  return dot;
#endif
}

void check_query(std::span<const float> v, const char* name) {
  if (v.size() != WordVectors::kDim) {
    throw std::invalid_argument(std::string(name) + ": expected " +
                                std::to_string(WordVectors::kDim) + " components, got " +
                                std::to_string(v.size()));
  }
  double sq = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) {
      throw std::invalid_argument(std::string(name) + ": component " + std::to_string(i) +
                                  " is not finite");
    }
    sq += double(v[i]) * v[i];
  }
  if (sq == 0.0)
    throw std::invalid_argument(std::string(name) + ": the zero vector has no direction");
}

}  // namespace

WordVectors::WordVectors(std::span<const std::uint8_t> asset) {
  asset::Reader r = asset::check_header(asset, kMagic, kVersion, "word vectors asset");
  const std::uint32_t dim = r.u32("dim");
  const std::uint32_t vocab = r.u32("vocabulary size");
  const std::uint32_t tier1 = r.u32("tier-1 size");
  const std::uint32_t words_bytes = r.u32("words size");
  if (dim != kDim) r.fail("dim is " + std::to_string(dim) + ", expected " + std::to_string(kDim));
  if (vocab == 0 || vocab > kMaxVocab)
    r.fail("vocabulary size " + std::to_string(vocab) + " out of range");
  if (tier1 > vocab) r.fail("tier-1 size exceeds the vocabulary");
  tier1_ = tier1;
  // pass 1: steps and rotation, checked finite
  steps_.resize(2 * kDim);
  for (float& step : steps_) {
    step = r.f32("steps");
    if (!(step > 0.0f && step < 1e3f)) r.fail("quantization step out of range");
  }
  rotation_.resize(kDim * kDim);
  for (float& x : rotation_) {
    x = r.f32("rotation");
    if (!std::isfinite(x) || std::fabs(x) > 1.0001f) r.fail("rotation entry out of range");
  }
  // pass 2: words, exactly V non-empty lines
  std::span<const std::uint8_t> blob = r.bytes(words_bytes, "words");
  words_.reserve(blob.size() - std::min<std::size_t>(blob.size(), vocab));
  word_ends_.reserve(vocab);
  std::size_t start = 0;
  for (std::size_t i = 0; i < blob.size(); ++i) {
    if (blob[i] != '\n') continue;
    if (i == start) r.fail("empty word at index " + std::to_string(word_ends_.size()));
    if (word_ends_.size() == vocab) r.fail("more words than the vocabulary size");
    words_.append(reinterpret_cast<const char*>(blob.data()) + start, i - start);
    word_ends_.push_back(static_cast<std::uint32_t>(words_.size()));
    start = i + 1;
  }
  if (start != blob.size() || word_ends_.size() != vocab) {
    r.fail("words section holds " + std::to_string(word_ends_.size()) + " words, expected " +
           std::to_string(vocab));
  }
  // pass 3: codes (dimension-major on disk, for compression) -> one row per word, and each
  // word's length from its codes (the rotation keeps lengths). Words go in blocks so the rows
  // being written stay in cache (word by word across all 100 axes was ~100 ms in wasm).
  const std::size_t tier2 = vocab - tier1, tier2_bytes = (tier2 + 1) / 2;
  std::span<const std::uint8_t> codes1 = r.bytes(kDim * tier1, "tier-1 codes");
  std::span<const std::uint8_t> codes2 = r.bytes(kDim * tier2_bytes, "tier-2 codes");
  if (r.remaining() != 0) r.fail(std::to_string(r.remaining()) + " unexpected trailing bytes");
  constexpr std::size_t kBlock = 256;  // words per block: 28 KB of tier-1 rows
  std::vector<double> sq(vocab, 0.0);  // squared lengths, summed over axes in order
  codes1_.assign(tier1 * kRow8, 0);
  for (std::size_t w0 = 0; w0 < tier1; w0 += kBlock) {
    const std::size_t w1 = std::min<std::size_t>(tier1, w0 + kBlock);
    for (std::size_t d = 0; d < kDim; ++d) {
      const std::uint8_t* src = codes1.data() + d * tier1;
      const float step = steps_[d];
      for (std::size_t w = w0; w < w1; ++w) {
        const auto code = static_cast<std::int8_t>(src[w]);
        codes1_[w * kRow8 + d] = code;
        const float c = float(code) * step;
        sq[w] += double(c) * c;
      }
    }
  }
  codes2_.assign(tier2 * kRow4, 0x88);  // code 0 in both nibbles, so padded axes add nothing
  for (std::size_t w0 = 0; w0 < tier2; w0 += kBlock) {
    const std::size_t w1 = std::min(tier2, w0 + kBlock);
    for (std::size_t d = 0; d < kDim; ++d) {
      const std::uint8_t* src = codes2.data() + d * tier2_bytes;
      const std::size_t byte = d % kRow4, shift = d < kRow4 ? 0 : 4;
      const float step = steps_[kDim + d];
      for (std::size_t w = w0; w < w1; ++w) {
        const std::uint8_t nibble = (src[w / 2] >> (w % 2 ? 4 : 0)) & 0x0F;
        std::uint8_t& packed = codes2_[w * kRow4 + byte];
        packed = static_cast<std::uint8_t>((packed & ~(0x0F << shift)) | nibble << shift);
        const float c = float(int(nibble) - 8) * step;
        sq[tier1 + w] += double(c) * c;
      }
    }
  }
  // pass 4: norms and their median, for unknown words
  inv_norms_.resize(vocab);
  std::vector<float> norms(vocab);
  for (std::size_t w = 0; w < vocab; ++w) {
    norms[w] = static_cast<float>(std::sqrt(sq[w]));
    inv_norms_[w] = norms[w] > 0.0f ? 1.0f / norms[w] : 0.0f;
  }
  std::vector<float> sorted_norms = norms;
  std::nth_element(sorted_norms.begin(), sorted_norms.begin() + vocab / 2, sorted_norms.end());
  typical_norm_ = std::max(sorted_norms[vocab / 2], 1e-3f);
  // pass 5: the lookup table (open addressing, linear probing, at most half full): O(V) to
  // build where sorting the words took ~90 ms of a page load; a repeated word keeps its first
  // (most frequent) index.
  std::size_t capacity = 16;
  while (capacity < 2 * std::size_t{vocab}) capacity *= 2;
  slots_.assign(capacity, 0);
  for (std::uint32_t i = 0; i < vocab; ++i) {
    const std::string_view w = word_at(i);
    std::size_t s = first_slot(w, capacity - 1);
    while (slots_[s] != 0 && word_at(slots_[s] - 1) != w) s = (s + 1) & (capacity - 1);
    if (slots_[s] == 0) slots_[s] = i + 1;
  }
  init_sentiment();
}

WordVectors WordVectors::from_file(const std::string& path) {
  std::vector<std::uint8_t> bytes = asset::read_file_bytes(path);
  return WordVectors(bytes);
}

std::string_view WordVectors::word(std::size_t index) const {
  if (index >= size())
    throw std::invalid_argument("word index " + std::to_string(index) + " out of range");
  return word_at(index);
}

long WordVectors::find_index(std::string_view lower) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t s = first_slot(lower, mask); slots_[s] != 0; s = (s + 1) & mask) {
    if (word_at(slots_[s] - 1) == lower) return static_cast<long>(slots_[s] - 1);
  }
  return -1;
}

std::vector<std::string> WordVectors::lookup_keys(std::string_view word) {
  std::vector<std::string> keys{to_lower(word)};
  const std::string lower = keys.front();  // a copy: keys grows below
  for (const Alias& a : kAliases) {
    if (lower == a.from) keys.emplace_back(a.to);
  }
  const bool digits =
      !lower.empty() && lower.size() <= 12 &&
      std::all_of(lower.begin(), lower.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    const long long n = std::stoll(lower);
    if (n <= 20)
      keys.emplace_back(kSpelled[n]);
    else if (lower.size() == 4 && n >= 1000 && n <= 2099)
      keys.emplace_back("year");
    else
      keys.emplace_back(n < 1000 ? "hundred" : n < 1'000'000 ? "thousand" : "million");
  } else if (!lower.empty() &&
             std::all_of(lower.begin(), lower.end(),
                         [](char c) {
                           return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == ':' ||
                                  c == '/';
                         }) &&
             std::any_of(lower.begin(), lower.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    keys.emplace_back("number");
  }
  std::size_t end = lower.size();
  while (end > 1 && lower[end - 1] == '.') --end;
  if (end < lower.size()) keys.push_back(lower.substr(0, end));
  return keys;
}

void WordVectors::coefficients_of(std::size_t index, float* out) const {
  if (index < tier1_) {
    const std::int8_t* c = &codes1_[index * kRow8];
    for (std::size_t r = 0; r < kDim; ++r) out[r] = float(c[r]) * steps_[r];
  } else {
    const std::uint8_t* c = &codes2_[(index - tier1_) * kRow4];
    for (std::size_t r = 0; r < kDim; ++r) {
      const int code = (r < kRow4 ? c[r] & 0x0F : c[r - kRow4] >> 4) - 8;
      out[r] = float(code) * steps_[kDim + r];
    }
  }
}

void WordVectors::vector_of(std::size_t index, float* out) const {
  if (index >= size())
    throw std::invalid_argument("word index " + std::to_string(index) + " out of range");
  float coeffs[kDim];
  coefficients_of(index, coeffs);
  for (std::size_t j = 0; j < kDim; ++j) out[j] = 0.0f;
  for (std::size_t r = 0; r < kDim; ++r) {
    if (coeffs[r] == 0.0f) continue;
    const float* axis = &rotation_[r * kDim];
    for (std::size_t j = 0; j < kDim; ++j) out[j] += coeffs[r] * axis[j];
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
    for (std::size_t j = 0; j < kDim; ++j)
      sum[j] += double(splitmix64(state) >> 11) * 0x1.0p-52 - 1.0;
  };
  for (std::size_t n = 3; n <= 5; ++n) {
    for (std::size_t i = 0; i + n <= marked.size(); ++i)
      add_gram(std::string_view(marked).substr(i, n));
  }
  if (marked.size() < 3) add_gram(marked);
  double sq = 0.0;
  for (double s : sum) sq += s * s;
  const double scale = sq > 0.0 ? typical_norm_ / std::sqrt(sq) : 0.0;
  for (std::size_t j = 0; j < kDim; ++j) result.vector[j] = static_cast<float>(sum[j] * scale);
  return result;
}

std::vector<WordVectors::Neighbour> WordVectors::nearest(std::span<const float> query,
                                                         std::size_t k) const {
  check_query(query, "nearest query");
  const std::size_t vocab = size();
  k = std::min(k, vocab);
  if (k == 0) return {};
  // pass 1: rotate the query, fold in each tier's axis steps and round to int16, so each row
  // is an integer dot product; inv_scale maps it back (bias2 removes tier 2's + 8 offset)
  float rotated[kDim];
  for (std::size_t r = 0; r < kDim; ++r) {
    float acc = 0.0f;
    for (std::size_t j = 0; j < kDim; ++j) acc += rotation_[r * kDim + j] * query[j];
    rotated[r] = acc;
  }
  alignas(16) std::int16_t q1[kRow8] = {}, q2[2 * kRow4] = {};
  float inv_scale[2] = {0.0f, 0.0f};
  for (std::size_t t = 0; t < 2; ++t) {
    float max_abs = 0.0f;
    for (std::size_t r = 0; r < kDim; ++r)
      max_abs = std::max(max_abs, std::fabs(rotated[r] * steps_[t * kDim + r]));
    if (max_abs == 0.0f)
      continue;  // rotated components below float range after scaling: all scores 0
    const float scale = 32000.0f / max_abs;
    inv_scale[t] = max_abs / 32000.0f;
    std::int16_t* q = t == 0 ? q1 : q2;
    for (std::size_t r = 0; r < kDim; ++r)
      q[r] = static_cast<std::int16_t>(std::lround(rotated[r] * steps_[t * kDim + r] * scale));
  }
  std::int32_t bias2 = 0;
  for (std::size_t r = 0; r < kDim; ++r) bias2 += 8 * std::int32_t(q2[r]);
  // pass 2: approximate cosine (up to the query's norm) of every row; keep a candidate pool
  // a little larger than k so the exact rescoring below can reorder near-ties
  const std::size_t pool = std::min(vocab, k + 8);
  std::vector<std::pair<float, std::uint32_t>> best;  // min-heap on score
  best.reserve(pool + 1);
  auto worse = [](const std::pair<float, std::uint32_t>& a,
                  const std::pair<float, std::uint32_t>& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  };
  // offer() is called only for rows that enter the pool: in the fallback module (JS-based
  // exceptions) a call that may throw goes through a JS trampoline, far too slow once per row.
  auto offer = [&](float score, std::size_t w) {
    if (best.size() == pool) {
      std::pop_heap(best.begin(), best.end(), worse);
      best.pop_back();
    }
    best.emplace_back(score, static_cast<std::uint32_t>(w));
    std::push_heap(best.begin(), best.end(), worse);
  };
  auto enters = [&](float score) { return best.size() < pool || score > best.front().first; };
  for (std::size_t w = 0; w < tier1_; ++w) {
    const float score =
        float(dot_i16_i8(q1, &codes1_[w * kRow8], kRow8)) * inv_scale[0] * inv_norms_[w];
    if (enters(score)) offer(score, w);
  }
  for (std::size_t w = tier1_; w < vocab; ++w) {
    const std::int32_t dot = dot_i16_u4(q2, &codes2_[(w - tier1_) * kRow4], kRow4) - bias2;
    const float score = float(dot) * inv_scale[1] * inv_norms_[w];
    if (enters(score)) offer(score, w);
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
  for (std::size_t i = 0; i < k; ++i)
    out.push_back({std::string(word_at(exact[i].second)), static_cast<float>(exact[i].first)});
  return out;
}

void WordVectors::init_sentiment() {
  auto mean_unit = [&](std::span<const std::string_view> seeds,
                       std::vector<std::vector<float>>& units) {
    std::vector<float> mean(kDim, 0.0f);
    for (std::string_view seed : seeds) {
      const long index = find_index(seed);
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
