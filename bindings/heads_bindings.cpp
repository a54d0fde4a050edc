// heads_bindings: the hand-built heads from JS. headsLoad() builds the model once from the
// asset bytes (word vectors, tagger, French lexicon), headSpecs() describes the heads,
// analyze() runs the pipeline and copies the traced matrices asked for out (analyzeModes() the
// same for several modes of one sentence), explainScore() breaks one score into named
// contributions. Conversions only; all computing is in src/.
#include <emscripten/bind.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "convert.h"
#include "evidence_js.h"
#include "heads/explain.h"
#include "heads/heads.h"
#include "results.h"
#include "shared_assets.h"

namespace attn::wasm {
namespace {

using NearestRows = std::vector<std::vector<NearestWord>>;

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

// -> [{name, description, queryFeatures: string[d], valueFeatures: string[d]}] for all heads
emscripten::val head_specs_js() {
  return guarded([&] {
    emscripten::val out = emscripten::val::array();
    for (std::size_t h = 0; h < head_specs().size(); ++h) {
      emscripten::val spec = emscripten::val::object();
      spec.set("name", head_specs()[h].name);
      spec.set("description", head_specs()[h].description);
      spec.set("queryFeatures", strings_js(head_query_feature_names(static_cast<int>(h))));
      spec.set("valueFeatures", strings_js(head_value_feature_names(static_cast<int>(h))));
      set_gate_js(spec, head_specs()[h]);
      out.call<void>("push", spec);
    }
    return out;
  });
}

// [{text, lower, start, end, kind, tag, known}]
emscripten::val tokens_js(const std::vector<AnalyzedToken>& tokens) {
  emscripten::val out = emscripten::val::array();
  for (const AnalyzedToken& t : tokens) {
    emscripten::val o = token_js(t);
    o.set("tag", t.tag);
    o.set("known", t.known);
    out.call<void>("push", o);
  }
  return out;
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
  out.set("index", to_typed_array(index.data(), index.size()));
  out.set("similarity", to_typed_array(similarity.data(), similarity.size()));
  return out;
}

// Which matrices analyze() copies out (bits of options.fields, set by web/lib/api-heads.js):
// a view that shows only the weights should not pay for copying Q, K, V and T x E matrices.
// kFieldNearest and kFieldConcat / kFieldOutput also decide what the core computes.
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

// A head's matrices by their analyze() names. "scaled" is the masked matrix the softmax read
// (scale * scores, -inf where blocked), as the page shows it.
constexpr TraceField kHeadFields[] = {{kFieldQ, "q", &HeadTrace::q},
                                      {kFieldK, "k", &HeadTrace::k},
                                      {kFieldV, "v", &HeadTrace::v},
                                      {kFieldScores, "scores", &HeadTrace::scores},
                                      {kFieldScaled, "scaled", &HeadTrace::masked},
                                      {kFieldWeights, "weights", &HeadTrace::weights},
                                      {kFieldHeadOutput, "output", &HeadTrace::output}};

// One requested head (r-th of a.heads): {index, <the fields asked for>}; empty typed arrays
// when there are no tokens.
emscripten::val head_js(const Analysis& a, std::size_t r, int fields) {
  const int h = a.heads[r];
  const HeadTrace* t = a.trace ? &a.trace->heads[static_cast<std::size_t>(h)] : nullptr;
  emscripten::val o = head_trace_js(t, kHeadFields, fields);
  o.set("index", h);
  if (fields & kFieldMask) o.set("mask", to_js(a.trace ? a.trace->mask : Mask()));
  if (fields & kFieldNearest) o.set("nearest", nearest_js(t ? a.nearest[r] : NearestRows{}));
  o.set("evidence", evidence_js(t ? a.evidence[static_cast<std::size_t>(h)] : HeadEvidence{}));
  return o;
}

// a -> {mode, tokens, sourceTokens, truncated, sourceTruncated, numHeads, embedDim, headDim,
// scale, heads, candidates?, concat?, output?}
emscripten::val analysis_js(const Analysis& a, int fields) {
  emscripten::val out = emscripten::val::object();
  out.set("mode", std::string(analyze_mode_name(a.mode)));
  out.set("tokens", tokens_js(a.tokens));
  out.set("sourceTokens", tokens_js(a.source_tokens));
  out.set("truncated", a.truncated);
  out.set("sourceTruncated", a.source_truncated);
  out.set("numHeads", a.num_heads);
  out.set("embedDim", a.embed_dim);
  out.set("headDim", kHeadDim);
  out.set("scale", a.scale);
  emscripten::val heads = emscripten::val::array();
  for (std::size_t r = 0; r < a.heads.size(); ++r) heads.call<void>("push", head_js(a, r, fields));
  out.set("heads", heads);
  if (fields & kFieldNearest) out.set("candidates", strings_js(a.candidates));
  // The heads' out-projection is the identity without bias: the output is concat itself.
  const Mat none;
  const Mat& concat = a.trace ? a.trace->concat : none;
  if (fields & kFieldConcat) out.set("concat", to_js(concat));
  if (fields & kFieldOutput) out.set("output", to_js(concat));
  return out;
}

AnalyzeOptions options_from(const emscripten::val& js) {
  AnalyzeOptions o;
  o.text = js["text"].as<std::string>();
  if (js["source"].isString()) o.source = js["source"].as<std::string>();
  o.lang = parse_lang(js["lang"].as<std::string>());
  o.source_lang = parse_lang(js["sourceLang"].as<std::string>());
  o.max_tokens = js["maxTokens"].as<int>();
  const emscripten::val heads = js["heads"];
  const int n = heads["length"].as<int>();
  for (int i = 0; i < n; ++i) o.heads.push_back(heads[i].as<int>());
  const int fields = js["fields"].as<int>();
  o.nearest = (fields & kFieldNearest) != 0;
  o.concat = (fields & (kFieldConcat | kFieldOutput)) != 0;
  return o;
}

const HeadsModel& model() {
  if (!state().model)
    throw std::invalid_argument(
        "analyze: the heads model is not loaded (headsLoad failed or was not called)");
  return *state().model;
}

// options: {text, source, lang, sourceLang, mode, maxTokens, heads: number[], fields: Field bits}
// (checked in JS) -> analysis_js
emscripten::val analyze_js(const emscripten::val& js) {
  return guarded([&] {
    AnalyzeOptions o = options_from(js);
    o.mode = parse_analyze_mode(js["mode"].as<std::string>());
    return analysis_js(model().analyze(o), js["fields"].as<int>());
  });
}

// The same options with modes: string[] instead of mode -> [analysis_js per mode], from one
// tokenize and tag.
emscripten::val analyze_modes_js(const emscripten::val& js) {
  return guarded([&] {
    const AnalyzeOptions o = options_from(js);
    std::vector<AnalyzeMode> modes;
    const emscripten::val names = js["modes"];
    for (int i = 0; i < names["length"].as<int>(); ++i)
      modes.push_back(parse_analyze_mode(names[i].as<std::string>()));
    emscripten::val out = emscripten::val::array();
    for (const Analysis& a : model().analyze_modes(o, modes))
      out.call<void>("push", analysis_js(a, js["fields"].as<int>()));
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
      o.set("scaledProduct", c.scaled_product);
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
  emscripten::function("analyzeModes", &attn::wasm::analyze_modes_js);
  emscripten::function("explainScore", &attn::wasm::explain_score_js);
}
