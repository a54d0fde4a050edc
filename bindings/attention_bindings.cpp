// attention_bindings: Embind registrations for scaled dot-product and multi-head attention.
// The JS API (web/lib/api-attention.js) validates and normalizes arguments into one plain
// object; here we only copy typed arrays in, check their lengths again (a wrong length must
// never let the core read past a buffer), call the core and copy every result out.
#include <emscripten/bind.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "attention/attention.h"
#include "attention/input_checks.h"
#include "attention/multi_head.h"
#include "convert.h"
#include "results.h"

namespace attn::wasm {
namespace {

using emscripten::val;

int int_arg(const val& args, const char* name) { return args[name].as<int>(); }

// args[name]: rows * cols numbers -> Mat (rows, cols); (0, 0) when absent and optional.
// Copied once, straight into the matrix (TypedArray.prototype.set converts any numbers):
// for a 16 MB input a staging vector would double the peak heap.
Mat mat_arg(const char* where, const val& args, const char* name, int rows, int cols) {
  if (!has(args, name)) return Mat();
  const val array = args[name];
  const long long length = static_cast<long long>(array["length"].as<double>());
  check_size(where, name, length, static_cast<long long>(rows) * cols);
  Mat m(rows, cols);
  val(emscripten::typed_memory_view(static_cast<std::size_t>(m.size()), m.data()))
      .call<void>("set", array);
  return m;
}

std::vector<std::uint8_t> bytes_arg(const char* where, const val& args, const char* name,
                                    long long n) {
  if (!has(args, name)) return {};
  std::vector<std::uint8_t> data =
      emscripten::convertJSArrayToNumberVector<std::uint8_t>(args[name]);
  check_size(where, name, static_cast<long long>(data.size()), n);
  return data;
}

// args[name]: tq * tk bytes, nonzero = blocked -> Mask (tq, tk).
Mask mask_arg(const char* where, const val& args, const char* name, int tq, int tk) {
  const std::vector<std::uint8_t> bytes =
      bytes_arg(where, args, name, static_cast<long long>(tq) * tk);
  return mask_from_bools(tq, tk, bytes.data(), static_cast<long long>(bytes.size()));
}

// {q, k, v, tq, tk, dk, dv, maskKind: 'none'|'causal'|'explicit', mask?: Uint8Array, scale?}
// -> {scores, scaled, masked, weights, output}
val scaled_dot_product_js(const val& args) {
  return guarded([&] {
    constexpr const char* kWhere = "scaledDotProduct";
    const int tq = int_arg(args, "tq"), tk = int_arg(args, "tk");
    const int dk = int_arg(args, "dk"), dv = int_arg(args, "dv");
    const Mat q = mat_arg(kWhere, args, "q", tq, dk);
    const Mat k = mat_arg(kWhere, args, "k", tk, dk);
    const Mat v = mat_arg(kWhere, args, "v", tk, dv);
    MaskSpec mask;
    const std::string kind = args["maskKind"].as<std::string>();
    mask.causal = kind == "causal";
    if (kind == "explicit") mask.explicit_mask = mask_arg(kWhere, args, "mask", tq, tk);
    std::optional<float> scale;
    if (has(args, "scale")) scale = args["scale"].as<float>();
    const AttentionResult r = scaled_dot_product(q, k, v, mask, scale);
    val out = val::object();
    set_matrices(out, {{"scores", &r.scores},
                       {"scaled", &r.scaled},
                       {"masked", &r.masked},
                       {"weights", &r.weights},
                       {"output", &r.output}});
    return out;
  });
}

MultiHeadWeights weights_arg(const val& args) {
  constexpr const char* kWhere = "multiHeadAttention";
  MultiHeadWeights w;
  w.embed_dim = int_arg(args, "embedDim");
  w.num_heads = int_arg(args, "numHeads");
  w.kdim = int_arg(args, "kdim");
  w.vdim = int_arg(args, "vdim");
  const int e = w.embed_dim;
  w.in_proj_weight = mat_arg(kWhere, args, "inProjWeight", 3 * e, e);
  w.q_proj_weight = mat_arg(kWhere, args, "qProjWeight", e, e);
  w.k_proj_weight = mat_arg(kWhere, args, "kProjWeight", e, w.kdim);
  w.v_proj_weight = mat_arg(kWhere, args, "vProjWeight", e, w.vdim);
  w.in_proj_bias = mat_arg(kWhere, args, "inProjBias", 3 * e, 1);
  w.out_proj_weight = mat_arg(kWhere, args, "outProjWeight", e, e);
  w.out_proj_bias = mat_arg(kWhere, args, "outProjBias", e, 1);
  return w;
}

// Every matrix of a multi-head trace's head, by its JS name.
constexpr TraceField kTraceFields[] = {{1, "q", &HeadTrace::q},
                                       {1, "k", &HeadTrace::k},
                                       {1, "v", &HeadTrace::v},
                                       {1, "scores", &HeadTrace::scores},
                                       {1, "scaled", &HeadTrace::scaled},
                                       {1, "masked", &HeadTrace::masked},
                                       {1, "weights", &HeadTrace::weights},
                                       {1, "output", &HeadTrace::output}};

// r -> {output, weights? (need_weights), heads?, concat?, mask? (trace)}
val result_js(const MultiHeadResult& r, bool need_weights) {
  val out = val::object();
  out.set("output", to_js(r.output));
  if (need_weights) out.set("weights", to_js(r.weights));
  if (!r.trace) return out;
  val heads = val::array();
  for (const HeadTrace& h : r.trace->heads)
    heads.call<void>("push", head_trace_js(&h, kTraceFields, 1));
  out.set("heads", heads);
  out.set("concat", to_js(r.trace->concat));
  out.set("mask", to_js(r.trace->mask));
  return out;
}

// {query, key, value, tq, tk, causal, attnMask?, keyPaddingMask?, needWeights, trace} for
// weights w -> forward(query, key, value, options) as a JS result.
template <typename Forward>
val run_multi_head(const MultiHeadWeights& w, const val& args, Forward&& forward) {
  constexpr const char* kWhere = "multiHeadAttention";
  const int tq = int_arg(args, "tq"), tk = int_arg(args, "tk");
  // Self attention passes one array as query, key and value: copy it once.
  const Mat query = mat_arg(kWhere, args, "query", tq, w.embed_dim);
  const int kdim = w.kdim == 0 ? w.embed_dim : w.kdim, vdim = w.vdim == 0 ? w.embed_dim : w.vdim;
  const bool key_is_query = args["key"].strictlyEquals(args["query"]) && kdim == w.embed_dim;
  const Mat key = key_is_query ? Mat() : mat_arg(kWhere, args, "key", tk, kdim);
  const bool value_is_key = args["value"].strictlyEquals(args["key"]) && vdim == kdim;
  const Mat value = value_is_key ? Mat() : mat_arg(kWhere, args, "value", tk, vdim);
  const Mat& key_in = key_is_query ? query : key;
  const Mat& value_in = value_is_key ? key_in : value;
  if (key_is_query) check_shape(kWhere, "key", key_in, tk, kdim);
  MultiHeadOptions o;
  o.causal = args["causal"].as<bool>();
  o.need_weights = args["needWeights"].as<bool>();
  o.trace = args["trace"].as<bool>();
  o.key_padding_mask = bytes_arg(kWhere, args, "keyPaddingMask", tk);
  if (has(args, "attnMask")) o.attn_mask = mask_arg(kWhere, args, "attnMask", tq, tk);
  return result_js(forward(query, key_in, value_in, o), o.need_weights);
}

// {<run_multi_head's arguments>, embedDim, numHeads, kdim, vdim, <weights>}
val multi_head_js(const val& args) {
  return guarded([&] {
    const MultiHeadWeights w = weights_arg(args);
    return run_multi_head(w, args,
                          [&](const Mat& q, const Mat& k, const Mat& v, const MultiHeadOptions& o) {
                            return multi_head_attention(q, k, v, w, o);
                          });
  });
}

// The JS handle of a MultiHeadLayer (createMultiHeadAttention): the weights are copied in
// once by load(), checked and packed by the core's MultiHeadLayer, then used by every
// forward() (for a model run many times, each call then moves only its inputs and outputs;
// d_model 768 brings 9.4 MB of weights per one-shot call). JS must call delete().
class MultiHeadLayerHandle {
 public:
  // {embedDim, numHeads, kdim, vdim, <weights>} -> {} or {error}; a failed load leaves no weights.
  val load(const val& args) {
    return guarded([&] {
      layer_.reset();
      layer_.emplace(weights_arg(args));
      return val::object();
    });
  }
  // run_multi_head's arguments without the weights.
  val forward(const val& args) const {
    return guarded([&] {
      if (!layer_) throw std::logic_error("multiHeadLayer: no weights loaded");
      return run_multi_head(layer_->weights(), args,
                            [&](const Mat& q, const Mat& k, const Mat& v,
                                const MultiHeadOptions& o) { return layer_->forward(q, k, v, o); });
    });
  }

 private:
  std::optional<MultiHeadLayer> layer_;
};

}  // namespace
}  // namespace attn::wasm

EMSCRIPTEN_BINDINGS(attn_attention) {
  emscripten::function("scaledDotProduct", &attn::wasm::scaled_dot_product_js);
  emscripten::function("multiHeadAttention", &attn::wasm::multi_head_js);
  emscripten::class_<attn::wasm::MultiHeadLayerHandle>("MultiHeadLayer")
      .constructor<>()
      .function("load", &attn::wasm::MultiHeadLayerHandle::load)
      .function("forward", &attn::wasm::MultiHeadLayerHandle::forward);
}
