// asset_format: the CRC-32 every binary asset is checked with, against the standard check value
// and a plain bit-by-bit reference at every length and alignment the sliced loop handles.
#include "text/asset_format.h"

#include <catch.hpp>
#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace {

std::uint32_t crc32_bitwise(const std::uint8_t* p, std::size_t n) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return c ^ 0xFFFFFFFFu;
}

}  // namespace

TEST_CASE("crc32: the IEEE check value and zlib's empty-input value", "[asset]") {
  constexpr std::string_view check = "123456789";
  CHECK(attn::asset::crc32({reinterpret_cast<const std::uint8_t*>(check.data()), check.size()}) ==
        0xCBF43926u);
  CHECK(attn::asset::crc32({}) == 0u);
}

TEST_CASE("crc32: equals the bit-by-bit reference at every length 0..70 and offset 0..7",
          "[asset]") {
  std::mt19937 rng(5);
  std::vector<std::uint8_t> bytes(1 << 16);
  for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
  for (std::size_t offset = 0; offset < 8; ++offset) {
    for (std::size_t n = 0; n <= 70; ++n) {
      INFO("offset " << offset << " length " << n);
      REQUIRE(attn::asset::crc32({bytes.data() + offset, n}) ==
              crc32_bitwise(bytes.data() + offset, n));
    }
  }
  CHECK(attn::asset::crc32(bytes) == crc32_bitwise(bytes.data(), bytes.size()));
}
