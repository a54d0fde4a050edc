// lexicon_fuzz: arbitrary bytes as a lexicon file. Either a clean std::invalid_argument, or a
// lexicon whose every entry can be found and translated.
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "text/lexicon.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const attn::Lexicon lexicon = attn::Lexicon::parse(bytes);
    if (lexicon.size() == 0) __builtin_trap();  // parse promises at least one entry
    (void)lexicon.translate("chat");
    (void)lexicon.translate(bytes.substr(0, 16));
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
