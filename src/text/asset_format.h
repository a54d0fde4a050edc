// asset_format: the little-endian byte reader/writer and CRC-32 shared by the binary assets
// (word vectors, tagger model) and their generators. The reader never reads past its span:
// every read checks the remaining length first and throws std::invalid_argument naming the
// asset and the field, so a truncated or corrupted file gives a clear message, not a crash.
// Deliberately no file I/O beyond read_file_bytes (for native tools and tests).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace attn::asset {

// CRC-32 (IEEE 802.3, as zlib's crc32), slicing-by-8: eight table lookups per 8 bytes
// instead of one per byte (a 4.7 MB asset is checked in a few ms, not tens of ms, in wasm).
inline std::uint32_t crc32(std::span<const std::uint8_t> bytes) {
  static const std::array<std::array<std::uint32_t, 256>, 8> tables = [] {
    std::array<std::array<std::uint32_t, 256>, 8> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[0][i] = c;
    }
    for (std::uint32_t i = 0; i < 256; ++i) {
      for (int k = 1; k < 8; ++k) t[k][i] = t[0][t[k - 1][i] & 0xFFu] ^ (t[k - 1][i] >> 8);
    }
    return t;
  }();
  const auto& t = tables;
  std::uint32_t c = 0xFFFFFFFFu;
  const std::uint8_t* p = bytes.data();
  std::size_t n = bytes.size();
  for (; n >= 8; n -= 8, p += 8) {
    const std::uint32_t lo = c ^ (std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 |
                                  std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24);
    c = t[7][lo & 0xFFu] ^ t[6][(lo >> 8) & 0xFFu] ^ t[5][(lo >> 16) & 0xFFu] ^ t[4][lo >> 24] ^
        t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
  }
  for (; n > 0; --n, ++p) c = t[0][(c ^ *p) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

class Reader {
 public:
  Reader(std::span<const std::uint8_t> bytes, std::string asset)
      : bytes_(bytes), asset_(std::move(asset)) {}

  std::size_t remaining() const { return bytes_.size() - pos_; }
  std::size_t position() const { return pos_; }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument(asset_ + ": " + what);
  }
  void need(std::size_t n, std::string_view field) const {
    if (n > remaining()) {
      fail("truncated at " + std::string(field) + " (needs " + std::to_string(n) +
           " bytes at offset " + std::to_string(pos_) + ", only " + std::to_string(remaining()) +
           " left)");
    }
  }
  std::span<const std::uint8_t> bytes(std::size_t n, std::string_view field) {
    need(n, field);
    std::span<const std::uint8_t> out = bytes_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  std::uint32_t u32(std::string_view field) {
    std::span<const std::uint8_t> b = bytes(4, field);
    return std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 |
           std::uint32_t(b[3]) << 24;
  }
  float f32(std::string_view field) {
    const std::uint32_t bits = u32(field);
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }
  std::uint8_t u8(std::string_view field) { return bytes(1, field)[0]; }
  // LEB128 unsigned varint of at most 5 bytes (fits 32 bits).
  std::uint32_t varint(std::string_view field) {
    std::uint32_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      const std::uint8_t b = u8(field);
      if (shift == 28 && (b & 0xF0u)) fail(std::string(field) + ": varint overflows 32 bits");
      value |= std::uint32_t(b & 0x7Fu) << shift;
      if (!(b & 0x80u)) return value;
    }
    fail(std::string(field) + ": varint longer than 5 bytes");
  }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
  std::string asset_;
};

class Writer {
 public:
  std::vector<std::uint8_t> bytes;
  void u32(std::uint32_t v) {
    for (int k = 0; k < 4; ++k) bytes.push_back(std::uint8_t(v >> (8 * k)));
  }
  void f32(float v) {
    std::uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    u32(bits);
  }
  void u8(std::uint8_t v) { bytes.push_back(v); }
  void varint(std::uint32_t v) {
    while (v >= 0x80u) {
      bytes.push_back(std::uint8_t(v | 0x80u));
      v >>= 7;
    }
    bytes.push_back(std::uint8_t(v));
  }
  void append(std::span<const std::uint8_t> b) { bytes.insert(bytes.end(), b.begin(), b.end()); }
};

// Common 20-byte header: magic (8 chars) | version u32 | payload bytes u32 | payload crc32 u32.
// check_header validates magic, version, exact total size and checksum before any parsing,
// and returns a Reader positioned on the payload.
inline Reader check_header(std::span<const std::uint8_t> bytes, std::string_view magic,
                           std::uint32_t version, const std::string& asset) {
  Reader header(bytes, asset);
  std::span<const std::uint8_t> m = header.bytes(8, "magic");
  if (std::memcmp(m.data(), magic.data(), 8) != 0) {
    header.fail("bad magic (expected \"" + std::string(magic) + "\"; not this kind of asset)");
  }
  const std::uint32_t got_version = header.u32("version");
  if (got_version != version) {
    header.fail("unsupported version " + std::to_string(got_version) + " (expected " +
                std::to_string(version) + ")");
  }
  const std::uint32_t payload = header.u32("payload size");
  const std::uint32_t crc = header.u32("checksum");
  if (header.remaining() != payload) {
    header.fail("size mismatch: header says " + std::to_string(payload) +
                " payload bytes, file has " + std::to_string(header.remaining()) +
                " (truncated or padded)");
  }
  std::span<const std::uint8_t> body = bytes.subspan(header.position());
  if (crc32(body) != crc) header.fail("checksum mismatch (corrupted file)");
  return Reader(body, asset);
}

inline std::vector<std::uint8_t> with_header(std::string_view magic, std::uint32_t version,
                                             std::span<const std::uint8_t> payload) {
  Writer w;
  w.bytes.assign(magic.begin(), magic.begin() + 8);
  w.u32(version);
  w.u32(static_cast<std::uint32_t>(payload.size()));
  w.u32(crc32(payload));
  w.append(payload);
  return w.bytes;
}

inline std::vector<std::uint8_t> read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot open file " + path);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in),
                                   std::istreambuf_iterator<char>());
}

}  // namespace attn::asset
