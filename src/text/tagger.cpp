// tagger: feature extraction (shared with src/tools/train_tagger.cpp), the model loader and
// greedy decoding. Model payload after the common header (asset_format.h), little-endian:
//   u32 tag count (= 16) | u32 feature count F | f32 weight scale |
//   F x { varint hash delta (from the previous hash, sorted ascending) | u8 n (1..16) |
//         n x { u8 tag | i8 weight / scale } }
#include "text/tagger.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "text/asset_format.h"

namespace attn {
namespace {

constexpr std::string_view kMagic = "ATTNPOS1";
constexpr std::uint32_t kVersion = 1;
constexpr std::uint32_t kMaxFeatures = 4'000'000;

// FNV-1a over a template id, then the value bytes: one hash per (template, value) pair.
std::uint32_t feature_hash(std::uint8_t templ, std::string_view a, std::string_view b = {}) {
  std::uint32_t h = 2166136261u;
  auto mix = [&h](unsigned char c) { h = (h ^ c) * 16777619u; };
  mix(templ);
  for (unsigned char c : a) mix(c);
  mix(0x1F);
  for (unsigned char c : b) mix(c);
  return h;
}

std::string_view tag_name(std::size_t tag) {
  return tag < kTagCount ? kUniversalTags[tag] : "-START-";
}

std::string suffix(std::string_view w, std::size_t n) {
  return std::string(w.substr(w.size() > n ? w.size() - n : 0));
}

// Case/digit pattern with runs collapsed: "McCain" -> "XxXx", "1960s" -> "dx", "U.S." -> "X.X.".
std::string shape(std::string_view w) {
  std::string out;
  for (unsigned char c : w) {
    const char s = std::isupper(c)   ? 'X'
                   : std::islower(c) ? 'x'
                   : std::isdigit(c) ? 'd'
                   : c >= 0x80       ? 'u'
                                     : char(c);
    if (out.empty() || out.back() != s) out += s;
    if (out.size() >= 8) break;
  }
  return out;
}

}  // namespace

std::string tagger_normalize(std::string_view word) {
  if (word.empty()) return "-EMPTY-";
  const bool all_digits =
      std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); });
  if (all_digits && word.size() == 4) return "!YEAR";
  if (std::isdigit(static_cast<unsigned char>(word[0]))) return "!DIGITS";
  if (word.find('-') != std::string_view::npos && word[0] != '-') return "!HYPHEN";
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void tagger_features(std::span<const std::string> words, std::size_t i, std::size_t prev,
                     std::size_t prev2, std::vector<std::uint32_t>& out) {
  const std::size_t n = words.size();
  auto norm_at = [&](long j) -> std::string {
    if (j < 0) return j == -1 ? "-START-" : "-START2-";
    if (std::size_t(j) >= n) return std::size_t(j) == n ? "-END-" : "-END2-";
    return tagger_normalize(words[std::size_t(j)]);
  };
  const long li = static_cast<long>(i);
  const std::string& raw = words[i];
  const std::string w = tagger_normalize(raw), wp = norm_at(li - 1), wn = norm_at(li + 1);
  const std::string_view t1 = tag_name(prev), t2 = tag_name(prev2);
  out.push_back(feature_hash(0, "bias"));
  out.push_back(feature_hash(1, suffix(w, 3)));
  out.push_back(feature_hash(2, raw.substr(0, 1)));
  out.push_back(feature_hash(3, t1));
  out.push_back(feature_hash(4, t2));
  out.push_back(feature_hash(5, t1, t2));
  out.push_back(feature_hash(6, w));
  out.push_back(feature_hash(7, t1, w));
  out.push_back(feature_hash(8, wp));
  out.push_back(feature_hash(9, suffix(wp, 3)));
  out.push_back(feature_hash(10, norm_at(li - 2)));
  out.push_back(feature_hash(11, wn));
  out.push_back(feature_hash(12, suffix(wn, 3)));
  out.push_back(feature_hash(13, norm_at(li + 2)));
  out.push_back(feature_hash(14, shape(raw)));
  out.push_back(feature_hash(15, suffix(w, 2)));
  out.push_back(feature_hash(16, shape(raw), i == 0 ? "first" : "inner"));
  out.push_back(feature_hash(17, w, wn));
}

