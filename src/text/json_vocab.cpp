// json_vocab: strict reader for a flat JSON object of string -> integer (see json_vocab.h).
#include "text/json_vocab.h"

#include <unordered_set>

#include "text/subword.h"
#include "text/utf8.h"

namespace attn {
namespace {

class Reader {
 public:
  Reader(std::string_view text, std::string_view what) : s_(text), what_(what) {}

  [[noreturn]] void fail(const std::string& problem) const {
    throw TokenizerDataError(std::string(what_) + ": byte " + std::to_string(pos_) + ": " +
                             problem);
  }
  void skip_space() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }
  void expect(char c) {
    skip_space();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  bool consume(char c) {
    skip_space();
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  std::uint32_t hex4() {
    if (pos_ + 4 > s_.size()) fail("truncated \\u escape");
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else
        fail("bad hex digit in \\u escape");
    }
    return v;
  }

  char32_t unicode_escape() {
    std::uint32_t v = hex4();
    if (v >= 0xDC00 && v <= 0xDFFF) fail("lone low surrogate in \\u escape");
    if (v >= 0xD800 && v <= 0xDBFF) {
      if (pos_ + 2 > s_.size() || s_[pos_] != '\\' || s_[pos_ + 1] != 'u')
        fail("high surrogate without its low surrogate");
      pos_ += 2;
      const std::uint32_t low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("high surrogate without its low surrogate");
      v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
    }
    return static_cast<char32_t>(v);
  }

  std::string string() {
    expect('"');
    std::string out;
    while (true) {
      if (at_end()) fail("unterminated string");
      const char c = s_[pos_];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character inside a string");
      if (c != '\\') {
        std::size_t length = 0;
        const char32_t cp = utf8::decode(s_, pos_, length);
        if (cp == utf8::kReplacement && length == 1) fail("invalid UTF-8");
        out.append(s_.substr(pos_, length));
        pos_ += length;
        continue;
      }
      if (++pos_ >= s_.size()) fail("truncated escape");
      const char e = s_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u':
          utf8::append(out, unicode_escape());
          break;
        default:
          --pos_;
          fail("unknown escape");
      }
    }
    ++pos_;
    return out;
  }

  std::int32_t integer() {
    skip_space();
    if (peek() < '0' || peek() > '9') fail("expected a non-negative integer id");
    std::int64_t v = 0;
    while (!at_end() && peek() >= '0' && peek() <= '9') {
      v = v * 10 + (s_[pos_++] - '0');
      if (v > 0x7FFFFFFF) fail("id above 2^31-1");
    }
    if (peek() == '.' || peek() == 'e' || peek() == 'E') fail("expected an integer id");
    return static_cast<std::int32_t>(v);
  }

 private:
  std::string_view s_;
  std::string_view what_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<std::pair<std::string, std::int32_t>> parse_json_vocab(std::string_view json,
                                                                   std::string_view what) {
  Reader r(json, what);
  std::vector<std::pair<std::string, std::int32_t>> out;
  std::unordered_set<std::string> seen;
  r.expect('{');
  if (!r.consume('}')) {
    do {
      std::string key = r.string();
      if (!seen.insert(key).second) r.fail("duplicate key \"" + key + "\"");
      r.expect(':');
      const std::int32_t value = r.integer();
      out.emplace_back(std::move(key), value);
    } while (r.consume(','));
    r.expect('}');
  }
  r.skip_space();
  if (!r.at_end()) r.fail("text after the closing '}'");
  return out;
}

}  // namespace attn
