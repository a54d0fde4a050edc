// trainer_bindings: Embind registration of the Train mode's Trainer (src/train/trainer.h) as one
// long-lived handle class. The JS API (web/lib/api-trainer.js) checks and normalizes options;
// here they are read, the core validates them again, and every result is copied out. The
// trainer's model is reachable through modelRun / modelSave / modelConfig, which the JS API
// wraps as the same kind of object createTransformer gives. Errors come back as {error}.
#include <emscripten/bind.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "convert.h"
#include "io/checkpoint.h"
#include "train/trainer.h"
#include "transformer_js.h"

namespace attn::wasm {
namespace {

using emscripten::val;

// The JS-visible fields over the task's defaults (which also hold the recipe's hidden knobs).
train::TrainerConfig trainer_config(const val& a) {
  train::TrainerConfig c = train::task_defaults(train::parse_task(a["task"].as<std::string>()));
  c.layers = a["layers"].as<int>();
  c.heads = a["heads"].as<int>();
  c.embed_dim = a["embedDim"].as<int>();
  c.attention_only = a["attentionOnly"].as<bool>();
  c.lr = a["lr"].as<float>();
  c.batch = a["batch"].as<int>();
  c.seed = a["seed"].as<std::uint32_t>();
  return c;
}

val tokens_js(train::Task task, const std::vector<int>& ids,
              const std::vector<std::uint8_t>& scored, const std::vector<int>& predictions) {
  val tokens = val::array();
  for (std::size_t i = 0; i < ids.size(); ++i) {
    val t = val::object();
    t.set("id", ids[i]);
    t.set("text", train::token_text(task, ids[i]));
    t.set("scored", scored[i] != 0);
    const int p = predictions[i];
    t.set("predicted", p < 0 ? val::null() : val(train::token_text(task, p)));
    t.set("correct", p >= 0 && p == ids[i]);
    tokens.call<void>("push", t);
  }
  return tokens;
}

val probe_js(const train::Trainer& trainer, const train::Probe& p) {
  const train::Task task = trainer.config().task;
  val out = val::object();
  out.set("step", trainer.step());
  out.set("tokens", tokens_js(task, p.tokens, p.scored, p.predictions));
  val layers = val::array();
  for (const std::vector<train::HeadProbe>& layer : p.layers) {
    val heads = val::array();
    for (const train::HeadProbe& h : layer) {
      val head = val::object();
      head.set("weights", to_float32_array(h.weights.data(), h.weights.size()));
      head.set("label", h.label);
      head.set("score", h.label == "previous-token" ? h.previous_token
                                                    : std::max(h.induction, h.previous_token));
      head.set("previousToken", h.previous_token);
      head.set("induction", h.induction);
      head.set("previousTokenStep",
               h.previous_token_step < 0 ? val::null() : val(h.previous_token_step));
      head.set("inductionStep", h.induction_step < 0 ? val::null() : val(h.induction_step));
      heads.call<void>("push", head);
    }
    val layer_js = val::object();
    layer_js.set("heads", heads);
    layers.call<void>("push", layer_js);
  }
  out.set("layers", layers);
  val events = val::array();
  for (const train::HeadEvent& e : trainer.events()) {
    val event = val::object();
    event.set("step", e.step);
    event.set("layer", e.layer);
    event.set("head", e.head);
    event.set("label", e.label);
    events.call<void>("push", event);
  }
  out.set("events", events);
  return out;
}

// task name -> {layers, heads, embedDim, attentionOnly, lr, batch}: createTrainer's fallbacks.
val trainer_defaults(const std::string& task) {
  const train::TrainerConfig c = train::task_defaults(train::parse_task(task));
  val out = val::object();
  out.set("layers", c.layers);
  out.set("heads", c.heads);
  out.set("embedDim", c.embed_dim);
  out.set("attentionOnly", c.attention_only);
  out.set("lr", c.lr);
  out.set("batch", c.batch);
  return out;
}

class TrainerHandle {
 public:
  // {task, layers, heads, embedDim, attentionOnly, lr, batch, seed} -> {task, vocabSize,
  // seqLen, firstScored, model: the model's config as createTransformer reports it} or {error}
  val create(const val& args) {
    return guarded([&] {
      trainer_ = std::make_unique<train::Trainer>(trainer_config(args));
      const train::TaskSpec& s = trainer_->spec();
      val out = val::object();
      out.set("task", std::string(train::task_name(s.task)));
      out.set("vocabSize", s.vocab_size);
      out.set("seqLen", s.seq_len);
      out.set("firstScored", s.first_scored);
      out.set("model", config_js(trainer_->model().config(), trainer_->model().num_params()));
      return out;
    });
  }
  // steps -> {step, loss, accuracy}
  val train(int steps) {
    return guarded([&] {
      const train::TrainProgress p = trainer().train(steps);
      val out = val::object();
      out.set("step", p.step);
      out.set("loss", p.loss);
      out.set("accuracy", p.accuracy);
      return out;
    });
  }
  // examples -> {accuracy, examples}
  val evaluate(int examples) {
    return guarded([&] {
      val out = val::object();
      out.set("accuracy", trainer().evaluate(examples));
      out.set("examples", examples);
      return out;
    });
  }
  // -> {step, tokens: [{id, text, scored, predicted, correct}], layers: [{heads: [{weights (T·T),
  // label, score, previousToken, induction}]}], events: [{step, layer, head, label}]}
  val probe() {
    return guarded([&] { return probe_js(trainer(), trainer().probe()); });
  }
  // {tokenIds (T)} -> {logits (T·V), attention: [(H·T·T) per layer]}: the trainer's model
  val model_run(const val& args) {
    return guarded([&] {
      ids_ = emscripten::convertJSArrayToNumberVector<int>(args["tokenIds"]);
      if (ids_.empty()) throw std::invalid_argument("run: tokenIds must not be empty");
      nn::Batch batch;
      batch.ids = ids_.data();
      batch.T = static_cast<int>(ids_.size());
      return run_js(trainer().model(), batch);
    });
  }
  // -> Uint8Array (safetensors, loadable by loadTransformer)
  val model_save() {
    return guarded([&] { return save_js(trainer().model()); });
  }

 private:
  train::Trainer& trainer() {
    if (!trainer_) throw std::logic_error("trainer: not created (create failed)");
    return *trainer_;
  }
  std::unique_ptr<train::Trainer> trainer_;
  std::vector<int> ids_;
};

}  // namespace
}  // namespace attn::wasm

EMSCRIPTEN_BINDINGS(attn_trainer) {
  emscripten::function("trainerDefaults", &attn::wasm::trainer_defaults);
  emscripten::class_<attn::wasm::TrainerHandle>("TrainerHandle")
      .constructor<>()
      .function("create", &attn::wasm::TrainerHandle::create)
      .function("train", &attn::wasm::TrainerHandle::train)
      .function("evaluate", &attn::wasm::TrainerHandle::evaluate)
      .function("probe", &attn::wasm::TrainerHandle::probe)
      .function("modelRun", &attn::wasm::TrainerHandle::model_run)
      .function("modelSave", &attn::wasm::TrainerHandle::model_save);
}
