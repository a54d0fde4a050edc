// heads_bindings: the hand-built heads from JS. headsLoad() builds the model once from the
// asset bytes (word vectors, tagger, French lexicon), headSpecs() describes the heads,
// analyze() runs the pipeline and copies every traced matrix out, explainScore() breaks one
// score into named contributions. Conversions only; all computing is in src/.
#include <emscripten/bind.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "convert.h"
#include "heads/explain.h"
#include "heads/heads.h"
#include "shared_assets.h"

namespace attn::wasm {
namespace {

struct HeadsState {
  std::unique_ptr<HeadsModel> model;
};

HeadsState& state() {
  static HeadsState s;
  return s;
}

std::vector<std::uint8_t> to_bytes(const emscripten::val& array) {
  return emscripten::convertJSArrayToNumberVector<std::uint8_t>(array);
}

// vectors, tagger: Uint8Array asset bytes; lexicon: the TSV text or null -> {ok: true}
emscripten::val heads_load_js(const emscripten::val& vectors, const emscripten::val& tagger,
                              const emscripten::val& lexicon) {
  return guarded([&] {
    HeadsState& s = state();
    // The vectors, tagger and lexicon are shared with vectorsEmbed/taggerTag/translate: parsed
    // once.
    if (!shared_word_vectors())
      shared_word_vectors() = std::make_unique<WordVectors>(to_bytes(vectors));
    if (!shared_tagger()) shared_tagger() = std::make_unique<Tagger>(to_bytes(tagger));
    if (!shared_lexicon() && lexicon.isString())
      shared_lexicon() = std::make_unique<Lexicon>(Lexicon::parse(lexicon.as<std::string>()));
    s.model = std::make_unique<HeadsModel>(*shared_word_vectors(), *shared_tagger(),
                                           shared_lexicon().get());
    emscripten::val result = emscripten::val::object();
    result.set("ok", true);
    return result;
  });
}

emscripten::val strings(const std::vector<std::string>& items) {
  emscripten::val out = emscripten::val::array();
  for (const std::string& s : items) out.call<void>("push", s);
  return out;
}

// -> [{name, description, queryFeatures: string[d], valueFeatures: string[d]}] for all heads
emscripten::val head_specs_js() {
  return guarded([&] {
    emscripten::val out = emscripten::val::array();
    for (std::size_t h = 0; h < head_specs().size(); ++h) {
      emscripten::val spec = emscripten::val::object();
      spec.set("name", head_specs()[h].name);
      spec.set("description", head_specs()[h].description);
      spec.set("queryFeatures", strings(head_query_feature_names(static_cast<int>(h))));
      spec.set("valueFeatures", strings(head_value_feature_names(static_cast<int>(h))));
      out.call<void>("push", spec);
    }
    return out;
  });
}

emscripten::val tokens_js(const std::vector<AnalyzedToken>& tokens) {
  emscripten::val out = emscripten::val::array();
  for (const AnalyzedToken& t : tokens) {
    emscripten::val o = emscripten::val::object();
    o.set("text", t.text);
    o.set("lower", t.lower);
    o.set("start", t.start);
    o.set("end", t.end);
    o.set("tag", t.tag);
    o.set("known", t.known);
    out.call<void>("push", o);
  }
  return out;
}

emscripten::val mat_js(const Mat& m) {
  return to_float32_array(m.data(), static_cast<std::size_t>(m.size()));
}

// nearest (T rows of up to kNearestCount) -> {index: Int32Array(T * k), similarity:
// Float32Array(T * k)}, row-major, index -1 (similarity 0) past a row's end. Two typed arrays
// instead of T * k objects: building those through Embind cost more than the attention.
emscripten::val nearest_js(const std::vector<std::vector<NearestWord>>& rows) {
  const std::size_t k = kNearestCount;
  std::vector<std::int32_t> index(rows.size() * k, -1);
  std::vector<float> similarity(rows.size() * k, 0.0f);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < rows[i].size() && j < k; ++j) {
      index[i * k + j] = rows[i][j].candidate;
      similarity[i * k + j] = rows[i][j].similarity;
    }
  }
  emscripten::val out = emscripten::val::object();
  out.set("index", emscripten::val(emscripten::typed_memory_view(index.size(), index.data()))
                       .call<emscripten::val>("slice"));
  out.set("similarity", to_float32_array(similarity.data(), similarity.size()));
  return out;
}

// Which matrices analyze() copies out (bits of options.fields, set by web/lib/api-heads.js):
// a view that shows only the weights should not pay for copying Q, K, V and T x E matrices.
enum Field : int {
  kFieldQ = 1 << 0,
  kFieldK = 1 << 1,
  kFieldV = 1 << 2,
  kFieldScores = 1 << 3,
  kFieldScaled = 1 << 4,
  kFieldWeights = 1 << 5,
  kFieldMask = 1 << 6,
  kFieldHeadOutput = 1 << 7,
  kFieldNearest = 1 << 8,
  kFieldConcat = 1 << 9,
  kFieldOutput = 1 << 10,
};

