// text_bindings: tokenizer, positional encodings and the French lexicon, registered for JS.
// Conversions only; the rules live in src/text/tokenizer.h, src/attention/positions.h,
// src/text/lexicon.h. The lexicon is parsed once per module instance (textLoadLexicon) into
// shared_lexicon(), which the heads model reads too: JS hands its bytes over once at start-up, then
// translates many sentences.
#include <emscripten/bind.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "attention/positions.h"
#include "convert.h"
#include "results.h"
#include "shared_assets.h"
#include "text/lexicon.h"
#include "text/tokenizer.h"

namespace attn::wasm {

std::unique_ptr<Lexicon>& shared_lexicon() {
  static std::unique_ptr<Lexicon> lexicon;
  return lexicon;
}

namespace {

// Copies a Uint8Array into wasm memory in one typed-array set() (Embind's std::string
// conversion copies a Uint8Array byte by byte in JS, ~100x slower for a 1 MB paste).
std::string bytes_of(const emscripten::val& array) {
  const std::vector<std::uint8_t> bytes =
      emscripten::convertJSArrayToNumberVector<std::uint8_t>(array);
  return std::string(bytes.begin(), bytes.end());
}

// text: UTF-8 bytes (a Uint8Array from TextEncoder, so lone surrogates are already U+FFFD)
// -> {tokens: [{text, lower, start, end, kind}], truncated}
emscripten::val tokenize_js(const emscripten::val& utf8, const std::string& lang,
                            double max_tokens) {
  return guarded([&] {
    const std::string text = bytes_of(utf8);
    TokenizeOptions options;
    options.lang = parse_lang(lang);
    if (!(max_tokens >= 1 && max_tokens <= static_cast<double>(kMaxTokensLimit))) {
      throw std::invalid_argument("maxTokens must be between 1 and " +
                                  std::to_string(kMaxTokensLimit));
    }
    options.max_tokens = static_cast<std::size_t>(max_tokens);
    const Tokenized result = tokenize(text, options);
    emscripten::val tokens = emscripten::val::array();
    for (std::size_t i = 0; i < result.tokens.size(); ++i) {
      const Token& t = result.tokens[i];
      tokens.set(i, token_js(t));
    }
    emscripten::val out = emscripten::val::object();
    out.set("tokens", tokens);
    out.set("truncated", result.truncated);
    return out;
  });
}

// n, dim, kind -> {data: Float32Array (n * dim, row-major), n, dim}
emscripten::val positions_js(double n, double dim, const std::string& kind) {
  return guarded([&] {
    const PositionKind k = parse_position_kind(kind);
    // Checked again here (the JS API checks first) so no negative or fractional value reaches
    // size_t.
    if (!(n >= 0 && n <= 1e9 && n == static_cast<double>(static_cast<long long>(n)))) {
      throw std::invalid_argument("positions: n must be an integer >= 0");
    }
    if (!(dim >= 1 && dim <= 1e9 && dim == static_cast<double>(static_cast<long long>(dim)))) {
      throw std::invalid_argument("positions: dim must be an integer >= 1");
    }
    const Mat pe = positions(static_cast<std::size_t>(n), static_cast<std::size_t>(dim), k);
    emscripten::val out = emscripten::val::object();
    out.set("data", to_float32_array(pe.data(), static_cast<std::size_t>(pe.size())));
    out.set("n", n);
    out.set("dim", dim);
    return out;
  });
}

// bytes: the lexicon file -> {entries}
emscripten::val load_lexicon_js(const emscripten::val& bytes) {
  return guarded([&] {
    if (!shared_lexicon())
      shared_lexicon() = std::make_unique<Lexicon>(Lexicon::parse(bytes_of(bytes)));
    emscripten::val out = emscripten::val::object();
    out.set("entries", static_cast<double>(shared_lexicon()->size()));
    return out;
  });
}

// words: string[] -> [{gloss, tag, known}]
emscripten::val translate_js(const emscripten::val& words, const std::string& lang) {
  return guarded([&] {
    if (parse_lang(lang) != Lang::kFrench)
      throw std::invalid_argument("translate: lang must be 'fr', got '" + lang + "'");
    if (!shared_lexicon())
      throw std::invalid_argument("translate: the French lexicon is not loaded");
    const std::vector<std::string> items = emscripten::vecFromJSArray<std::string>(words);
    emscripten::val out = emscripten::val::array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Translation t = shared_lexicon()->translate(items[i]);
      emscripten::val entry = emscripten::val::object();
      entry.set("gloss", t.gloss);
      entry.set("tag", t.tag);
      entry.set("known", t.known);
      out.set(i, entry);
    }
    return out;
  });
}

}  // namespace
}  // namespace attn::wasm

EMSCRIPTEN_BINDINGS(attn_text) {
  emscripten::function("textTokenize", &attn::wasm::tokenize_js);
  emscripten::function("textPositions", &attn::wasm::positions_js);
  emscripten::function("textLoadLexicon", &attn::wasm::load_lexicon_js);
  emscripten::function("textTranslate", &attn::wasm::translate_js);
}