Tagger::Tagger(std::span<const std::uint8_t> bytes) {
  asset::Reader r = asset::check_header(bytes, kMagic, kVersion, "tagger model asset");
  const std::uint32_t tags = r.u32("tag count");
  const std::uint32_t features = r.u32("feature count");
  const float scale = r.f32("weight scale");
  if (tags != kTagCount)
    r.fail("tag count is " + std::to_string(tags) + ", expected " + std::to_string(kTagCount));
  if (features > kMaxFeatures)
    r.fail("feature count " + std::to_string(features) + " out of range");
  if (!(scale > 0.0f && std::isfinite(scale))) r.fail("weight scale is not a positive number");
  // Each feature takes at least 4 bytes (delta, n, one tag/weight pair): reject absurd counts
  // before reserving memory for them.
  if (std::size_t(features) * 4 > r.remaining()) r.fail("feature count exceeds the payload");
  hashes_.reserve(features);
  offsets_.reserve(features + 1);
  offsets_.push_back(0);
  std::uint64_t hash = 0;
  for (std::uint32_t f = 0; f < features; ++f) {
    const std::uint32_t delta = r.varint("feature hash");
    if (f > 0 && delta == 0)
      r.fail("feature hashes not strictly increasing at feature " + std::to_string(f));
    hash += delta;
    if (hash > 0xFFFFFFFFull) r.fail("feature hash overflows at feature " + std::to_string(f));
    const std::uint8_t count = r.u8("weight count");
    if (count == 0 || count > kTagCount)
      r.fail("feature " + std::to_string(f) + " has " + std::to_string(count) + " weights");
    for (std::uint8_t k = 0; k < count; ++k) {
      const std::uint8_t tag = r.u8("weight tag");
      if (tag >= kTagCount) r.fail("weight tag " + std::to_string(tag) + " out of range");
      classes_.push_back(tag);
      weights_.push_back(static_cast<float>(static_cast<std::int8_t>(r.u8("weight"))) * scale);
    }
    hashes_.push_back(static_cast<std::uint32_t>(hash));
    offsets_.push_back(static_cast<std::uint32_t>(classes_.size()));
  }
  if (r.remaining() != 0) r.fail(std::to_string(r.remaining()) + " unexpected trailing bytes");
}

Tagger Tagger::from_file(const std::string& path) {
  std::vector<std::uint8_t> bytes = asset::read_file_bytes(path);
  return Tagger(bytes);
}

void Tagger::add_weights(std::uint32_t h, float* scores) const {
  auto it = std::lower_bound(hashes_.begin(), hashes_.end(), h);
  if (it == hashes_.end() || *it != h) return;
  const std::size_t f = static_cast<std::size_t>(it - hashes_.begin());
  for (std::uint32_t k = offsets_[f]; k < offsets_[f + 1]; ++k) scores[classes_[k]] += weights_[k];
}

std::vector<std::size_t> Tagger::tag_indices(std::span<const std::string> words) const {
  std::vector<std::size_t> tags;
  tags.reserve(words.size());
  std::vector<std::uint32_t> features;
  std::size_t prev = kTagCount, prev2 = kTagCount;
  for (std::size_t i = 0; i < words.size(); ++i) {
    features.clear();
    tagger_features(words, i, prev, prev2, features);
    float scores[kTagCount] = {};
    for (std::uint32_t h : features) add_weights(h, scores);
    // Highest score wins; ties go to the lower tag index, so decoding is deterministic.
    const std::size_t best =
        static_cast<std::size_t>(std::max_element(scores, scores + kTagCount) - scores);
    tags.push_back(best);
    prev2 = prev;
    prev = best;
  }
  return tags;
}

std::vector<std::string> Tagger::tag(std::span<const std::string> words) const {
  std::vector<std::string> names;
  for (std::size_t t : tag_indices(words)) names.emplace_back(kUniversalTags[t]);
  return names;
}

}  // namespace attn