// One requested head: its traced matrices that `fields` asks for (empty typed arrays when
// there are no tokens).
emscripten::val head_js(const Analysis& a, std::size_t r, int fields) {
  const int h = a.heads[r];
  emscripten::val o = emscripten::val::object();
  o.set("index", h);
  const std::size_t T = a.tokens.size(), S = a.source_tokens.size();
  const float none = 0;
  const HeadTrace* t = a.result ? &a.result->trace->heads[static_cast<std::size_t>(h)] : nullptr;
  const auto put = [&](int field, const char* key, Mat HeadTrace::*m) {
    if (fields & field) o.set(key, t ? mat_js(t->*m) : to_float32_array(&none, 0));
  };
  put(kFieldQ, "q", &HeadTrace::q);
  put(kFieldK, "k", &HeadTrace::k);
  put(kFieldV, "v", &HeadTrace::v);
  put(kFieldScores, "scores", &HeadTrace::scores);
  put(kFieldWeights, "weights", &HeadTrace::weights);
  put(kFieldHeadOutput, "output", &HeadTrace::output);
  const Mask* mask = a.result ? &a.result->trace->mask : nullptr;
  const bool masked = mask && mask->size() != 0;
  if (fields & kFieldScaled) {  // scale * scores, -inf where the mask blocks
    Mat scaled = t ? t->scaled : Mat();
    for (std::size_t i = 0; masked && i < T; ++i) {
      for (std::size_t j = 0; j < S; ++j) {
        if ((*mask)(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j))) {
          scaled(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
              -std::numeric_limits<float>::infinity();
        }
      }
    }
    o.set("scaled", t ? mat_js(scaled) : to_float32_array(&none, 0));
  }
  if (fields & kFieldMask) {
    std::vector<std::uint8_t> m(t ? T * S : 0, 0);
    if (masked) std::copy(mask->data(), mask->data() + T * S, m.begin());
    o.set("mask", emscripten::val(emscripten::typed_memory_view(m.size(), m.data()))
                      .call<emscripten::val>("slice"));
  }
  if (fields & kFieldNearest)
    o.set("nearest", nearest_js(t ? a.nearest[r] : std::vector<std::vector<NearestWord>>{}));
  return o;
}

AnalyzeOptions options_from(const emscripten::val& js) {
  AnalyzeOptions o;
  o.text = js["text"].as<std::string>();
  if (js["source"].isString()) o.source = js["source"].as<std::string>();
  o.lang = parse_lang(js["lang"].as<std::string>());
  o.source_lang = parse_lang(js["sourceLang"].as<std::string>());
  o.mode = parse_analyze_mode(js["mode"].as<std::string>());
  o.max_tokens = js["maxTokens"].as<int>();
  const emscripten::val heads = js["heads"];
  const int n = heads["length"].as<int>();
  for (int i = 0; i < n; ++i) o.heads.push_back(heads[i].as<int>());
  return o;
}

// options: {text, source, lang, sourceLang, mode, maxTokens, heads: number[], fields: Field bits}
// (checked in JS)
emscripten::val analyze_js(const emscripten::val& js) {
  return guarded([&] {
    if (!state().model)
      throw std::invalid_argument(
          "analyze: the heads model is not loaded (headsLoad failed or was not called)");
    const Analysis a = state().model->analyze(options_from(js));
    emscripten::val out = emscripten::val::object();
    out.set("mode", std::string(analyze_mode_name(a.mode)));
    out.set("tokens", tokens_js(a.tokens));
    out.set("sourceTokens", tokens_js(a.source_tokens));
    out.set("truncated", a.truncated);
    out.set("sourceTruncated", a.source_truncated);
    out.set("numHeads", a.num_heads);
    out.set("embedDim", a.num_heads * kHeadDim);
    out.set("headDim", kHeadDim);
    out.set("scale", 1.0f / std::sqrt(static_cast<float>(kHeadDim)));
    emscripten::val heads = emscripten::val::array();
    const int fields = js["fields"].as<int>();
    for (std::size_t r = 0; r < a.heads.size(); ++r)
      heads.call<void>("push", head_js(a, r, fields));
    out.set("heads", heads);
    const float none = 0;
    if (fields & kFieldNearest) out.set("candidates", strings(a.candidates));
    if (fields & kFieldConcat)
      out.set("concat", a.result ? mat_js(a.result->trace->concat) : to_float32_array(&none, 0));
    if (fields & kFieldOutput)
      out.set("output", a.result ? mat_js(a.result->output) : to_float32_array(&none, 0));
    return out;
  });
}

// q, k: the (d) rows, names: string[d], scale, masked -> {total, scale, scaled, masked,
// contributions}
emscripten::val explain_score_js(const emscripten::val& q, const emscripten::val& k,
                                 const emscripten::val& names, float scale, bool masked) {
  return guarded([&] {
    const std::vector<float> qv = to_floats(q), kv = to_floats(k);
    std::vector<std::string> nv;
    const int n = names["length"].as<int>();
    for (int i = 0; i < n; ++i) nv.push_back(names[i].as<std::string>());
    const ScoreExplanation e = explain_score(qv, kv, nv, scale, masked);
    emscripten::val out = emscripten::val::object();
    out.set("total", e.total);
    out.set("scale", e.scale);
    out.set("scaled", e.scaled);
    out.set("masked", e.masked);
    emscripten::val list = emscripten::val::array();
    for (const ScoreContribution& c : e.contributions) {
      emscripten::val o = emscripten::val::object();
      o.set("feature", c.feature);
      o.set("q", c.q);
      o.set("k", c.k);
      o.set("product", c.product);
      o.set("scaledProduct", c.product * e.scale);
      o.set("dims", c.dims);
      list.call<void>("push", o);
    }
    out.set("contributions", list);
    return out;
  });
}

}  // namespace
}  // namespace attn::wasm

EMSCRIPTEN_BINDINGS(attn_heads) {
  emscripten::function("headsLoad", &attn::wasm::heads_load_js);
  emscripten::function("headSpecs", &attn::wasm::head_specs_js);
  emscripten::function("analyze", &attn::wasm::analyze_js);
  emscripten::function("explainScore", &attn::wasm::explain_score_js);
}
