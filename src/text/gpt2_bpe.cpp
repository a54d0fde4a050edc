// gpt2_bpe: loading and validating GPT-2's vocabulary and merges, heap-based BPE, decode.
#include "text/gpt2_bpe.h"

#include <queue>
#include <unordered_set>

#include "text/gpt2_pretokenize.h"
#include "text/json_vocab.h"
#include "text/utf8.h"

namespace attn {
namespace {

// byte -> code point, and the inverse over code points 0..0x143 (-1 = not in the alphabet).
struct ByteAlphabet {
  std::array<char32_t, 256> to_unicode{};
  std::array<std::int16_t, 0x144> to_byte{};
  ByteAlphabet() {
    to_byte.fill(-1);
    int extra = 0;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      to_unicode[b] = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + extra++);
      to_byte[to_unicode[b]] = static_cast<std::int16_t>(b);
    }
  }
};

const ByteAlphabet& alphabet() {
  static const ByteAlphabet a;
  return a;
}

std::string unicode_of_bytes(std::string_view bytes) {
  std::string out;
  for (const char b : bytes) utf8::append(out, gpt2_byte_to_unicode(static_cast<std::uint8_t>(b)));
  return out;
}

// Vocabulary token (byte-alphabet characters) -> the bytes it stands for.
std::string bytes_of_token(const std::string& token, std::int32_t id) {
  std::string out;
  for (std::size_t pos = 0; pos < token.size();) {
    std::size_t length = 0;
    const char32_t c = utf8::decode(token, pos, length);
    const int b = c < 0x144 ? alphabet().to_byte[c] : -1;
    if (b < 0)
      throw TokenizerDataError("GPT-2 vocabulary: token \"" + token + "\" (id " +
                               std::to_string(id) + ") has a character outside the byte alphabet");
    out += static_cast<char>(b);
    pos += length;
  }
  return out;
}

}  // namespace

char32_t gpt2_byte_to_unicode(std::uint8_t byte) { return alphabet().to_unicode[byte]; }

Gpt2Tokenizer Gpt2Tokenizer::from_data(std::string_view vocab_json, std::string_view merges) {
  Gpt2Tokenizer t;
  // pass 1: the vocabulary, ids exactly 0..V-1, every byte present
  const auto entries = parse_json_vocab(vocab_json, "GPT-2 vocabulary (encoder.json)");
  if (entries.empty()) throw TokenizerDataError("GPT-2 vocabulary (encoder.json): no tokens");
  std::unordered_map<std::string, std::int32_t> id_of;
  t.token_bytes_.assign(entries.size(), std::string());
  std::vector<bool> used(entries.size(), false);
  for (const auto& [token, id] : entries) {
    if (static_cast<std::size_t>(id) >= entries.size() || used[id])
      throw TokenizerDataError("GPT-2 vocabulary (encoder.json): ids must be 0.." +
                               std::to_string(entries.size() - 1) + " once each; \"" + token +
                               "\" has " + std::to_string(id));
    used[id] = true;
    t.token_bytes_[id] = bytes_of_token(token, id);
    id_of.emplace(token, id);
  }
  for (int b = 0; b < 256; ++b) {
    const auto it = id_of.find(unicode_of_bytes(std::string(1, static_cast<char>(b))));
    if (it == id_of.end())
      throw TokenizerDataError("GPT-2 vocabulary (encoder.json): no token for byte " +
                               std::to_string(b));
    t.byte_id_[b] = it->second;
  }
  // pass 2: merges, each using only bytes or earlier results (see the header)
  std::unordered_set<std::int32_t> available(t.byte_id_.begin(), t.byte_id_.end());
  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos <= merges.size();) {
    std::size_t eol = merges.find('\n', pos);
    if (eol == std::string_view::npos) eol = merges.size();
    std::string_view line = merges.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || (line_no == 1 && line.starts_with("#version"))) continue;
    const std::string where = "GPT-2 merges (vocab.bpe) line " + std::to_string(line_no) + ": ";
    const std::size_t space = line.find(' ');
    if (space == 0 || space == std::string_view::npos || space + 1 == line.size() ||
        line.find(' ', space + 1) != std::string_view::npos)
      throw TokenizerDataError(where + "expected two tokens separated by one space");
    const std::string left(line.substr(0, space)), right(line.substr(space + 1));
    const auto a = id_of.find(left), b = id_of.find(right), ab = id_of.find(left + right);
    if (a == id_of.end() || b == id_of.end())
      throw TokenizerDataError(where + "token not in the vocabulary");
    if (!available.count(a->second) || !available.count(b->second))
      throw TokenizerDataError(where + "uses a token before a merge creates it");
    if (ab == id_of.end()) throw TokenizerDataError(where + "result not in the vocabulary");
    const Merge merge{static_cast<std::int32_t>(t.merges_.size()), ab->second};
    if (!t.merges_.emplace(pair_key(a->second, b->second), merge).second)
      throw TokenizerDataError(where + "duplicate merge");
    available.insert(ab->second);
  }
  return t;
}

