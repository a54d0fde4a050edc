// analyze_fuzz: arbitrary text through the whole text-to-heads pipeline (tokenizer, tagger,
// word vectors, lexicon, features, the heads' attention with trace). Byte 0 picks the mode,
// languages and how much is computed; the rest is split at the first 0x01 byte into text and
// (cross mode) source.
// Checks: no crash, every weight finite and in [0, 1], each row sums to 1 (or is all zero when
// fully masked), and causal mode gives exactly 0 to every later token.
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "../cpp/committed_heads_model.h"

namespace {

const attn::testing::CommittedHeadsModel* resources = nullptr;

}  // namespace

// Loading the assets happens once, before libFuzzer starts timing units.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  resources = new attn::testing::CommittedHeadsModel();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t control = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t split = rest.find('\x01');

  attn::AnalyzeOptions options;
  options.mode = static_cast<attn::AnalyzeMode>(control % 3);
  options.lang = (control & 0x10) ? attn::Lang::kFrench : attn::Lang::kEnglish;
  options.source_lang = (control & 0x20) ? attn::Lang::kFrench : attn::Lang::kEnglish;
  options.text = std::string(rest.substr(0, split));
  if (split != std::string_view::npos) options.source = std::string(rest.substr(split + 1));
  // Up to 24 tokens a side keeps one run well under a second in this instrumented build; the
  // 64-token limit itself is covered by the Catch2 and JS tests.
  options.max_tokens = 24;

  // Byte 0's top bits ask for only some of the work, as analyze({fields, heads}) does.
  options.concat = (control & 0x40) == 0;
  options.nearest = (control & 0x80) == 0;
  if (!options.concat) options.heads = {control % 8};

  const attn::Analysis analysis = resources->model.analyze(options);
  if (!analysis.trace) return 0;
  const attn::MultiHeadTrace& trace = *analysis.trace;
  for (const attn::HeadTrace& head : trace.heads) {
    for (int i = 0; i < head.weights.rows(); ++i) {
      double sum = 0;
      for (int j = 0; j < head.weights.cols(); ++j) {
        const float w = head.weights(i, j);
        if (!(w >= 0.0f && w <= 1.0f)) __builtin_trap();
        if (options.mode == attn::AnalyzeMode::kCausal && j > i && w != 0.0f) __builtin_trap();
        sum += w;
      }
      if (!trace.row_fully_masked[i] && std::abs(sum - 1.0) > 1e-4) __builtin_trap();
    }
  }
  for (int i = 0; i < trace.concat.size(); ++i)
    if (!std::isfinite(trace.concat.data()[i])) __builtin_trap();
  if (options.concat != (trace.concat.size() != 0) && !analysis.tokens.empty()) __builtin_trap();
  return 0;
}
