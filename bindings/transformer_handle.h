// transformer_handle: the engine's Transformer (src/nn, src/train, src/io) as one long-lived
// handle class for Embind (registered in transformer_bindings.cpp; checkpoint_bindings.cpp
// hands it models opened from hub checkpoints). The JS API (web/lib/api-transformer.js) checks
// and normalizes arguments; here typed arrays are copied into buffers the handle keeps (so
// repeated calls allocate nothing once the largest batch has been seen), lengths are checked
// again, and every result is copied out. Errors come back as {error} (convert.h's guarded).
#pragma once

#include <emscripten/bind.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "convert.h"
#include "io/checkpoint.h"
#include "nn/transformer.h"
#include "train/train_step.h"
#include "transformer_js.h"

namespace attn::wasm {

using emscripten::val;

// array (a typed array or numbers, length n) -> out (resized to n, capacity kept).
template <typename T>
inline void copy_in(const val& array, std::vector<T>& out, std::size_t n) {
  out.resize(n);
  if (n) val(emscripten::typed_memory_view(n, out.data())).call<void>("set", array);
}

inline std::size_t length_of(const val& array) {
  return static_cast<std::size_t>(array["length"].as<double>());
}

inline nn::TransformerConfig config_arg(const val& a) {
  nn::TransformerConfig c;
  c.vocab_size = a["vocabSize"].as<int>();
  c.max_positions = a["maxPositions"].as<int>();
  c.embed_dim = a["embedDim"].as<int>();
  c.num_heads = a["numHeads"].as<int>();
  c.num_layers = a["numLayers"].as<int>();
  c.mlp_dim = a["mlpDim"].as<int>();
  c.type_vocab_size = a["typeVocabSize"].as<int>();
  c.causal = a["causal"].as<bool>();
  c.norm = nn::parse_norm(a["norm"].as<std::string>());
  c.activation = nn::parse_activation(a["activation"].as<std::string>());
  c.positions = nn::parse_position_encoding(a["positions"].as<std::string>());
  c.tie_embeddings = a["tieEmbeddings"].as<bool>();
  c.layer_norm_eps = a["layerNormEps"].as<float>();
  nn::validate(c);  // the training limit: a created model is one that trains
  return c;
}

class TransformerHandle {
 public:
  // {config fields, seed} -> {config} or {error}
  val create(const val& args) {
    return guarded([&] {
      auto model = std::make_unique<nn::Transformer>(config_arg(args));
      model->init_gpt2(args["seed"].as<std::uint32_t>());
      return adopt(std::move(model));
    });
  }
  // Uint8Array (a checkpoint of io/checkpoint.h) -> {config} or {error}
  val load(const val& bytes) {
    return guarded([&] {
      copy_in(bytes, file_, length_of(bytes));
      auto model = io::load_transformer(file_.data(), file_.size());
      std::vector<std::uint8_t>().swap(file_);  // a checkpoint can be large: do not keep it
      return adopt(std::move(model));
    });
  }
  // {tokenIds (T), tokenTypes? (T)} -> {logits (T·V), attention: [(H·T·T) per layer]}
  val run(const val& args) {
    return guarded([&] {
      const nn::Batch batch = batch_arg(args["tokenIds"], args["tokenTypes"], 1);
      return run_js(model(), batch);
    });
  }
  // {inputs (B·T), targets (B·T), batch: B, optimizer: {lr, beta1, beta2, eps, weightDecay,
  // clipNorm}} -> {loss, gradNorm, counted}
  val train_step(const val& args) {
    return guarded([&] {
      const int B = args["batch"].as<int>();
      const nn::Batch batch = batch_arg(args["inputs"], val::undefined(), B);
      copy_in(args["targets"], targets_, length_of(args["targets"]));
      if (targets_.size() != ids_.size())
        throw std::invalid_argument("trainStep: targets must have as many entries as inputs");
      const val o = args["optimizer"];
      train::AdamWConfig a;
      a.lr = o["lr"].as<float>();
      a.beta1 = o["beta1"].as<float>();
      a.beta2 = o["beta2"].as<float>();
      a.eps = o["eps"].as<float>();
      a.weight_decay = o["weightDecay"].as<float>();
      a.clip_norm = o["clipNorm"].as<float>();
      if (static_cast<long long>(model().num_params()) > nn::kMaxParameters)
        throw std::invalid_argument("trainStep: this model is too large to train in the wasm heap");
      if (!optimizer_) optimizer_ = std::make_unique<train::AdamW>(model().tensors());
      const train::StepResult r =
          train::train_step(model(), *optimizer_, batch, targets_.data(), a);
      val out = val::object();
      out.set("loss", r.loss);
      out.set("gradNorm", r.grad_norm);
      out.set("counted", r.counted);
      return out;
    });
  }
  // -> Uint8Array (safetensors)
  val save() {
    return guarded([&] { return save_js(model()); });
  }

  nn::Transformer& model() {
    if (!model_) throw std::logic_error("transformer: no model (create or load failed)");
    return *model_;
  }
  // Takes a model built elsewhere (a hub checkpoint: checkpoint_bindings.cpp) -> {config}.
  val adopt(std::unique_ptr<nn::Transformer> model) {
    model_ = std::move(model);
    optimizer_.reset();
    return config_js(model_->config(), model_->num_params());
  }

 private:
  // ids (B·T) [, types (B·T)] -> a batch over this handle's copies
  nn::Batch batch_arg(const val& ids, const val& types, int B) {
    const std::size_t n = length_of(ids);
    if (B < 1 || n == 0 || n % static_cast<std::size_t>(B) != 0)
      throw std::invalid_argument(
          "transformer: token ids must be a non-empty multiple of the batch size");
    copy_in(ids, ids_, n);
    nn::Batch batch;
    batch.ids = ids_.data();
    batch.B = B;
    batch.T = static_cast<int>(n / static_cast<std::size_t>(B));
    if (!types.isUndefined() && !types.isNull()) {
      copy_in(types, types_, length_of(types));
      if (types_.size() != n)
        throw std::invalid_argument("transformer: tokenTypes must have one entry per token");
      batch.types = types_.data();
    }
    return batch;
  }

  std::unique_ptr<nn::Transformer> model_;
  std::unique_ptr<train::AdamW> optimizer_;
  std::vector<int> ids_, types_, targets_;
  std::vector<std::uint8_t> file_;
};

}  // namespace attn::wasm