void Gpt2Tokenizer::encode_piece(std::string_view text, std::size_t start, std::size_t end,
                                 std::vector<SubwordToken>& out) const {
  struct Symbol {
    std::int32_t id, prev, next;  // prev/next: neighbour indices, -1 at the ends
    std::uint32_t byte_end;       // symbol i starts at byte start + i
    bool alive;
  };
  struct Candidate {
    std::int32_t rank, left, right, left_id, right_id;
    bool operator>(const Candidate& o) const {
      return rank != o.rank ? rank > o.rank : left > o.left;
    }
  };
  const auto n = static_cast<std::int32_t>(end - start);
  std::vector<Symbol> sym(n);
  for (std::int32_t i = 0; i < n; ++i)
    sym[i] = {byte_id_[static_cast<std::uint8_t>(text[start + i])], i - 1, i + 1 < n ? i + 1 : -1,
              static_cast<std::uint32_t>(start + i + 1), true};
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
  const auto push = [&](std::int32_t left) {
    const std::int32_t right = sym[left].next;
    if (right < 0) return;
    const auto it = merges_.find(pair_key(sym[left].id, sym[right].id));
    if (it != merges_.end()) heap.push({it->second.rank, left, right, sym[left].id, sym[right].id});
  };
  for (std::int32_t i = 0; i + 1 < n; ++i) push(i);
  // Lowest rank first, leftmost first among equals: encoder.py's order (see the header).
  while (!heap.empty()) {
    const Candidate c = heap.top();
    heap.pop();
    Symbol& l = sym[c.left];
    if (!l.alive || l.next != c.right || l.id != c.left_id || sym[c.right].id != c.right_id)
      continue;
    Symbol& r = sym[c.right];
    l.id = merges_.at(pair_key(c.left_id, c.right_id)).result;
    l.byte_end = r.byte_end;
    l.next = r.next;
    r.alive = false;
    if (l.next >= 0) sym[l.next].prev = c.left;
    if (l.prev >= 0) push(l.prev);
    push(c.left);
  }
  for (std::int32_t i = 0; i >= 0 && i < n; i = sym[i].next)
    out.push_back({sym[i].id, static_cast<std::uint32_t>(start + i), sym[i].byte_end, 0, 0});
}

std::vector<SubwordToken> Gpt2Tokenizer::encode(std::string_view text) const {
  std::vector<SubwordToken> out;
  for (const ByteRange& piece : gpt2_pretokenize(text))
    encode_piece(text, piece.start, piece.end, out);
  // UTF-16 offsets: of the start of the character holding each byte, and of its end.
  std::vector<std::uint32_t> char_start(text.size() + 1), char_end(text.size() + 1);
  std::uint32_t units = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    const char32_t c = utf8::decode(text, pos, length);
    const std::uint32_t next = units + utf8::utf16_length(c);
    for (std::size_t k = pos; k < pos + length; ++k) char_start[k] = units, char_end[k] = next;
    units = next;
    pos += length;
  }
  for (SubwordToken& token : out) {
    token.utf16_start = char_start[token.byte_start];
    token.utf16_end = char_end[token.byte_end - 1];
  }
  return out;
}

const std::string& Gpt2Tokenizer::token_bytes(std::int32_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= token_bytes_.size())
    throw TokenIdError("GPT-2 tokenizer: token id " + std::to_string(id) + " outside 0.." +
                       std::to_string(token_bytes_.size() - 1));
  return token_bytes_[id];
}

std::string Gpt2Tokenizer::decode(std::span<const std::int32_t> ids) const {
  std::string out;
  for (const std::int32_t id : ids) out += token_bytes(id);
  return out;
}

}  // namespace attn
