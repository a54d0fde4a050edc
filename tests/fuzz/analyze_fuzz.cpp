// analyze_fuzz: arbitrary text through the whole text-to-heads pipeline (tokenizer, tagger,
// word vectors, lexicon, features, multi-head attention with trace). Byte 0 picks the mode and
// languages; the rest is split at the first 0x01 byte into text and (cross mode) source.
// Checks: no crash, every weight finite and in [0, 1], each row sums to 1 (or is all zero when
// fully masked), and causal mode gives exactly 0 to every later token.
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "asset_format.h"
#include "heads.h"

namespace {

struct Resources {
  attn::WordVectors vectors = attn::WordVectors::from_file(ATTN_DATA_DIR "/vectors.bin");
  attn::Tagger tagger = attn::Tagger::from_file(ATTN_DATA_DIR "/tagger.bin");
  attn::Lexicon lexicon = attn::Lexicon::parse(read(ATTN_DATA_DIR "/lexicon_fr.tsv"));
  attn::HeadsModel model{vectors, tagger, &lexicon};

  static std::string read(const char* path) {
    const std::vector<std::uint8_t> bytes = attn::asset::read_file_bytes(path);
    return std::string(bytes.begin(), bytes.end());
  }
};

const Resources* resources = nullptr;

}  // namespace

// Loading the 7 MB of assets happens once, before libFuzzer starts timing units.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  resources = new Resources();
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

  const attn::Analysis analysis = resources->model.analyze(options);
  if (!analysis.result || !analysis.result->trace) return 0;
  const attn::MultiHeadTrace& trace = *analysis.result->trace;
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
  for (int i = 0; i < analysis.result->output.size(); ++i)
    if (!std::isfinite(analysis.result->output.data()[i])) __builtin_trap();
  return 0;
}
