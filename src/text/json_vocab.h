// json_vocab: reads a vocabulary stored as one flat JSON object of token string -> integer id,
// the format of GPT-2's encoder.json. A strict, small reader for exactly that shape (RFC 8259
// strings with every escape, surrogate pairs joined, non-negative integer values), so a
// truncated or hand-edited file fails with the byte offset of the problem instead of loading
// half a vocabulary. It is not a general JSON parser: nested values, floats and null are errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attn {

// json: the file's text -> (key as UTF-8, value) in file order. Throws TokenizerDataError
// ("<what>: byte N: ...") on anything else, including duplicate keys and values above 2^31-1.
std::vector<std::pair<std::string, std::int32_t>> parse_json_vocab(std::string_view json,
                                                                   std::string_view what);

}  // namespace attn
