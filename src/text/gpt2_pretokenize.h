// gpt2_pretokenize: GPT-2's pre-tokenizer, the regex of openai/gpt-2's encoder.py
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// implemented by hand as a left-to-right scan (no regex library): at each position the first
// alternative that matches wins, each run is greedy, and \s+(?!\S) gives back its last
// whitespace character when a non-space follows (so " word" keeps its space).
// Classes: \p{L} and \p{N} from Python's unicodedata (unicode_tables.h); \s is the Unicode
// White_Space property, as in the Python `regex` module encoder.py uses. (gpt-3-encoder's JS
// regex differs on two code points: JS \s has U+FEFF and lacks U+0085.)
// Bytes that are not valid UTF-8 count as one character each of the "other" class
// ([^\s\p{L}\p{N}]), so every input byte lands in exactly one piece and BPE can encode it.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace attn {

struct ByteRange {
  std::size_t start;  // [start, end) in bytes of the text
  std::size_t end;
};

// text: any bytes -> pieces covering the text exactly, in order, each non-empty.
std::vector<ByteRange> gpt2_pretokenize(std::string_view text);

}  // namespace attn
