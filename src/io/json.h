// json: a small strict JSON parser (RFC 8259) for the headers of checkpoint files and for test
// fixtures. No dependency; values are a plain tree. Strict where files can be hostile: nesting
// depth is limited, duplicate object keys are an error (which member would win is ambiguous),
// strings must be valid escapes, numbers keep their text so integers can be read exactly.
// It does not stream, and it does not keep comments or key order guarantees beyond the file's.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attn::io {

class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An object with the same key twice (a subclass, so callers can tell it apart).
class JsonDuplicateKey : public JsonError {
 public:
  using JsonError::JsonError;
};

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0.0;
  std::string text;              // a string's value, or a number's source text
  std::vector<JsonValue> items;  // an array's values, or an object's values in file order
  std::vector<std::string> keys;  // an object's keys, keys[i] naming items[i]
  // (Parallel vectors, not pairs: std::pair of an incomplete JsonValue does not compile with
  // clang and libstdc++.)

  bool is_object() const { return kind == Kind::kObject; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_number() const { return kind == Kind::kNumber; }
  // The member called key, or null.
  const JsonValue* find(std::string_view key) const;
};

inline constexpr int kMaxJsonDepth = 64;

// text -> its value; trailing whitespace allowed, anything else after the value is an error.
// Throws JsonError("JSON: <what> at byte <offset>").
JsonValue parse_json(std::string_view text);

// A number value that is a non-negative integer (digits only) -> its exact value; throws
// JsonError when it is not one or exceeds 2^64 - 1.
std::uint64_t json_uint64(const JsonValue& v, const char* what);

// s -> s as a JSON string literal, quotes included (control characters escaped).
std::string json_quote(std::string_view s);

}  // namespace attn::io
