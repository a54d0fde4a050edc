// assets_fuzz: arbitrary bytes into the binary asset loaders (word vectors, tagger model).
// Byte 0 picks the loader (bit 0) and whether to repair the header (bit 7): a repaired input
// gets the right magic, version, payload size and CRC-32, so mutations reach the payload
// parser instead of stopping at the checksum. For word vectors, bit 6 also splices an
// identity rotation (40,000 bytes, more than -max_len allows) in after the steps, so the
// words and both code sections (int8 and packed 4-bit) are within a mutation's reach.
// Either a clean std::invalid_argument, or an object that answers queries without reading
// out of bounds.
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "text/asset_format.h"
#include "text/tagger.h"
#include "text/word_vectors.h"

namespace {

constexpr std::size_t kHeaderBytes = 20;  // magic (8), version, payload size, checksum
// Word vectors v2: dim, V, tier1, words size (u32 each), then steps[2][100] (f32), then the
// rotation.
constexpr std::size_t kRotationOffset = kHeaderBytes + 4 * 4 + 2 * 100 * 4;

// Inserts a 100 x 100 identity rotation (f32) at kRotationOffset, padding a shorter input.
void splice_rotation(std::vector<std::uint8_t>& bytes) {
  if (bytes.size() < kRotationOffset) bytes.resize(kRotationOffset, 0);
  std::vector<std::uint8_t> rotation(100 * 100 * 4, 0);
  for (std::size_t i = 0; i < 100; ++i) {
    const std::size_t at = (i * 100 + i) * 4;  // 1.0f little-endian: 00 00 80 3f
    rotation[at + 2] = 0x80;
    rotation[at + 3] = 0x3f;
  }
  bytes.insert(bytes.begin() + kRotationOffset, rotation.begin(), rotation.end());
}

// Copies the header fields magic+version from a real asset, fixes size and checksum.
void repair_header(std::vector<std::uint8_t>& bytes, const char* magic, std::uint32_t version) {
  if (bytes.size() < kHeaderBytes) bytes.resize(kHeaderBytes, 0);
  std::memcpy(bytes.data(), magic, 8);
  const std::uint32_t payload = static_cast<std::uint32_t>(bytes.size() - kHeaderBytes);
  const std::uint32_t crc = attn::asset::crc32(std::span(bytes).subspan(kHeaderBytes));
  for (int i = 0; i < 4; ++i) {
    bytes[8 + i] = static_cast<std::uint8_t>(version >> (8 * i));
    bytes[12 + i] = static_cast<std::uint8_t>(payload >> (8 * i));
    bytes[16 + i] = static_cast<std::uint8_t>(crc >> (8 * i));
  }
}

std::uint32_t version_of(const std::vector<std::uint8_t>& bytes) {
  return bytes.size() >= 12 ? std::uint32_t(bytes[8]) | std::uint32_t(bytes[9]) << 8 |
                                  std::uint32_t(bytes[10]) << 16 | std::uint32_t(bytes[11]) << 24
                            : 1u;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool tagger = data[0] & 1;
  std::vector<std::uint8_t> bytes(data + 1, data + size);
  if (!tagger && (data[0] & 0x40)) splice_rotation(bytes);
  if (data[0] & 0x80) {
    // The seeds come from the committed assets' format, so their magic/version are the real ones.
    char magic[8] = {};
    if (bytes.size() >= 8) std::memcpy(magic, bytes.data(), 8);
    repair_header(bytes, magic, version_of(bytes));
  }
  try {
    if (tagger) {
      const attn::Tagger model{std::span<const std::uint8_t>(bytes)};
      const std::vector<std::string> words = {"The", "cat", "sat", "."};
      if (model.tag(words).size() != words.size()) __builtin_trap();
    } else {
      const attn::WordVectors vectors{std::span<const std::uint8_t>(bytes)};
      const auto cat = vectors.lookup("cat");
      if (cat.vector.size() != attn::WordVectors::kDim) __builtin_trap();
      if (vectors.size() > 0) {
        std::vector<float> v(attn::WordVectors::kDim);
        vectors.vector_of(0, v.data());                   // tier 1 unless tier1 = 0
        vectors.vector_of(vectors.size() - 1, v.data());  // tier 2 unless tier1 = V
        try {
          (void)vectors.nearest(cat.vector, 3);
        } catch (const std::invalid_argument&) {
        }
      }
    }
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
